"""``--fix``: write the safe fixes of findings back into their files.

A fix replaces one value (a finding's span) with a new one written in the file's own syntax and
quoting style; nothing else in the file changes (comments, formatting, key order, line endings,
a byte-order mark).  Before a file is replaced, the edited text is parsed again and must hold
exactly the old data with the fixed values: otherwise the file is left alone and the reason is
reported.  Files are replaced atomically (a temporary file in the same folder, then a rename), so
an interrupted run never leaves half a file.
"""
from __future__ import annotations

import copy
import os
import tempfile
from dataclasses import dataclass, field
from typing import Any, Iterable

from linter.loaders.registry import parse
from linter.parsers.document import Document, ParseError
from linter.parsers.hcl import Conditional


@dataclass
class FixOutcome:
    #: Files rewritten → how many fixes went into each.
    fixed: dict[str, int] = field(default_factory=dict)
    #: One line per file that could not be fixed.
    errors: list[str] = field(default_factory=list)


def fix_files(findings: Iterable[Any]) -> FixOutcome:
    outcome = FixOutcome()
    by_file: dict[str, list] = {}
    for finding in findings:
        if finding.fix is not None and finding.suppressed is None:
            by_file.setdefault(finding.file, []).append(finding)
    for path, fixes in sorted(by_file.items()):
        try:
            count = fix_file(path, fixes)
        except FixError as exc:
            outcome.errors.append(f"{path}: not fixed: {exc}")
            continue
        if count:
            outcome.fixed[path] = count
    return outcome


class FixError(Exception):
    """A file whose fixes cannot be applied safely (it is left unchanged)."""


def fix_file(path: str, findings: list) -> int:
    """Apply the fixes of ``findings`` (all in ``path``); the number applied."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise FixError(f"cannot read it: {exc.strerror or exc}") from None
    try:
        doc = parse(path, data)
    except ParseError as exc:
        raise FixError(f"it no longer parses (at {exc.line}:{exc.column})") from None
    edits = _edits(doc, findings)
    if not edits:
        return 0
    text = doc.text
    for start, end, replacement, _, _ in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    new_data = bom + text.encode("utf-8")
    _verify(path, doc, new_data, edits)
    _replace_atomically(path, new_data)
    return len(edits)


def _edits(doc: Document, findings: list) -> list[tuple[int, int, str, tuple, Any]]:
    """(start, end, new text, document path, new value) per fix; overlapping ones are dropped."""
    edits = []
    taken: list[tuple[int, int]] = []
    for finding in sorted(findings, key=lambda f: f.sort_key()):
        path = tuple(finding.doc_path)
        if not _exists(doc.data, path):
            continue
        span = doc.span(path)
        start, end = doc.offset(span.line, span.column), doc.offset(span.end_line, span.end_column)
        if any(start < b and a < end for a, b in taken) or start >= end:
            continue
        value = finding.fix.value
        edits.append((start, end, doc.literal(value, doc.text[start:end]), path, value))
        taken.append((start, end))
    return edits


def _verify(path: str, doc: Document, new_data: bytes, edits: list) -> None:
    """The edited file must parse to the old data with exactly the fixed values changed."""
    try:
        fixed = parse(path, new_data)
    except ParseError as exc:
        raise FixError(f"the fixed text would not parse (at {exc.line}:{exc.column})") from None
    expected = copy.deepcopy(doc.data)
    for _, _, _, doc_path, value in edits:
        _set(expected, doc_path, value)
    if not _same(fixed.data, expected):
        raise FixError("the fixed text would not read back as intended")


def _same(a: Any, b: Any) -> bool:
    """Equal data, booleans and numbers told apart (``True == 1`` in Python)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, Conditional):  # its text changed with its branch: compare what it reads as
        return a.condition == b.condition and all(_same(a.branches[k], b.branches[k]) for k in a.branches)
    return a == b


def _replace_atomically(path: str, data: bytes) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(path)}.", suffix=".fix")
    except OSError as exc:
        raise FixError(f"cannot write next to it: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, os.stat(path).st_mode & 0o7777)
        os.replace(temporary, path)
    except OSError as exc:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise FixError(f"cannot replace it: {exc.strerror or exc}") from None


def _exists(data: Any, path: tuple) -> bool:
    for step in path:
        if isinstance(data, dict) and step in data:
            data = data[step]
        elif isinstance(data, list) and isinstance(step, int) and 0 <= step < len(data):
            data = data[step]
        elif isinstance(data, Conditional) and step in data.branches:  # a Terraform conditional's branch
            data = data.branches[step]
        else:
            return False
    return True


def _set(data: Any, path: tuple, value: Any) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value
