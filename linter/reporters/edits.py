"""A finding's fix as plain text edits, for the outputs that offer fixes without applying them:
the language server's code actions and rdjson's suggestions.

This is the one place that knows how a fix is represented: today ``Finding.fix`` is a
:class:`linter.rule.Replacement` of the value at ``Finding.doc_path``, written in the file's own
syntax by ``Document.literal`` (as ``--fix`` writes it, linter/fixes/apply.py).  An edit is
offered only when the document still has the finding's value where the finding says, and when
the edited text parses back with exactly that value changed.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from linter.loaders import registry
from linter.parsers.document import Document, ParseError


@dataclass(frozen=True)
class Edit:
    """Replace ``document.text[start:end]`` with ``text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class FixEdits:
    edits: tuple[Edit, ...]
    #: False for a fix that may change what the configuration means (marked so, never preferred).
    safe: bool = True


def fix_edits(document: Document, finding: Any) -> Optional[FixEdits]:
    """The edits of ``finding``'s fix in ``document`` (the text the finding was linted from), or
    None when it has none, is suppressed, or no longer fits the document."""
    fix = finding.fix
    if fix is None or finding.suppressed is not None or finding.file != document.path:
        return None
    path = tuple(finding.doc_path)
    if not _exists(document.data, path):
        return None
    span = document.span(path)
    if span != finding.span:  # the document is not the text the finding came from
        return None
    start, end = document.offset(span.line, span.column), document.offset(span.end_line, span.end_column)
    if start >= end:
        return None
    edit = Edit(start, end, document.literal(fix.value, document.text[start:end]))
    if not _reads_back(document, path, edit, fix.value):
        return None
    return FixEdits((edit,), safe=is_safe(fix))


def is_safe(fix: Any) -> bool:
    """Today every fix is safe; a fix that says otherwise (``safe = False`` or ``safety =
    "unsafe"``) is not."""
    return getattr(fix, "safe", True) is not False and getattr(fix, "safety", "safe") != "unsafe"


def apply(text: str, edits) -> str:
    """``text`` with non-overlapping ``edits`` applied."""
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        text = text[:edit.start] + edit.text + text[edit.end:]
    return text


def _reads_back(document: Document, path: tuple, edit: Edit, value: Any) -> bool:
    try:
        fixed = registry.parse(document.path, apply(document.text, [edit]).encode("utf-8", "surrogatepass"))
    except (ParseError, UnicodeError):
        return False
    new = fixed.data
    for step in path:
        try:
            new = new[step]
        except (KeyError, IndexError, TypeError):
            return False
    return type(new) is type(value) and new == value


def _exists(data: Any, path: tuple) -> bool:
    for step in path:
        if isinstance(data, dict) and step in data:
            data = data[step]
        elif isinstance(data, list) and isinstance(step, int) and 0 <= step < len(data):
            data = data[step]
        else:
            return False
    return True
