"""reviewdog's Diagnostic Format (rdjson, one ``DiagnosticResult``): review comments with
suggestions on any forge (``reviewdog -f=rdjson``).

Lines are 1-based and columns count UTF-8 bytes from 1, as reviewdog does.  A finding's columns
are counted on its snippet (the window of its line the engine kept, secrets masked): characters
left of that window, past it, and masked ones count one byte each, which is exact for every line
whose first 60 characters before the finding are ASCII.  A fix becomes a ``suggestion``; its
range and text come from the file as ``--fix`` would edit it (linter/reporters/edits.py): the
only text of the file a suggestion holds is the fix's new value.  Suppressed findings are left out.
"""
from __future__ import annotations

import json
from typing import Optional

from linter import __version__
from linter.reporters.rule_docs import REPOSITORY, docs_url

SEVERITY = {"error": "ERROR", "warning": "WARNING", "note": "INFO"}


def render(findings, rules, run) -> str:
    shown = [f for f in findings if f.suppressed is None]
    documents = _documents({f.file for f in shown if f.fix is not None})
    diagnostics = []
    for f in shown:
        diagnostic = {
            "message": f.message,
            "location": {"path": f.file, "range": _range(f)},
            "severity": SEVERITY.get(f.level, "WARNING"),
            "source": {"name": "cognito-lint", "url": REPOSITORY},
            "code": {"value": f.rule_id, **({"url": url} if (url := docs_url(f.rule_id, rules)) else {})},
        }
        suggestions = _suggestions(f, documents.get(f.file))
        if suggestions:
            diagnostic["suggestions"] = suggestions
        diagnostics.append(diagnostic)
    result = {"source": {"name": "cognito-lint", "url": REPOSITORY, "version": __version__},
              "diagnostics": diagnostics}
    return json.dumps(result, indent=2) + "\n"


def _range(f) -> dict:
    span = f.span
    end_column = _bytes_column(f, span.end_column) if span.end_line == span.line else span.end_column
    return {"start": {"line": span.line, "column": _bytes_column(f, span.column)},
            "end": {"line": span.end_line, "column": end_column}}


def _bytes_column(f, column: int) -> int:
    """The UTF-8 byte column of a character column of the finding's first line, counted on its snippet."""
    inside = column - f.source_column  # characters of the snippet before the column
    if inside <= 0:
        return column
    head = f.source_line[:inside]
    return f.source_column + len(head.encode("utf-8", "surrogatepass")) + (inside - len(head))


def _documents(paths: set) -> dict:
    """The files that have fixes, parsed (a file that no longer reads is left out: no suggestions)."""
    if not paths:
        return {}
    from linter.loaders import registry
    from linter.parsers.document import ParseError

    documents = {}
    for path in paths:
        try:
            with open(path, "rb") as handle:
                documents[path] = registry.parse(path, handle.read())
        except (OSError, ParseError, RecursionError):
            continue
    return documents


def _suggestions(f, document) -> Optional[list]:
    if document is None or f.fix is None:
        return None
    from linter.reporters.edits import fix_edits

    fix = fix_edits(document, f)
    if fix is None:
        return None
    return [{"range": {"start": _position(document, edit.start), "end": _position(document, edit.end)},
             "text": edit.text} for edit in fix.edits]


def _position(document, offset: int) -> dict:
    line, column = document.position(offset)
    start = offset - (column - 1)
    return {"line": line, "column": 1 + len(document.text[start:offset].encode("utf-8", "surrogatepass"))}
