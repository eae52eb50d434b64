"""The "suppress" quick fixes: a comment in the file's syntax (Metadata for CloudFormation JSON),
never an edit that changes what the file says; applied, the finding is suppressed."""
from __future__ import annotations

import json

import pytest

from linter.loaders import registry
from linter.lsp import actions
from linter.reporters.edits import apply
from support import cfn, lint_buffer

HTTP = "http://staging.acme-corp.io/cb"


def suppress(text: str, path: str, rule: str):
    """The suppression's (title, edited text) for the first ``rule`` finding; the edited text lints
    with that finding suppressed."""
    finding = next(f for f in lint_buffer(text, path, [rule[:3], "CG009"]) if f.rule_id == rule)
    found = actions.suppression(registry.parse(path, text.encode()), finding)
    if found is None:
        return None
    title, edit = found
    edited = apply(text, [edit])
    after = [f for f in lint_buffer(edited, path, [rule[:3], "CG009"]) if f.rule_id in (rule, "CG009")]
    [same] = [f for f in after if f.identity() == finding.identity()]
    assert same.suppressed is not None, after
    assert not [f for f in after if f.rule_id == "CG009" and rule in f.message]  # the new suppression is used
    return title, edited


def test_yaml_comment_at_the_end_of_the_line_and_an_existing_directive_extended():
    text = cfn(f"CallbackURLs:\n  - {HTTP}   \nLogoutURLs: [{HTTP}]  # cognito-lint: ignore=CG208 old\n")
    title, edited = suppress(text, "/b/t.yaml", "CG202")
    assert title == "Suppress CG202 on line 9"
    assert edited.splitlines()[8] == f"        - {HTTP}  # cognito-lint: ignore=CG202"
    text = cfn(f"LogoutURLs: [{HTTP}]  # cognito-lint: ignore=CG207 old\n")
    title, edited = suppress(text, "/b/t.yaml", "CG202")
    assert edited.splitlines()[7].endswith("# cognito-lint: ignore=CG207,CG202 old")


def test_no_comment_where_it_would_change_the_data():
    text = cfn(f'CallbackURLs:\n  - "{HTTP}\n    x"\n')  # a quoted string over two lines
    assert suppress(text, "/b/t.yaml", "CG202") is None
    text = cfn(f"CallbackURLs: [{HTTP}]  # cognito-lint: ignore-file=CG207\n")
    assert suppress(text, "/b/t.yaml", "CG202") is None
    script = f"New-CGIPUserPoolClient -UserPoolId p -ClientName c -CallbackURLs '{HTTP}' `\n  -AllowedOAuthFlow code\n"
    assert suppress(script, "/b/deploy.ps1", "CG202") is None  # after a line continuation


def test_terraform_and_powershell_comments():
    tf = f'resource "aws_cognito_user_pool_client" "c" {{\n  name = "c"\n  callback_urls = ["{HTTP}"]\n}}\n'
    title, edited = suppress(tf, "/b/main.tf", "CG202")
    assert edited.splitlines()[2] == f'  callback_urls = ["{HTTP}"]  # cognito-lint: ignore=CG202'
    script = f"New-CGIPUserPoolClient -UserPoolId p -ClientName c -CallbackURLs '{HTTP}'\r\n"
    title, edited = suppress(script, "/b/deploy.ps1", "CG202")
    assert edited == script.replace("\r\n", "  # cognito-lint: ignore=CG202\r\n")


def template_json(metadata=None, indent=2) -> str:
    client = {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": "p", "CallbackURLs": [HTTP]}}
    if metadata is not None:
        client["Metadata"] = metadata
    return json.dumps({"Resources": {"WebClient": client}}, indent=indent) + "\n"


@pytest.mark.parametrize("metadata", [None, {"Owner": "team"}, {"cognito-lint": {"reason": "r"}},
                                      {"cognito-lint": {"ignore": ["CG207"]}}, {}],
                         ids=["none", "other", "no-ignore", "ignore-list", "empty"])
@pytest.mark.parametrize("indent", [2, None])
def test_cloudformation_json_gets_a_metadata_suppression(metadata, indent):
    text = template_json(metadata, indent)
    title, edited = suppress(text, "/b/app.template.json", "CG202")
    assert title == "Suppress CG202 for WebClient (resource Metadata)"
    data = json.loads(edited)
    assert "CG202" in data["Resources"]["WebClient"]["Metadata"]["cognito-lint"]["ignore"]
    if indent:  # written in the file's layout
        assert all(line.startswith(" ") for line in edited.splitlines()[1:-1])


def test_no_suppression_for_json_payloads_parse_errors_and_unused_suppressions():
    payload = json.dumps({"UserPoolId": "p", "ClientName": "c", "CallbackURLs": [HTTP]}, indent=2)
    assert suppress(payload, "/b/create.json", "CG202") is None
    broken = cfn("CallbackURLs: [")
    [finding] = lint_buffer(broken)
    assert finding.rule_id == "CG001"
    text = cfn("ClientName: c  # cognito-lint: ignore=CG106\n")
    unused = next(f for f in lint_buffer(text) if f.rule_id == "CG009")
    assert actions.suppression(registry.parse("/buffers/template.yaml", text.encode()), unused) is None
