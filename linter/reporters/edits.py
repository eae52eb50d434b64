"""A finding's fix as plain text edits, for the outputs that offer fixes without applying them:
the language server's code actions and rdjson's suggestions.

This is the one place that knows how a fix is represented: ``Finding.fix`` is a
:class:`linter.parsers.edits.FileFix` the engine computed from the text it linted (the rule's
edits at client paths, placed in the document and written in its syntax, as ``--fix`` writes
them).  Its edits are offered only for that very text: the document's digest must be the fix's.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from linter.parsers.document import Document
from linter.parsers.edits import text_digest


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
    #: What the fix does, in the input's words.
    title: str = ""


def fix_edits(document: Document, finding: Any) -> Optional[FixEdits]:
    """The edits of ``finding``'s fix in ``document`` (the text the finding was linted from), or
    None when it has none, is suppressed, or was computed from another text."""
    fix = finding.fix
    if fix is None or finding.suppressed is not None or finding.file != document.path:
        return None
    if getattr(fix, "digest", None) != text_digest(document.text):
        return None
    return FixEdits(tuple(Edit(e.start, e.end, e.new_text) for e in fix.edits), safe=is_safe(fix), title=fix.title)


def is_safe(fix: Any) -> bool:
    """A fix ``--fix`` applies without ``--unsafe-fixes``."""
    return getattr(fix, "safety", "safe") != "unsafe"


def apply(text: str, edits) -> str:
    """``text`` with non-overlapping ``edits`` applied (insertions at one offset in their order)."""
    for index, edit in sorted(enumerate(edits), key=lambda item: (item[1].start, item[1].end, item[0]), reverse=True):
        text = text[:edit.start] + edit.text + text[edit.end:]
    return text
