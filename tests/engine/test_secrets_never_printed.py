"""A client secret found in a file never reaches any output format (at most its first 4 characters)."""
from __future__ import annotations

import json

import pytest

from linter.reporters import FORMATS
from support import ROOT, run_cli

SECRET = "fakeSecretValue0123456789abcdefghijklmnopqrstu"
SAMPLE = ROOT / "sample_configs" / "bad" / "describe-output.json"
DESCRIBE = '{{"UserPoolClient": {{"UserPoolId": "us-east-1_abc", "ClientName": "c", {body}}}}}'
TEMPLATE = ("Resources:\n  C:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n"
            "      UserPoolId: us-east-1_abc\n{props}")
#: Files where the secret sits on a line some finding shows (parse errors, typos, wrong types, ...).
CASES = {
    "duplicate-key.json": DESCRIBE.format(body=f'"ClientSecret": "{SECRET}", "ClientSecret": "{SECRET}"'),
    "broken.json": DESCRIBE.format(body=f'"ClientSecret": "{SECRET}" ,,'),
    "typo.yaml": TEMPLATE.format(props=f"      clientSecret: {SECRET}\n"),
    "list.yaml": TEMPLATE.format(props=f"      ClientSecret:\n        - {SECRET}\n"),
    "sub.yaml": TEMPLATE.format(props=f'      ClientSecret: !Sub "{SECRET}${{AWS::Region}}"\n'),
    "unused-suppression.yaml": TEMPLATE.format(props=f"      ClientSecret: {SECRET}  # cognito-lint: ignore=CG106\n"),
    "one-line.json": json.dumps({"Resources": {
        "A": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": "x", "AllowedOAuthFlows": ["implicit"]}},
        "B": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": "x", "ClientSecret": SECRET}}}}),
    "deploy.ps1": f"New-CGIPUserPoolClient -UserPoolId p -ClientName c -ClientSecret '{SECRET}' -SecretKey '{SECRET}'\n",
    "splat.ps1": f"$p = @{{ UserPoolId = 'p'; ClientName = 'c'; ClientSecret = \"{SECRET}\" }}\nNew-CGIPUserPoolClient @p\n",
    # An identity provider's secret on the same line as a client's http callback.
    "main.tf": ('resource "aws_cognito_identity_provider" "g" {\n'
                f'  provider_details = {{ client_secret = "{SECRET}" }}\n}}\n'
                'resource "aws_cognito_user_pool_client" "c" {\n  name = "c"\n  user_pool_id = "p"\n'
                f'  callback_urls = ["http://app.example.org/{SECRET}"]\n}}\n'),
}


def lint(*args):
    return run_cli("lint", "--fail-on", "never", *args)


@pytest.mark.parametrize("fmt", FORMATS)
def test_secret_is_not_printed(fmt):
    assert SECRET in SAMPLE.read_text()
    result = lint("--format", fmt, SAMPLE)
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert SECRET[4:12] not in output
    if fmt == "text":
        assert "fake…" in output


@pytest.mark.parametrize("name", sorted(CASES))
def test_secret_on_any_shown_line_is_masked(tmp_path, name):
    (tmp_path / name).write_text(CASES[name])
    result = lint("--format", "text", tmp_path / name)
    assert result.returncode == 0, result.stderr
    assert "|" in result.stdout  # some finding shows a source line
    assert SECRET[4:12] not in result.stdout + result.stderr


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_format_shows_a_secret_of_any_case(tmp_path, fmt):
    """Every case at once, in every output format, suppressed findings included."""
    for name, text in CASES.items():
        (tmp_path / name).write_text(text)
    result = lint("--format", fmt, "--show-suppressed", tmp_path)
    assert result.returncode == 0, result.stderr
    assert all(name in result.stdout for name in CASES)  # every file has findings in the report
    assert SECRET[4:12] not in result.stdout + result.stderr


def test_names_that_only_mention_secrets_are_not_masked(tmp_path):
    """GenerateSecret is a flag, and a Ref's target is a name: neither is a secret to mask."""
    (tmp_path / "t.yaml").write_text(TEMPLATE.format(props="      GenerateSecret: UseSecretFlag\n"))
    result = lint("--format", "text", "--select", "CG003", tmp_path / "t.yaml")
    assert "GenerateSecret must be" in result.stdout and "GenerateSecret: UseSecretFlag" in result.stdout
    assert "…" not in result.stdout


#: A secret next to the settings fixes change: it is on the context lines of the diff.
NEXT_TO_FIXES = {
    "next-to-fix.yaml": TEMPLATE.format(props=f"      ClientSecret: {SECRET}\n      EnableTokenRevocation: false\n"),
    "next-to-fix.json": json.dumps({"UserPoolId": "us-east-1_abc", "ClientName": "c", "ClientSecret": SECRET,
                                    "AllowedOAuthFlows": ["Code"]}, indent=2),
    "next-to-fix.ps1": (f"$s = '{SECRET}'\nNew-CGIPUserPoolClient -UserPoolId p -ClientName c `\n"
                        "    -ClientSecret $s -EnableTokenRevocation $false\n"),
    # The fix itself would write the secret (the default redirect holds it): no fix is offered.
    "in-the-fix.json": json.dumps({"UserPoolId": "us-east-1_abc", "ClientName": "c", "ClientSecret": SECRET,
                                   "CallbackURLs": ["https://a.example.org/cb"],
                                   "DefaultRedirectURI": f"https://a.example.org/{SECRET}"}, indent=2),
}


@pytest.mark.parametrize("name", sorted(CASES) + sorted(NEXT_TO_FIXES))
def test_secret_is_never_in_a_diff_or_a_fix(tmp_path, name):
    (tmp_path / name).write_text({**CASES, **NEXT_TO_FIXES}[name])
    diff = lint("--diff", "--unsafe-fixes", tmp_path / name)
    assert diff.returncode in (0, 1), diff.stderr
    assert SECRET[4:12] not in diff.stdout + diff.stderr
    if name in NEXT_TO_FIXES and name != "in-the-fix.json":
        assert diff.returncode == 1 and "*" * 12 in diff.stdout  # the context line, masked
    report = lint("--format", "json", "--unsafe-fixes", tmp_path / name)
    assert SECRET[4:12] not in report.stdout
    if name == "in-the-fix.json":
        assert [f["fix"] for f in json.loads(report.stdout)["findings"] if f["rule"] == "CG201"] == [None]
