"""Cross-resource rules CG108, CG109, CG501, CG502, CG505: positions, near misses, imported pools,
the peer suite and the CDK fixtures, and a hypothesis test that unknown values never create a finding."""
from __future__ import annotations

import copy
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.engine.lint import LintConfig, lint_file
from linter.engine.run import lint_paths
from support import CORPUS, ROOT, ids_and_lines, lint_text, rules_by_id, span_text

MINE = ["CG108", "CG109", "CG501", "CG502", "CG505"]

POOL = """\
Resources:
  UserPool:
    Type: AWS::Cognito::UserPool
"""


def client(props: str, depends_on: str = "", pool: str = "!Ref UserPool") -> str:
    """A client resource named WebClient with the given property lines (YAML, 6-space indented)."""
    body = "".join("      " + line + "\n" for line in props.strip("\n").splitlines())
    dep = f"    DependsOn: {depends_on}\n" if depends_on else ""
    return f"  WebClient:\n    Type: AWS::Cognito::UserPoolClient\n{dep}    Properties:\n      UserPoolId: {pool}\n{body}"


def server(name: str = "ApiServer", identifier: str = "api", scopes: str = "[{ScopeName: read, ScopeDescription: r}]",
           pool: str = "!Ref UserPool") -> str:
    return (f"  {name}:\n    Type: AWS::Cognito::UserPoolResourceServer\n    Properties:\n"
            f"      UserPoolId: {pool}\n      Identifier: {identifier}\n      Name: n\n      Scopes: {scopes}\n")


def provider(name: str = "GoogleIdP", provider_name: str = "Google", mapping: str = "{email: email}",
             pool: str = "!Ref UserPool") -> str:
    return (f"  {name}:\n    Type: AWS::Cognito::UserPoolIdentityProvider\n    Properties:\n"
            f"      UserPoolId: {pool}\n      ProviderName: {provider_name}\n      ProviderType: Google\n"
            f"      ProviderDetails: {{client_id: id, client_secret: s, authorize_scopes: openid}}\n"
            f"      AttributeMapping: {mapping}\n")


def at(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """(line, column) of the n-th occurrence of ``needle``."""
    start = -1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    line = text.count("\n", 0, start) + 1
    return line, start - (text.rfind("\n", 0, start) + 1) + 1


def mine(text: str, filename: str = "template.yaml"):
    return lint_text(text, filename, select=MINE)


# --- CG108 undefined-custom-scope ---------------------------------------------------------------


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


def test_cross_resource_rules_ignore_api_payloads():
    payload = {"UserPoolId": "us-east-1_abc", "ClientName": "web", "AllowedOAuthScopes": ["orders/read"],
               "SupportedIdentityProviders": ["Google"], "WriteAttributes": ["name"]}
    assert mine(json.dumps(payload, indent=2), "create.json") == []
    update = dict(payload, ClientId="1example23456789")
    assert mine(json.dumps(update, indent=2), "update.json") == []
    describe = {"UserPoolClient": dict(payload, ClientId="1example23456789")}
    assert mine(json.dumps(describe, indent=2), "describe.json") == []


# --- CG109 missing-dependency-on-resource-server --------------------------------------------------


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


# --- CG501 unknown-identity-provider --------------------------------------------------------------


def test_cg501_social_provider_without_provider_resource():
    text = POOL + client("SupportedIdentityProviders: [COGNITO, Google]")
    findings = lint_text(text, select=["CG501"])
    assert ids_and_lines(findings) == [("CG501", *at(text, "Google"))]
    assert span_text(findings[0], text) == "Google"
    assert "no AWS::Cognito::UserPoolIdentityProvider named 'Google'" in findings[0].message


def test_cg501_suggests_the_provider_with_another_letter_case_json():
    template = {"Resources": {
        "P": {"Type": "AWS::Cognito::UserPool"},
        "Okta": {"Type": "AWS::Cognito::UserPoolIdentityProvider", "Properties": {
            "UserPoolId": {"Ref": "P"}, "ProviderName": "Okta", "ProviderType": "OIDC"}},
        "X": {"Type": "AWS::Cognito::UserPoolClient", "DependsOn": "Okta", "Properties": {
            "UserPoolId": {"Ref": "P"}, "SupportedIdentityProviders": ["okta", "Cognito"]}}}}
    text = json.dumps(template, indent=2)
    findings = lint_text(text, "template.json", select=["CG501"])
    assert ids_and_lines(findings) == [("CG501", *at(text, '"okta"')), ("CG501", *at(text, '"Cognito"'))]
    assert "did you mean 'Okta'?" in findings[0].message
    assert "did you mean 'COGNITO'?" in findings[1].message


def test_cg501_names_the_condition_branch():
    text = ("Conditions:\n  UseGoogle: !Equals [!Ref Google, 'yes']\n" + POOL
            + client("SupportedIdentityProviders: !If [UseGoogle, [COGNITO, Google], [COGNITO]]"))
    findings = lint_text(text, select=["CG501"])
    assert len(findings) == 1 and findings[0].message.endswith("(when UseGoogle is true)")
    assert span_text(findings[0], text) == "Google"


def test_cg501_silent_when_defined_referenced_imported_or_unknown():
    defined = POOL + provider() + client("SupportedIdentityProviders: [COGNITO, Google]", depends_on="GoogleIdP")
    assert mine(defined) == []
    by_ref = POOL + provider() + client("SupportedIdentityProviders: [!Ref GoogleIdP]")
    assert mine(by_ref) == []
    for pool in ("us-east-1_AbCdEf123", "!Ref PoolIdParam", "!ImportValue SharedPoolId"):
        assert lint_text(POOL + client("SupportedIdentityProviders: [Google]", pool=pool), select=["CG501"]) == []
    unknown_name = POOL + provider(provider_name="!Ref IdpName") + client("SupportedIdentityProviders: [Okta]")
    assert lint_text(unknown_name, select=["CG501"]) == []
    unknown_pool = POOL + provider(pool="!If [A, !Ref UserPool, !Ref X]") + client("SupportedIdentityProviders: [Okta]")
    assert lint_text(unknown_pool, select=["CG501"]) == []
    unknown_item = POOL + client("SupportedIdentityProviders: [COGNITO, !Ref IdpName, !Sub '${Env}-saml']")
    assert lint_text(unknown_item, select=["CG501"]) == []


def test_cg501_a_provider_of_another_pool_does_not_count():
    text = (POOL + "  OtherPool:\n    Type: AWS::Cognito::UserPool\n" + provider(pool="!Ref OtherPool")
            + client("SupportedIdentityProviders: [Google]"))
    assert [f.rule_id for f in mine(text)] == ["CG501"]


# --- CG502 missing-dependency-on-identity-provider ------------------------------------------------


def test_cg502_provider_name_without_dependency():
    text = POOL + provider() + client("SupportedIdentityProviders:\n  - COGNITO\n  - Google")
    findings = lint_text(text, select=["CG502"])
    line, column = at(text, "- Google")
    assert ids_and_lines(findings) == [("CG502", line, column + 2)]
    assert span_text(findings[0], text) == "Google"
    assert "Add DependsOn: GoogleIdP" in findings[0].message and "!Ref GoogleIdP" in findings[0].message


def test_cg502_json_saml_provider():
    template = {"Resources": {
        "Pool": {"Type": "AWS::Cognito::UserPool"},
        "Saml": {"Type": "AWS::Cognito::UserPoolIdentityProvider", "Properties": {
            "UserPoolId": {"Ref": "Pool"}, "ProviderName": "CorpSSO", "ProviderType": "SAML"}},
        "C": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {
            "UserPoolId": {"Ref": "Pool"}, "SupportedIdentityProviders": ["CorpSSO"]}}}}
    text = json.dumps(template, indent=2)
    findings = lint_text(text, "template.json", select=["CG502"])
    assert ids_and_lines(findings) == [("CG502", *at(text, '"CorpSSO"', 2))]
    assert "defined by Saml" in findings[0].message


def test_cg502_silent_with_depends_on_or_a_reference():
    for deps in ("GoogleIdP", "[GoogleIdP]"):
        assert lint_text(POOL + provider() + client("SupportedIdentityProviders: [Google]", depends_on=deps),
                         select=["CG502"]) == []
    by_ref = POOL + provider() + client("SupportedIdentityProviders: [!Ref GoogleIdP, COGNITO]")
    assert mine(by_ref) == []
    name_and_ref = POOL + provider() + client("SupportedIdentityProviders: [Google]\nClientName: !Ref GoogleIdP")
    assert lint_text(name_and_ref, select=["CG502"]) == []


def test_cg502_silent_without_a_matching_provider_resource():
    assert lint_text(POOL + client("SupportedIdentityProviders: [Google, COGNITO]"), select=["CG502"]) == []
    imported = POOL + provider(pool="!Ref PoolIdParam") + client("SupportedIdentityProviders: [Google]",
                                                                  pool="!Ref PoolIdParam")
    assert mine(imported) == []


# --- CG505 mapped-attribute-not-writable ----------------------------------------------------------


def test_cg505_mapped_attribute_not_writable():
    mapping = "{email: email, given_name: given_name, username: sub, email_verified: email_verified}"
    text = POOL + provider(mapping=mapping) + client(
        "SupportedIdentityProviders: [!Ref GoogleIdP]\nWriteAttributes: [given_name]")
    findings = lint_text(text, select=["CG505"])
    assert ids_and_lines(findings) == [("CG505", *at(text, "WriteAttributes"))]
    assert span_text(findings[0], text) == "WriteAttributes"
    assert findings[0].level == "warning"
    assert "'Google' (GoogleIdP) maps 'email'" in findings[0].message


def test_cg505_one_finding_per_attribute_naming_every_provider_json():
    template = {"Resources": {
        "Pool": {"Type": "AWS::Cognito::UserPool"},
        "G": {"Type": "AWS::Cognito::UserPoolIdentityProvider", "Properties": {
            "UserPoolId": {"Ref": "Pool"}, "ProviderName": "Google", "ProviderType": "Google",
            "AttributeMapping": {"email": "email", "name": "name"}}},
        "S": {"Type": "AWS::Cognito::UserPoolIdentityProvider", "Properties": {
            "UserPoolId": {"Ref": "Pool"}, "ProviderName": "CorpSSO", "ProviderType": "SAML",
            "AttributeMapping": {"email": "http://schemas/email", "custom:dept": {"Ref": "DeptClaim"}}}},
        "C": {"Type": "AWS::Cognito::UserPoolClient", "DependsOn": ["G", "S"], "Properties": {
            "UserPoolId": {"Ref": "Pool"}, "SupportedIdentityProviders": ["Google", "CorpSSO"],
            "WriteAttributes": ["name"]}}}}
    text = json.dumps(template, indent=2)
    findings = lint_text(text, "template.json", select=["CG505"])
    assert sorted(f.message.split(",")[0] for f in findings) == [
        "Identity provider 'CorpSSO' (S) maps 'custom:dept'",
        "Identity providers 'Google' (G) and 'CorpSSO' (S) map 'email'"]
    assert {span_text(f, text) for f in findings} == {'"WriteAttributes"'}


def test_cg505_silent_cases():
    mapping = "{email: email}"
    ok = POOL + provider(mapping=mapping) + client("SupportedIdentityProviders: [Google]\nWriteAttributes: [email]",
                                                   depends_on="GoogleIdP")
    assert mine(ok) == []
    omitted = POOL + provider(mapping=mapping) + client("SupportedIdentityProviders: [Google]", depends_on="GoogleIdP")
    assert mine(omitted) == []
    unknown_entry = POOL + provider(mapping=mapping) + client(
        "SupportedIdentityProviders: [Google]\nWriteAttributes: [name, !Ref Extra]", depends_on="GoogleIdP")
    assert mine(unknown_entry) == []
    unknown_list = POOL + provider(mapping=mapping) + client(
        "SupportedIdentityProviders: [Google]\nWriteAttributes: !Ref Writable", depends_on="GoogleIdP")
    assert mine(unknown_list) == []
    not_supported = POOL + provider(mapping=mapping) + client("SupportedIdentityProviders: [COGNITO]\nWriteAttributes: [name]")
    assert mine(not_supported) == []
    unknown_mapping = POOL + provider(mapping="!Ref Mapping") + client(
        "SupportedIdentityProviders: [Google]\nWriteAttributes: [name]", depends_on="GoogleIdP")
    assert mine(unknown_mapping) == []
    unknown_provider_item = POOL + provider(mapping=mapping) + client(
        "SupportedIdentityProviders: [!Ref IdpName]\nWriteAttributes: [name]")
    assert mine(unknown_provider_item) == []


# --- oracles: the peer suite, the CDK fixtures, the real corpus -----------------------------------

PEER = CORPUS / "peer-cdk-preflight"
PEER_RULES = {"pf-cognito-oauth-scopes-unknown": "CG108", "pf-cognito-supported-identity-providers-exists": "CG501"}


def lint_mine(path):
    return lint_file(str(path), LintConfig(rules=rules_by_id(MINE))).findings


@pytest.mark.skipif(not PEER.is_dir(), reason="peer suite absent")
@pytest.mark.parametrize("folder", sorted(PEER_RULES))
def test_peer_fail_templates_give_the_error(folder):
    found = [f for f in lint_mine(PEER / folder / "fail.template.json") if f.level == "error"]
    assert [f.rule_id for f in found] == [PEER_RULES[folder]]


@pytest.mark.skipif(not PEER.is_dir(), reason="peer suite absent")
def test_peer_pass_templates_give_no_error_of_ours():
    # pf-cognito-client-credentials-secret deployed although its client does not depend on the
    # resource server: CG109 is a race, hence a warning (see the rule's docs).
    for path in sorted(PEER.glob("*/pass.template.json")):
        found = [(f.rule_id, f.level) for f in lint_mine(path) if f.rule_id in ("CG109", "CG502") or f.level == "error"]
        expected = [("CG109", "warning")] if path.parent.name == "pf-cognito-client-credentials-secret" else []
        assert found == expected, path.parent.name


def test_cdk_fixtures_give_none_of_our_findings():
    for name in ("defaults", "good", "nested", "stages"):
        results = list(lint_paths([str(ROOT / "tests" / "fixtures" / "cdk" / name / "cdk.out")],
                                  LintConfig(rules=rules_by_id(MINE))))
        assert sum(r.clients for r in results) > 0, name
        assert [f for r in results for f in r.findings] == [], name


REAL = CORPUS / "real"
#: (file, rule, line) of every finding of these rules on the real corpus, each one reviewed.
REAL_EXPECTED = {
    ("corymhall__amplify-cognito-saml-example__cdk.out__assembly-CognitoApp__CognitoApp-AuthStack.template.json",
     "CG502", 82),
    # The same SAML example in Terraform: supported_identity_providers names the provider by a
    # literal, and nothing orders aws_cognito_identity_provider.saml before the client.
    ("corymhall__amplify-cognito-saml-example__terraform__main.tf", "CG502", 26),
}


@pytest.mark.skipif(not REAL.is_dir(), reason="real corpus absent")
def test_real_corpus_findings_are_the_reviewed_ones():
    found = set()
    for path in sorted(REAL.iterdir()):
        for f in lint_mine(path):
            found.add((path.name, f.rule_id, f.span.line))
    assert found == REAL_EXPECTED


# --- hypothesis: an unknown value never creates a finding -----------------------------------------


def clean_template(url_identifier: bool, scope_by_ref: bool, provider_by_ref: bool) -> dict:
    """A correct template: pool, resource server, identity provider, and a client that uses both."""
    identifier = "https://api.acme-corp.io" if url_identifier else "orders"
    scope = ({"Fn::Join": ["", [{"Ref": "Api"}, "/read"]]} if scope_by_ref else f"{identifier}/read")
    idp = {"Ref": "Google"} if provider_by_ref else "Google"
    return {"Parameters": {"Env": {"Type": "String", "Default": "prod"}}, "Resources": {
        "Pool": {"Type": "AWS::Cognito::UserPool", "Properties": {
            "UserPoolName": "pool", "Schema": [{"Name": "dept", "AttributeDataType": "String", "Mutable": True}]}},
        "Api": {"Type": "AWS::Cognito::UserPoolResourceServer", "Properties": {
            "UserPoolId": {"Ref": "Pool"}, "Identifier": identifier, "Name": "api",
            "Scopes": [{"ScopeName": "read", "ScopeDescription": "Read"},
                       {"ScopeName": "write", "ScopeDescription": "Write"}]}},
        "Google": {"Type": "AWS::Cognito::UserPoolIdentityProvider", "Properties": {
            "UserPoolId": {"Fn::GetAtt": ["Pool", "UserPoolId"]}, "ProviderName": "Google", "ProviderType": "Google",
            "ProviderDetails": {"client_id": "id", "client_secret": "s", "authorize_scopes": "openid email"},
            "AttributeMapping": {"email": "email", "custom:dept": "hd", "username": "sub",
                                 "email_verified": "email_verified"}}},
        "Web": {"Type": "AWS::Cognito::UserPoolClient", "DependsOn": ["Api", "Google"], "Properties": {
            "UserPoolId": {"Ref": "Pool"}, "ClientName": "web", "AllowedOAuthFlowsUserPoolClient": True,
            "AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["openid", "email", scope, f"{identifier}/write"],
            "CallbackURLs": ["https://app.acme-corp.io/cb"], "SupportedIdentityProviders": ["COGNITO", idp],
            "ReadAttributes": ["email", "custom:dept"], "WriteAttributes": ["email", "custom:dept", "name"]}}}}


def literal_paths(value, path=()):
    """Paths of every string, number and boolean inside the resources' Properties."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from literal_paths(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from literal_paths(item, path + (index,))
    else:
        yield path


def replace(template: dict, path: tuple, new) -> dict:
    result = copy.deepcopy(template)
    node = result
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = new
    return result


def lint_template(template: dict, tmp_path, name: str = "t.json"):
    path = tmp_path / name
    path.write_text(json.dumps(template, indent=2), encoding="utf-8")
    return lint_mine(path)


SHAPES = [(u, s, p) for u in (False, True) for s in (False, True) for p in (False, True)]


@pytest.mark.parametrize("shape", SHAPES)
def test_the_clean_templates_are_clean_and_can_fail(shape, tmp_path):
    template = clean_template(*shape)
    assert lint_template(template, tmp_path) == []
    # The test can fail: the same template without DependsOn, with a wrong scope, an undefined
    # provider and too few writable attributes.
    broken = replace(template, ("Resources", "Web", "DependsOn"), [])
    broken = replace(broken, ("Resources", "Web", "Properties", "AllowedOAuthScopes", 3), "orders/delete")
    providers = template["Resources"]["Web"]["Properties"]["SupportedIdentityProviders"]
    broken = replace(broken, ("Resources", "Web", "Properties", "SupportedIdentityProviders"), providers + ["Facebook"])
    broken = replace(broken, ("Resources", "Web", "Properties", "WriteAttributes"), ["name"])
    found = {f.rule_id for f in lint_template(broken, tmp_path)}
    assert found == ({"CG108", "CG501", "CG505"} | (set() if shape[1] else {"CG109"})
                     | (set() if shape[2] else {"CG502"}))


@settings(max_examples=300, deadline=None)
@given(shape=st.sampled_from(SHAPES), data=st.data())
def test_an_unresolvable_ref_in_place_of_any_literal_never_creates_a_finding(shape, data, tmp_path_factory):
    template = clean_template(*shape)
    paths = [("Resources",) + p for name, resource in template["Resources"].items()
             for p in literal_paths(resource.get("Properties", {}), (name, "Properties"))]
    path = data.draw(st.sampled_from(paths), label="literal")
    mutated = replace(template, path, {"Ref": "UndeclaredParameter"})
    tmp = tmp_path_factory.mktemp("h")
    assert lint_template(mutated, tmp) == [], path


def test_every_literal_replaced_by_an_unresolvable_ref(tmp_path):
    """The exhaustive version of the hypothesis test, for every shape of the clean template."""
    for shape in SHAPES:
        template = clean_template(*shape)
        for name, resource in template["Resources"].items():
            for path in literal_paths(resource.get("Properties", {}), ("Resources", name, "Properties")):
                mutated = replace(template, path, {"Ref": "UndeclaredParameter"})
                assert lint_template(mutated, tmp_path) == [], (shape, path)
