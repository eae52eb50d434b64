"""Markers for what some tests need beyond this checkout, and the skips when it is missing.

- ``@pytest.mark.shared`` / ``@pytest.mark.shared("corpus/real")``: needs ../shared (the real-world
  corpus, the peer suite, the schemas), or the given file or folder inside it.
- ``@pytest.mark.git`` needs the git command; ``@pytest.mark.git(checkout=True)`` also needs this
  project to be a git checkout (a work tree git can list).

A test whose need is not met is skipped, and the skip says what is missing (``pytest -rs``).

Property tests draw the same examples on every run (profile "repeatable"), so a red CI run is the
code's doing and reproduces with the same command; ``pytest --hypothesis-profile=explore`` draws new
examples each run, and more of them, to look for cases the fixed ones miss.
"""
from __future__ import annotations

import functools
import shutil
import subprocess

import pytest
from hypothesis import settings

from support import ROOT, SHARED

settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False, max_examples=1000)
settings.load_profile("repeatable")  # --hypothesis-profile, read later by hypothesis' plugin, overrides it


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "shared(path=None): needs ../shared (the corpus, the peer suite, the schemas), or PATH inside "
                   "it; skipped when it is absent")
    config.addinivalue_line(
        "markers", "git(checkout=False): needs the git command (and, with checkout=True, a git checkout of "
                   "this project); skipped without it")


def _missing_shared(marker) -> str | None:
    """Why a test marked ``shared`` cannot run here, or None."""
    relative = marker.args[0] if marker.args else marker.kwargs.get("path")
    if not SHARED.is_dir():
        return f"needs ../shared ({SHARED}), which is absent"
    if relative and not (SHARED / relative).exists():
        return f"needs ../shared/{relative}, which is absent"
    return None


@functools.lru_cache(maxsize=None)
def _is_git_checkout() -> bool:
    done = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--is-inside-work-tree"],
                          capture_output=True, text=True)
    return done.returncode == 0 and done.stdout.strip() == "true"


def _missing_git(marker) -> str | None:
    """Why a test marked ``git`` cannot run here, or None."""
    if shutil.which("git") is None:
        return "needs the git command, which is not on PATH"
    if marker.kwargs.get("checkout") and not _is_git_checkout():
        return f"needs a git checkout of the project, and {ROOT} is not inside a git work tree"
    return None


def pytest_collection_modifyitems(config, items):
    for item in items:
        for name, missing in (("shared", _missing_shared), ("git", _missing_git)):
            for marker in item.iter_markers(name=name):
                reason = missing(marker)
                if reason:
                    item.add_marker(pytest.mark.skip(reason=reason), append=False)  # before an empty parametrization's skip
                    break
