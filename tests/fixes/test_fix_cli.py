"""What the fixes look like from outside: the text marks and summary, the JSON edits, ``--diff``'s
exit codes, the input kinds that are not fixed (a plan, a CDK assembly), the values that are never
edited (behind an intrinsic, under conditions), and fixing files linted in parallel."""
from __future__ import annotations

import dataclasses
import json
import shutil

from linter.engine.lint import LintConfig, lint_file
from linter.fixes import apply as fixer
from linter.parsers.edits import apply_text_edits
from support import FIXTURES, rules_by_id, run_cli

TEMPLATE = """\
Resources:
  UserPool:
    Type: AWS::Cognito::UserPool
  WebClient:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref UserPool
      GenerateSecret: true
      ExplicitAuthFlows: [ADMIN_NO_SRP_AUTH]
      EnableTokenRevocation: false
      WriteAttributes: [name]
      PreventUserExistenceErrors: ENABLED
"""


def run(folder, *args):
    return run_cli("lint", *args, cwd=folder)


def test_text_marks_safe_and_unsafe_fixes_and_counts_them(tmp_path):
    (tmp_path / "t.yaml").write_text(TEMPLATE)
    result = run(tmp_path, "t.yaml")
    assert "t.yaml:9:27: CG402 [*] [note]" in result.stdout
    assert "t.yaml:10:30: CG304 [~] [warning]" in result.stdout
    assert result.stdout.rstrip().endswith(
        "1 fixable with --fix (marked [*]); 1 more with --fix --unsafe-fixes (marked [~]).")
    only_unsafe = run(tmp_path, "--select", "CG304", "t.yaml")
    assert only_unsafe.stdout.rstrip().endswith("1 with --fix --unsafe-fixes (marked [~]).")


def test_fix_leaves_the_unsafe_ones_and_says_so(tmp_path):
    (tmp_path / "t.yaml").write_text(TEMPLATE)
    result = run(tmp_path, "--fix", "t.yaml")
    assert "Fixed 1 problem in 1 file." in result.stderr
    assert "[ALLOW_ADMIN_USER_PASSWORD_AUTH, ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]" in (
        tmp_path / "t.yaml").read_text()
    assert "EnableTokenRevocation: false" in (tmp_path / "t.yaml").read_text()
    assert "CG304 [~]" in result.stdout
    result = run(tmp_path, "--fix", "--unsafe-fixes", "t.yaml")
    assert "Fixed 1 problem in 1 file." in result.stderr and result.returncode == 0
    assert "EnableTokenRevocation: true" in (tmp_path / "t.yaml").read_text()


def test_json_edits_are_what_fix_writes(tmp_path):
    (tmp_path / "t.yaml").write_text(TEMPLATE)
    report = json.loads(run(tmp_path, "--format", "json", "t.yaml").stdout)
    by_rule = {f["rule"]: f for f in report["findings"]}
    assert by_rule["CG402"]["fixable"] is True and by_rule["CG402"]["fix"]["safety"] == "safe"
    assert by_rule["CG304"]["fixable"] is False
    assert by_rule["CG304"]["fix"] == {"safety": "unsafe", "title": "Set EnableTokenRevocation: true", "edits": [
        {"line": 10, "column": 30, "end_line": 10, "end_column": 35, "text": "true"}]}
    lines = TEMPLATE.splitlines(keepends=True)
    offset = sum(len(line) for line in lines[:9]) + 29
    assert TEMPLATE[offset:offset + 5] == "false"


def test_the_edits_of_one_finding_for_an_editor(tmp_path):
    """An editor's code action is a finding's edits; applying them gives the fixed text."""
    path = tmp_path / "t.yaml"
    path.write_text(TEMPLATE)
    findings = lint_file(str(path), LintConfig(rules=rules_by_id(["CG402"]))).findings
    edits = fixer.text_edits(findings[0])
    assert [(e.span.line, e.span.column, e.new_text) for e in edits] == [
        (9, 27, "ALLOW_ADMIN_USER_PASSWORD_AUTH"), (9, 44, ", ALLOW_USER_SRP_AUTH"), (9, 44, ", ALLOW_REFRESH_TOKEN_AUTH")]
    assert "[ALLOW_ADMIN_USER_PASSWORD_AUTH, ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]" in apply_text_edits(
        TEMPLATE, edits)
    assert fixer.text_edits(dataclasses.replace(findings[0], fix=None)) == []


def test_diff_exit_codes_and_output_file(tmp_path):
    (tmp_path / "t.yaml").write_text(TEMPLATE)
    clean = run(tmp_path, "--diff", "--select", "CG2", "t.yaml")
    assert clean.returncode == 0 and clean.stdout == ""
    assert "Would fix 0 problems in 0 files." in clean.stderr
    result = run(tmp_path, "--diff", "--output", "fix.diff", "t.yaml")
    assert result.returncode == 1 and result.stdout == ""
    assert "Would fix 1 problem in 1 file (1 more with --unsafe-fixes)." in result.stderr
    assert (tmp_path / "fix.diff").read_text().startswith("--- t.yaml\n+++ t.yaml\n@@ -6,7 +6,7 @@\n")
    assert (tmp_path / "t.yaml").read_text() == TEMPLATE
    (tmp_path / "broken.yaml").write_text("Resources: [\n")
    broken = run(tmp_path, "--diff", "t.yaml", "broken.yaml")
    assert broken.returncode == 1  # a parse error is a finding, not a failure of the run


def test_generated_inputs_are_not_fixed(tmp_path):
    """A Terraform plan and a CDK assembly are written by the next plan or synth: no fix offered."""
    shutil.copy(FIXTURES / "terraform" / "plan.json", tmp_path / "plan.json")
    shutil.copytree(FIXTURES / "cdk" / "defaults" / "cdk.out", tmp_path / "cdk.out")
    report = json.loads(run(tmp_path, "--format", "json", ".").stdout)
    assert report["findings"] and all(f["fix"] is None for f in report["findings"])
    diff = run(tmp_path, "--diff", "--unsafe-fixes", ".")
    assert diff.returncode == 0 and diff.stdout == ""


CONDITIONAL = """\
Parameters:
  Stage: {Type: String}
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Mappings:
  Settings:
    errors: {mode: LEGACY}
Resources:
  WebClient:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: us-east-1_Ab12Cd34E
      GenerateSecret: true
      WriteAttributes: [name]
      ExplicitAuthFlows: [ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
      PreventUserExistenceErrors: !FindInMap [Settings, errors, mode]
      EnableTokenRevocation: !If [IsProd, true, false]
      AllowedOAuthFlowsUserPoolClient: true
      AllowedOAuthScopes: [openid]
      CallbackURLs: ['https://a.acme-corp.io/cb']
      AllowedOAuthFlows: !If [IsProd, [code], [code, implicit]]
      LogoutURLs: [!If [IsProd, 'https://a.acme-corp.io/out', 'http://a.acme-corp.io/out']]
"""


def test_values_behind_intrinsics_and_conditions_are_not_edited(tmp_path):
    (tmp_path / "t.yaml").write_text(CONDITIONAL)
    report = json.loads(run(tmp_path, "--format", "json", "t.yaml").stdout)
    found = {f["rule"]: f for f in report["findings"]}
    # LEGACY comes through !FindInMap: the finding is certain, the text to edit is the mapping's.
    assert found["CG406"]["fix"] is None
    # Only some combinations of conditions have these problems: an edit would change the others.
    assert "when IsProd is false" in found["CG304"]["message"] and found["CG304"]["fix"] is None
    assert "when IsProd is false" in found["CG106"]["message"] and found["CG106"]["fix"] is None
    assert "when IsProd is false" in found["CG202"]["message"] and found["CG202"]["fix"] is None
    diff = run(tmp_path, "--diff", "--unsafe-fixes", "t.yaml")
    assert diff.returncode == 0 and diff.stdout == ""


def test_a_problem_every_combination_shares_is_fixed_once(tmp_path):
    """The same edit fixes every variant: offered (PreventUserExistenceErrors is omitted in all)."""
    text = CONDITIONAL.replace("      PreventUserExistenceErrors: !FindInMap [Settings, errors, mode]\n", "")
    (tmp_path / "t.yaml").write_text(text)
    result = run(tmp_path, "--fix", "--unsafe-fixes", "--select", "CG406", "t.yaml")
    assert result.returncode == 0 and "Fixed 1 problem in 1 file." in result.stderr
    assert (tmp_path / "t.yaml").read_text() == text.replace(
        "http://a.acme-corp.io/out']]\n", "http://a.acme-corp.io/out']]\n      PreventUserExistenceErrors: ENABLED\n")


def test_files_linted_in_parallel_are_fixed(tmp_path):
    for index in range(12):
        (tmp_path / f"t{index}.yaml").write_text(TEMPLATE)
    result = run(tmp_path, "--fix", "--jobs", "2", "--select", "CG402", ".")
    assert result.returncode == 0, result.stderr
    assert "Fixed 12 problems in 12 files." in result.stderr
    assert all("ALLOW_REFRESH_TOKEN_AUTH" in (tmp_path / f"t{index}.yaml").read_text() for index in range(12))


def test_suppressed_findings_and_per_file_ignores_are_not_fixed(tmp_path):
    (tmp_path / "t.yaml").write_text(TEMPLATE.replace("EnableTokenRevocation: false",
                                                      "EnableTokenRevocation: false  # cognito-lint: ignore=CG304"))
    (tmp_path / "u.yaml").write_text(TEMPLATE)
    (tmp_path / ".cognito-lint.yaml").write_text("per-file-ignores:\n  u.yaml: [CG304]\n")
    result = run(tmp_path, "--fix", "--unsafe-fixes", "--select", "CG304", ".")
    assert result.returncode == 0 and "Fixed 0 problems in 0 files." in result.stderr
    assert "EnableTokenRevocation: false" in (tmp_path / "u.yaml").read_text()


def test_flags_another_flag_makes_ineffective_are_named_on_stderr(tmp_path):
    """As ruff does, the run goes on without them; one warning line each says so."""
    (tmp_path / "t.yaml").write_text(TEMPLATE)
    alone = run(tmp_path, "--unsafe-fixes", "t.yaml")
    assert alone.stderr == "cognito-lint: warning: --unsafe-fixes has no effect without --fix or --diff\n"
    assert alone.stdout == run(tmp_path, "t.yaml").stdout and alone.returncode == 1
    assert (tmp_path / "t.yaml").read_text() == TEMPLATE

    both = run(tmp_path, "--fix", "--diff", "t.yaml")
    assert both.stderr.splitlines()[0] == (
        "cognito-lint: warning: --fix has no effect with --diff, which changes no file: showing the diff only")
    assert both.stdout.startswith("--- ") and both.returncode == 1
    assert (tmp_path / "t.yaml").read_text() == TEMPLATE

    formatted = run(tmp_path, "--diff", "--format", "json", "t.yaml")
    assert formatted.stderr.splitlines()[0] == (
        "cognito-lint: warning: --format json has no effect with --diff, which prints a unified diff")
    assert formatted.stdout == run(tmp_path, "--diff", "t.yaml").stdout

    baseline = run(tmp_path, "--diff", "--write-baseline", "b.json", "t.yaml")
    assert baseline.stderr.splitlines()[0] == ("cognito-lint: warning: --write-baseline has no effect with --diff, "
                                               "which prints a unified diff: no baseline is written")
    assert not (tmp_path / "b.json").exists()
    report = run(tmp_path, "--write-baseline", "b.json", "--format", "sarif", "--output", "r.sarif", "t.yaml")
    assert report.stderr.splitlines()[0] == ("cognito-lint: warning: --output and --format sarif have no effect "
                                             "with --write-baseline, which writes the baseline instead of a report")
    assert (tmp_path / "b.json").exists() and not (tmp_path / "r.sarif").exists()

    quiet = [run(tmp_path, *flags, "t.yaml").stderr for flags in
             [(), ("--diff",), ("--diff", "--unsafe-fixes"), ("--format", "json")]]
    assert not any("warning" in stderr for stderr in quiet)
