"""The pre-commit hook (.pre-commit-hooks.yaml), run by the real ``pre-commit``.

``pre-commit try-repo REPO cognito-lint --files ...`` installs the hook as a user's pre-commit
does: it clones the hook repository, builds a virtualenv for it and ``pip install``s the
repository into it (the only network access is to the package index, for the build backend and
our dependencies), then runs the hook on the files. try-repo always builds into a throwaway store
(``Store(tempdir)`` in pre-commit's try_repo.py, whatever PRE_COMMIT_HOME says), so each call
below builds its own environment: about 6-10 s each here.

The hook repository is a snapshot of this working tree: the tracked files as they are now plus
the untracked files that are not ignored (try-repo on the work tree itself takes tracked changes
along but leaves untracked files out, so a new, not yet added module would be missing). The
snapshot is committed and then given one uncommitted change, so that try-repo always takes its
"uncommitted changes" path (a temporary shadow clone), in CI's clean clone too.

Needs the ``pre-commit`` package (PyPI), git and a git checkout of this project (the tests that
run the hook carry the ``git`` marker: tests/conftest.py); skipped, saying which is missing, without
them. The hook's ``files`` pattern is also checked against every extension the linter reads.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from linter.loaders.registry import extensions
from support import ROOT

HOOK_ID = "cognito-lint"
#: One pre-commit run builds a virtualenv and pip-installs the project: allow for a slow index.
TIMEOUT = 900

BAD_TEMPLATE = textwrap.dedent("""\
    AWSTemplateFormatVersion: "2010-09-09"
    Resources:
      WebClient:
        Type: AWS::Cognito::UserPoolClient
        Properties:
          UserPoolId: !Ref UserPool
          AllowedOAuthFlowsUserPoolClient: true
          AllowedOAuthFlows: [code]
          AllowedOAuthScopes: [openid]
          SupportedIdentityProviders: [COGNITO]
          CallbackURLs:
            - http://app.example.com/callback
    """)
#: A client no rule has anything to say about (the bundled good sample).
GOOD_TEMPLATE = (ROOT / "sample_configs" / "good" / "web-client.template.yaml").read_text(encoding="utf-8")


def _pre_commit_command() -> list[str]:
    """How to run pre-commit: the package importable here, else a `pre-commit` on PATH; else skip."""
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pass
    else:
        return [sys.executable, "-m", "pre_commit"]
    for candidate in (Path(sys.executable).parent / "pre-commit", shutil.which("pre-commit")):
        if candidate and os.access(candidate, os.X_OK):
            return [str(candidate)]
    pytest.skip("pre-commit is not installed: the `pre_commit` module is not importable from "
                f"{sys.executable} and no `pre-commit` executable is on PATH "
                "(pip install pre-commit, or pip install '.[test]' once it lists pre-commit)")


def _git(*args: str, cwd: Path) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="cognito-lint tests", GIT_AUTHOR_EMAIL="tests@invalid",
               GIT_COMMITTER_NAME="cognito-lint tests", GIT_COMMITTER_EMAIL="tests@invalid")
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode:
        raise AssertionError(f"git {' '.join(args)} failed in {cwd}:\n{done.stdout}{done.stderr}")
    return done.stdout


def _snapshot(dest: Path) -> Path:
    """Copy the working tree (tracked + untracked, not ignored) into a new one-commit git repo."""
    listed = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    dest.mkdir()
    for name in sorted(set(filter(None, listed.split("\0")))):
        source = ROOT / name
        if not source.is_file():  # deleted in the work tree but still tracked
            continue
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    _git("init", "-q", "-b", "main", cwd=dest)
    _git("add", "-A", cwd=dest)
    _git("commit", "-q", "--no-gpg-sign", "--no-verify", "-m", "snapshot of the work tree", cwd=dest)
    # One uncommitted change to a tracked file: try-repo then clones HEAD plus the local changes.
    with open(dest / "README.md", "a", encoding="utf-8") as readme:
        readme.write("\n<!-- uncommitted change made by tests/test_precommit.py -->\n")
    return dest


class TryRepo:
    """`pre-commit try-repo SNAPSHOT cognito-lint --files ...` in a scratch git repository."""

    def __init__(self, command: list[str], hook_repo: Path, work: Path, home: Path):
        self.command, self.hook_repo, self.work = command, hook_repo, work
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
        self.env.update(PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never", NO_COLOR="1")

    def run(self, *files: str) -> subprocess.CompletedProcess:
        argv = [*self.command, "try-repo", str(self.hook_repo), HOOK_ID, "--verbose", "--color", "never",
                "--files", *files]
        return subprocess.run(argv, cwd=self.work, env=self.env, capture_output=True, text=True,
                              timeout=TIMEOUT)


@pytest.fixture(scope="session")
def try_repo(tmp_path_factory) -> TryRepo:
    command = _pre_commit_command()
    if shutil.which("git") is None:
        pytest.skip("git is not on PATH: pre-commit needs it")
    base = tmp_path_factory.mktemp("precommit")
    hook_repo = _snapshot(base / "hook-repo")
    work = base / "work"
    work.mkdir()
    _git("init", "-q", "-b", "main", cwd=work)
    (work / "bad.yaml").write_text(BAD_TEMPLATE, encoding="utf-8")
    (work / "good.yaml").write_text(GOOD_TEMPLATE, encoding="utf-8")
    return TryRepo(command, hook_repo, work, base / "pre-commit-home")


def _report(done: subprocess.CompletedProcess) -> str:
    return f"exit {done.returncode}\n--- stdout ---\n{done.stdout}\n--- stderr ---\n{done.stderr}"


@pytest.mark.git(checkout=True)
def test_hook_fails_on_the_bad_file(try_repo):
    done = try_repo.run("bad.yaml")
    assert done.returncode == 1, _report(done)
    assert "Creating temporary repo with uncommitted changes" in done.stdout + done.stderr, _report(done)
    assert "cognito-lint" in done.stdout and "Failed" in done.stdout, _report(done)
    assert "CG202" in done.stdout and "bad.yaml" in done.stdout, _report(done)
    assert "http://app.example.com/callback" in done.stdout, _report(done)


@pytest.mark.git(checkout=True)
def test_hook_passes_on_the_good_file(try_repo):
    done = try_repo.run("good.yaml")
    assert done.returncode == 0, _report(done)
    assert "Passed" in done.stdout and "CG202" not in done.stdout, _report(done)


def test_manifest_is_valid_and_filters_files():
    """pre-commit's own manifest schema accepts the hook; its `files` pattern picks templates only."""
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install pre-commit, or "
                        "pip install '.[test]' once it lists pre-commit)")
    from pre_commit.clientlib import load_manifest

    (hook,) = [h for h in load_manifest(str(ROOT / ".pre-commit-hooks.yaml")) if h["id"] == HOOK_ID]
    assert hook["language"] == "python" and hook["entry"] == "cognito-lint lint"
    assert hook["pass_filenames"] is True and hook["require_serial"] is False
    pattern = re.compile(hook["files"])
    for name in ("a.json", "t.yaml", "t.yml", "stack.template", "cdk.out/App.template.json", "x/.cognito.yaml"):
        assert pattern.search(name), name
    for name in ("notes.txt", "app.py", "a.json.bak", "yaml", "template.md", "a.jsonl"):
        assert not pattern.search(name), name


def test_files_pattern_takes_every_extension_the_linter_reads():
    """Adding an input kind (a new extension in linter.loaders.registry) means updating the hook's
    ``files`` pattern too: pre-commit would not pass such files to the hook otherwise."""
    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == HOOK_ID]
    pattern = re.compile(hook["files"])
    names = [f"stacks/client{extension}" for extension in sorted(extensions())]
    assert names and all(name.startswith("stacks/client.") for name in names)
    assert [name for name in names if not pattern.search(name)] == []
