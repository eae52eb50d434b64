"""Every fix in every syntax it applies to, byte for byte: tests/fixtures/fixes/ holds the inputs
(CloudFormation YAML in block and in flow style, JSON, a serverless.yml with an inline template and
a ${file()} include, Terraform HCL and its JSON syntax, a Pulumi YAML program, PowerShell calls and
splats, API payloads: Create, Update, Describe), each client carrying one group of fixable findings;
tests/fixtures/fixes/expected/{safe,unsafe}/ the files as ``--fix`` and ``--fix --unsafe-fixes``
leave them.  After the run only the findings without a fix are left, and a second run is a no-op.

To write the expected files again after a deliberate change (then read the diff):
``COGNITO_LINT_REGENERATE=1 pytest tests/fixes/test_fixtures.py``.
"""
from __future__ import annotations

import collections
import json
import os
import shutil
from pathlib import Path

import pytest

from support import FIXTURES, ROOT, run_cli

CASES = FIXTURES / "fixes"
INPUTS = sorted(p.relative_to(CASES) for p in CASES.rglob("*") if p.is_file() and "expected" not in p.parts)
REGENERATE = bool(os.environ.get("COGNITO_LINT_REGENERATE"))

#: Rules with a fix in every case, by the flag that applies it.
SAFE_RULES = {"CG003", "CG005", "CG105", "CG109", "CG201", "CG209", "CG402", "CG502"}
UNSAFE_RULES = {"CG101", "CG106", "CG202", "CG304", "CG307", "CG405", "CG406"}

#: What is left after `--fix --unsafe-fixes`: findings no fix covers, and those a fix uncovers
#: (file, rule) → count.
LEFT_AFTER_UNSAFE = {
    # A public client whose legacy flows allow refresh tokens: rotation with that flow would be
    # CG306's problem, so CG307 has no fix there.
    ("serverless/serverless.yml", "CG307"): 1,
    # Password flows have no automatic fix.
    ("client.tf.json", "CG403"): 1,
    ("serverless/serverless.yml", "CG403"): 1,
    ("serverless/serverless.yml", "CG404"): 1,
    # An Update payload resets what it omits: not a fix's to decide.
    ("api-update-d.yaml", "CG701"): 1,
}


def _fixed_copy(tmp_path: Path, *flags: str) -> tuple[Path, dict]:
    work = tmp_path / "cases"
    shutil.copytree(CASES, work, ignore=shutil.ignore_patterns("expected"))
    done = run_cli("lint", "--fix", *flags, "--format", "json", ".", cwd=work)
    assert done.returncode in (0, 1), done.stderr
    assert "error" not in done.stderr, done.stderr
    return work, json.loads(done.stdout)


def _compare(work: Path, expected: Path) -> None:
    for name in INPUTS:
        produced = (work / name).read_bytes()
        target = expected / name
        if REGENERATE:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(produced)
        assert produced == target.read_bytes(), f"{name} differs from {target.relative_to(ROOT)}"


def _left(report: dict) -> dict:
    return dict(collections.Counter((f["file"], f["rule"]) for f in report["findings"]))


def test_inputs_have_every_fixable_finding(tmp_path):
    done = run_cli("lint", "--format", "json", ".", cwd=CASES)
    found = json.loads(done.stdout)["findings"]
    fixable = {f["rule"] for f in found if f["fix"]}
    assert fixable == SAFE_RULES | UNSAFE_RULES
    assert {f["rule"] for f in found if f["fix"] and f["fix"]["safety"] == "safe"} == SAFE_RULES
    assert all(f["fixable"] == (f["fix"] is not None and f["fix"]["safety"] == "safe") for f in found)


def test_fix_applies_the_safe_fixes(tmp_path):
    work, report = _fixed_copy(tmp_path)
    _compare(work, CASES / "expected" / "safe")
    left = {f["rule"] for f in report["findings"]}
    assert not left & SAFE_RULES - {"CG105"}, sorted(left)  # CG105: where the intent is unclear, no fix
    assert {f["rule"] for f in report["findings"] if f["fix"]} <= UNSAFE_RULES


def test_unsafe_fixes_apply_every_fix_and_a_second_run_changes_nothing(tmp_path):
    work, report = _fixed_copy(tmp_path, "--unsafe-fixes")
    _compare(work, CASES / "expected" / "unsafe")
    assert _left(report) == LEFT_AFTER_UNSAFE
    again = run_cli("lint", "--diff", "--unsafe-fixes", ".", cwd=work)
    assert again.returncode == 0 and again.stdout == "", again.stdout + again.stderr
    assert "Would fix 0 problems in 0 files." in again.stderr


def test_diff_shows_what_fix_writes_and_changes_nothing(tmp_path):
    work = tmp_path / "cases"
    shutil.copytree(CASES, work, ignore=shutil.ignore_patterns("expected"))
    before = {name: (work / name).read_bytes() for name in INPUTS}
    done = run_cli("lint", "--diff", ".", cwd=work)
    assert done.returncode == 1
    assert {name: (work / name).read_bytes() for name in INPUTS} == before
    changed = {line[4:] for line in done.stdout.splitlines() if line.startswith("+++ ")}
    expected = {str(name) for name in INPUTS
                if (CASES / "expected" / "safe" / name).read_bytes() != (CASES / name).read_bytes()}
    assert changed == expected
    assert "more with --unsafe-fixes" in done.stderr
    # The diff, applied, gives the files --fix writes (no secret in these files: nothing masked).
    patch = shutil.which("patch")
    if patch:
        import subprocess

        subprocess.run([patch, "-s", "-p0"], input=done.stdout, text=True, cwd=work, check=True)
        for name in INPUTS:
            assert (work / name).read_bytes() == (CASES / "expected" / "safe" / name).read_bytes(), name


@pytest.mark.parametrize("name", [str(n) for n in INPUTS])
def test_expected_files_exist(name):
    for flavour in ("safe", "unsafe"):
        assert (CASES / "expected" / flavour / name).is_file() or REGENERATE
