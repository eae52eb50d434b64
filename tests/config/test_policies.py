"""Declarative organization policies in the configuration file: findings, unknowns, errors, docs."""
from __future__ import annotations

import json

import pytest

from support import run_cli

CONFIG = """\
policies:
  - id: ACME001
    name: prod-clients-code-flow-only
    level: error
    summary: Production clients use the authorization code flow only.
    description: Security standard SEC-12 forbids the implicit grant.
    when:
      ClientName: {matches: "prod-.*"}
    require:
      AllowedOAuthFlows: {only: [code]}
      PreventUserExistenceErrors: {equals: ENABLED}
      AccessTokenValidity: {max: 1h}
      CallbackURLs: {matches: "https://[a-z.]+\\\\.acme-corp\\\\.io/.*"}
  - id: ACME002
    name: rotation-on
    summary: Refresh token rotation is on.
    require:
      RefreshTokenRotation.Feature: {equals: ENABLED}
"""
TEMPLATE = """\
Resources:
  Web:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref Pool
      ClientName: prod-web
      AllowedOAuthFlowsUserPoolClient: true
      AllowedOAuthFlows: [code, implicit]
      AllowedOAuthScopes: [openid]
      CallbackURLs: [https://app.acme-corp.io/cb, https://evil.example.net/cb]
      AccessTokenValidity: 120
      TokenValidityUnits: {AccessToken: minutes}
      RefreshTokenRotation: {Feature: ENABLED}
  Dev:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref Pool
      ClientName: !Sub "${Env}-web"
      AllowedOAuthFlows: [implicit]
      RefreshTokenRotation: {Feature: !Ref Rotation}
"""


def run(folder, *args):
    return run_cli(*args, cwd=folder)


@pytest.fixture
def project(tmp_path):
    (tmp_path / ".cognito-lint.yaml").write_text(CONFIG)
    (tmp_path / "client.yaml").write_text(TEMPLATE)
    return tmp_path


def findings(result):
    return [(f["rule"], f["line"], f["column"], f["level"]) for f in json.loads(result.stdout)["findings"]]


def test_policies_report_each_broken_condition_where_it_is(project):
    result = run(project, "lint", "--select", "ACME", "--format", "json", "client.yaml")
    assert findings(result) == [
        ("ACME001", 2, 3, "error"),      # PreventUserExistenceErrors omitted: the default LEGACY
        ("ACME001", 8, 33, "error"),     # implicit
        ("ACME001", 10, 51, "error"),    # a callback outside acme-corp.io
        ("ACME001", 11, 28, "error"),    # 120 minutes > 1h
    ]
    messages = [f["message"] for f in json.loads(result.stdout)["findings"]]
    assert messages[0].startswith("PreventUserExistenceErrors is LEGACY (the default: it is omitted), not ENABLED")
    assert messages[1] == ("AllowedOAuthFlows has implicit, not one of code: Production clients use the "
                           "authorization code flow only. (policy ACME001)")
    assert "AccessTokenValidity is 2 hours, over 1h" in messages[3]
    assert result.returncode == 1


def test_unknown_values_and_undecidable_when_give_nothing(project):
    """Dev's name is a !Sub (ACME001 may not apply) and its rotation a !Ref (ACME002 cannot fail)."""
    result = run(project, "lint", "--select", "ACME", "--format", "json", "client.yaml")
    assert not [f for f in json.loads(result.stdout)["findings"] if f["client"] == "Dev"]


def test_policies_take_select_levels_and_suppressions(project):
    (project / ".cognito-lint.yaml").write_text(CONFIG + "levels:\n  ACME001: note\n")
    text = TEMPLATE.replace("[code, implicit]", "[code, implicit]  # cognito-lint: ignore=ACME001 migrating")
    (project / "client.yaml").write_text(text)
    result = run(project, "lint", "--select", "ACME001", "--format", "json", "client.yaml")
    assert [(rule, line, level) for rule, line, _, level in findings(result)] == [
        ("ACME001", 2, "note"), ("ACME001", 10, "note"), ("ACME001", 11, "note")]


def test_explain_and_rules_show_policies(project):
    explained = run(project, "explain", "acme001")
    assert explained.returncode == 0
    assert "ACME001 prod-clients-code-flow-only [error]" in explained.stdout
    assert "- `AccessTokenValidity` is at most `1h`" in explained.stdout
    assert "Security standard SEC-12" in explained.stdout
    listed = json.loads(run(project, "rules", "--format", "json").stdout)
    acme = {r["id"]: r for r in listed if r["id"].startswith("ACME")}
    assert acme["ACME002"]["level"] == "warning" and acme["ACME002"]["origin"].startswith("policy in ")


def test_sarif_describes_policy_rules(project):
    sarif = json.loads(run(project, "lint", "--format", "sarif", "client.yaml").stdout)
    rules = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["ACME001"]["shortDescription"]["text"] == "Production clients use the authorization code flow only."
    # a policy is documented by its help text, not by a page of docs/rules.md (that link would be dead)
    assert "helpUri" not in rules["ACME001"] and rules["ACME001"]["help"]["text"]
    assert all(r["helpUri"].endswith("/docs/rules.md#" + r["id"].lower()) for r in rules.values() if r["id"].startswith("CG"))


@pytest.mark.parametrize("policy, words", [
    ("  - {id: ACME9, name: x, summary: s, require: {CallbackURL: {present: true}}}",
     "policies[0] (ACME9): require.CallbackURL: unknown field"),
    ("  - {id: ACME9, name: x, summary: s, require: {AccessTokenValidity: {max: 60}}}",
     "require.AccessTokenValidity.max: give a duration such as 15m, 1h or 30d"),
    ("  - {id: ACME9, name: x, summary: s, require: {ClientName: {matches: '('}}}",
     "require.ClientName.matches: not a regular expression"),
    ("  - {id: CG201, name: x, summary: s, require: {ClientName: {present: true}}}",
     "policy CG201 has the ID of a rule; choose another ID"),
    ("  - {id: acme9, name: x, summary: s, require: {ClientName: {present: true}}}", "policies.0.id"),
    ("  - {id: ACME9, name: x, summary: s, require: {ClientName: {exists: true}}}",
     "policies.0.require.ClientName.exists: unknown key"),
    ("  - {id: ACME9, name: x, summary: s, require: {}}", "policies.0.require"),
])
def test_a_bad_policy_is_a_one_line_usage_error(tmp_path, policy, words):
    (tmp_path / ".cognito-lint.yaml").write_text("policies:\n" + policy + "\n")
    (tmp_path / "client.yaml").write_text(TEMPLATE)
    result = run(tmp_path, "lint", "client.yaml")
    assert result.returncode == 2
    assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_policies_speak_terraform_and_powershell(tmp_path):
    (tmp_path / ".cognito-lint.yaml").write_text(CONFIG)
    (tmp_path / "main.tf").write_text('resource "aws_cognito_user_pool_client" "web" {\n  name = "prod-web"\n'
                                      '  user_pool_id = "p"\n  allowed_oauth_flows = ["implicit"]\n}\n')
    (tmp_path / "deploy.ps1").write_text("New-CGIPUserPoolClient -UserPoolId p -ClientName prod-web "
                                         "-AllowedOAuthFlow implicit\n")
    result = run(tmp_path, "lint", "--select", "ACME001", "--format", "json", ".")
    messages = {(f["file"].rsplit("/", 1)[-1], f["line"], f["column"]): f["message"]
                for f in json.loads(result.stdout)["findings"]}
    assert messages[("main.tf", 4, 26)].startswith("allowed_oauth_flows has implicit")
    assert messages[("deploy.ps1", 1, 77)].startswith("-AllowedOAuthFlow has implicit")
