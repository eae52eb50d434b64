"""The cross-resource rules together (CG108, CG109 and CG501, CG502, CG505; each rule's own tests are
in test_cg1xx_oauth.py and test_cg5xx_attributes.py): API payloads are out of their reach, the peer
suite, the CDK fixtures and the real corpus as oracles, and a hypothesis test that unknown values
never create a finding."""
from __future__ import annotations

import copy
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.engine.lint import LintConfig
from linter.engine.run import lint_paths
from support import (CROSS_RESOURCE_RULES as MINE, PEER, REAL, ROOT, leaves, lint_cross_resource as mine, lint_path,
                     lint_written, rules_by_id)


def test_cross_resource_rules_ignore_api_payloads():
    payload = {"UserPoolId": "us-east-1_abc", "ClientName": "web", "AllowedOAuthScopes": ["orders/read"],
               "SupportedIdentityProviders": ["Google"], "WriteAttributes": ["name"]}
    assert mine(json.dumps(payload, indent=2), "create.json") == []
    update = dict(payload, ClientId="1example23456789")
    assert mine(json.dumps(update, indent=2), "update.json") == []
    describe = {"UserPoolClient": dict(payload, ClientId="1example23456789")}
    assert mine(json.dumps(describe, indent=2), "describe.json") == []


# --- oracles: the peer suite, the CDK fixtures, the real corpus -----------------------------------

PEER_RULES = {"pf-cognito-oauth-scopes-unknown": "CG108", "pf-cognito-supported-identity-providers-exists": "CG501"}


def lint_mine(path):
    return lint_path(path, MINE)


@pytest.mark.shared("corpus/peer-cdk-preflight")
@pytest.mark.parametrize("folder", sorted(PEER_RULES))
def test_peer_fail_templates_give_the_error(folder):
    found = [f for f in lint_mine(PEER / folder / "fail.template.json") if f.level == "error"]
    assert [f.rule_id for f in found] == [PEER_RULES[folder]]


@pytest.mark.shared("corpus/peer-cdk-preflight")
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


#: (file, rule, line) of every finding of these rules on the real corpus, each one reviewed.
REAL_EXPECTED = {
    ("corymhall__amplify-cognito-saml-example__cdk.out__assembly-CognitoApp__CognitoApp-AuthStack.template.json",
     "CG502", 82),
    # The same SAML example in Terraform: supported_identity_providers names the provider by a
    # literal, and nothing orders aws_cognito_identity_provider.saml before the client.
    ("corymhall__amplify-cognito-saml-example__terraform__main.tf", "CG502", 26),
}


@pytest.mark.shared("corpus/real")
def test_real_corpus_findings_are_the_reviewed_ones():
    found = set()
    for path in sorted(REAL.iterdir()):
        for f in lint_mine(path):
            if f.rule_id != "CG001":  # counted whatever is selected: tests/corpus/test_real_corpus.py reviews them
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
    return (leaf_path for leaf_path, _ in leaves(value, path))


def replace(template: dict, path: tuple, new) -> dict:
    result = copy.deepcopy(template)
    node = result
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = new
    return result


def lint_template(template: dict, tmp_path, name: str = "t.json"):
    return lint_written(tmp_path / name, json.dumps(template, indent=2), MINE)


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
