"""JUnit XML, as Jenkins, GitLab, Azure DevOps and CircleCI read test reports: one test case per
finding, failed (or skipped, for a suppressed finding shown with ``--show-suppressed``).

One ``<testsuite name="cognito-lint">`` in ``<testsuites>``; a test case's ``classname`` is the
file and its ``name`` the rule and the client (``CG202 insecure-url-scheme (WebClient)``; a
second one of the same rule, client and file gets `` #2``), so a CI's test history follows a
finding while lines move.  A run without findings is a valid report with zero tests.
Valid against the junit-10.xsd of Jenkins' xunit plugin (tests/reporters/test_ci_formats.py).
"""
from __future__ import annotations

import re
from xml.etree import ElementTree as ET

from linter.reporters.printable import printable

#: What XML 1.0 cannot hold even escaped (control characters are escaped by ``printable`` first).
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def render(findings, rules, run) -> str:
    suite = ET.Element("testsuite", name="cognito-lint")
    counts = {"tests": 0, "failures": 0, "skipped": 0}
    seen: dict[tuple, int] = {}
    for f in findings:
        name = f.rule_id + (f" {rules[f.rule_id].name}" if f.rule_id in rules else "")
        if f.client:
            name += f" ({f.client})"
        key = (f.file, name)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            name += f" #{seen[key]}"
        case = ET.SubElement(suite, "testcase", classname=_text(f.file), name=_text(name),
                             file=_text(f.file), line=str(f.span.line))
        counts["tests"] += 1
        if f.suppressed is not None:
            counts["skipped"] += 1
            ET.SubElement(case, "skipped", message=_text("suppressed" + (f": {f.suppressed}" if f.suppressed else "")))
            continue
        counts["failures"] += 1
        failure = ET.SubElement(case, "failure", type=f.level, message=_text(f.message))
        failure.text = "\n".join(_text(line) for line in _details(f))
    for key, value in counts.items():
        suite.set(key, str(value))
    suite.set("errors", "0")
    root = ET.Element("testsuites", name="cognito-lint", tests=str(counts["tests"]),
                      failures=str(counts["failures"]), errors="0")
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _details(f) -> list[str]:
    """What a CI shows under the failure: where, the rule and level, the message, the source line."""
    lines = [f"{f.file}:{f.span.line}:{f.span.column}: {f.rule_id} [{f.level}] {f.message}"]
    if f.source_line:
        lead = "…" if f.source_column > 1 else ""
        lines.append(f"{f.span.line} | {lead}{f.source_line}")
    return lines


def _text(value: str) -> str:
    """Text XML can carry: control characters escaped (``\\x1b``), surrogates and non-characters as ``\\uXXXX``."""
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group(0)):04x}", printable(value))
