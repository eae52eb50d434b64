"""Configuration files, suppressions and baselines, through the real CLI."""
from __future__ import annotations

import json

import pytest

from support import run_cli

TEMPLATE = """\
Resources:
  WebClient:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: us-east-1_abc
      CallbackURLs: [http://app.acme-corp.io/cb]
      EnableTokenRevocation: false
"""


def run(cwd, *args):
    result = run_cli("lint", *args, cwd=cwd)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def findings(cwd, *args):
    result = run(cwd, "--format", "json", *args)
    assert result.returncode in (0, 1), result.stderr
    return [(f["rule"], f["file"], f["line"]) for f in json.loads(result.stdout)["findings"]]


@pytest.fixture
def repo(tmp_path):
    (tmp_path / "app.yaml").write_text(TEMPLATE)
    (tmp_path / "dev").mkdir()
    (tmp_path / "dev" / "app.yaml").write_text(TEMPLATE)
    return tmp_path


def test_yaml_config_select_levels_per_file_ignores_and_fail_on(repo):
    (repo / ".cognito-lint.yaml").write_text(
        "select: [CG202, CG304]\nlevels: {CG304: note}\nper-file-ignores: {'dev/*': [CG2]}\nfail-on: error\n")
    assert findings(repo) == [("CG202", "app.yaml", 6), ("CG304", "app.yaml", 7), ("CG304", "dev/app.yaml", 7)]
    levels = {(f["rule"], f["level"]) for f in json.loads(run(repo, "--format", "json").stdout)["findings"]}
    assert levels == {("CG202", "error"), ("CG304", "note")}
    assert run(repo, "--select", "CG304").returncode == 0  # notes do not reach fail-on: error
    assert run(repo, "--select", "CG304", "--fail-on", "note").returncode == 1  # the flag overrides the file


def test_pyproject_config_found_from_a_subdirectory_with_rule_options(repo):
    (repo / "pyproject.toml").write_text('[tool.cognito-lint]\nselect = ["CG202"]\nexclude = ["dev"]\n'
                                         '[tool.cognito-lint.rules.CG202]\n')
    assert findings(repo / "dev", str(repo)) == [("CG202", str(repo / "app.yaml"), 6)]  # dev/ excluded


@pytest.mark.parametrize("content, message", [
    ("selcet: [CG2]\n", "selcet: unknown key"),
    ("levels: {CG202: fatal}\n", "levels.CG202: Input should be 'error', 'warning' or 'note'"),
    ("rules: {CG999: {x: 1}}\n", "rules.CG999: unknown rule"),
    ("rules: {CG202: {x: 1}}\n", "rules.CG202.x: unknown option"),
    ("select: [CG2, CG9]\n", "select: unknown rule ID or prefix CG9"),
    ("ignore: [CG405, XX1]\n", "ignore: unknown rule ID or prefix XX1"),
    ("rules: {CG305: {max-access-token-minutes: -5}}\n",
     "rules.CG305.max-access-token-minutes: expected a duration of 1 or more minutes, got -5"),
    ("rules: {CG309: {max-refresh-token-days: 0}}\n",
     "rules.CG309.max-refresh-token-days: expected a duration of 1 or more days, got 0"),
    ("select: [\n", "invalid YAML"),
])
def test_bad_config_exits_2_naming_key_and_file(repo, content, message):
    (repo / ".cognito-lint.yaml").write_text(content)
    result = run(repo)
    assert result.returncode == 2
    assert ".cognito-lint.yaml" in result.stderr and message in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_duration_option_of_zero_or_less_on_the_command_line_exits_2(repo):
    result = run(repo, "--option", "CG305.max-access-token-minutes=-5")
    assert (result.returncode, result.stderr) == (2, "cognito-lint: error: --option 'CG305.max-access-token-minutes=-5': "
                                                     "expected a duration of 1 or more minutes, got -5\n")
    assert run(repo, "--option", "CG309.max-refresh-token-days=0").returncode == 2
    assert run(repo, "--option", "CG305.max-access-token-minutes=1", "--select", "CG305").returncode in (0, 1)


def test_explicit_config_flag(repo, tmp_path_factory):
    other = tmp_path_factory.mktemp("cfg") / "lint.yaml"
    other.write_text("select: [CG202, CG304]\nignore: [CG2]\n")
    assert {r for r, _, _ in findings(repo, "--config", str(other))} == {"CG304"}
    assert run(repo, "--config", str(other) + ".missing").returncode == 2


def test_suppression_comments_metadata_and_unused(repo):
    (repo / "app.yaml").write_text(TEMPLATE.replace(
        "  WebClient:\n", "  WebClient:  # cognito-lint: ignore=CG304 reviewed: legacy app\n").replace(
        "[http://app.acme-corp.io/cb]", "[http://app.acme-corp.io/cb]  # cognito-lint: ignore=CG202,CG206"))
    (repo / "dev" / "app.json").write_text(json.dumps({"Resources": {"C": {
        "Type": "AWS::Cognito::UserPoolClient", "Metadata": {"cognito-lint": {"ignore": ["CG304"]}},
        "Properties": {"UserPoolId": "x", "EnableTokenRevocation": False}}}}, indent=2))
    shown = findings(repo, "--select", "CG202,CG206,CG304,CG009", "app.yaml", "dev/app.json")
    assert shown == [("CG009", "app.yaml", 6)]  # CG206 ran and matched nothing on that line
    # A suppression of a rule that did not run is not "unused".
    assert findings(repo, "--select", "CG202,CG304,CG009", "app.yaml", "dev/app.json") == []
    result = run(repo, "--select", "CG202,CG304", "--show-suppressed", "app.yaml")
    assert "[suppressed: reviewed: legacy app]" in result.stdout
    sarif = json.loads(run(repo, "--select", "CG202,CG304", "--format", "sarif", "app.yaml").stdout)
    suppressions = [r.get("suppressions") for r in sarif["runs"][0]["results"]]
    assert suppressions == [[{"kind": "inSource"}], [{"kind": "inSource", "justification": "reviewed: legacy app"}]]


def test_ignore_file_comment(repo):
    (repo / "app.yaml").write_text("# cognito-lint: ignore-file=CG2\n" + TEMPLATE)
    assert findings(repo, "--select", "CG202,CG304,CG009", "app.yaml") == [("CG304", "app.yaml", 8)]


def test_baseline_survives_moved_lines_and_reports_new_findings(repo):
    assert run(repo, "--write-baseline", "baseline.json").returncode == 0
    assert findings(repo, "--baseline", "baseline.json") == []
    moved = "# a comment that moves every line\n\n" + TEMPLATE.replace("    Properties:\n", "    Properties:\n      ClientName: web\n")
    (repo / "app.yaml").write_text(moved + "      LogoutURLs: [http://app.acme-corp.io/bye]\n")
    assert findings(repo, "--baseline", "baseline.json", "--select", "CG202,CG304") == [("CG202", "app.yaml", 11)]
    bad = repo / "not-a-baseline.json"
    bad.write_text("[]")
    result = run(repo, "--baseline", str(bad))
    assert result.returncode == 2 and "not a cognito-lint baseline" in result.stderr
