"""Bad input is normal input: odd files give one clear line or a finding, never a crash of the run."""
from __future__ import annotations

import json
import os

import pytest

from support import lint_text, run_cli, lint_written

CLIENT = "Resources:\n  C:\n    Type: AWS::Cognito::UserPoolClient\n{rest}"


def run(*args, cwd=None):
    result = run_cli("lint", *args, cwd=cwd)
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.mark.parametrize("name, text", [
    ("transform.yaml", CLIENT.format(rest="    Properties:\n      Fn::Transform: {Name: AWS::Include, Parameters: {Location: s3://b/k}}\n")),
    ("if-properties.yaml", CLIENT.format(rest="    Properties: !If [Undefined, {UserPoolId: a}, {UserPoolId: b}]\n")),
    ("novalue.yaml", CLIENT.format(rest="    Properties: !Ref AWS::NoValue\n")),
    ("list-condition.json", json.dumps({"Resources": {"C": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {
        "UserPoolId": "x", "AllowedOAuthFlows": {"Fn::If": [["a"], ["code"], ["implicit"]]}}}}})),
    ("huge-int.yaml", CLIENT.format(rest="    Properties:\n      UserPoolId: x\n      AccessTokenValidity: " + "9" * 5000 + "\n")),
    ("huge-int-string.yaml", CLIENT.format(rest="    Properties:\n      UserPoolId: x\n      AccessTokenValidity: '" + "9" * 5000 + "'\n")),
])
def test_odd_clients_do_not_crash(name, text):
    findings = lint_text(text, name)
    assert all(f.rule_id != "CG001" or "internal" not in f.message for f in findings)


@pytest.mark.parametrize("name, content, message", [
    ("nan.json", '{"UserPoolId": "us-east-1_a", "ClientName": "a", "AccessTokenValidity": NaN}', "NaN is not a JSON number"),
    ("huge.json", '{"UserPoolId": "us-east-1_a", "ClientName": "a", "AccessTokenValidity": 1' + "0" * 5000 + "}", "invalid JSON"),
    ("deep.yaml", "UserPoolClient: " + "[" * 800 + "]" * 800 + "\n", "nesting too deep"),
    ("laughs.yaml", "UserPoolId: x\na0: &a0 [x, x]\n" + "".join(f"a{i}: &a{i} [*a{i-1}, *a{i-1}]\n" for i in range(1, 40)),
     "aliases expand to more than"),
    # the same in JSON-like flow style: each anchor right after a colon
    ("laughs-flow.yaml", '{"UserPoolId": "x", "a0":&a0 [x, x], '
     + ", ".join(f'"a{i}":&a{i} [*a{i-1}, *a{i-1}]' for i in range(1, 40)) + "}\n", "aliases expand to more than"),
    ("utf16.yaml", None, "UTF-16"),
    ("multi.yaml", "UserPoolId: a\n---\nUserPoolId: b\n", "several YAML documents"),
])
def test_bad_files_are_cg001_and_the_others_are_linted(tmp_path, name, content, message):
    path = tmp_path / name
    if content is None:
        path.write_bytes("UserPoolId: x\n".encode("utf-16"))
    else:
        path.write_text(content)
    (tmp_path / "bad.yaml").write_text(CLIENT.format(rest="    Properties:\n      UserPoolId: x\n      EnableTokenRevocation: false\n"))
    result = run("--format", "json", "--select", "CG304", path, tmp_path / "bad.yaml")
    found = {(f["rule"], os.path.basename(f["file"])) for f in json.loads(result.stdout)["findings"]}
    assert found == {("CG001", name), ("CG304", "bad.yaml")}
    assert message in json.dumps(json.loads(result.stdout)), result.stdout
    assert result.returncode == 1


def test_parse_errors_count_even_when_cg001_is_not_selected(tmp_path):
    (tmp_path / "broken.yaml").write_text("UserPoolId: [\n")
    result = run("--select", "CG202", tmp_path / "broken.yaml")
    assert result.returncode == 1 and "CG001" in result.stdout


def test_walk_skips_fifos_and_dangling_links(tmp_path):
    os.mkfifo(tmp_path / "pipe.yaml")
    os.symlink(tmp_path / "missing.yaml", tmp_path / "dangling.yaml")
    (tmp_path / "dir.yaml").mkdir()
    assert run(tmp_path).returncode == 0


def test_odd_cdk_manifests(tmp_path):
    (tmp_path / "manifest.json").write_text('{"artifacts": [1]}')
    (tmp_path / "a.template.json").write_text(json.dumps({"Resources": {
        "S": {"Type": "AWS::CloudFormation::Stack", "Metadata": {"aws:asset:path": "a.template.json"}},
        "C": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": "x", "EnableTokenRevocation": False}}}}))
    assert run("--select", "CG304", tmp_path).returncode == 1
    (tmp_path / "manifest.json").write_text(json.dumps({"artifacts": {"A": {
        "type": "aws:cloudformation:stack", "properties": {"templateFile": "a.template.json"}}}}))
    result = run("--select", "CG304", tmp_path)
    assert result.returncode == 1 and "(stack A, C)" in result.stdout


def test_front_end_config_is_not_an_update_request(tmp_path):
    (tmp_path / "config.json").write_text('{"UserPoolId": "us-east-1_abcDEF123", "ClientId": "1example", "Region": "us-east-1"}')
    result = run("-v", tmp_path / "config.json")
    assert result.returncode == 0 and "holds no app client" in result.stderr


def test_merge_keys_and_resource_conditions():
    text = ("Conditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n"
            "  C:\n    Type: AWS::Cognito::UserPoolClient\n    Condition: IsProd\n    Properties:\n"
            "      <<: {UserPoolId: us-east-1_abc}\n"
            "      CallbackURLs: [!If [IsProd, 'https://a.acme.io/cb', 'http://dev.acme.io/cb']]\n")
    assert lint_text(text, select=["CG0", "CG202"]) == []  # no CG002 '<<', no CG006, never the dev branch


def test_different_imports_are_different_values():
    text = CLIENT.format(rest="    Properties:\n      UserPoolId: x\n      CallbackURLs:\n"
                         "        - !Sub ['https://${D}/cb', {D: !ImportValue StackA-Domain}]\n"
                         "        - !Sub ['https://${D}/cb', {D: !ImportValue StackB-Domain}]\n")
    assert lint_text(text, select=["CG209"]) == []


def test_a_crashing_plugin_rule_is_named_and_other_files_are_linted(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "boom.py").write_text('"""Boom."""\nID = "X001"\nNAME = "boom"\nLEVEL = "error"\n'
                                   "def check(client, options):\n    raise KeyError('oops')\n")
    (tmp_path / "a.yaml").write_text(CLIENT.format(rest="    Properties:\n      UserPoolId: x\n      EnableTokenRevocation: false\n"))
    result = run("--rules-dir", rules, "--select", "X001,CG304", tmp_path / "a.yaml")
    assert result.returncode == 2
    assert "rule X001" in result.stderr and "a.yaml" in result.stderr and "KeyError" in result.stderr


def test_jobs_must_be_positive(tmp_path):
    result = run("--jobs", "0", tmp_path)
    assert result.returncode == 2 and "--jobs" in result.stderr


DUPLICATES = {
    "pool.yaml": ('Resources:\n  Pool:\n    Type: AWS::Cognito::UserPool\n'
                  '    Properties: {MfaConfiguration: "ON", MfaConfiguration: OPTIONAL}\n'
                  '  Client:\n    Type: AWS::Cognito::UserPoolClient\n'
                  '    Properties: {UserPoolId: !Ref Pool, AllowedOAuthFlowsUserPoolClient: true,\n'
                  '                 AllowedOAuthFlows: [implicit], AllowedOAuthScopes: [openid], '
                  'CallbackURLs: [https://app.contoso.io/cb]}\n', (4, 42, 4, 58), ("CG106", 8, 38)),
    "client.json": ('{"UserPoolId": "us-east-1_abc", "ClientName": "c", "AllowedOAuthFlows": ["code"],\n'
                    ' "AllowedOAuthFlows": ["implicit"]}', (2, 2, 2, 21), ("CG106", 2, 24)),
    "main.tf": ('resource "aws_cognito_user_pool_client" "c" {\n  user_pool_id = "p"\n'
                '  allowed_oauth_flows = ["implicit"]\n  allowed_oauth_flows = ["code"]\n}\n', (4, 3, 4, 22), ("CG106", 3, 26)),
    "c.ps1": ("New-CGIPUserPoolClient -UserPoolId p -ClientName c -AllowedOAuthFlow implicit "
              "-allowedoauthflow code\n", (1, 79, 1, 96), ("CG106", 1, 70)),
}


@pytest.mark.parametrize("name", sorted(DUPLICATES))
def test_a_duplicate_key_is_reported_and_the_file_still_linted(tmp_path, name):
    """Issue 14: one duplicate key no longer silences the whole file."""
    text, key_span, finding = DUPLICATES[name]
    findings = lint_written(tmp_path / name, text, select=["CG001", "CG106"])
    duplicate = [f for f in findings if f.rule_id == "CG001"]
    assert [(f.span.line, f.span.column, f.span.end_line, f.span.end_column) for f in duplicate] == [key_span]
    assert "first at line" in duplicate[0].message
    assert ("CG106", *finding[1:]) in [(f.rule_id, f.span.line, f.span.column) for f in findings]
