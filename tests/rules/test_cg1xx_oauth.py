"""CG101–CG109 (OAuth flows and scopes): triggering fixtures with positions, near misses, the rule
docs' own examples, the peer and real corpora, and a property test of the CG101/CG102/CG103 family.
CG108 and CG109 look at the resource servers of the template (their peer-suite, CDK and corpus
oracles, shared with CG501, CG502 and CG505, are in test_cross_resource.py)."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.model import build_client
from support import (CORPUS, PEER, POOL, REAL, UNKNOWN, api_json as api, at, cfn, client, doc_fixture, ids_and_lines,
                     known, lint_cross_resource as mine, lint_rules as only, lint_text, listish, materialize,
                     rules_by_id, server, span_text)

# --- CG101 client-credentials-not-exclusive --------------------------------------------------------

def test_cg101_flags_client_credentials_with_code():
    text = cfn("AllowedOAuthFlows: [code, client_credentials]")
    findings = lint_text(text, select=["CG101"])
    assert ids_and_lines(findings) == [("CG101", 8, 33)]
    assert span_text(findings[0], text) == "client_credentials"


def test_cg101_silent_for_client_credentials_alone_and_unknown_flows():
    assert lint_text(cfn("AllowedOAuthFlows: [client_credentials]"), select=["CG101"]) == []
    assert lint_text(cfn("AllowedOAuthFlows: !Ref Flows"), select=["CG101"]) == []


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

@pytest.mark.shared("corpus/real")
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


# --- CG108 undefined-custom-scope ------------------------------------------------------------------

def test_cg108_scope_missing_from_a_resource_server_of_the_pool():
    text = POOL + server() + client("AllowedOAuthScopes: [openid, api/write, api/read]", depends_on="ApiServer")
    findings = lint_text(text, select=["CG108"])
    assert ids_and_lines(findings) == [("CG108", *at(text, "api/write"))]
    assert span_text(findings[0], text) == "api/write"
    assert "ApiServer does not declare a scope 'write'" in findings[0].message
    assert "it declares: read" in findings[0].message


def test_cg108_no_resource_server_with_that_identifier_json():
    template = {"Resources": {
        "P": {"Type": "AWS::Cognito::UserPool"},
        "X": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {
            "UserPoolId": {"Ref": "P"}, "AllowedOAuthScopes": ["openid", "orders/read"]}}}}
    text = json.dumps(template, indent=2)
    findings = lint_text(text, "template.json", select=["CG108"])
    assert ids_and_lines(findings) == [("CG108", *at(text, '"orders/read"'))]
    assert span_text(findings[0], text) == '"orders/read"'
    assert "identifier 'orders'" in findings[0].message and "pool P" in findings[0].message


def test_cg108_url_identifiers_split_at_the_last_slash():
    url_server = server(identifier="https://api.acme-corp.io", scopes="[{ScopeName: reports.read, ScopeDescription: r}]")
    ok = POOL + url_server + client("AllowedOAuthScopes: [https://api.acme-corp.io/reports.read]", depends_on="ApiServer")
    assert mine(ok) == []
    bad = POOL + url_server + client("AllowedOAuthScopes: [https://api.acme-corp.io/v2/reports.read]",
                                     depends_on="ApiServer")
    findings = lint_text(bad, select=["CG108"])
    assert ids_and_lines(findings) == [("CG108", *at(bad, "https://api.acme-corp.io/v2"))]
    assert "identifier 'https://api.acme-corp.io/v2'" in findings[0].message
    assert "a scope name cannot contain '/'" in findings[0].message


def test_cg108_scope_built_from_a_ref_to_the_server():
    text = POOL + server() + client("AllowedOAuthScopes:\n  - !Join ['', [!Ref ApiServer, '/write']]")
    findings = lint_text(text, select=["CG108"])
    assert ids_and_lines(findings) == [("CG108", *at(text, "!Join"))]
    assert "Scope 'api/write'" in findings[0].message
    sub = POOL + server() + client("AllowedOAuthScopes:\n  - !Sub '${ApiServer}/read'")
    assert mine(sub) == []


def test_cg108_names_the_condition_branch():
    text = ("Conditions:\n  IsProd: !Equals [!Ref Env, prod]\n" + POOL + server()
            + client("AllowedOAuthScopes:\n  - !If [IsProd, api/read, api/admin]", depends_on="ApiServer"))
    findings = lint_text(text, select=["CG108"])
    assert len(findings) == 1 and findings[0].message.endswith("(when IsProd is false)")
    assert span_text(findings[0], text) == "api/admin"


def test_cg108_silent_for_built_in_scopes_and_declared_ones():
    text = POOL + server() + client(
        "AllowedOAuthScopes: [openid, email, phone, profile, aws.cognito.signin.user.admin, api/read]",
        depends_on="ApiServer")
    assert mine(text) == []


def test_cg108_silent_when_the_pool_is_imported():
    for pool in ("us-east-1_AbCdEf123", "!Ref PoolIdParam", "!ImportValue SharedPoolId"):
        text = POOL + client("AllowedOAuthScopes: [orders/read]", pool=pool)
        assert lint_text(text, select=["CG108"]) == [], pool
    # A server of the imported pool: still unknown which scopes the pool has.
    text = POOL + server(pool="!Ref PoolIdParam") + client("AllowedOAuthScopes: [api/write]", pool="!Ref PoolIdParam")
    assert mine(text) == []


def test_cg108_silent_when_some_server_is_unknown():
    unknown_identifier = POOL + server(identifier="!Ref ApiIdentifier") + client("AllowedOAuthScopes: [orders/read]")
    assert lint_text(unknown_identifier, select=["CG108"]) == []
    unknown_pool = POOL + server(pool="!If [UseA, !Ref UserPool, !Ref Other]") + client("AllowedOAuthScopes: [orders/read]")
    assert lint_text(unknown_pool, select=["CG108"]) == []
    unknown_scopes = POOL + server(scopes="!Ref Scopes") + client("AllowedOAuthScopes: [api/write]", depends_on="ApiServer")
    assert mine(unknown_scopes) == []
    # A named server is enough for the first clause, whatever the others are.
    other = POOL + server() + server("Other", identifier="!Ref OtherId") + client(
        "AllowedOAuthScopes: [api/write]", depends_on="ApiServer")
    assert [f.rule_id for f in mine(other)] == ["CG108"]


def test_cg108_silent_on_unknown_scopes_and_scopes_without_identifier():
    text = POOL + client("AllowedOAuthScopes:\n  - !Ref Scope\n  - !Sub '${Api}/read'\n  - !Sub 'api/${Name}'\n"
                         "  - !Join ['', [!GetAtt ApiServer.Arn, '/read']]")
    assert mine(text) == []


def test_cg108_a_server_of_another_pool_does_not_count():
    text = (POOL + "  OtherPool:\n    Type: AWS::Cognito::UserPool\n" + server(pool="!Ref OtherPool")
            + client("AllowedOAuthScopes: [api/read]"))
    findings = mine(text)
    assert [f.rule_id for f in findings] == ["CG108"]
    assert "pool UserPool" in findings[0].message


# --- CG109 missing-dependency-on-resource-server ---------------------------------------------------

def test_cg109_literal_scope_without_dependency():
    text = POOL + server() + client("AllowedOAuthScopes:\n  - openid\n  - api/read\n  - api/read")
    findings = lint_text(text, select=["CG109"])
    assert ids_and_lines(findings) == [("CG109", *at(text, "api/read"))]  # once per server
    assert span_text(findings[0], text) == "api/read"
    assert "Add DependsOn: ApiServer" in findings[0].message


def test_cg109_json_template():
    template = {"Resources": {
        "Pool": {"Type": "AWS::Cognito::UserPool"},
        "Srv": {"Type": "AWS::Cognito::UserPoolResourceServer", "Properties": {
            "UserPoolId": {"Fn::GetAtt": ["Pool", "UserPoolId"]}, "Identifier": "https://api.x.io", "Name": "n",
            "Scopes": [{"ScopeName": "read", "ScopeDescription": "r"}]}},
        "M2M": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {
            "UserPoolId": {"Ref": "Pool"}, "GenerateSecret": True,
            "AllowedOAuthScopes": ["https://api.x.io/read"]}}}}
    text = json.dumps(template, indent=1)
    findings = lint_text(text, "template.json", select=["CG109"])
    assert ids_and_lines(findings) == [("CG109", *at(text, '"https://api.x.io/read"'))]
    assert "resource server Srv" in findings[0].message


def test_cg109_satisfied_by_depends_on_or_a_reference():
    for deps in ("ApiServer", "[Other, ApiServer]"):
        assert lint_text(POOL + server() + client("AllowedOAuthScopes: [api/read]", depends_on=deps),
                         select=["CG109"]) == []
    joined = POOL + server() + client("AllowedOAuthScopes:\n  - !Join ['', [!Ref ApiServer, '/read']]")
    assert mine(joined) == []
    elsewhere = POOL + server() + client("AllowedOAuthScopes: [api/read]\nClientName: !Sub '${ApiServer}-client'")
    assert lint_text(elsewhere, select=["CG109"]) == []


def test_cg109_reported_next_to_cg108_for_a_misspelled_scope_of_an_undepended_server():
    text = POOL + server() + client("AllowedOAuthScopes: [api/raed]")
    assert sorted(f.rule_id for f in mine(text)) == ["CG108", "CG109"]


def test_cg109_silent_without_a_server_in_the_template():
    assert lint_text(POOL + client("AllowedOAuthScopes: [api/read]"), select=["CG109"]) == []
    imported = POOL + server(pool="!Ref PoolIdParam") + client("AllowedOAuthScopes: [api/read]", pool="!Ref PoolIdParam")
    assert lint_text(imported, select=["CG109"]) == []
    unknown_identifier = POOL + server(identifier="!Ref Ident") + client("AllowedOAuthScopes: [api/read]")
    assert lint_text(unknown_identifier, select=["CG109"]) == []


# --- the docs' own examples -------------------------------------------------------------------------

@pytest.mark.parametrize("rule_id", ["CG102", "CG103", "CG104", "CG105", "CG106", "CG107"])
def test_doc_example_triggers_and_fix_does_not(rule_id):
    assert [f.rule_id for f in only(doc_fixture(rule_id, "Example"), rule_id)] != []
    assert only(doc_fixture(rule_id, "Fix"), rule_id) == []


# --- the peer suite (cdk-preflight) -----------------------------------------------------------------

PEER_RULES = {"pf-cognito-oauth-flows-scopes-required": "CG104", "pf-cognito-client-credentials-secret": "CG102"}
#: The rules of the CG102–CG107 tests (``mine()``, used by CG108/CG109, lints with the cross-resource rules).
MINE = ["CG102", "CG103", "CG104", "CG105", "CG106", "CG107"]


@pytest.mark.shared("corpus/peer-cdk-preflight")
@pytest.mark.parametrize("folder", sorted(PEER_RULES))
def test_peer_fail_template_gives_an_error(folder):
    text = (PEER / folder / "fail.template.json").read_text(encoding="utf-8")
    findings = lint_text(text, "fail.template.json", select=MINE)
    assert PEER_RULES[folder] in {f.rule_id for f in findings if f.level == "error"}


@pytest.mark.shared("corpus/peer-cdk-preflight")
def test_no_error_of_these_rules_on_any_peer_pass_template():
    for path in sorted(PEER.glob("*/pass.template.json")):
        findings = lint_text(path.read_text(encoding="utf-8"), "pass.template.json", select=MINE)
        assert [f for f in findings if f.level == "error"] == [], path.parent.name


@pytest.mark.shared("corpus/peer-cdk-preflight")
def test_peer_client_credentials_mixed_with_code_is_cg101_only():
    text = (PEER / "pf-cognito-client-credentials-exclusive" / "fail.template.json").read_text(encoding="utf-8")
    findings = lint_text(text, "fail.template.json", select=["CG101"] + MINE)
    assert sorted({f.rule_id for f in findings if f.level == "error"}) == ["CG101"]


# --- property test: the client_credentials family ---------------------------------------------------

FLOWS = ["code", "implicit", "client_credentials"]
SCOPES = ["openid", "email", "phone", "profile", "aws.cognito.signin.user.admin", "orders/read"]
USER_SCOPES = set(SCOPES[:5])
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
    if "aws.cognito.signin.user.admin" in ks and not (cc and not mixed):  # on a machine client: CG103's
        expected.add("CG107")
    assert fired == expected
    assert not ({"CG103", "CG107"} <= fired)
    # The relations the oracle encodes: one problem of the family, one rule.
    assert not ({"CG101"} <= fired and fired & {"CG102", "CG103"})
    assert not ({"CG104", "CG105"} <= fired)


# --- the real corpus: reviewed findings -------------------------------------------------------------

@pytest.mark.shared("corpus/real")
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


def test_admin_scope_on_a_machine_client_is_one_finding():
    """Issue 14: CG103 (an error) owns the admin scope of a client_credentials client; CG107 is silent."""
    text = cfn("AllowedOAuthFlows: [client_credentials]\nAllowedOAuthScopes: [aws.cognito.signin.user.admin]\n"
               "AllowedOAuthFlowsUserPoolClient: true\nGenerateSecret: true")
    assert ids_and_lines(lint_text(text, select=["CG103", "CG107"])) == [("CG103", 9, 28)]
