"""Human-readable output, like ruff's: ``path:line:col: ID [level] message`` and the source line."""
from __future__ import annotations

from collections import Counter

from linter.reporters.printable import printable, printable_path, printable_with_columns

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "note": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def render(findings, rules, run) -> str:
    paint = _painter(run.color)
    out = []
    for f in findings:
        where = paint(_BOLD, _deployed(f.deployed) if f.deployed is not None
                      else f"{printable_path(f.file)}:{f.span.line}:{f.span.column}:")
        suppressed = "" if f.suppressed is None else " [suppressed" + (f": {printable(f.suppressed)}]" if f.suppressed else "]")
        fixable = f" {_mark(f)}" if _mark(f) else ""
        out.append(f"{where} {paint(_COLORS.get(f.level, ''), f.rule_id)}{fixable} [{f.level}] "
                   f"{printable(f.message)}{suppressed}")
        if run.show_source and not run.quiet and f.source_line:
            out.extend(_source(f, paint))
    if not run.quiet:
        out.append(_summary(findings, run))
    return "\n".join(out) + ("\n" if out else "")


def _deployed(where) -> str:
    """A deployed client: ``arn:aws:cognito-idp:REGION:ACCOUNT:userpool/POOL client NAME (ID) SETTING:``."""
    setting = f" {where.setting}" if where.setting else ""
    return f"{where.pool_arn} client {printable(where.client_name)} ({where.client_id}){setting}:"


def _source(f, paint) -> list[str]:
    """The snippet of the finding's line (a window of it: "…" where it is cut) and a caret line."""
    number = str(f.span.line)
    line, columns = printable_with_columns(f.source_line.replace("\t", " "))
    first = f.source_column - 1  # the snippet's first character is this column of the line
    start = min(max(f.span.column - 1 - first, 0), len(columns) - 1)
    end = f.span.end_column - 1 - first if f.span.end_line == f.span.line else len(columns) - 1
    end = min(max(end, start), len(columns) - 1)
    lead = "…" if first > 0 else ""
    width = max(1, columns[end] - columns[start])
    gutter = " " * len(number)
    return [
        paint(_DIM, f"{number} | ") + lead + line,
        paint(_DIM, f"{gutter} | ") + " " * (len(lead) + columns[start]) + paint(_COLORS.get(f.level, ""), "^" * width),
    ]


def _skipped(run) -> str:
    """``; 2 files skipped: --verbose names them``, or nothing."""
    if not run.skipped:
        return ""
    unsaid = 0 if run.verbose else run.skipped_unsaid
    named = ("" if not unsaid else f": --verbose names {'it' if run.skipped == 1 else 'them'}" if unsaid == run.skipped
             else f": --verbose names the other{'s' if unsaid > 1 else ''}")
    return f"; {_plural(run.skipped, 'file')} skipped{named}"


def _summary(findings, run) -> str:
    if run.user_pools is not None:
        return _audit_summary(findings, run)
    if not findings:
        checked = f"{_plural(run.files - run.skipped, 'file')}, {_plural(run.clients, 'app client')} checked"
        return f"No problems found ({checked}{_skipped(run)})."
    counts = Counter(f.level for f in findings)
    parts = [_plural(counts[level], level) for level in ("error", "warning", "note") if counts[level]]
    files = len({f.file for f in findings})
    safe = sum(_mark(f) == SAFE_MARK for f in findings)
    unsafe = sum(_mark(f) == UNSAFE_MARK for f in findings)
    hints = []
    if safe:
        hints.append(f"{safe} fixable with --fix (marked {SAFE_MARK})")
    if unsafe:
        hints.append(f"{unsafe} {'more ' if safe else ''}with --fix --unsafe-fixes (marked {UNSAFE_MARK})")
    hint = " " + "; ".join(hints) + "." if hints else ""
    return f"Found {_plural(len(findings), 'problem')} ({', '.join(parts)}) in {_plural(files, 'file')}.{hint}"


#: Findings ``--fix`` fixes, and those it fixes with ``--unsafe-fixes``.
SAFE_MARK, UNSAFE_MARK = "[*]", "[~]"


def _mark(f) -> str:
    if f.fix is None or f.suppressed is not None:
        return ""
    return SAFE_MARK if f.fix.safety == "safe" else UNSAFE_MARK


def _audit_summary(findings, run) -> str:
    checked = f"{_plural(run.clients, 'app client')} in {_plural(run.user_pools, 'user pool')}"
    if not findings:
        return f"No problems found ({checked} checked)."
    counts = Counter(f.level for f in findings)
    parts = [_plural(counts[level], level) for level in ("error", "warning", "note") if counts[level]]
    clients = len({f.file for f in findings})
    return f"Found {_plural(len(findings), 'problem')} ({', '.join(parts)}) in {clients} of {checked}."


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _painter(color: bool):
    if not color:
        return lambda code, text: text
    return lambda code, text: f"{code}{text}{_RESET}" if code else text
