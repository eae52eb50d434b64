"""In-source suppressions: comments in YAML and Terraform, ``Metadata`` in CloudFormation resources.

* ``# cognito-lint: ignore=CG106,CG202 optional reason`` at the end of the offending line, or of a
  resource's logical-ID line (then it covers the whole resource);
* ``# cognito-lint: ignore-file=CG207 optional reason`` anywhere in the file;
* ``Metadata: {cognito-lint: {ignore: [CG403], reason: "..."}}`` on a CloudFormation resource.

IDs may be prefixes (``CG2``).  A suppression that matches no finding is itself reported (CG009),
like ruff's unused-noqa, so stale ones do not pile up.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from linter.engine.findings import Finding
from linter.parsers.document import Span

UNUSED_SUPPRESSION = "CG009"
#: A suppression comment: `# cognito-lint: ignore=CG201 reason` (also `//`, and `ignore-file=`).
DIRECTIVE = re.compile(r"(?:#|//)\s*cognito-lint:\s*(ignore|ignore-file)\s*=\s*([A-Za-z0-9]+(?:\s*,\s*[A-Za-z0-9]+)*)\s*(.*)$")


@dataclass
class Suppression:
    ids: list[str]
    reason: str
    #: Where the directive is, for the unused-suppression finding (line, column, end column).
    line: int
    column: int
    end_column: int
    #: "line" (one line), "resource" (lines of one client) or "file".
    scope: str
    #: For "line": the line it covers; for "resource": the client's name.
    target: Any = None
    used: set = field(default_factory=set)

    def matches(self, finding: Finding) -> Optional[str]:
        """The ID (prefix) that suppresses ``finding``, if any."""
        if self.scope == "line" and finding.span.line != self.target:
            return None
        if self.scope == "resource" and finding.client != self.target:
            return None
        return next((i for i in self.ids if finding.rule_id.startswith(i)), None)


def from_comments(text: str, anchors: dict[int, str], markers: tuple[str, ...] = ("#",)) -> list[Suppression]:
    """Comment directives of a text whose comments start with one of ``markers`` (YAML: ``#``;
    HCL: ``#`` and ``//``); ``anchors`` maps a client's logical-ID line to its name."""
    if "cognito-lint:" not in text:
        return []
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "cognito-lint:" not in line:
            continue
        match = DIRECTIVE.search(line)
        if not match or not _is_comment(line, match.start()) or not line.startswith(markers, match.start()):
            continue
        kind, ids, reason = match.groups()
        scope, target = ("file", None) if kind == "ignore-file" else (
            ("resource", anchors[number]) if number in anchors else ("line", number))
        found.append(Suppression([i.strip().upper() for i in ids.split(",")], reason.strip(), number,
                                 match.start() + 1, len(line.rstrip()) + 1, scope, target))
    return found


def _is_comment(line: str, hash_at: int) -> bool:
    """A comment marker starts a comment at the line start or after whitespace (not inside `a#b`)."""
    return hash_at == 0 or line[hash_at - 1] in " \t"


def from_metadata(resource: Any, client: str, span) -> Optional[Suppression]:
    """``Metadata: {cognito-lint: {ignore: [...], reason: ...}}`` of one resource."""
    metadata = resource.get("Metadata") if isinstance(resource, dict) else None
    settings = metadata.get("cognito-lint") if isinstance(metadata, dict) else None
    if not isinstance(settings, dict):
        return None
    ids = settings.get("ignore")
    if isinstance(ids, str):
        ids = [ids]
    if not isinstance(ids, list):
        return None
    reason = settings.get("reason") if isinstance(settings.get("reason"), str) else ""
    return Suppression([str(i).strip().upper() for i in ids], reason, span.line, span.column,
                       span.end_column, "resource", client)


def apply(findings: list[Finding], suppressions: list[Suppression], path: str, ran: set[str],
          unused_level: Optional[str], shown: Callable[[int, int], tuple[str, int]]) -> list[Finding]:
    """Mark suppressed findings; with ``unused_level`` (CG009 selected), report every suppression
    ID that matched nothing although its rules ran (``ran``: the IDs of the rules that ran).
    ``shown(line, column)`` is the (masked) snippet of a line and its first column."""
    if not suppressions:
        return findings
    result = []
    for finding in findings:
        for suppression in suppressions:
            matched = suppression.matches(finding)
            if matched:
                suppression.used.add(matched)
                finding = dataclasses.replace(finding, suppressed=suppression.reason)
                break
        result.append(finding)
    if unused_level:
        for s in suppressions:
            unused = [i for i in s.ids if i not in s.used and any(rule_id.startswith(i) for rule_id in ran)]
            if unused:
                snippet, first_column = shown(s.line, s.column)
                result.append(Finding(
                    UNUSED_SUPPRESSION, unused_level,
                    f"unused suppression of {', '.join(unused)}: no such finding here; remove it", path,
                    Span(s.line, s.column, s.line, s.end_column), source_line=snippet, source_column=first_column,
                    doc_path=("#suppression", s.scope, ",".join(s.ids))))
    return result

