"""The builders the tests share: where things are, rules by ID, linting a text or a file, running the
command line, the templates and payloads several rule families use, and spans' text.

Importable from every folder of tests/ (pyproject.toml: ``pythonpath = ["tests"]``)."""
from __future__ import annotations

import importlib
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
from typing import Iterable, Optional

from hypothesis import strategies as st

from linter.engine.findings import Finding
from linter.engine import lint as engine_lint
from linter.engine.lint import LintConfig, lint_file
from linter.model import Unknown
from linter.rule import Rule

# --- where things are ----------------------------------------------------------------------------

ROOT = pathlib.Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
FIXTURES = TESTS / "fixtures"
#: ../shared: the real-world corpus, the peer suite and the schemas (tests that need it carry the
#: ``shared`` marker and are skipped without it: tests/conftest.py).
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
PEER = CORPUS / "peer-cdk-preflight"
REAL = CORPUS / "real"
_ID = re.compile(r'^ID\s*=\s*"([A-Z]+[0-9]+)"', re.M)


# --- rules by ID ---------------------------------------------------------------------------------

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


# --- linting -------------------------------------------------------------------------------------

def lint_path(path, select: Optional[Iterable[str]] = None, options: Optional[dict] = None) -> list[Finding]:
    """Lint the file at ``path`` with the selected built-in rules (every one by default)."""
    return lint_file(str(path), LintConfig(rules=rules_by_id(select), options=options or {})).findings


def lint_written(path: pathlib.Path, text: str, select: Optional[Iterable[str]] = None,
                 options: Optional[dict] = None) -> list[Finding]:
    """Write ``text`` to ``path`` and lint that file with the selected rules."""
    path.write_text(text, encoding="utf-8")
    return lint_path(path, select, options)


def lint_text(text: str, filename: str = "template.yaml", select: Optional[Iterable[str]] = None,
              options: Optional[dict] = None) -> list[Finding]:
    """Write ``text`` to a temporary ``filename`` and lint it with the selected rules."""
    with tempfile.TemporaryDirectory() as tmp:
        return lint_written(pathlib.Path(tmp) / filename, text, select, options)


def lint_buffer(text: str | bytes, path: str = "/buffers/template.yaml", select: Optional[Iterable[str]] = None,
                options: Optional[dict] = None) -> list[Finding]:
    """Lint ``text`` as the content of ``path`` without writing it anywhere (as the language server does)."""
    return engine_lint.lint_text(path, text, LintConfig(rules=rules_by_id(select), options=options or {})).findings


def lint_rules(text: str, rules: str | list[str], filename: str = "template.yaml",
               options: Optional[dict] = None) -> list[Finding]:
    """Lint ``text`` as ``filename`` with one rule (an ID) or several (a list of IDs or prefixes)."""
    return lint_text(text, filename, select=[rules] if isinstance(rules, str) else rules, options=options)


def run_cli(*args, cwd=None, env: Optional[dict] = None, timeout: int = 120) -> subprocess.CompletedProcess:
    """``python -m linter ARGS`` as a user runs it (``-P``: the installed package, not a source folder that
    happens to be the working directory), output captured as text; ``env`` adds to the environment."""
    return subprocess.run([sys.executable, "-P", "-m", "linter", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, **(env or {})}, timeout=timeout)


# --- findings and spans --------------------------------------------------------------------------

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


def at(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """(line, column) of the n-th occurrence of ``needle``."""
    start = -1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    line = text.count("\n", 0, start) + 1
    return line, start - (text.rfind("\n", 0, start) + 1) + 1


def leaves(value, path=()):
    """(path, leaf value) for every scalar in ``value``."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaves(item, path + (index,))
    else:
        yield path, value


# --- one client: a CloudFormation template, API payloads, a Terraform module ---------------------

CFN_CLIENT = """\
Resources:
  UserPool:
    Type: AWS::Cognito::UserPool
  WebClient:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref UserPool
{props}"""


def cfn(props: str, conditions: str = "") -> str:
    """A template with a pool and a client whose further properties start on line 8, column 7 (after
    ``conditions``, when given)."""
    return conditions + CFN_CLIENT.format(
        props="".join("      " + line + "\n" for line in props.strip("\n").splitlines()))


def api_json(**fields) -> str:
    """An API payload, one field per line (line 2 holds the first field), 2-space indent."""
    return json.dumps(fields, indent=2) + "\n"


def api_payload(fields: dict, kind: str = "create") -> str:
    """An API payload of a kind (create, update, describe) as indented JSON (one property per line)."""
    head = {"create": {"UserPoolId": "us-east-1_abc", "ClientName": "web"},
            "update": {"UserPoolId": "us-east-1_abc", "ClientId": "1example23456789"},
            "describe": {"UserPoolId": "us-east-1_abc", "ClientName": "web", "ClientId": "1example23456789"}}[kind]
    body = {**head, **fields}
    if kind == "describe":
        body = {"UserPoolClient": body}
    return json.dumps(body, indent=2) + "\n"


TF_CLIENT = '''\
resource "aws_cognito_user_pool" "pool" {
  name = "users"
}

resource "aws_cognito_user_pool_client" "web" {
  name         = "web"
  user_pool_id = aws_cognito_user_pool.pool.id
{props}}}
'''


def tf(props: str) -> str:
    """A pool and a client whose further arguments start on line 8, column 3."""
    return TF_CLIENT.replace("{props}}}", "".join("  " + line + "\n" for line in props.strip("\n").splitlines()) + "}")


# --- a client among other resources: the cross-resource rules ------------------------------------

CROSS_RESOURCE_RULES = ["CG108", "CG109", "CG501", "CG502", "CG505"]

POOL = """\
Resources:
  UserPool:
    Type: AWS::Cognito::UserPool
"""


def client(props: str, depends_on: str = "", pool: str = "!Ref UserPool") -> str:
    """A client resource named WebClient with the given property lines (YAML, 6-space indented)."""
    body = "".join("      " + line + "\n" for line in props.strip("\n").splitlines())
    dep = f"    DependsOn: {depends_on}\n" if depends_on else ""
    return f"  WebClient:\n    Type: AWS::Cognito::UserPoolClient\n{dep}    Properties:\n      UserPoolId: {pool}\n{body}"


def server(name: str = "ApiServer", identifier: str = "api", scopes: str = "[{ScopeName: read, ScopeDescription: r}]",
           pool: str = "!Ref UserPool") -> str:
    return (f"  {name}:\n    Type: AWS::Cognito::UserPoolResourceServer\n    Properties:\n"
            f"      UserPoolId: {pool}\n      Identifier: {identifier}\n      Name: n\n      Scopes: {scopes}\n")


def provider(name: str = "GoogleIdP", provider_name: str = "Google", mapping: str = "{email: email}",
             pool: str = "!Ref UserPool") -> str:
    return (f"  {name}:\n    Type: AWS::Cognito::UserPoolIdentityProvider\n    Properties:\n"
            f"      UserPoolId: {pool}\n      ProviderName: {provider_name}\n      ProviderType: Google\n"
            f"      ProviderDetails: {{client_id: id, client_secret: s, authorize_scopes: openid}}\n"
            f"      AttributeMapping: {mapping}\n")


def lint_cross_resource(text: str, filename: str = "template.yaml") -> list[Finding]:
    """``text`` linted with the five cross-resource rules."""
    return lint_text(text, filename, select=CROSS_RESOURCE_RULES)


# --- rule documentation --------------------------------------------------------------------------

_BLOCK = re.compile(r"^## (Example|Fix)\n.*?```yaml\n(.*?)```", re.S | re.M)


def doc_fixture(rule_id: str, section: str) -> str:
    """The YAML of a rule's ``## Example`` or ``## Fix`` section, as a whole template."""
    doc = rules_by_id([rule_id])[rule_id].docs
    blocks = {name: body for name, body in _BLOCK.findall(doc)}
    body = blocks[section]
    if body.startswith("Type:"):  # a whole resource
        return "Resources:\n  UserPool:\n    Type: AWS::Cognito::UserPool\n  WebClient:\n" + "".join(
            "    " + line + "\n" for line in body.splitlines())
    return cfn(body)


# --- generated lists with unresolved items (the property tests of the rule families) -------------

UNKNOWN = object()  # stands for an unresolved value in the generated lists


def items(names):
    return st.lists(st.sampled_from(names + [UNKNOWN]), max_size=4)


def listish(names):
    return st.one_of(st.none(), st.just(UNKNOWN), items(names))


def materialize(value):
    if value is UNKNOWN:
        return Unknown("Ref Param")
    if isinstance(value, list):
        return [materialize(v) for v in value]
    return value


def known(value) -> list:
    return [v for v in value if v is not UNKNOWN] if isinstance(value, list) else []
