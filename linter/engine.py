"""The engine: read and parse a file, load its clients, run the rules, turn paths into positions.

``lint_file`` is a pure function of a path and a :class:`LintConfig`, which is what lets
``lint_paths`` spread files over processes and still report in a deterministic order.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import os
from dataclasses import dataclass, field
from collections.abc import Mapping
from typing import Any, Iterable, Iterator, Optional

from linter import discover, suppressions
from linter.document import Document, ParseError, Span, YamlDocument, parse_bytes
from linter.findings import FileResult, Finding
from linter.rule import Problem, Rule

PARSE_ERROR = "CG001"


@dataclass
class LintConfig:
    rules: Mapping[str, Rule]  # a registry.RuleTable: rule modules are imported when first used
    #: Rule ID → option name → value (defaults from the rule, overridden by the user).
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Rule ID → level, overriding the rule's default level.
    levels: dict[str, str] = field(default_factory=dict)

    def level_of(self, rule_id: str, problem_level: Optional[str] = None) -> str:
        return self.levels.get(rule_id) or problem_level or self.rules[rule_id].level

    def options_of(self, rule: Rule) -> dict[str, Any]:
        return {**rule.options, **self.options.get(rule.id, {})}


def lint_paths(paths: Iterable[str], config: LintConfig, exclude: Iterable[str] = (), jobs: int = 1) -> Iterator[FileResult]:
    """Results per file, in discovery order.  Raises ``discover.PathNotFound``."""
    files = list(discover.discover(paths, exclude))
    if jobs > 1 and len(files) >= 8:
        from linter.parallel import lint_in_parallel

        yield from lint_in_parallel(files, config, jobs)
        return
    for path, explicit in files:
        yield lint_file(path, config, explicit)


def lint_file(path: str, config: LintConfig, explicit: bool = True) -> FileResult:
    result = FileResult(path)
    if explicit and discover.is_foreign(path):
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
    if discover.looks_binary(data):
        if explicit:
            result.notices.append(f"{path}: skipped: binary file, not JSON or YAML")
        return result
    if not discover.may_hold_client(data):
        result.verbose_notices.append(f"{path}: skipped: holds no app client")
        return result
    try:
        doc = parse_bytes(path, data)
    except ParseError as exc:
        _parse_error(result, config, path, exc.message, exc.line, exc.column)
        return result
    from linter.loaders import load_clients

    sources = load_clients(doc)
    if not sources:
        result.verbose_notices.append(f"{path}: skipped: holds no app client")
        return result
    result.clients = len(sources)
    for source in sources:
        result.findings.extend(_check_client(source.document or doc, source, config))
    result.findings = suppressions.apply(result.findings, _suppressions(doc, sources), path,
                                         suppressions.UNUSED_SUPPRESSION in config.rules, doc.line_text)
    result.findings.sort(key=Finding.sort_key)
    return result


def _suppressions(doc: Document, sources) -> list:
    """Comment directives (YAML) and resource Metadata suppressions of the clients in ``doc``."""
    own = [s for s in sources if s.document is None]
    anchors = {doc.span(s.anchor, key=True).line: s.name for s in own if s.resource}
    found = suppressions.from_comments(doc.text, anchors) if isinstance(doc, YamlDocument) else []
    for source in own:
        if source.resource:
            resource = _at(doc.data, source.anchor)
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
    if PARSE_ERROR not in config.rules:
        result.notices.append(f"{path}:{line}:{column}: {message}")
        return
    source_line = ""
    try:
        with open(path, "rb") as handle:
            lines = handle.read().decode("utf-8", "replace").splitlines()
        source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    except OSError:
        pass
    end_column = column + 1 if column <= len(source_line) else column
    result.findings.append(Finding(PARSE_ERROR, config.level_of(PARSE_ERROR), message, path,
                                   Span(line, column, line, max(end_column, column)), source_line=source_line))


def _check_client(doc: Document, source, config: LintConfig) -> list[Finding]:
    """Run every rule on every variant; merge what the variants share, name the conditions otherwise."""
    seen: dict[tuple, tuple[Rule, Problem, tuple, bool, list[dict]]] = {}
    for variant in source.variants:
        for rule in config.rules.values():
            for problem in rule.run(variant.client, config.options_of(rule)):
                doc_path, key = variant.locate(problem.path, source.anchor)
                key = key or problem.key
                ident = (rule.id, doc_path, key, problem.message)
                if ident not in seen:
                    seen[ident] = (rule, problem, doc_path, key, [])
                seen[ident][4].append(variant.client.conditions)
    secrets = {v.client.ClientSecret for v in source.variants if isinstance(v.client.ClientSecret, str)}
    findings = []
    for rule, problem, doc_path, key, conditions in seen.values():
        span = doc.span(doc_path, key)
        message = problem.message
        if len(conditions) < len(source.variants):
            message += _when(conditions, [v.client.conditions for v in source.variants])
        message += source.label()
        findings.append(Finding(rule.id, config.level_of(rule.id, problem.level), _redact(message, secrets),
                                doc.path, span, client=source.name, kind=source.kind,
                                source_line=_redact(doc.line_text(span.line), secrets), doc_path=doc_path,
                                fingerprint=fingerprint(doc, source.name, rule.id, doc_path)))
    return findings


def fingerprint(doc: Document, client: str, rule_id: str, doc_path: tuple) -> str:
    """Stable across lines moving and reformatting: no positions, no list indexes; the value itself."""
    value: Any = doc.data
    for step in doc_path:
        try:
            value = value[step]
        except (KeyError, IndexError, TypeError):
            value = None
            break
    where = "/".join(str(step) for step in doc_path if not isinstance(step, int))
    text = json.dumps(value, sort_keys=True, default=str)
    file = os.path.relpath(os.path.abspath(doc.path)).replace(os.sep, "/")
    return hashlib.sha256("\0".join((file, client, rule_id, where, text)).encode()).hexdigest()[:32]


def _redact(text: str, secrets: set[str]) -> str:
    """Never show a client secret: keep at most its first 4 characters."""
    for secret in secrets:
        if len(secret) > 4 and secret in text:
            text = text.replace(secret, secret[:4] + "****")
    return text


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
