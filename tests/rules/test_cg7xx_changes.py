"""CG701–CG702, changes to a client.

CG701 update-resets-omitted-fields: UpdateUserPoolClient payloads that omit fields the service
resets, in JSON and YAML, and the payloads and kinds it must leave alone. CG702 with --diff-base: a
change to GenerateSecret or UserPoolId replaces the client (needs git)."""
import json
import os
import subprocess

import pytest

from linter.engine.diff_base import DiffBaseError, check_revision
from support import cfn, ids_and_lines, lint_text, run_cli, span_text

RESET = ["TokenValidityUnits", "AccessTokenValidity", "IdTokenValidity", "RefreshTokenValidity",
         "ExplicitAuthFlows", "PreventUserExistenceErrors", "EnableTokenRevocation",
         "AllowedOAuthFlows", "AllowedOAuthScopes", "AllowedOAuthFlowsUserPoolClient",
         "CallbackURLs", "LogoutURLs", "DefaultRedirectURI", "SupportedIdentityProviders",
         "ReadAttributes", "WriteAttributes", "AuthSessionValidity", "RefreshTokenRotation"]

FULL = {
    "UserPoolId": "us-east-1_abcdEFG12", "ClientId": "1example23456789", "ClientName": "web",
    "TokenValidityUnits": {"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "days"},
    "AccessTokenValidity": 60, "IdTokenValidity": 60, "RefreshTokenValidity": 30,
    "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    "PreventUserExistenceErrors": "ENABLED", "EnableTokenRevocation": True,
    "AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["openid"], "AllowedOAuthFlowsUserPoolClient": True,
    "CallbackURLs": ["https://app.mysite.io/cb"], "LogoutURLs": ["https://app.mysite.io/"],
    "DefaultRedirectURI": "https://app.mysite.io/cb", "SupportedIdentityProviders": ["COGNITO"],
    "ReadAttributes": ["email"], "WriteAttributes": ["email"], "AuthSessionValidity": 3,
    "RefreshTokenRotation": {"Feature": "DISABLED"},
}


def lint(text, filename="update.json"):
    return lint_text(text, filename, select=["CG701"])


def omitted_in(message):
    return message.split(": ", 1)[1].split(". ", 1)[0].split(", ")


def test_cg701_minimal_update_lists_every_omitted_field_at_the_client_id():
    text = json.dumps({"UserPoolId": "us-east-1_abcdEFG12", "ClientId": "1example23456789",
                       "CallbackURLs": ["https://app.mysite.io/cb"]}, indent=2)
    findings = lint(text)
    assert ids_and_lines(findings) == [("CG701", 3, 3)]
    assert span_text(findings[0], text) == '"ClientId"'
    assert findings[0].level == "warning"
    assert omitted_in(findings[0].message) == [f for f in RESET if f != "CallbackURLs"]
    assert "omits 17" in findings[0].message


def test_cg701_yaml_payload_and_a_null_field():
    text = ("UserPoolId: us-east-1_abcdEFG12\nClientId: 1example23456789\n"
            + "".join(f"{k}: {json.dumps(v)}\n" for k, v in FULL.items() if k not in ("UserPoolId", "ClientId")))
    text = text.replace("LogoutURLs: [\"https://app.mysite.io/\"]", "LogoutURLs: null")
    findings = lint(text, "update.yaml")
    assert ids_and_lines(findings) == [("CG701", 2, 1)]
    assert span_text(findings[0], text) == "ClientId"
    assert omitted_in(findings[0].message) == ["LogoutURLs"]


def test_cg701_each_field_alone_is_reported_when_omitted():
    for field in RESET:
        payload = {k: v for k, v in FULL.items() if k != field}
        findings = lint(json.dumps(payload))
        assert [omitted_in(f.message) for f in findings] == [[field]], field


def test_cg701_silent_on_complete_payloads_including_empty_values():
    assert lint(json.dumps(FULL, indent=2)) == []
    skeleton = {**FULL, "CallbackURLs": [], "LogoutURLs": [], "DefaultRedirectURI": "", "AllowedOAuthFlows": [],
                "AllowedOAuthScopes": [], "AllowedOAuthFlowsUserPoolClient": False}
    assert lint(json.dumps(skeleton, indent=2)) == []


def test_cg701_silent_for_other_kinds():
    create = {k: v for k, v in FULL.items() if k not in ("ClientId", "CallbackURLs", "TokenValidityUnits")}
    assert lint(json.dumps({"UserPoolId": "us-east-1_abc", "ClientName": "web"})) == []
    assert lint(json.dumps(create)) == []
    assert lint(json.dumps({"UserPoolClient": {"UserPoolId": "us-east-1_abc", "ClientId": "1abc"}})) == []
    assert lint(cfn("ClientName: web"), "template.yaml") == []


def test_cg701_partial_token_validity_units_are_listed_by_key():
    payload = {**FULL, "TokenValidityUnits": {"AccessToken": "minutes"}}
    del payload["AuthSessionValidity"]
    findings = lint(json.dumps(payload, indent=2))
    assert omitted_in(findings[0].message) == ["TokenValidityUnits.IdToken", "TokenValidityUnits.RefreshToken",
                                               "AuthSessionValidity"]
    assert lint(json.dumps({**FULL, "TokenValidityUnits": {"AccessToken": "minutes", "IdToken": "minutes",
                                                           "RefreshToken": "days"}})) == []


# --- CG702 replacement-on-update (--diff-base) -------------------------------------------------

BASE = """\
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
  Web:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref Pool
      GenerateSecret: false
  Api:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: us-east-1_Old000000
      GenerateSecret: true
  Same:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref Pool
"""
CHANGED = (BASE.replace("      GenerateSecret: false\n", "      GenerateSecret: true\n")
           .replace("      UserPoolId: us-east-1_Old000000\n      GenerateSecret: true\n",
                    "      UserPoolId: us-east-1_New000000\n")
           + "      GenerateSecret: !Ref Secret\n"  # Same: unknown now
           + "  Brand:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n"
             "      UserPoolId: !Ref Pool\n      GenerateSecret: true\n")


def git(folder, *args):
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})


@pytest.fixture
def repository(tmp_path):
    git(tmp_path, "init", "-q")
    (tmp_path / "stacks").mkdir()
    (tmp_path / "stacks" / "auth.yaml").write_text(BASE)
    (tmp_path / "main.tf").write_text('resource "aws_cognito_user_pool_client" "web" {\n  name = "web"\n'
                                      '  user_pool_id = aws_cognito_user_pool.a.id\n}\n')
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "base")
    (tmp_path / "stacks" / "auth.yaml").write_text(CHANGED)
    (tmp_path / "main.tf").write_text('resource "aws_cognito_user_pool_client" "web" {\n  name = "web"\n'
                                      '  user_pool_id = aws_cognito_user_pool.b.id\n  generate_secret = true\n}\n')
    (tmp_path / "new.yaml").write_text(CHANGED)  # not in the base revision: nothing to compare
    return tmp_path


def lint_cg702(folder, *args):
    return run_cli("lint", "--select", "CG702", "--fail-on", "never", "--format", "json", *args, cwd=folder)


@pytest.mark.git
def test_replacing_changes_are_reported_against_the_base_revision(repository):
    result = lint_cg702(repository, "--diff-base", "HEAD", ".")
    assert result.returncode == 0, result.stderr
    found = [(f["file"], f["client"], f["line"], f["column"], f["message"].split(":")[0])
             for f in json.loads(result.stdout)["findings"]]
    assert found == [
        ("main.tf", "web", 3, 18, "user_pool_id changes from aws_cognito_user_pool.a to aws_cognito_user_pool.b"),
        ("main.tf", "web", 4, 21, "generate_secret changes from false to true"),
        ("stacks/auth.yaml", "Web", 8, 23, "GenerateSecret changes from false to true"),
        ("stacks/auth.yaml", "Api", 9, 3, "GenerateSecret changes from true to false"),
        ("stacks/auth.yaml", "Api", 12, 19, "UserPoolId changes from us-east-1_Old000000 to us-east-1_New000000"),
    ]


@pytest.mark.git
def test_without_diff_base_the_rule_is_silent(repository):
    assert json.loads(lint_cg702(repository, ".").stdout)["findings"] == []


@pytest.mark.git
def test_a_bad_revision_is_a_usage_error(repository, tmp_path_factory):
    result = lint_cg702(repository, "--diff-base", "no-such-branch", ".")
    assert result.returncode == 2 and "--diff-base no-such-branch: unknown git revision" in result.stderr
    with pytest.raises(DiffBaseError, match="is not in a git repository"):
        check_revision("HEAD", [str(tmp_path_factory.mktemp("plain"))])
