"""``--diff-base REF``: the clients of a file as they were in another git revision.

Rules that judge a *change* (CG702: an update that replaces the client) compare each client with
its base version, matched by name (a CloudFormation logical ID, a Terraform resource name).  The
base text comes from ``git show REF:PATH``; a file or client that did not exist there has no base.
"""
from __future__ import annotations

import dataclasses
import os
import subprocess
from functools import lru_cache
from typing import Optional

from linter.loaders import registry
from linter.parsers.document import ParseError


class DiffBaseError(Exception):
    """The revision cannot be used (not a git repository, unknown revision)."""


def check_revision(ref: str, paths: list[str]) -> None:
    """Raise DiffBaseError unless ``ref`` names a commit in the repository of every path (files
    and folders) that is in one, and at least one is."""
    roots = {_toplevel(os.path.abspath(p) if os.path.isdir(p) else os.path.dirname(os.path.abspath(p)))
             for p in paths}
    roots.discard(None)
    if not roots:
        raise DiffBaseError(f"--diff-base {ref}: {', '.join(paths)} {'is' if len(paths) == 1 else 'are'} not in a "
                            "git repository")
    for root in sorted(roots):
        _check_in(ref, root)


@lru_cache(maxsize=64)
def _check_in(ref: str, root: str) -> None:
    result = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if result is None or result.returncode != 0:
        raise DiffBaseError(f"--diff-base {ref}: unknown git revision in the repository {root}")


def with_previous(path: str, sources: list, ref: str) -> list:
    """``sources`` whose clients carry their base-version variants in ``previous``.  Raises
    DiffBaseError for a file whose repository does not have ``ref``: its changes cannot be judged."""
    root = _toplevel(os.path.dirname(os.path.abspath(path)))
    if root is None:
        raise DiffBaseError(f"--diff-base {ref}: the file is not in a git repository")
    _check_in(ref, root)
    base = _base_clients(path, ref)
    if not base:
        return sources
    for source in sources:
        previous = base.get(source.name, ())
        if previous:
            for variant in source.variants:
                variant.client = dataclasses.replace(variant.client, previous=previous)
    return sources


def _base_clients(path: str, ref: str) -> dict[str, tuple]:
    text = base_text(path, ref)
    if text is None:
        return {}
    try:
        sources = registry.load(registry.parse(path, text))
    except ParseError:
        return {}  # a base version that did not parse: nothing to compare with
    return {s.name: tuple(v.client for v in s.variants) for s in sources}


def base_text(path: str, ref: str) -> Optional[bytes]:
    """The file's content at ``ref``, or None when it did not exist there (or git cannot tell)."""
    folder = os.path.dirname(os.path.abspath(path))
    root = _toplevel(folder)
    if root is None:
        return None
    relative = os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")
    result = _git(root, "show", f"{ref}:{relative}", text=False)
    return result.stdout if result is not None and result.returncode == 0 else None


@lru_cache(maxsize=64)
def _toplevel(folder: str) -> Optional[str]:
    result = _git(folder, "rev-parse", "--show-toplevel")
    return result.stdout.strip() if result is not None and result.returncode == 0 else None


def _git(folder: str, *args: str, text: bool = True) -> Optional[subprocess.CompletedProcess]:
    try:
        return subprocess.run(["git", "-C", folder, *args], capture_output=True, text=text, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
