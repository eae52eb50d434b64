"""Saved audits (linter/loaders/deployed.py): a DescribeUserPoolClient file beside its pool's context
is a deployed client with that context; without it (or for another pool) a plain Describe file."""
from __future__ import annotations

import json

from support import lint_path

from linter.loaders import deployed
from linter.loaders.api import kind_of

POOL_ID = "eu-west-1_AbCdEf123"
CLIENT = {"UserPoolId": POOL_ID, "ClientName": "web", "ClientId": "4k3j2h1g0f9e8d7c6b5a4z3y2x",
          "AllowedOAuthFlowsUserPoolClient": True, "AllowedOAuthFlows": ["code"],
          "AllowedOAuthScopes": ["openid", "https://api.acme-corp.io/orders.write"],
          "CallbackURLs": ["https://shop.acme-corp.io/cb"], "SupportedIdentityProviders": ["COGNITO", "Okta"],
          "ReadAttributes": ["email", "custom:nickname"],
          "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]}


def _pool(**parts):
    servers = [{"Identifier": "https://api.acme-corp.io", "Name": "api", "Scopes": [{"ScopeName": "orders.read"}]}]
    providers = [{"ProviderName": "Google", "ProviderType": "Google"}]
    schema = {"Id": POOL_ID, "SchemaAttributes": [{"Name": "email", "Mutable": True},
                                                  {"Name": "custom:tier", "Mutable": False}]}
    data = deployed.pool_document("123456789012", "eu-west-1", "aws", POOL_ID, parts.get("user_pool", schema),
                                  parts.get("servers", servers), parts.get("providers", providers),
                                  parts.get("with_secret", []))
    return data


def _save(folder, pool=None, client=CLIENT):
    (folder / f"{client['ClientId']}.json").write_text(json.dumps({"UserPoolClient": client}, indent=2))
    if pool is not None:
        (folder / deployed.POOL_FILE).write_text(json.dumps(pool, indent=2))
    return folder / f"{client['ClientId']}.json"


#: The rules that need the pool's context or the secret's presence.
RULES = ["CG108", "CG307", "CG501", "CG503"]


def _rules(findings):
    return sorted(f.rule_id for f in findings)


def test_a_saved_client_has_its_pools_context(tmp_path):
    findings = lint_path(_save(tmp_path, _pool()), RULES)
    assert _rules(findings) == ["CG108", "CG307", "CG501", "CG503"]
    assert all(f.kind == "api-describe" and f.client == "web" for f in findings)
    message = next(f.message for f in findings if f.rule_id == "CG108")
    assert "resource server 'https://api.acme-corp.io' does not declare a scope 'orders.write'" in message
    assert "to resource server 'https://api.acme-corp.io' (UpdateResourceServer)" in message


def test_without_its_pool_file_a_describe_file_is_plain(tmp_path):
    assert _rules(lint_path(_save(tmp_path), RULES)) == []  # secret and context unknown
    other = _pool()
    other[deployed.MARKER]["user_pool_id"] = "eu-west-1_Other"
    (tmp_path / deployed.POOL_FILE).write_text(json.dumps(other))
    assert _rules(lint_path(tmp_path / f"{CLIENT['ClientId']}.json", RULES)) == []


def test_the_pool_file_says_which_clients_have_a_secret(tmp_path):
    path = _save(tmp_path, _pool(with_secret=[CLIENT["ClientId"]]))
    assert "CG307" not in _rules(lint_path(path, ["CG3"]))  # a confidential client need not rotate


def test_parts_the_audit_could_not_read_are_unknown(tmp_path):
    path = _save(tmp_path, _pool(user_pool=None, servers=None))
    assert _rules(lint_path(path, RULES)) == ["CG307"]  # servers unknown: CG108, CG501; schema: CG503
    context = deployed.context(_pool(servers=None))
    assert context.all_known is False and context.pool.schema_known is True


def test_identities_name_the_client_not_the_file(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    one = lint_path(_save(first, _pool()), ["CG108"])
    two = lint_path(_save(second, _pool()), ["CG108"])
    assert one[0].fingerprint == two[0].fingerprint


def test_a_pool_file_is_no_client():
    assert kind_of(_pool()) is None and deployed.is_pool_document(_pool())
