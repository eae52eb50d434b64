"""Which files to lint: walk the paths and apply excludes.

A folder walk takes the extensions the input formats declare (:mod:`linter.loaders.registry`);
a file named on the command line is read whatever its extension, unless the extension names
another language.  Whether a file can hold an app client at all is the registry's cheap sniff.
"""
from __future__ import annotations

import fnmatch
import os
from typing import Iterable, Iterator

from linter.loaders import registry

#: Extensions that never hold a supported input, even when named explicitly.
FOREIGN_EXTENSIONS = {
    ".snap", ".sh", ".bash", ".js", ".mjs", ".cjs", ".ts", ".py", ".md", ".txt", ".rst", ".html",
    ".hcl", ".tfvars", ".zip", ".png", ".jpg", ".gif", ".pdf", ".lock",
    ".tsv", ".csv",
}
SKIP_DIRECTORIES = {"node_modules", "venv", "__pycache__", "site-packages", "cdk.out.bak"}


class PathNotFound(Exception):
    pass


def discover(paths: Iterable[str], exclude: Iterable[str] = ()) -> Iterator[tuple[str, bool]]:
    """Yield (file path, named explicitly) in a deterministic order."""
    patterns = [_normalised(p) for p in exclude]
    for path in paths:
        if not os.path.exists(path):
            raise PathNotFound(path)
        if os.path.isdir(path):
            yield from ((p, False) for p in _walk(path, patterns))
        elif not _excluded(path, patterns):
            yield path, True


def _walk(root: str, patterns: list[str]) -> Iterator[str]:
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = sorted(
            d for d in subdirs
            if not d.startswith(".") and d not in SKIP_DIRECTORIES
            and not os.path.exists(os.path.join(directory, d, "pyvenv.cfg"))
            and not _excluded(os.path.join(directory, d), patterns)
        )
        for name in sorted(files):
            path = os.path.normpath(os.path.join(directory, name))  # "./a.yaml" → "a.yaml"
            if (os.path.splitext(name)[1].lower() in registry.extensions() and os.path.isfile(path)
                    and not _excluded(path, patterns)):  # isfile: no FIFOs, devices or dangling links
                yield path


def _normalised(pattern: str) -> str:
    """``./legacy/`` and ``legacy`` mean the same folder."""
    pattern = pattern.strip()
    while pattern.startswith("./"):
        pattern = pattern[2:]
    return pattern.rstrip("/") or pattern


def _excluded(path: str, patterns: list[str]) -> bool:
    if not patterns:
        return False
    norm = os.path.normpath(path)
    name = os.path.basename(norm)
    absolute = os.path.abspath(norm)
    return any(fnmatch.fnmatch(norm, p) or fnmatch.fnmatch(name, p) or fnmatch.fnmatch(norm, f"*/{p}")
               or fnmatch.fnmatch(absolute, p) or fnmatch.fnmatch(norm, p.rstrip("*").rstrip("/")) for p in patterns)


def is_foreign(path: str) -> bool:
    return os.path.splitext(path)[1].lower() in FOREIGN_EXTENSIONS


def looks_binary(data: bytes) -> bool:
    return b"\x00" in data[:8192]
