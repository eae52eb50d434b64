"""GitLab Code Quality: the JSON array GitLab's merge-request widget and pipeline tab read
(``artifacts: reports: codequality:``).

GitLab requires ``description``, ``check_name``, ``fingerprint``, ``severity`` and
``location.path`` (relative to the repository) with ``location.lines.begin``, and shows entries
with the same fingerprint once.  The fingerprint is the finding's identity (file, client, rule,
property, value: it survives lines moving); a second finding with the same identity (the same
duplicate URL twice, say) gets one derived from it and its rank, so none is hidden.
Suppressed findings are left out: GitLab has no notion of them.
"""
from __future__ import annotations

import hashlib
import json

#: GitLab's scale: info, minor, major, critical, blocker.
SEVERITY = {"error": "major", "warning": "minor", "note": "info"}


def render(findings, rules, run) -> str:
    issues = []
    seen: dict[str, int] = {}
    for f in findings:
        if f.suppressed is not None:
            continue
        identity = f.identity()
        seen[identity] = seen.get(identity, 0) + 1
        fingerprint = identity if seen[identity] == 1 else _derived(identity, seen[identity])
        issues.append({
            "type": "issue",
            "check_name": f.rule_id,
            "description": f"{f.rule_id}: {f.message}",
            "categories": ["Security"] if _security(f.rule_id, rules) else ["Bug Risk"],
            "severity": SEVERITY.get(f.level, "minor"),
            "fingerprint": fingerprint,
            "location": {"path": f.repository_file(), "lines": {"begin": f.span.line, "end": f.span.end_line}},
        })
    return json.dumps(issues, indent=2) + "\n"


def _derived(identity: str, rank: int) -> str:
    return hashlib.sha256(f"{identity}\0{rank}".encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _security(rule_id: str, rules) -> bool:
    return rule_id in rules and "security" in rules[rule_id].tags
