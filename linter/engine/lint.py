"""Linting one file: read, sniff, parse, load its clients, run the rules on every variant, turn
client paths into spans, apply the file's suppressions, redact secrets.

``lint_file`` is a pure function of a path and a :class:`LintConfig`, which is what lets
:mod:`linter.engine.run` spread files over processes and still report in a deterministic order.
"""
from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Optional

from linter.engine import discovery, suppressions
from linter.engine.findings import FileResult, Finding
from linter.engine.fingerprints import fingerprint
from linter.engine.redaction import redacted, secret_values
from linter.loaders import registry
from linter.loaders.source import ClientSource
from linter.parsers.document import Document, ParseError, Span
from linter.rule import LEVELS as _LEVELS, Problem, Rule, RuleError

PARSE_ERROR = "CG001"
UNUSED = suppressions.UNUSED_SUPPRESSION


@dataclass
class LintConfig:
    rules: Mapping[str, Rule]  # a RuleTable (linter.engine.rules): rule modules are imported when first used
    #: Rule ID → option name → value (defaults from the rule, overridden by the user).
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Rule ID → level, overriding the rule's default level.
    levels: dict[str, str] = field(default_factory=dict)
    #: ``--diff-base``: the git revision whose version of each client the change rules compare with.
    diff_base: Optional[str] = None

    def level_of(self, rule_id: str, problem_level: Optional[str] = None) -> str:
        return self.levels.get(rule_id) or problem_level or self.rules[rule_id].level

    def options_of(self, rule: Rule) -> dict[str, Any]:
        return {**rule.options, **self.options.get(rule.id, {})}


def lint_file(path: str, config: LintConfig, explicit: bool = True) -> FileResult:
    """Lint one file.  A bug (ours or a plugin's) on one file is reported and the others go on."""
    try:
        result = _lint_file(path, config, explicit)
    except RuleError as exc:
        result = FileResult(path)
        result.errors.append(f"{path}: {exc}")
    except Exception as exc:  # noqa: BLE001 - never a traceback, never lose the other files
        result = FileResult(path)
        result.errors.append(f"{path}: internal error: {type(exc).__name__}: {exc}")
    # Every finding's text is redacted, CG001 and CG009 included (their lines may hold a secret too).
    result.findings = [redacted(f, result.secrets) for f in result.findings]
    return result


def _lint_file(path: str, config: LintConfig, explicit: bool) -> FileResult:
    result = FileResult(path)
    if explicit and discovery.is_foreign(path):
        result.verbose_notices.append(f"{path}: skipped: not a JSON/YAML input")
        return result
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        _parse_error(result, config, path, f"cannot read file: {exc.strerror or exc}", 1, 1)
        return result
    if not data.strip():
        if explicit:
            result.notices.append(f"{path}: skipped: the file is empty")
        return result
    unicode_bom = data.startswith((b"\xff\xfe", b"\xfe\xff"))  # UTF-16/32 text: CG001, not "binary"
    if discovery.looks_binary(data) and not unicode_bom:
        if explicit:
            result.notices.append(f"{path}: skipped: binary file, not JSON or YAML")
        return result
    if not unicode_bom and not registry.may_hold_client(data, path):
        result.verbose_notices.append(f"{path}: skipped: holds no app client")
        return result
    try:
        doc = registry.parse(path, data)
    except ParseError as exc:
        _parse_error(result, config, path, exc.message, exc.line, exc.column)
        return result
    sources = registry.load(doc)
    if not sources:
        result.verbose_notices.append(f"{path}: skipped: holds no app client")
        return result
    if config.diff_base:
        from linter.engine.diff_base import with_previous

        sources = with_previous(path, sources, config.diff_base)
    result.clients = len(sources)
    result.secrets = secret_values(doc.data)
    for source in sources:
        result.findings.extend(_check_client(source.document or doc, source, config))
    unused_level = config.level_of(UNUSED) if UNUSED in config.rules else None
    # Each document's suppressions apply to the findings in it (a serverless include has its own).
    documents = {id(doc): doc, **{id(s.document): s.document for s in sources if s.document is not None}}
    findings = []
    for document in documents.values():
        own = [s for s in sources if (s.document or doc) is document]
        findings += suppressions.apply([f for f in result.findings if f.file == document.path],
                                       _suppressions(document, own), document.path, set(config.rules),
                                       unused_level, document.line_text)
    result.findings = sorted(findings, key=Finding.sort_key)
    return result


def _suppressions(doc: Document, own) -> list:
    """Comment directives (YAML, Terraform, PowerShell) and resource Metadata suppressions of the
    clients ``own`` that ``doc`` holds."""
    found = []
    if doc.comment_markers and "cognito-lint:" in doc.text:  # JSON has no comments
        anchors = {doc.span(s.anchor, key=True).line: s.name for s in own if s.resource}
        found = suppressions.from_comments(doc.text, anchors, doc.comment_markers)
    for source in own:
        resource = _at(doc.data, source.anchor) if source.resource else None
        if isinstance(resource, dict) and "cognito-lint" in (resource.get("Metadata") or {}):
            metadata = suppressions.from_metadata(resource, source.name,
                                                  doc.span(source.anchor + ("Metadata", "cognito-lint"), key=True))
            if metadata:
                found.append(metadata)
    return found


def _at(data: Any, path: tuple) -> Any:
    for step in path:
        data = data[step]
    return data


def _parse_error(result: FileResult, config: LintConfig, path: str, message: str, line: int, column: int) -> None:
    """A CG001 finding.  Reported even when CG001 is not selected: a file that cannot be read is
    never silently "clean" (like a syntax error in ruff)."""
    source_line = ""
    try:
        with open(path, "rb") as handle:
            lines = handle.read().decode("utf-8", "replace").splitlines()
        source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    except OSError:
        pass
    end_column = column + 1 if column <= len(source_line) else column
    level = config.levels.get(PARSE_ERROR) or "error"
    result.findings.append(Finding(PARSE_ERROR, level, message, path, Span(line, column, line, max(end_column, column)),
                                   source_line=source_line))


def _check_client(doc: Document, source: ClientSource, config: LintConfig) -> list[Finding]:
    """Run every rule on every variant; merge what the variants share, name the conditions otherwise."""
    seen: dict[tuple, tuple[Rule, Problem, tuple, bool, list[dict]]] = {}
    for variant in source.variants:
        for rule in config.rules.values():
            try:
                problems = rule.run(variant.client, config.options_of(rule))
            except Exception as exc:  # a rule's bug: name the rule and the client, lint on
                raise RuleError(f"rule {rule.id} ({rule.origin}) failed on client {source.name}: "
                                f"{type(exc).__name__}: {exc}") from exc
            for problem in problems:
                doc_path, key = variant.locate(problem.path, source.anchor)
                key = key or problem.key
                ident = (rule.id, doc_path, key, problem.message)
                if ident not in seen:
                    seen[ident] = (rule, problem, doc_path, key, [])
                seen[ident][4].append(variant.client.conditions)
    findings = []
    for rule, problem, doc_path, key, conditions in seen.values():
        span = doc.span(doc_path, key)
        message = problem.message
        if len(conditions) < len(source.variants):
            message += _when(conditions, [v.client.conditions for v in source.variants])
        message += source.label()
        level = config.level_of(rule.id, problem.level)
        if level not in _LEVELS:
            raise RuleError(f"rule {rule.id} reported level {level!r}; expected error, warning or note")
        # A fix replaces the value the finding points at: not a key or the client's anchor.
        fix = problem.fix if problem.fix is not None and not key else None
        findings.append(Finding(rule.id, level, message, doc.path, span, client=source.name, kind=source.kind,
                                source_line=doc.line_text(span.line), doc_path=doc_path, fix=fix,
                                fingerprint=fingerprint(doc.path, source.name, rule.id, problem.path,
                                                        _value_at(doc.data, doc_path) if not key else None)))
    return findings


def _value_at(data: Any, doc_path: tuple) -> Any:
    for step in doc_path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _when(having: list[dict[str, bool]], everyone: list[dict[str, bool]]) -> str:
    """' (when IsProd is false)': the fewest condition values that single out the variants with the problem."""
    names = sorted(having[0])
    for size in (1, 2):
        for combo in itertools.combinations(names, size):
            facts = {n: having[0][n] for n in combo}
            matching = [a for a in everyone if all(a.get(n) == v for n, v in facts.items())]
            if all(a in having for a in matching) and len(matching) == len(having):
                return " (when " + " and ".join(f"{n} is {str(v).lower()}" for n, v in facts.items()) + ")"
    return " (in some combinations of template conditions)"
