"""CG102–CG107 (OAuth flows and scopes): triggering fixtures with positions, near misses, the rule
docs' own examples, the peer and real corpora, and a property test of the CG101/CG102/CG103 family."""
from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.model import Unknown, build_client
from support import CORPUS, cfn, ids_and_lines, lint_text, rules_by_id, span_text

def api(**fields) -> str:
    """An API payload, one field per line (line 2 holds the first field), 2-space indent."""
    return json.dumps(fields, indent=2) + "\n"


def only(text: str, rule: str, filename: str = "template.yaml"):
    return lint_text(text, filename, select=[rule])


# --- CG102 client-credentials-without-secret ------------------------------------------------------

def test_cg102_generate_secret_false_cfn():
    text = cfn("GenerateSecret: false\nAllowedOAuthFlowsUserPoolClient: true\n"
               "AllowedOAuthFlows: [client_credentials]\nAllowedOAuthScopes: [orders/read]")
    findings = only(text, "CG102")
    assert ids_and_lines(findings) == [("CG102", 10, 27)]
    assert span_text(findings[0], text) == "client_credentials"
    assert "GenerateSecret is false" in findings[0].message
    assert findings[0].level == "error"


def test_cg102_generate_secret_omitted_api_create():
    text = api(UserPoolId="us-east-1_abc", ClientName="m2m", AllowedOAuthFlowsUserPoolClient=True,
               AllowedOAuthFlows=["client_credentials"], AllowedOAuthScopes=["orders/read"])
    findings = only(text, "CG102", "client.json")
    assert ids_and_lines(findings) == [("CG102", 6, 5)]
    assert span_text(findings[0], text) == '"client_credentials"'
    assert "omitted" in findings[0].message


def test_cg102_silent_with_secret_or_unknown_secret():
    flows = "AllowedOAuthFlows: [client_credentials]\nAllowedOAuthScopes: [orders/read]\n"
    assert only(cfn(flows + "GenerateSecret: true"), "CG102") == []
    assert only(cfn(flows + 'GenerateSecret: "true"'), "CG102") == []  # CloudFormation string boolean
    assert only(cfn(flows + "GenerateSecret: !Ref Secret"), "CG102") == []
    secret = api(UserPoolId="p", ClientName="m2m", ClientSecret="abcd" * 13,
                 AllowedOAuthFlows=["client_credentials"])
    assert only(secret, "CG102", "client.json") == []
    # An API payload with the string "true" is invalid (CG003): unknown here, so silent.
    assert only(api(UserPoolId="p", ClientName="m", GenerateSecret="true",
                    AllowedOAuthFlows=["client_credentials"]), "CG102", "client.json") == []


def test_cg102_silent_on_update_and_describe_payloads():
    update = api(UserPoolId="p", ClientId="1example23456789", AllowedOAuthFlows=["client_credentials"])
    assert only(update, "CG102", "client.json") == []
    describe = json.dumps({"UserPoolClient": {"UserPoolId": "p", "ClientName": "m", "ClientId": "1ex",
                                              "AllowedOAuthFlows": ["client_credentials"]}})
    assert only(describe, "CG102", "client.json") == []


def test_cg102_silent_when_flows_mixed_or_unknown():
    # A client that mixes flows is CG101's finding only.
    text = cfn("AllowedOAuthFlows: [code, client_credentials]")
    assert [f.rule_id for f in lint_text(text, select=["CG101", "CG102"])] == ["CG101"]
    assert only(cfn("AllowedOAuthFlows: !Ref Flows"), "CG102") == []
    assert only(cfn("AllowedOAuthFlows: [code]"), "CG102") == []


def test_cg102_reports_only_the_condition_branch_without_secret():
    text = ("Conditions:\n  Prod: !Equals [!Ref Env, prod]\n"
            + cfn("GenerateSecret: !If [Prod, true, false]\nAllowedOAuthFlows: [client_credentials]"))
    findings = only(text, "CG102")
    assert len(findings) == 1
    assert findings[0].message.endswith("(when Prod is false)")


# --- CG103 client-credentials-with-user-scope -----------------------------------------------------

def test_cg103_each_user_scope_on_machine_client():
    text = cfn("GenerateSecret: true\nAllowedOAuthFlows: [client_credentials]\n"
               "AllowedOAuthScopes:\n  - openid\n  - orders/read\n  - aws.cognito.signin.user.admin")
    findings = only(text, "CG103")
    assert ids_and_lines(findings) == [("CG103", 11, 11), ("CG103", 13, 11)]
    assert [span_text(f, text) for f in findings] == ["openid", "aws.cognito.signin.user.admin"]
    assert "'openid'" in findings[0].message


def test_cg103_api_payload():
    text = api(UserPoolId="p", ClientName="m", GenerateSecret=True,
               AllowedOAuthFlows=["client_credentials"], AllowedOAuthScopes=["email"])
    findings = only(text, "CG103", "client.json")
    assert ids_and_lines(findings) == [("CG103", 9, 5)]
    assert span_text(findings[0], text) == '"email"'


def test_cg103_near_misses():
    assert only(cfn("AllowedOAuthFlows: [client_credentials]\nAllowedOAuthScopes: [orders/read, orders/write]"),
                "CG103") == []
    assert only(cfn("AllowedOAuthFlows: [code]\nAllowedOAuthScopes: [openid, email]"), "CG103") == []
    assert only(cfn("AllowedOAuthFlows: [client_credentials]\nAllowedOAuthScopes: !Ref Scopes"), "CG103") == []
    assert only(cfn("AllowedOAuthFlows: !Ref Flows\nAllowedOAuthScopes: [openid]"), "CG103") == []
    # Scope names are exact: an identifier named like a user scope is a resource-server scope.
    assert only(cfn("AllowedOAuthFlows: [client_credentials]\nAllowedOAuthScopes: [openid/read, OPENID]"),
                "CG103") == []


# --- CG104 oauth-enabled-without-flows-or-scopes ----------------------------------------------------

def test_cg104_missing_scopes_points_at_logical_id():
    text = cfn("GenerateSecret: true\nAllowedOAuthFlowsUserPoolClient: true\nAllowedOAuthFlows: [client_credentials]")
    findings = only(text, "CG104")
    assert ids_and_lines(findings) == [("CG104", 4, 3)]
    assert span_text(findings[0], text) == "WebClient"
    assert "AllowedOAuthScopes is missing" in findings[0].message


def test_cg104_both_missing_is_one_finding():
    findings = only(cfn('AllowedOAuthFlowsUserPoolClient: "true"'), "CG104")
    assert ids_and_lines(findings) == [("CG104", 4, 3)]
    assert "AllowedOAuthFlows and AllowedOAuthScopes are missing" in findings[0].message


def test_cg104_empty_lists_point_at_the_list():
    text = cfn("AllowedOAuthFlowsUserPoolClient: true\nAllowedOAuthFlows: []\nAllowedOAuthScopes: [openid]")
    findings = only(text, "CG104")
    assert ids_and_lines(findings) == [("CG104", 9, 26)]
    assert span_text(findings[0], text) == "[]"
    text = api(UserPoolId="p", ClientName="c", AllowedOAuthFlowsUserPoolClient=True,
               AllowedOAuthFlows=["code"], AllowedOAuthScopes=[])
    findings = only(text, "CG104", "client.json")
    assert ids_and_lines(findings) == [("CG104", 8, 25)]
    assert span_text(findings[0], text) == "[]"


def test_cg104_empty_and_missing_are_two_findings():
    text = cfn("AllowedOAuthFlowsUserPoolClient: true\nAllowedOAuthScopes: []")
    findings = only(text, "CG104")
    assert ids_and_lines(findings) == [("CG104", 4, 3), ("CG104", 9, 27)]


def test_cg104_novalue_branch():
    text = ("Conditions:\n  Web: !Equals [!Ref Kind, web]\n"
            + cfn("AllowedOAuthFlowsUserPoolClient: true\nAllowedOAuthFlows: [code]\n"
                  "AllowedOAuthScopes: !If [Web, [openid], !Ref AWS::NoValue]"))
    findings = only(text, "CG104")
    assert len(findings) == 1 and findings[0].message.endswith("(when Web is false)")


def test_cg104_near_misses():
    both = "AllowedOAuthFlows: [code]\nAllowedOAuthScopes: [openid]"
    assert only(cfn("AllowedOAuthFlowsUserPoolClient: true\n" + both), "CG104") == []
    assert only(cfn("AllowedOAuthFlowsUserPoolClient: false"), "CG104") == []
    assert only(cfn("ClientName: web"), "CG104") == []
    assert only(cfn("AllowedOAuthFlowsUserPoolClient: !Ref OAuth"), "CG104") == []
    assert only(cfn("AllowedOAuthFlowsUserPoolClient: true\nAllowedOAuthFlows: !Ref F\nAllowedOAuthScopes: !Ref S"),
                "CG104") == []
    assert only(api(UserPoolId="p", ClientName="c", AllowedOAuthFlowsUserPoolClient="true"),
                "CG104", "client.json") == []  # invalid type in an API payload: CG003's business


# --- CG105 oauth-settings-ignored -------------------------------------------------------------------

def test_cg105_real_serverless_pattern_one_finding_listing_every_setting():
    path = CORPUS / "real" / "aws-samples__serverless-patterns__cognito-restapi-vpclink__auth.yml"
    if not path.exists():
        pytest.skip("../shared/corpus is absent")
    text = path.read_text(encoding="utf-8")
    findings = only(text, "CG105", "auth.yml")
    assert ids_and_lines(findings) == [("CG105", 52, 7)]
    assert span_text(findings[0], text) == "AllowedOAuthFlows"
    assert ("AllowedOAuthFlowsUserPoolClient is false, so AllowedOAuthFlows, AllowedOAuthScopes, "
            "CallbackURLs and LogoutURLs have no effect") in findings[0].message
    assert findings[0].level == "warning"


def test_cg105_switch_omitted_single_setting():
    text = cfn("ClientName: web\nDefaultRedirectURI: https://app.example.com/cb")
    findings = only(text, "CG105")
    assert ids_and_lines(findings) == [("CG105", 9, 7)]
    assert span_text(findings[0], text) == "DefaultRedirectURI"
    assert "omitted (default false), so DefaultRedirectURI has no effect" in findings[0].message


def test_cg105_describe_payload_and_unknown_values_count_as_set():
    text = json.dumps({"UserPoolClient": {"UserPoolId": "p", "ClientName": "c", "ClientId": "1ex",
                                          "AllowedOAuthFlowsUserPoolClient": False,
                                          "CallbackURLs": ["https://a.example.com/cb"]}}, indent=2)
    findings = only(text, "CG105", "client.json")
    assert ids_and_lines(findings) == [("CG105", 7, 5)]
    assert span_text(findings[0], text) == '"CallbackURLs"'
    findings = only(cfn("CallbackURLs: !Ref Urls"), "CG105")
    assert ids_and_lines(findings) == [("CG105", 8, 7)]


def test_cg105_near_misses():
    settings_ = "AllowedOAuthFlows: [code]\nAllowedOAuthScopes: [openid]\nCallbackURLs: [https://a.example.com/cb]"
    assert only(cfn("AllowedOAuthFlowsUserPoolClient: true\n" + settings_), "CG105") == []
    assert only(cfn('AllowedOAuthFlowsUserPoolClient: "True"\n' + settings_), "CG105") == []
    assert only(cfn("AllowedOAuthFlowsUserPoolClient: !Ref OAuth\n" + settings_), "CG105") == []
    assert only(cfn("AllowedOAuthFlowsUserPoolClient: false\nCallbackURLs: []\nLogoutURLs: []"), "CG105") == []
    assert only(cfn("ClientName: web"), "CG105") == []


# --- CG106 implicit-grant ---------------------------------------------------------------------------

def test_cg106_implicit_cfn_and_api():
    text = cfn("AllowedOAuthFlowsUserPoolClient: true\nAllowedOAuthFlows:\n  - code\n  - implicit")
    findings = only(text, "CG106")
    assert ids_and_lines(findings) == [("CG106", 11, 11)]
    assert span_text(findings[0], text) == "implicit"
    text = api(UserPoolId="p", ClientName="spa", AllowedOAuthFlows=["implicit"])
    findings = only(text, "CG106", "client.json")
    assert ids_and_lines(findings) == [("CG106", 5, 5)]
    assert span_text(findings[0], text) == '"implicit"'


def test_cg106_near_misses():
    assert only(cfn("AllowedOAuthFlows: [code]"), "CG106") == []
    assert only(cfn("AllowedOAuthFlows: [!Ref Flow]"), "CG106") == []
    assert only(cfn("AllowedOAuthFlows: !Ref Flows"), "CG106") == []
    assert only(cfn("AllowedOAuthFlows: [Implicit]"), "CG106") == []  # CG005's invalid value


def test_cg106_only_in_the_branch_that_adds_implicit():
    text = ("Conditions:\n  Postman: !Equals [!Ref P, 'yes']\n"
            + cfn("AllowedOAuthFlows:\n  - code\n  - !If [Postman, implicit, !Ref AWS::NoValue]"))
    findings = only(text, "CG106")
    assert len(findings) == 1 and findings[0].message.endswith("(when Postman is true)")
    assert span_text(findings[0], text) == "implicit"


# --- CG107 admin-scope ------------------------------------------------------------------------------

def test_cg107_admin_scope_cfn_and_api():
    text = cfn("AllowedOAuthScopes: [openid, aws.cognito.signin.user.admin]")
    findings = only(text, "CG107")
    assert ids_and_lines(findings) == [("CG107", 8, 36)]
    assert span_text(findings[0], text) == "aws.cognito.signin.user.admin"
    text = api(UserPoolId="p", ClientName="c", AllowedOAuthScopes=["aws.cognito.signin.user.admin"])
    findings = only(text, "CG107", "client.json")
    assert ids_and_lines(findings) == [("CG107", 5, 5)]


def test_cg107_near_misses():
    assert only(cfn("AllowedOAuthScopes: [openid, email, profile]"), "CG107") == []
    assert only(cfn("AllowedOAuthScopes: !Ref Scopes"), "CG107") == []
    assert only(cfn("AllowedOAuthScopes: [!Sub '${Api}/read']"), "CG107") == []


# --- the docs' own examples -------------------------------------------------------------------------

_BLOCK = re.compile(r"^## (Example|Fix)\n.*?```yaml\n(.*?)```", re.S | re.M)


def doc_fixture(rule_id: str, section: str) -> str:
    doc = rules_by_id([rule_id])[rule_id].docs
    blocks = {name: body for name, body in _BLOCK.findall(doc)}
    body = blocks[section]
    if body.startswith("Type:"):  # a whole resource
        return "Resources:\n  UserPool:\n    Type: AWS::Cognito::UserPool\n  WebClient:\n" + "".join(
            "    " + line + "\n" for line in body.splitlines())
    return cfn(body)


@pytest.mark.parametrize("rule_id", ["CG102", "CG103", "CG104", "CG105", "CG106", "CG107"])
def test_doc_example_triggers_and_fix_does_not(rule_id):
    assert [f.rule_id for f in only(doc_fixture(rule_id, "Example"), rule_id)] != []
    assert only(doc_fixture(rule_id, "Fix"), rule_id) == []


# --- the peer suite (cdk-preflight) -----------------------------------------------------------------

PEER = CORPUS / "peer-cdk-preflight"
PEER_RULES = {"pf-cognito-oauth-flows-scopes-required": "CG104", "pf-cognito-client-credentials-secret": "CG102"}
MINE = ["CG102", "CG103", "CG104", "CG105", "CG106", "CG107"]


@pytest.mark.skipif(not PEER.is_dir(), reason="../shared/corpus is absent")
@pytest.mark.parametrize("folder", sorted(PEER_RULES))
def test_peer_fail_template_gives_an_error(folder):
    text = (PEER / folder / "fail.template.json").read_text(encoding="utf-8")
    findings = lint_text(text, "fail.template.json", select=MINE)
    assert PEER_RULES[folder] in {f.rule_id for f in findings if f.level == "error"}


@pytest.mark.skipif(not PEER.is_dir(), reason="../shared/corpus is absent")
def test_no_error_of_these_rules_on_any_peer_pass_template():
    for path in sorted(PEER.glob("*/pass.template.json")):
        findings = lint_text(path.read_text(encoding="utf-8"), "pass.template.json", select=MINE)
        assert [f for f in findings if f.level == "error"] == [], path.parent.name


@pytest.mark.skipif(not PEER.is_dir(), reason="../shared/corpus is absent")
def test_peer_client_credentials_mixed_with_code_is_cg101_only():
    text = (PEER / "pf-cognito-client-credentials-exclusive" / "fail.template.json").read_text(encoding="utf-8")
    findings = lint_text(text, "fail.template.json", select=["CG101"] + MINE)
    assert sorted({f.rule_id for f in findings if f.level == "error"}) == ["CG101"]


# --- property test: the client_credentials family ---------------------------------------------------

UNKNOWN = object()  # stands for an unresolved value in the generated lists
FLOWS = ["code", "implicit", "client_credentials"]
SCOPES = ["openid", "email", "phone", "profile", "aws.cognito.signin.user.admin", "orders/read"]
USER_SCOPES = set(SCOPES[:5])


def items(names):
    return st.lists(st.sampled_from(names + [UNKNOWN]), max_size=4)


def listish(names):
    return st.one_of(st.none(), st.just(UNKNOWN), items(names))


def materialize(value):
    if value is UNKNOWN:
        return Unknown("Ref Param")
    if isinstance(value, list):
        return [materialize(v) for v in value]
    return value


def known(value) -> list:
    return [v for v in value if v is not UNKNOWN] if isinstance(value, list) else []


FAMILY = ["CG101", "CG102", "CG103", "CG104", "CG105", "CG106", "CG107"]


@settings(max_examples=400, deadline=None)
@given(kind=st.sampled_from(["api-create", "api-update", "api-describe", "cloudformation"]),
       flows=listish(FLOWS), scopes=listish(SCOPES),
       generate=st.sampled_from([None, True, False, UNKNOWN]), client_secret=st.booleans(),
       oauth=st.sampled_from([None, True, False, UNKNOWN]))
def test_oauth_family_matches_oracle(kind, flows, scopes, generate, client_secret, oauth):
    raw = {"UserPoolId": "us-east-1_abc", "ClientName": "c"}
    for field, value in (("AllowedOAuthFlows", flows), ("AllowedOAuthScopes", scopes),
                         ("GenerateSecret", generate), ("AllowedOAuthFlowsUserPoolClient", oauth)):
        if value is not None:
            raw[field] = materialize(value)
    if client_secret and kind in ("api-create", "api-describe"):
        raw["ClientSecret"] = "s3cr3t" * 8
    client = build_client(kind, "c", raw)
    rules = rules_by_id(FAMILY)
    fired = {rule_id for rule_id in FAMILY if rules[rule_id].run(client, dict(rules[rule_id].options))}

    kf, ks = known(flows), known(scopes)
    cc = "client_credentials" in kf
    mixed = cc and ("code" in kf or "implicit" in kf)
    has_secret = "ClientSecret" in raw or generate is True
    no_secret = kind not in ("api-update", "api-describe") and not has_secret and generate is not UNKNOWN
    expected = set()
    if mixed:
        expected.add("CG101")
    if cc and not mixed and no_secret:
        expected.add("CG102")
    if cc and not mixed and USER_SCOPES & set(ks):
        expected.add("CG103")
    if oauth is True and (flows is None or flows == [] or scopes is None or scopes == []):
        expected.add("CG104")
    set_ = [v for v in (flows, scopes) if v is not None and v != []]
    if oauth in (None, False) and set_:
        expected.add("CG105")
    if "implicit" in kf:
        expected.add("CG106")
    if "aws.cognito.signin.user.admin" in ks:
        expected.add("CG107")
    assert fired == expected
    # The relations the oracle encodes: one problem of the family, one rule.
    assert not ({"CG101"} <= fired and fired & {"CG102", "CG103"})
    assert not ({"CG104", "CG105"} <= fired)


# --- the real corpus: reviewed findings -------------------------------------------------------------

REAL = CORPUS / "real"


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/corpus is absent")
def test_real_corpus_oauth_findings_are_the_reviewed_ones():
    found = {}
    for path in sorted(REAL.iterdir()):
        if path.suffix in (".tf", ".sh", ".tsv", ".md", ".snap"):
            continue
        for f in lint_text(path.read_text(encoding="utf-8"), path.name, select=MINE):
            found.setdefault(f.rule_id, set()).add(path.name.split("__")[0])
    # No error-level finding: none of these files is rejected by the service for an OAuth reason.
    assert not {"CG102", "CG103", "CG104"} & set(found)
    assert found["CG105"] == {"aws-samples"}
    assert "corymhall" in found["CG106"] and "AnomalyInnovations" not in found["CG106"]
