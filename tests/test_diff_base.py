"""--diff-base and CG702: a change to GenerateSecret or UserPoolId replaces the client."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from linter.engine.diff_base import DiffBaseError, check_revision
from support import ROOT

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


def lint(folder, *args):
    return subprocess.run([sys.executable, "-m", "linter", "lint", "--select", "CG702", "--fail-on", "never",
                           "--format", "json", *args], capture_output=True, text=True, timeout=120, cwd=folder,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_replacing_changes_are_reported_against_the_base_revision(repository):
    result = lint(repository, "--diff-base", "HEAD", ".")
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


def test_without_diff_base_the_rule_is_silent(repository):
    assert json.loads(lint(repository, ".").stdout)["findings"] == []


def test_a_bad_revision_is_a_usage_error(repository, tmp_path_factory):
    result = lint(repository, "--diff-base", "no-such-branch", ".")
    assert result.returncode == 2 and "--diff-base no-such-branch: unknown git revision" in result.stderr
    with pytest.raises(DiffBaseError, match="unknown git revision|not a git repository"):
        check_revision("HEAD", str(tmp_path_factory.mktemp("plain")))
