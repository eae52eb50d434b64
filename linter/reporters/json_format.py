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
        "findings": [_finding(f, rules) for f in findings],
        "summary": {
            "files": run.files,
            "clients": run.clients,
            "findings": len(findings),
            "errors": counts["error"],
            "warnings": counts["warning"],
            "notes": counts["note"],
            # a lint: of ``files``, those skipped (added after the others: the fields above stay as they were)
            **({"skipped": run.skipped} if run.user_pools is None else {"user_pools": run.user_pools}),
        },
    }
    return json.dumps(document, indent=2) + "\n"


def _finding(f, rules) -> dict:
    where = f.deployed
    return {
        "rule": f.rule_id,
        "name": rules[f.rule_id].name if f.rule_id in rules else None,
        "level": f.level,
        "message": f.message,
        # A deployed client (cognito-lint audit) is in an account, not in a file.
        "file": f.file if where is None else None,
        "line": f.span.line if where is None else None,
        "column": f.span.column if where is None else None,
        "end_line": f.span.end_line if where is None else None,
        "end_column": f.span.end_column if where is None else None,
        "client": f.client,
        "kind": f.kind,
        "fingerprint": f.identity(),
        "suppressed": f.suppressed is not None,
        "fixable": f.fix is not None and f.fix.safety == "safe",
        "fix": _fix(f.fix) if where is None else None,
        **({} if where is None else {
            "account": where.account, "region": where.region, "user_pool": where.user_pool,
            "user_pool_arn": where.pool_arn, "client_id": where.client_id, "setting": where.setting or None}),
    }
