"""``--fix`` respects the user's files (issue 15, section 3): a symbolic link stays a link and its
target is fixed; a file with hard links is refused, not split; a file edited after it was linted,
or while it is being fixed, keeps the user's edit; every failure (unreadable, changed, read-only
folder or file, another owner) leaves the file as it was, with one error line and exit 2.

Tests run as root in CI's containers, where permissions do not stop anything: those failures are
simulated at the system call the fixer makes (and also tried for real when not root)."""
from __future__ import annotations

import os

import pytest

from linter.engine.lint import LintConfig, lint_file
from linter.fixes import apply as fixer
from support import rules_by_id, run_cli

TEMPLATE = """\
Resources:
  UserPool:
    Type: AWS::Cognito::UserPool
  WebClient:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref UserPool
      AllowedOAuthFlows: [Code]   # the case is wrong
"""
FIXED = TEMPLATE.replace("[Code]", "[code]")


def run(folder, *args):
    return run_cli("lint", "--select", "CG005", *args, cwd=folder)


def linted(path):
    result = lint_file(str(path), LintConfig(rules=rules_by_id(["CG005"])))
    return result.findings, result.digests[str(path)]


def folder_listing(folder):
    return sorted(p.name for p in folder.iterdir())


# --- links ---------------------------------------------------------------------------------------

def test_a_symbolic_link_stays_a_link_and_its_target_is_fixed(tmp_path):
    real = tmp_path / "templates" / "auth.yaml"
    real.parent.mkdir()
    real.write_text(TEMPLATE)
    work = tmp_path / "work"
    work.mkdir()
    (work / "auth.yaml").symlink_to(real)
    result = run(work, "--fix", "auth.yaml")
    assert result.returncode == 0, result.stderr
    assert "Fixed 1 problem in 1 file." in result.stderr
    assert (work / "auth.yaml").is_symlink() and os.readlink(work / "auth.yaml") == str(real)
    assert real.read_text() == FIXED
    assert folder_listing(work) == ["auth.yaml"] and folder_listing(real.parent) == ["auth.yaml"]


def test_a_link_and_its_target_in_one_walk_are_fixed_once(tmp_path):
    (tmp_path / "auth.yaml").write_text(TEMPLATE)
    (tmp_path / "alias.yaml").symlink_to(tmp_path / "auth.yaml")
    result = run(tmp_path, "--fix", ".")
    assert result.returncode == 0, result.stderr
    assert "Fixed 1 problem in 1 file." in result.stderr
    assert (tmp_path / "alias.yaml").is_symlink() and (tmp_path / "auth.yaml").read_text() == FIXED


def test_a_file_with_hard_links_is_refused_not_split(tmp_path):
    (tmp_path / "auth.yaml").write_text(TEMPLATE)
    os.link(tmp_path / "auth.yaml", tmp_path / "copy.yaml")
    result = run(tmp_path, "--fix", "auth.yaml")
    assert result.returncode == 2
    assert "auth.yaml: not fixed: it has 2 hard links, and writing a new file would split them" in result.stderr
    assert (tmp_path / "auth.yaml").read_text() == TEMPLATE
    assert os.stat(tmp_path / "auth.yaml").st_ino == os.stat(tmp_path / "copy.yaml").st_ino
    # --diff writes nothing, so it shows the change to make by hand.
    diff = run(tmp_path, "--diff", "auth.yaml")
    assert diff.returncode == 1 and "+      AllowedOAuthFlows: [code]   # the case is wrong" in diff.stdout


# --- a file that changes under the fixer -------------------------------------------------------

def test_a_file_edited_after_it_was_linted_is_not_overwritten(tmp_path):
    path = tmp_path / "auth.yaml"
    path.write_text(TEMPLATE)
    findings, digest = linted(path)
    edited = TEMPLATE.replace("# the case is wrong", "# being edited")
    path.write_text(edited)
    outcome = fixer.fix_files(findings, {str(path): digest})
    assert outcome.errors == [f"{path}: not fixed: it changed after it was linted; lint it again"]
    assert path.read_text() == edited


def test_a_file_edited_while_it_is_being_fixed_keeps_the_edit(tmp_path, monkeypatch):
    """The last look happens after the new text is written to the temporary file, just before the
    rename: an edit made in between (here, while the owner is being set) wins."""
    path = tmp_path / "auth.yaml"
    path.write_text(TEMPLATE)
    findings, digest = linted(path)
    edited = TEMPLATE.replace("# the case is wrong", "# saved by the user meanwhile")
    keep_owner = fixer._keep_owner

    def user_saves(temporary, status):
        path.write_text(edited)
        keep_owner(temporary, status)

    monkeypatch.setattr(fixer, "_keep_owner", user_saves)
    outcome = fixer.fix_files(findings, {str(path): digest})
    assert outcome.errors == [f"{path}: not fixed: it changed while it was being fixed; lint it again"]
    assert path.read_text() == edited
    assert folder_listing(tmp_path) == ["auth.yaml"]


def test_a_path_read_twice_with_different_texts_is_not_fixed(tmp_path):
    from linter.engine.findings import FileResult
    from linter.engine.run import collect

    first, second = FileResult("a.yaml"), FileResult("a.yaml")
    first.digests["a.yaml"], second.digests["a.yaml"] = "1" * 64, "2" * 64
    assert collect([first, second]).digests == {"a.yaml": None}
    path = tmp_path / "auth.yaml"
    path.write_text(TEMPLATE)
    findings, _ = linted(path)
    outcome = fixer.fix_files(findings, {str(path): None})
    assert outcome.errors and "changed after it was linted" in outcome.errors[0]
    assert path.read_text() == TEMPLATE


def test_a_file_removed_before_the_fix_is_an_error(tmp_path):
    path = tmp_path / "auth.yaml"
    path.write_text(TEMPLATE)
    findings, digest = linted(path)
    path.unlink()
    outcome = fixer.fix_files(findings, {str(path): digest})
    assert outcome.errors == [f"{path}: not fixed: cannot read it: No such file or directory"]
    assert not path.exists()


# --- what the fixer may not write --------------------------------------------------------------

@pytest.mark.parametrize("failure, message", [
    ("mkstemp", "cannot write next to it: Permission denied"),
    ("access", "it is read-only"),
    ("chown", "a new file would not keep its owner or group"),
    ("unreadable", "cannot read it: Permission denied"),
])
def test_each_refusal_leaves_the_file_and_no_temporary(tmp_path, monkeypatch, failure, message):
    path = tmp_path / "auth.yaml"
    path.write_text(TEMPLATE)
    findings, digest = linted(path)

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    if failure == "mkstemp":
        monkeypatch.setattr(fixer.tempfile, "mkstemp", denied)
    elif failure == "access":
        monkeypatch.setattr(fixer.os, "access", lambda path, mode: False)
    elif failure == "chown":
        real_stat = os.stat

        def other_owner(target, *args, **kwargs):
            status = real_stat(target, *args, **kwargs)
            if str(target) == str(path):  # the file belongs to someone else
                values = list(status)
                values[4] += 1  # st_uid
                return os.stat_result(values)
            return status

        monkeypatch.setattr(fixer.os, "stat", other_owner)
        monkeypatch.setattr(fixer.os, "chown", denied)
    else:
        monkeypatch.setattr(fixer, "open", denied, raising=False)
    outcome = fixer.fix_files(findings, {str(path): digest})
    assert outcome.errors == [f"{path}: not fixed: {message}"]
    assert path.read_text() == TEMPLATE
    assert folder_listing(tmp_path) == ["auth.yaml"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_file_is_not_replaced(tmp_path):
    path = tmp_path / "auth.yaml"
    path.write_text(TEMPLATE)
    path.chmod(0o444)
    try:
        result = run(tmp_path, "--fix", "auth.yaml")
    finally:
        path.chmod(0o644)
    assert result.returncode == 2 and "auth.yaml: not fixed: it is read-only" in result.stderr
    assert path.read_text() == TEMPLATE


def test_permissions_are_kept(tmp_path):
    path = tmp_path / "auth.yaml"
    path.write_text(TEMPLATE)
    path.chmod(0o640)
    assert run(tmp_path, "--fix", "auth.yaml").returncode == 0
    assert path.read_text() == FIXED and (path.stat().st_mode & 0o777) == 0o640


def test_the_cli_names_each_refused_file_and_fixes_the_others(tmp_path):
    (tmp_path / "a.yaml").write_text(TEMPLATE)
    (tmp_path / "b.yaml").write_text(TEMPLATE)
    os.link(tmp_path / "b.yaml", tmp_path / "b-link.yaml")
    result = run(tmp_path, "--fix", "a.yaml", "b.yaml")
    assert result.returncode == 2
    assert result.stderr.count("not fixed") == 1 and "b.yaml: not fixed: it has 2 hard links" in result.stderr
    assert (tmp_path / "a.yaml").read_text() == FIXED and (tmp_path / "b.yaml").read_text() == TEMPLATE
