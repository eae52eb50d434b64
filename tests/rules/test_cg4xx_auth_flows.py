"""CG401–CG407 (sign-in flows and user existence): triggering fixtures with positions, near misses,
the rule docs' own examples, the peer and real corpora, and property tests over ExplicitAuthFlows."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.model import build_client
from support import (PEER, REAL, UNKNOWN, api_json as api, cfn, doc_fixture, ids_and_lines, known, lint_rules as only,
                     lint_text, listish, materialize, rules_by_id, span_text)

# --- CG401 legacy-and-allow-flows-mixed -------------------------------------------------------------

def test_cg401_mixed_cfn_points_at_first_legacy_name():
    text = cfn("ExplicitAuthFlows:\n  - ALLOW_REFRESH_TOKEN_AUTH\n  - USER_PASSWORD_AUTH\n  - ADMIN_NO_SRP_AUTH")
    findings = only(text, "CG401")
    assert ids_and_lines(findings) == [("CG401", 10, 11)]
    assert span_text(findings[0], text) == "USER_PASSWORD_AUTH"
    assert findings[0].level == "error"
    assert ("Replace USER_PASSWORD_AUTH with ALLOW_USER_PASSWORD_AUTH and ADMIN_NO_SRP_AUTH with "
            "ALLOW_ADMIN_USER_PASSWORD_AUTH") in findings[0].message


def test_cg401_api_payload():
    text = api(UserPoolId="p", ClientName="c", ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY"])
    findings = only(text, "CG401", "client.json")
    assert ids_and_lines(findings) == [("CG401", 6, 5)]
    assert span_text(findings[0], text) == '"CUSTOM_AUTH_FLOW_ONLY"'


def test_cg401_near_misses():
    assert only(cfn("ExplicitAuthFlows: [ADMIN_NO_SRP_AUTH, USER_PASSWORD_AUTH]"), "CG401") == []
    assert only(cfn("ExplicitAuthFlows: [ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]"), "CG401") == []
    assert only(cfn("ExplicitAuthFlows: [ADMIN_NO_SRP_AUTH, !Ref Flow]"), "CG401") == []
    assert only(cfn("ExplicitAuthFlows: !Ref Flows"), "CG401") == []
    assert only(cfn("ClientName: web"), "CG401") == []  # the default is all ALLOW_ names


# --- CG402 legacy-auth-flow-names -------------------------------------------------------------------

def test_cg402_one_note_per_legacy_name():
    text = cfn("ExplicitAuthFlows: [ADMIN_NO_SRP_AUTH, USER_PASSWORD_AUTH, ADMIN_NO_SRP_AUTH]")
    findings = only(text, "CG402")
    assert ids_and_lines(findings) == [("CG402", 8, 27), ("CG402", 8, 46)]
    assert [span_text(f, text) for f in findings] == ["ADMIN_NO_SRP_AUTH", "USER_PASSWORD_AUTH"]
    assert "use ALLOW_ADMIN_USER_PASSWORD_AUTH" in findings[0].message
    assert "use ALLOW_USER_PASSWORD_AUTH" in findings[1].message
    assert findings[0].level == "note"


def test_cg402_api_update_payload():
    text = api(UserPoolId="p", ClientId="1ex", ExplicitAuthFlows=["CUSTOM_AUTH_FLOW_ONLY"])
    findings = only(text, "CG402", "client.json")
    assert ids_and_lines(findings) == [("CG402", 5, 5)]
    assert "ALLOW_CUSTOM_AUTH" in findings[0].message


def test_cg402_near_misses():
    assert only(cfn("ExplicitAuthFlows: [ADMIN_NO_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]"), "CG402") == []  # CG401
    assert only(cfn("ExplicitAuthFlows: [USER_PASSWORD_AUTH, !Ref More]"), "CG402") == []  # maybe mixed
    assert only(cfn("ExplicitAuthFlows: [ALLOW_USER_SRP_AUTH]"), "CG402") == []
    assert only(cfn("ExplicitAuthFlows: !Ref Flows"), "CG402") == []


# --- CG403 plaintext-password-flow ------------------------------------------------------------------

def test_cg403_allow_and_legacy_names():
    text = cfn("ExplicitAuthFlows:\n  - ALLOW_USER_SRP_AUTH\n  - ALLOW_USER_PASSWORD_AUTH")
    findings = only(text, "CG403")
    assert ids_and_lines(findings) == [("CG403", 10, 11)]
    assert span_text(findings[0], text) == "ALLOW_USER_PASSWORD_AUTH"
    text = api(UserPoolId="p", ClientName="c", ExplicitAuthFlows=["USER_PASSWORD_AUTH"])
    findings = only(text, "CG403", "client.json")
    assert ids_and_lines(findings) == [("CG403", 5, 5)]
    assert "USER_PASSWORD_AUTH" in findings[0].message


def test_cg403_one_finding_when_both_names_present():
    findings = only(cfn("ExplicitAuthFlows: [USER_PASSWORD_AUTH, ALLOW_USER_PASSWORD_AUTH]"), "CG403")
    assert ids_and_lines(findings) == [("CG403", 8, 27)]


def test_cg403_near_misses():
    assert only(cfn("ClientName: web"), "CG403") == []  # the default has no password flow
    assert only(cfn("ExplicitAuthFlows: [ALLOW_USER_SRP_AUTH, ALLOW_ADMIN_USER_PASSWORD_AUTH]"), "CG403") == []
    assert only(cfn("ExplicitAuthFlows: [!Ref Flow]"), "CG403") == []


# --- CG404 admin-password-flow-without-secret -------------------------------------------------------

def test_cg404_admin_flow_without_secret():
    text = cfn("GenerateSecret: false\nExplicitAuthFlows: [ALLOW_REFRESH_TOKEN_AUTH, ALLOW_ADMIN_USER_PASSWORD_AUTH]")
    findings = only(text, "CG404")
    assert ids_and_lines(findings) == [("CG404", 9, 53)]
    assert span_text(findings[0], text) == "ALLOW_ADMIN_USER_PASSWORD_AUTH"
    text = api(UserPoolId="p", ClientName="c", ExplicitAuthFlows=["ADMIN_NO_SRP_AUTH"])
    findings = only(text, "CG404", "client.json")
    assert ids_and_lines(findings) == [("CG404", 5, 5)]
    assert "GenerateSecret is omitted" in findings[0].message


def test_cg404_near_misses():
    flows = "ExplicitAuthFlows: [ALLOW_ADMIN_USER_PASSWORD_AUTH]\n"
    assert only(cfn(flows + "GenerateSecret: true"), "CG404") == []
    assert only(cfn(flows + "GenerateSecret: !Ref Secret"), "CG404") == []
    assert only(cfn("ExplicitAuthFlows: [ALLOW_USER_SRP_AUTH]"), "CG404") == []
    assert only(api(UserPoolId="p", ClientId="1ex", ExplicitAuthFlows=["ADMIN_NO_SRP_AUTH"]),
                "CG404", "client.json") == []
    describe = json.dumps({"UserPoolClient": {"UserPoolId": "p", "ClientName": "c", "ClientId": "1ex",
                                              "ExplicitAuthFlows": ["ALLOW_ADMIN_USER_PASSWORD_AUTH"]}})
    assert only(describe, "CG404", "client.json") == []
    assert only(api(UserPoolId="p", ClientName="c", ClientSecret="abcd" * 13,
                    ExplicitAuthFlows=["ADMIN_NO_SRP_AUTH"]), "CG404", "client.json") == []


# --- CG405 implicit-auth-flow-defaults --------------------------------------------------------------

def test_cg405_omitted_points_at_client():
    text = cfn("ClientName: web")
    findings = only(text, "CG405")
    assert ids_and_lines(findings) == [("CG405", 4, 3)]
    assert span_text(findings[0], text) == "WebClient"
    assert "ALLOW_CUSTOM_AUTH" in findings[0].message and findings[0].level == "note"


def test_cg405_api_describe_points_at_the_client_object_key():
    text = json.dumps({"UserPoolClient": {"UserPoolId": "p", "ClientName": "c", "ClientId": "1ex"}}, indent=2)
    findings = only(text, "CG405", "client.json")
    assert ids_and_lines(findings) == [("CG405", 2, 3)]
    assert span_text(findings[0], text) == '"UserPoolClient"'


def test_cg405_near_misses():
    assert only(cfn("ExplicitAuthFlows: [ALLOW_USER_SRP_AUTH]"), "CG405") == []
    assert only(cfn("ExplicitAuthFlows: !Ref Flows"), "CG405") == []
    assert only(cfn("ExplicitAuthFlows: []"), "CG405") == []
    # Update payloads: CG701 reports the omitted (reset) field.
    assert only(api(UserPoolId="p", ClientId="1ex"), "CG405", "client.json") == []


def test_cg405_only_in_the_branch_that_removes_the_list():
    text = ("Conditions:\n  Custom: !Equals [!Ref Mode, custom]\n"
            + cfn("ExplicitAuthFlows: !If [Custom, !Ref AWS::NoValue, [ALLOW_USER_SRP_AUTH]]"))
    findings = only(text, "CG405")
    assert len(findings) == 1 and findings[0].message.endswith("(when Custom is true)")


# --- CG406 user-existence-errors-not-prevented ------------------------------------------------------

def test_cg406_legacy_value_and_omitted():
    text = cfn("PreventUserExistenceErrors: LEGACY")
    findings = only(text, "CG406")
    assert ids_and_lines(findings) == [("CG406", 8, 35)]
    assert span_text(findings[0], text) == "LEGACY"
    text = cfn("ClientName: web")
    findings = only(text, "CG406")
    assert ids_and_lines(findings) == [("CG406", 4, 3)]
    assert "omitted" in findings[0].message
    text = api(UserPoolId="p", ClientId="1ex", PreventUserExistenceErrors="LEGACY")
    findings = only(text, "CG406", "client.json")
    assert ids_and_lines(findings) == [("CG406", 4, 33)]
    assert span_text(findings[0], text) == '"LEGACY"'


def test_cg406_near_misses():
    assert only(cfn("PreventUserExistenceErrors: ENABLED"), "CG406") == []
    assert only(cfn("PreventUserExistenceErrors: !Ref Prevent"), "CG406") == []
    assert only(cfn("PreventUserExistenceErrors: Enabled"), "CG406") == []  # CG005's invalid value


# --- CG407 cognito-disabled-but-sdk-sign-in-open ----------------------------------------------------

def test_cg407_saml_only_with_default_flows():
    text = cfn("SupportedIdentityProviders:\n  - CorporateSAML")
    findings = only(text, "CG407")
    assert ids_and_lines(findings) == [("CG407", 8, 7)]
    assert span_text(findings[0], text) == "SupportedIdentityProviders"
    assert "default allows ALLOW_USER_SRP_AUTH and ALLOW_CUSTOM_AUTH" in findings[0].message


def test_cg407_explicit_sign_in_flows_and_api_payload():
    text = api(UserPoolId="p", ClientName="c", SupportedIdentityProviders=["Google"],
               ExplicitAuthFlows=["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_AUTH"])
    findings = only(text, "CG407", "client.json")
    assert ids_and_lines(findings) == [("CG407", 4, 3)]
    assert span_text(findings[0], text) == '"SupportedIdentityProviders"'
    assert "still allows ALLOW_USER_AUTH" in findings[0].message
    for flow in ("USER_PASSWORD_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "ALLOW_USER_PASSWORD_AUTH"):
        assert len(only(cfn(f"SupportedIdentityProviders: []\nExplicitAuthFlows: [{flow}]"), "CG407")) == 1


def test_cg407_near_misses():
    assert only(cfn("SupportedIdentityProviders: [CorporateSAML]\nExplicitAuthFlows: [ALLOW_REFRESH_TOKEN_AUTH]"),
                "CG407") == []
    # Admin flows need AWS credentials: not open to whoever knows the client ID.
    assert only(cfn("SupportedIdentityProviders: [Google]\n"
                    "ExplicitAuthFlows: [ALLOW_ADMIN_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH]"), "CG407") == []
    assert only(cfn("SupportedIdentityProviders: [COGNITO, Google]"), "CG407") == []
    assert only(cfn("SupportedIdentityProviders: [Google, !Ref Other]"), "CG407") == []
    assert only(cfn("SupportedIdentityProviders: !Ref Providers"), "CG407") == []
    assert only(cfn("SupportedIdentityProviders: [Google]\nExplicitAuthFlows: !Ref Flows"), "CG407") == []
    assert only(cfn("ClientName: web"), "CG407") == []  # not set: nothing was hidden


# --- docs, peer suite, real corpus ------------------------------------------------------------------

MINE = ["CG401", "CG402", "CG403", "CG404", "CG405", "CG406", "CG407"]


@pytest.mark.parametrize("rule_id", MINE)
def test_doc_example_triggers_and_fix_does_not(rule_id):
    assert only(doc_fixture(rule_id, "Example"), rule_id) != []
    assert only(doc_fixture(rule_id, "Fix"), rule_id) == []


@pytest.mark.shared("corpus/peer-cdk-preflight")
def test_peer_legacy_mix_fails_with_cg401_and_no_pass_template_gets_an_error():
    text = (PEER / "pf-cognito-explicit-auth-flows-legacy-mix" / "fail.template.json").read_text(encoding="utf-8")
    errors = [f for f in lint_text(text, "fail.template.json", select=MINE) if f.level == "error"]
    assert [f.rule_id for f in errors] == ["CG401"]
    for path in sorted(PEER.glob("*/pass.template.json")):
        findings = lint_text(path.read_text(encoding="utf-8"), "pass.template.json", select=MINE)
        assert [f for f in findings if f.level == "error"] == [], path.parent.name


@pytest.mark.shared("corpus/real")
def test_real_corpus_sign_in_findings_are_the_reviewed_ones():
    def lint(name, rules):
        path = REAL / name
        return [(f.rule_id, f.span.line) for f in lint_text(path.read_text(encoding="utf-8"), path.name, select=rules)]

    # Legacy-only lists (notes), never the mixed-list error.
    assert lint("aws-samples__amazon-cognito-passwordless-email-auth__cognito__template.yaml",
                ["CG401", "CG402"]) == [("CG402", 185)]
    assert lint("hharzer__cognito-rest-api__deploy__cognito-userpool-client.json",
                ["CG401", "CG402", "CG403", "CG404"]) == [
        ("CG402", 14), ("CG404", 14), ("CG402", 15), ("CG403", 15)]
    # A committed CDK assembly with only a SAML provider and the default flows.
    assert lint("corymhall__amplify-cognito-saml-example__cdk.out__assembly-CognitoApp__CognitoApp-AuthStack"
                ".template.json", ["CG407"]) == [("CG407", 81)]
    # PreventUserExistenceErrors: ENABLED and an explicit list: silent.
    assert lint("theburningmonk__appsyncmasterclass-backend__serverless.yml", ["CG405", "CG406"]) == []


# --- property tests over ExplicitAuthFlows ----------------------------------------------------------

AUTH_FLOWS = ["ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH",
              "ALLOW_CUSTOM_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH",
              "ALLOW_USER_AUTH", "USER_SRP_AUTH"]  # the last one is invalid (CG005), neither legacy nor ALLOW_
LEGACY = {"ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "USER_PASSWORD_AUTH"}
SIGN_IN = {"USER_PASSWORD_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "ALLOW_CUSTOM_AUTH", "ALLOW_USER_PASSWORD_AUTH",
           "ALLOW_USER_SRP_AUTH", "ALLOW_USER_AUTH"}
DEFAULT = ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"]


@settings(max_examples=400, deadline=None)
@given(kind=st.sampled_from(["api-create", "api-update", "api-describe", "cloudformation"]),
       flows=listish(AUTH_FLOWS), providers=listish(["COGNITO", "Google", "CorporateSAML"]),
       generate=st.sampled_from([None, True, False, UNKNOWN]),
       prevent=st.sampled_from([None, "LEGACY", "ENABLED", UNKNOWN]))
def test_sign_in_family_matches_oracle(kind, flows, providers, generate, prevent):
    raw = {"UserPoolId": "us-east-1_abc", "ClientName": "c"}
    for field, value in (("ExplicitAuthFlows", flows), ("SupportedIdentityProviders", providers),
                         ("GenerateSecret", generate), ("PreventUserExistenceErrors", prevent)):
        if value is not None:
            raw[field] = materialize(value)
    client = build_client(kind, "c", raw)
    rules = rules_by_id(MINE)
    fired = {rule_id for rule_id in MINE if rules[rule_id].run(client, dict(rules[rule_id].options))}

    kf = known(flows)
    legacy = LEGACY & set(kf)
    allow = {f for f in kf if f.startswith("ALLOW_")}
    effective = DEFAULT if flows is None else kf
    if flows is not None and kf and UNKNOWN not in flows and set(kf) <= LEGACY:  # legacy names keep SRP and refresh
        effective = kf + ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    no_secret = kind in ("api-create", "cloudformation") and generate in (None, False)
    expected = set()
    if legacy and allow:
        expected.add("CG401")
    if legacy and not allow and UNKNOWN not in flows:
        expected.add("CG402")
    if {"ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH"} & set(kf):
        expected.add("CG403")
    if {"ALLOW_ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"} & set(kf) and no_secret:
        expected.add("CG404")
    if flows is None and kind != "api-update":
        expected.add("CG405")
    if prevent == "LEGACY" or (prevent is None and kind != "api-update"):  # omitted in an Update: CG701
        expected.add("CG406")
    if (isinstance(providers, list) and UNKNOWN not in providers and "COGNITO" not in providers
            and flows is not UNKNOWN and SIGN_IN & set(effective)):
        expected.add("CG407")
    assert fired == expected
    assert not {"CG401", "CG402"} <= fired  # exclusive


@settings(max_examples=200, deadline=None)
@given(flows=st.lists(st.sampled_from(AUTH_FLOWS), min_size=1, max_size=5))
def test_cg401_cg402_through_a_template(flows):
    """The same exclusivity when the list comes from YAML text, and every finding is on a legacy item."""
    text = cfn("ExplicitAuthFlows:\n" + "".join(f"  - {f}\n" for f in flows))
    findings = lint_text(text, select=["CG401", "CG402"])
    assert len({f.rule_id for f in findings}) <= 1
    for f in findings:
        assert span_text(f, text) in LEGACY
    mixed = bool(LEGACY & set(flows)) and any(f.startswith("ALLOW_") for f in flows)
    assert ([f.rule_id for f in findings] == ["CG401"]) == mixed
    if not mixed:
        assert len(findings) == len(LEGACY & set(flows))


def test_cg407_reads_legacy_lists_and_provider_references():
    """Issue 14: legacy names keep SRP sign-in open; a reference to an identity provider resource
    cannot be COGNITO; a reference to a parameter may be."""
    legacy = cfn("SupportedIdentityProviders: [CorporateSAML]\nExplicitAuthFlows: [ADMIN_NO_SRP_AUTH]")
    findings = lint_text(legacy, select=["CG407"])
    assert [f.rule_id for f in findings] == ["CG407"] and "only legacy names" in findings[0].message
    template = ("Resources:\n  Pool:\n    Type: AWS::Cognito::UserPool\n  GoogleIdP:\n"
                "    Type: AWS::Cognito::UserPoolIdentityProvider\n    Properties: {UserPoolId: !Ref Pool, "
                "ProviderName: Google, ProviderType: Google}\n  Client:\n    Type: AWS::Cognito::UserPoolClient\n"
                "    Properties:\n      UserPoolId: !Ref Pool\n      SupportedIdentityProviders: [IDP]\n")
    referenced = lint_text(template.replace("IDP", "!Ref GoogleIdP"), select=["CG407"])
    assert ids_and_lines(referenced) == [("CG407", 11, 7)] and "is [Google] (no COGNITO)" in referenced[0].message
    parameter = "Parameters:\n  Idp: {Type: String}\n" + template.replace("IDP", "!Ref Idp")
    assert lint_text(parameter, select=["CG407"]) == []
