"""GitHub Actions workflow commands: annotations on the pull request's changed lines."""
from __future__ import annotations

from linter.reporters.printable import printable

_COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}


def _escape_data(text: str) -> str:
    """Workflow-command escaping, after control characters (terminal escapes) are made visible."""
    return printable(text, line_breaks=True).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(findings, rules, run) -> str:
    lines = []
    for f in findings:
        title = f"title={_escape_property(f.rule_id + ' ' + (rules[f.rule_id].name if f.rule_id in rules else ''))}"
        message = f.message
        if f.deployed is not None:  # a deployed client (cognito-lint audit): no file to annotate
            where = f.deployed
            props = title
            message = f"{where.pool_arn} client {where.client_name} ({where.client_id}): {message}"
        else:
            props = (f"file={_escape_property(f.file)},line={f.span.line},col={f.span.column},"
                     f"endLine={f.span.end_line},endColumn={f.span.end_column},{title}")
        lines.append(f"::{_COMMANDS.get(f.level, 'warning')} {props}::{_escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")
