"""A ``\\ud800`` escape writes half of a UTF-16 surrogate pair, which is no character: no text holds
it, UTF-8 cannot write it.  Every reader refuses it as a CG001 at the escape (as Terraform and
libyaml do), so no value that reaches the rules, the fixes or the reports holds one."""
from __future__ import annotations

import json

import pytest

from support import at, lint_buffer, lint_text, run_cli

TF = 'resource "aws_cognito_user_pool_client" "c" {{\n  name         = "app"\n  user_pool_id = "p"\n  callback_urls = ["{url}"]\n}}\n'


@pytest.mark.parametrize("name, text, escape", [
    ("url.json", '{"UserPoolId": "us-east-1_a", "ClientName": "app", "CallbackURLs": ["\\ud800x"]}', "\\ud800"),
    ("name.json", '{"UserPoolId": "us-east-1_a", "ClientName": "\\ud800x"}', "\\ud800"),
    ("key.json", '{"UserPoolId": "us-east-1_a", "ClientName": "a", "\\udc00": 1}', "\\udc00"),
    # a complete pair is one character; the lone low half after it is not
    ("pair.json", '{"UserPoolId": "us-east-1_a", "ClientName": "\\ud83d\\ude00", "CallbackURLs": ["a\\ud83d\\ude00\\udc00"]}',
     "\\udc00"),
    ("high-last.json", '{"UserPoolId": "us-east-1_a", "ClientName": "a\\uD83D"}', "\\uD83D"),
    ("url.yaml", 'UserPoolId: us-east-1_a\nClientName: app\nCallbackURLs: ["\\ud800x"]\n', "\\ud800"),
    ("long.yaml", 'UserPoolId: us-east-1_a\nClientName: "a \\U0000dfff"\n', "\\U0000dfff"),
    # YAML escapes name code points: a "pair" is two halves (libyaml refuses it too)
    ("pair.yaml", 'UserPoolId: us-east-1_a\nClientName: "\\ud83d\\ude00"\n', "\\ud83d"),
    ("key.yaml", 'UserPoolId: us-east-1_a\n"\\ud800": 1\n', "\\ud800"),
    ("url.tf", TF.format(url="\\ud800x"), "\\ud800"),
    ("pair.tf", TF.format(url="\\ud83d\\ude00"), "\\ud83d"),
])
def test_a_surrogate_escape_is_cg001_at_the_escape(name, text, escape):
    for findings in (lint_text(text, name), lint_buffer(text, f"/buffers/{name}")):
        assert [(f.rule_id, f.span.line, f.span.column) for f in findings] == [("CG001", *at(text, escape))]
        assert "surrogate" in findings[0].message


@pytest.mark.parametrize("name, text", [
    ("pair.json", '{"UserPoolId": "us-east-1_a", "ClientName": "x\\ud83d\\ude00"}'),
    ("escaped.json", '{"UserPoolId": "us-east-1_a", "ClientName": "\\\\ud800"}'),  # a backslash, then text
    ("escaped.yaml", 'UserPoolId: us-east-1_a\nClientName: "\\\\ud800"\n'),
    ("plain.yaml", "UserPoolId: us-east-1_a\nClientName: \\ud800\n"),  # no escapes outside double quotes
    ("point.yaml", 'UserPoolId: us-east-1_a\nClientName: "\\U0001F600"\n'),
    ("point.tf", TF.format(url="https://a.example/\\U0001F600")),
])
def test_characters_and_escaped_backslashes_are_read(name, text):
    assert all(f.rule_id != "CG001" for f in lint_text(text, name))


OTHER = json.dumps({"UserPoolId": "us-east-1_a", "ClientName": "spa", "AllowedOAuthFlowsUserPoolClient": True,
                    "AllowedOAuthFlows": ["implicit"], "AllowedOAuthScopes": ["openid"],
                    "CallbackURLs": ["https://spa.example.com/cb"]})


@pytest.mark.parametrize("fmt", ["text", "github", "json", "sarif", "gitlab", "junit", "rdjson"])
def test_a_surrogate_never_ends_the_report(tmp_path, fmt):
    (tmp_path / "other.json").write_text(OTHER)
    (tmp_path / "url.json").write_text('{"UserPoolId": "us-east-1_a", "ClientName": "app", "CallbackURLs": ["\\ud800x"]}')
    (tmp_path / "name.json").write_text('{"UserPoolId": "us-east-1_a", "ClientName": "\\ud800x"}')
    out = tmp_path / "report.out"
    result = run_cli("lint", "--format", fmt, "--output", out, "other.json", "url.json", "name.json", cwd=tmp_path)
    assert result.returncode == 1 and "internal error" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    report = out.read_text(encoding="utf-8")
    assert "CG106" in report and "CG001" in report and "surrogate" in report


def test_fix_skips_a_file_with_a_surrogate_and_fixes_the_others(tmp_path):
    (tmp_path / "other.json").write_text(OTHER)
    (tmp_path / "url.yaml").write_text('UserPoolId: us-east-1_a\nClientName: app\nCallbackURLs: ["\\ud800x"]\n')
    result = run_cli("lint", "--fix", "--unsafe-fixes", ".", cwd=tmp_path)
    assert "internal error" not in result.stderr and result.returncode == 1, result.stderr
    assert "implicit" not in (tmp_path / "other.json").read_text() and "CG001" in result.stdout
