"""Machine-readable output with stable field names (documented in the README, "JSON output")."""
from __future__ import annotations

import json
from collections import Counter

from linter import __version__

SCHEMA_VERSION = 1


def _fix(fix):
    """A finding's fix: its safety, title and text edits (1-based lines and columns, the end
    column after the last character replaced; an insertion has an empty range)."""
    if fix is None:
        return None
    return {"safety": fix.safety, "title": fix.title,
            "edits": [{"line": e.span.line, "column": e.span.column, "end_line": e.span.end_line,
                       "end_column": e.span.end_column, "text": e.new_text} for e in fix.edits]}


def render(findings, rules, run) -> str:
    counts = Counter(f.level for f in findings)
    document = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "cognito-lint", "version": __version__},
        "findings": [
            {
                "rule": f.rule_id,
                "name": rules[f.rule_id].name if f.rule_id in rules else None,
                "level": f.level,
                "message": f.message,
                "file": f.file,
                "line": f.span.line,
                "column": f.span.column,
                "end_line": f.span.end_line,
                "end_column": f.span.end_column,
                "client": f.client,
                "kind": f.kind,
                "fingerprint": f.identity(),
                "suppressed": f.suppressed is not None,
                "fixable": f.fix is not None and f.fix.safety == "safe",
                "fix": _fix(f.fix),
            }
            for f in findings
        ],
        "summary": {
            "files": run.files,
            "clients": run.clients,
            "findings": len(findings),
            "errors": counts["error"],
            "warnings": counts["warning"],
            "notes": counts["note"],
        },
    }
    return json.dumps(document, indent=2) + "\n"
