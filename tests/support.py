"""Helpers for tests: lint a text as a file, find rules by ID, read the text of a finding's span."""
from __future__ import annotations

import importlib
import pathlib
import re
import tempfile
from typing import Iterable, Optional

from linter.engine.lint import LintConfig, lint_file
from linter.engine.findings import Finding
from linter.rule import Rule

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
_ID = re.compile(r'^ID\s*=\s*"([A-Z]+[0-9]+)"', re.M)


def builtin_rules() -> dict[str, Rule]:
    """Every module in rules/, by ID (imported directly: no entry points needed)."""
    rules = {}
    for path in sorted((ROOT / "rules").glob("cg*.py")):
        match = _ID.search(path.read_text(encoding="utf-8"))
        if match:
            module = importlib.import_module(f"linter.rules.{path.stem}")
            rules[match.group(1)] = Rule.from_module(module, "built-in")
    return rules


_RULES: Optional[dict[str, Rule]] = None


def rules_by_id(select: Optional[Iterable[str]] = None) -> dict[str, Rule]:
    global _RULES
    if _RULES is None:
        _RULES = builtin_rules()
    if select is None:
        return dict(_RULES)
    wanted = list(select)
    return {k: v for k, v in _RULES.items() if any(k.startswith(p) for p in wanted)}


def lint_text(text: str, filename: str = "template.yaml", select: Optional[Iterable[str]] = None,
              options: Optional[dict] = None) -> list[Finding]:
    """Write ``text`` to a temporary ``filename`` and lint it with the selected rules."""
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / filename
        path.write_text(text, encoding="utf-8")
        config = LintConfig(rules=rules_by_id(select), options=options or {})
        return lint_file(str(path), config).findings


CFN_CLIENT = """\
Resources:
  UserPool:
    Type: AWS::Cognito::UserPool
  WebClient:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref UserPool
{props}"""


def cfn(props: str) -> str:
    """A template with a pool and a client whose further properties start on line 8, column 7."""
    return CFN_CLIENT.format(props="".join("      " + line + "\n" for line in props.strip("\n").splitlines()))


def span_text(finding: Finding, text: str) -> str:
    """The source text a finding's span covers."""
    lines = text.splitlines(keepends=True)
    span = finding.span
    if span.line == span.end_line:
        return lines[span.line - 1][span.column - 1: span.end_column - 1]
    parts = [lines[span.line - 1][span.column - 1:]]
    parts += lines[span.line: span.end_line - 1]
    parts.append(lines[span.end_line - 1][: span.end_column - 1])
    return "".join(parts)


def ids_and_lines(findings: list[Finding]) -> list[tuple[str, int, int]]:
    return [(f.rule_id, f.span.line, f.span.column) for f in findings]
