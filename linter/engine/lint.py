"""Linting one file: read, sniff, parse, load its clients, run the rules on every variant, turn
client paths into spans, apply the file's suppressions, redact secrets.

``lint_file`` is a pure function of a path and a :class:`LintConfig`, which is what lets
:mod:`linter.engine.run` spread files over processes and still report in a deterministic order.
``lint_text`` is the same for content that is not (yet) in the file: the language server's buffers.
"""
from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Optional

from linter.engine import discovery, suppressions
from linter.engine.findings import FileResult, Finding
from linter.engine.fingerprints import fingerprint
from linter.engine.redaction import Redactor, scrubbed, scrubbed_message
from linter.loaders import registry
from linter.loaders.fixes import document_edits
from linter.loaders.secrets import SecretText
from linter.loaders.source import ClientSource, Variant
from linter.model import Template, Unknown
from linter.parsers.document import Document, ParseError, Span, line_window, value_at
from linter.parsers import reading
from linter.parsers.edits import FileFix, merge_removals, text_digest
from linter.parsers.reading import Unreadable, read_file, too_large
from linter.rule import LEVELS as _LEVELS, SAFE, Edit, Fix, Problem, Replacement, Rule, RuleError

PARSE_ERROR = "CG001"
UNUSED = suppressions.UNUSED_SUPPRESSION


@dataclass
class LintConfig:
    rules: Mapping[str, Rule]  # a RuleTable (linter.engine.rule_registry): rule modules are imported when first used
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


#: Larger files are not read (a CG001 says so): no real input comes near it.
MAX_FILE_BYTES = reading.MAX_FILE_BYTES


def lint_file(path: str, config: LintConfig, explicit: bool = True) -> FileResult:
    """Lint one file.  A bug (ours or a plugin's) on one file is reported and the others go on."""
    return _lint(path, config, explicit, lambda result: _read(result, config, path, explicit))


def lint_text(path: str, content: str | bytes, config: LintConfig) -> FileResult:
    """Lint ``content`` as the file ``path`` (an editor's unsaved buffer): the file is not read,
    everything else is as :func:`lint_file` does for a file named on the command line (the kind
    decided by the name and the content, the same findings, suppressions and redaction)."""
    data = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
    return _lint(path, config, True, lambda result: _in_memory(result, config, path, data))


def _lint(path: str, config: LintConfig, explicit: bool, read: Callable[[FileResult], Optional[bytes]]) -> FileResult:
    """Lint the bytes ``read`` gives (None: nothing to lint, the reason is in the result already)."""
    try:
        return _lint_bytes(path, config, explicit, read)
    except RuleError as exc:
        result = FileResult(path)
        result.errors.append(f"{path}: {exc}")
    except RecursionError:  # a structure nested deeper than any evaluation of it can go
        result = FileResult(path)
        _parse_error(result, config, path, "nesting too deep to evaluate", 1, 1)
    except (Exception, SystemExit) as exc:  # noqa: BLE001 - never a traceback, never lose the other files
        result = FileResult(path)
        result.errors.append(f"{path}: internal error: {type(exc).__name__}: {exc}")
    return result


def _lint_bytes(path: str, config: LintConfig, explicit: bool,
                read: Callable[[FileResult], Optional[bytes]]) -> FileResult:
    result = FileResult(path)
    if explicit and discovery.is_foreign(path):
        _skip(result, "not a JSON/YAML input")
        return result
    data = read(result)
    if data is None:
        return result
    _lint_data(result, path, data, config, explicit)
    return result


def _lint_data(result: FileResult, path: str, data: bytes, config: LintConfig, explicit: bool) -> FileResult:
    unicode_bom = data.startswith((b"\xff\xfe", b"\xfe\xff"))  # UTF-16/32 text: CG001, not "binary"
    if discovery.looks_binary(data) and not unicode_bom:
        _skip(result, "binary file, not JSON or YAML", always=explicit)
        return result
    if not unicode_bom and not registry.may_hold_client(data, path):
        _skip(result, "holds no app client")
        return result
    try:
        doc = registry.parse(path, data)
    except ParseError as exc:
        _parse_error(result, config, path, exc.message, exc.line, exc.column, data)
        return result
    parsed = len(doc.problems)
    sources = registry.load(doc)
    if not sources and len(doc.problems) == parsed:  # a loader's problem (a missing include) is reported
        _skip(result, "holds no app client")
        return result
    if config.diff_base:
        from linter.engine.diff_base import DiffBaseError, with_previous

        try:
            sources = with_previous(path, sources, config.diff_base)
        except DiffBaseError as exc:
            result.errors.append(f"{path}: {exc}")
            return result
    result.clients = len(sources)
    # Each document's clients, suppressions and secrets (a serverless include is a document of its own).
    documents = {id(doc): doc, **{id(s.document): s.document for s in sources if s.document is not None}}
    unused_level = config.level_of(UNUSED) if UNUSED in config.rules else None
    for document in documents.values():
        own = [s for s in sources if (s.document or doc) is document]
        redactor = Redactor(_secrets(document, own))
        digest = text_digest(document.text)
        found = [f for source in own for f in _check_client(document, source, config, redactor, digest)]
        if document is doc:
            found += [_recovered(document, message, span, config, redactor) for message, span in document.problems]
        marked = suppressions.apply(found, _suppressions(document, own), document.path, set(config.rules),
                                    unused_level, lambda line, column: _shown(document, redactor, line, column))
        # a suppression's reason is text of the file (a comment, a Metadata value): masked like a message
        result.findings += [dataclasses.replace(f, suppressed=redactor.message(f.suppressed)) if f.suppressed else f
                            for f in marked]
        result.digests[document.path] = digest
    result.findings.sort(key=Finding.sort_key)
    return result


def secret_masker(path: str, text: str):
    """A function ``(line, offset) -> line`` that masks the secrets of the file at ``path`` when it
    holds ``text`` (what the findings' snippets mask), for showing lines of it (``--diff``).  A
    text that does not parse shows only the formats' words (as a CG001 snippet)."""
    try:
        doc = registry.parse(path, text.encode("utf-8", "surrogatepass"))
        sources = registry.load(doc)
    except (ParseError, RecursionError, ValueError):
        return lambda line, offset: scrubbed(line, registry.names())
    redactor = Redactor(_secrets(doc, [s for s in sources if s.document is None or s.document is doc]))
    return redactor.snippet


def lint_loaded(doc: Document, sources: list[ClientSource], config: LintConfig) -> list[Finding]:
    """Findings of clients loaded from a document that is no file (``cognito-lint audit``: a
    DescribeUserPoolClient response): the rules, spans, identities and redaction of a file; no
    suppressions (a response has no comments) and no per-file ignores."""
    redactor = Redactor(_secrets(doc, sources))
    findings = [f for source in sources for f in _check_client(doc, source, config, redactor)]
    return sorted(findings, key=Finding.sort_key)


def _read(result: FileResult, config: LintConfig, path: str, explicit: bool) -> Optional[bytes]:
    """The file's bytes, or None (with a notice or a CG001) when it is empty, not a regular file,
    unreadable or too large to be an input."""
    try:
        data = read_file(path, MAX_FILE_BYTES)
    except Unreadable as exc:
        if exc.special:  # a FIFO or a device would block or never end
            _skip(result, exc.message, always=True)
        else:
            _parse_error(result, config, path, exc.message, 1, 1)
        return None
    return _non_empty(result, path, data, explicit)


def _in_memory(result: FileResult, config: LintConfig, path: str, data: bytes) -> Optional[bytes]:
    """A buffer's bytes, held to the limits of a file's."""
    if len(data) > MAX_FILE_BYTES:
        _parse_error(result, config, path, too_large(len(data), MAX_FILE_BYTES).message, 1, 1)
        return None
    return _non_empty(result, path, data, True)


def _non_empty(result: FileResult, path: str, data: bytes, explicit: bool) -> Optional[bytes]:
    if not data.strip():
        _skip(result, "the file is empty", always=explicit)
        return None
    return data


def _skip(result: FileResult, reason: str, always: bool = False) -> None:
    """The file is skipped: said with --verbose, or ``always``."""
    result.skipped = True
    result.skip_said = always
    (result.notices if always else result.verbose_notices).append(f"{result.path}: skipped: {reason}")


def _secrets(doc: Document, sources: list[ClientSource]) -> SecretText:
    """What the format knows is secret in ``doc``, and the secret values its clients resolved."""
    secrets = registry.secrets(doc)
    for source in sources:
        for variant in source.variants:
            value = variant.client.ClientSecret
            if isinstance(value, Unknown) and not isinstance(value, Template):
                value = value.default
            for literal in (value.parts if isinstance(value, Template) else [value]):
                secrets.add_value(literal)
    return secrets


#: How much of the line before a snippet is read to mask a ``secret = ...`` starting before it.
_CONTEXT = 256


def _shown(doc: Document, redactor: Redactor, line: int, column: int) -> tuple[str, int]:
    """(snippet, its first column) of a finding's line, secrets masked."""
    text, first_column, offset = doc.window(line, column)
    before = doc.text[max(offset - (first_column - 1), offset - _CONTEXT):offset]
    return redactor.snippet(before + text, offset - len(before))[len(before):], first_column


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


def _parse_error(result: FileResult, config: LintConfig, path: str, message: str, line: int, column: int,
                 data: Optional[bytes] = None) -> None:
    """A CG001 finding.  Reported even when CG001 is not selected: a file that cannot be read is
    never silently "clean" (like a syntax error in ruff).  Nothing of the file is known, so its
    snippet shows no value (:func:`~linter.engine.redaction.scrubbed`)."""
    source_line, first_column = "", 1
    if data is not None:
        text = data[:MAX_FILE_BYTES].decode("utf-8", "replace")
        starts = [0] + [m.end() for m in re.finditer("\n", text)]
        window, first_column, _ = line_window(text, starts, line, column)
        source_line = scrubbed(window, registry.names())
    end_column = column + 1 if column < first_column + len(source_line) else column
    level = config.levels.get(PARSE_ERROR) or "error"
    message = scrubbed_message(message, registry.names())
    result.findings.append(Finding(PARSE_ERROR, level, message, path, Span(line, column, line, max(end_column, column)),
                                   source_line=source_line, source_column=first_column))


def _recovered(doc: Document, message: str, span: Span, config: LintConfig, redactor: Redactor) -> Finding:
    """A CG001 for a problem the parser read past (a duplicate key): the rest of the file is linted."""
    source_line, source_column = _shown(doc, redactor, span.line, span.column)
    return Finding(PARSE_ERROR, config.levels.get(PARSE_ERROR) or "error", redactor.message(message), doc.path, span,
                   source_line=source_line, source_column=source_column)


def _check_client(doc: Document, source: ClientSource, config: LintConfig, redactor: Redactor,
                  digest: str = "") -> list[Finding]:
    """Run every rule on every variant; merge what the variants share, name the conditions otherwise."""
    seen: dict[tuple, tuple[Rule, Problem, tuple, bool, list[dict], list]] = {}
    for variant in source.variants:
        for rule in config.rules.values():
            try:
                problems = rule.run(variant.client, config.options_of(rule))
            except (Exception, SystemExit) as exc:  # a rule's bug: name the rule and the client, lint on
                raise RuleError(f"rule {rule.id} ({rule.origin}) failed on client {source.name}: "
                                f"{type(exc).__name__}: {exc}") from None
            for problem in problems:
                doc_path, key = variant.locate(problem.path, source.anchor)
                key = key or problem.key
                ident = (rule.id, doc_path, key, problem.message)
                if ident not in seen:
                    seen[ident] = (rule, problem, doc_path, key, [], [])
                seen[ident][4].append(variant.client.conditions)
                seen[ident][5].append((variant, _changes(doc, source, variant, problem)))
    findings = []
    for rule, problem, doc_path, key, conditions, changes in seen.values():
        span = doc.span(doc_path, key)
        message = problem.message
        if len(conditions) < len(source.variants):
            message += _when(conditions, [v.client.conditions for v in source.variants])
        message += source.label()
        level = config.level_of(rule.id, problem.level)
        if level not in _LEVELS:
            raise RuleError(f"rule {rule.id} reported level {level!r}; expected error, warning or note")
        fix = _file_fix(doc, redactor, problem, changes, source.variants, _words(source), digest)
        source_line, source_column = _shown(doc, redactor, span.line, span.column)
        findings.append(Finding(rule.id, level, redactor.message(message), doc.path, span,
                                client=redactor.message(source.name),
                                kind=source.kind, source_line=source_line, source_column=source_column,
                                doc_path=doc_path, fix=fix,
                                fingerprint=fingerprint(doc.path, source.name, rule.id, problem.path,
                                                        value_at(doc.data, doc_path, None) if not key else None,
                                                        source.identity)))
    return findings


def _as_fix(problem: Problem) -> Optional[Fix]:
    """A problem's fix; a :class:`Replacement` is a safe fix that sets the value at its path."""
    fix = problem.fix
    if isinstance(fix, Replacement):
        return Fix((Edit.set(problem.path, fix.value),), SAFE)
    return fix if isinstance(fix, Fix) else None


def _changes(doc: Document, source: ClientSource, variant: Variant, problem: Problem) -> Optional[tuple]:
    fix = _as_fix(problem)
    if fix is None:
        return None
    try:
        return document_edits(doc, source, variant, fix)
    except Exception:  # noqa: BLE001 - a fix that cannot be placed is no fix; the finding stays
        return None


def _words(source: ClientSource) -> Any:
    return source.variants[0].client.wording if source.variants else None


def _file_fix(doc: Document, redactor: Redactor, problem: Problem, found: list, variants: list,
              words: Any, digest: str) -> Optional[FileFix]:
    """The fix a finding carries: offered only when the variants with the problem get the same
    document edits and no other variant reads the text they change (a value in the branch of an
    ``!If`` or a Terraform conditional that only those variants take; editing what every variant
    reads would change the others too), when the file's syntax can write every edit, and when what
    it writes shows no secret."""
    fix = _as_fix(problem)
    if fix is None or not found:
        return None
    changes = [c for _, c in found]
    if changes[0] is None or any(c != changes[0] for c in changes):
        return None
    having = {id(variant) for variant, _ in found}
    others = [v for v in variants if id(v) not in having]
    if others and any(_reads(variant, change.path) for variant in others for change in changes[0]):
        return None
    edits = []
    for change in merge_removals(changes[0]):
        try:
            rendered = doc.render(change)
        except Exception:  # noqa: BLE001 - a fix that cannot be written is no fix; the finding stays
            rendered = None
        if not rendered:
            return None
        edits.extend(rendered)
    if any(redactor.message(edit.new_text) != edit.new_text for edit in edits):
        return None
    for index, edit in enumerate(edits):  # the edits of one fix never overlap each other
        if any(edit.start < other.end and other.start < edit.end for other in edits[index + 1:]):
            return None
    title = fix.title or (f"Write {words.value(problem.fix.value)}" if isinstance(problem.fix, Replacement) and words
                          else "Apply the fix")
    return FileFix(fix.safety, redactor.message(title), tuple(edits), tuple(changes[0]), digest)


def _reads(variant: Variant, path: tuple) -> bool:
    """Whether the variant's values come from text at, in or around the document path."""
    path = tuple(path)
    for origin in variant.origin.values():
        shorter = min(len(origin), len(path))
        if tuple(origin[:shorter]) == path[:shorter]:
            return True
    return False


def _when(having: list[dict[str, bool]], everyone: list[dict[str, bool]]) -> str:
    """' (when IsProd is false)': the fewest condition values that single out the variants with the problem."""
    names = sorted(having[0])
    for size in (1, 2):
        for combo in itertools.combinations(names, size):
            facts = {n: having[0][n] for n in combo}
            matching = [a for a in everyone if all(a.get(n) == v for n, v in facts.items())]
            if all(a in having for a in matching) and len(matching) == len(having):
                return " (when " + " and ".join(f"{n} is {str(v).lower()}" for n, v in facts.items()) + ")"
    return " (in some combinations of conditions)"
