"""JSON documents: parsed with the C-accelerated ``json`` module; positions are found lazily, only
for the paths a finding points at (most files have no findings, so they never pay for positions).
"""
from __future__ import annotations

import json
import re
from typing import Any, Optional

from linter.parsers import writing
from linter.parsers.document import DocPath, Document, ParseError, Span, surrogate_error
from linter.parsers.edits import APPEND, INSERT, REMOVE, REPLACE, DocEdit, TextEdit, removed_indexes as _indexes, text_edits

_DECODER = json.JSONDecoder()
_TOKEN = re.compile(r'\s*(?:("(?:[^"\\]|\\.)*")|([{}\[\],:])|(-?[0-9][0-9.eE+-]*|true|false|null))', re.S)


class _BadConstant(ValueError):
    pass


def _no_constant(name: str) -> Any:
    raise _BadConstant(name)  # NaN, Infinity: Python accepts them, JSON and AWS do not


#: How JSON readers take a key written twice, for the message (CloudFormation, the AWS CLI).
DUPLICATE_KEY_READING = "the last one counts, as CloudFormation and the AWS CLI read it"


class _Objects:
    """An object_pairs_hook that keeps the last value of a key written twice and remembers that it saw one."""

    def __init__(self) -> None:
        self.duplicates = False

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict:
        result = dict(pairs)
        if len(result) != len(pairs):
            self.duplicates = True
        return result


class _Scan:
    """What is known of one JSON container: its entries up to ``next``."""

    __slots__ = ("is_object", "next", "entries", "done")

    def __init__(self, is_object: bool, next_offset: int):
        self.is_object = is_object
        self.next = next_offset
        self.entries: dict = {}
        self.done = False


class JsonDocument(Document):
    def __init__(self, path: str, text: str, data: Any):
        super().__init__(path, text, data)
        self._scans: dict[int, _Scan] = {}
        self._ends: dict[int, int] = {}  # value offset → offset after it

    @classmethod
    def parse(cls, path: str, text: str) -> "JsonDocument":
        try:
            objects = _Objects()
            data = json.loads(text, object_pairs_hook=objects, parse_constant=_no_constant)
        except json.JSONDecodeError as exc:
            raise ParseError(f"invalid JSON: {exc.msg}", exc.lineno, exc.colno) from None
        except _BadConstant as exc:
            doc = cls(path, text, None)
            match = re.search(r"(?<![\w\"])-?" + exc.args[0].lstrip("-") + r"\b", text)
            line, col = doc.position(match.start()) if match else (1, 1)
            raise ParseError(f"invalid JSON: {exc.args[0]} is not a JSON number", line, col) from None
        except ValueError as exc:  # e.g. an integer with more digits than Python converts
            raise ParseError(f"invalid JSON: {exc}") from None
        except RecursionError:
            raise ParseError("invalid JSON: nesting too deep") from None
        doc = cls(path, text, data)
        error = surrogate_error(doc, "JSON", pairs=True)
        if error is not None:
            raise error
        if objects.duplicates:
            for key, first, start, end in doc._duplicates():
                line = doc.position(first)[0]
                doc.problems.append((f"duplicate key {key!r} (first at line {line}): {DUPLICATE_KEY_READING}",
                                     doc.offsets_span(start, end)))
        return doc

    def span(self, doc_path: DocPath, key: bool = False) -> Span:
        start, end = self._locate(doc_path, key)
        return self.offsets_span(start, end)

    # A tiny scanner that walks the text along one path, skipping the values it does not need.

    def _token(self, pos: int) -> tuple[str, int, int]:
        m = _TOKEN.match(self.text, pos)
        if not m:
            raise ValueError(f"unexpected text at offset {pos}")
        return m.group(m.lastindex), m.start(m.lastindex), m.end()

    def _skip_value(self, pos: int) -> int:
        """Offset just after the value starting at ``pos`` (the C decoder skips it)."""
        start = self._token(pos)[1]
        return _DECODER.raw_decode(self.text, start)[1]

    def _locate(self, doc_path: DocPath, key: bool) -> tuple[int, int]:
        pos = self._token(0)[1]
        key_span: Optional[tuple[int, int]] = None
        for step in doc_path:
            found = self._child(pos, step)
            if found is None:
                # Path does not exist: the deepest existing value's key (or the value's opener).
                return key_span if key_span is not None else (pos, pos + 1)
            key_span, pos = found
        if key:  # the key, or for the root (no key) just its opening brace
            return key_span if key_span is not None else (pos, pos + 1)
        return pos, self._value_end(pos)

    def _value_end(self, pos: int) -> int:
        end = self._ends.get(pos)
        if end is None:
            end = self._ends[pos] = self._skip_value(pos)
        return end

    def _child(self, pos: int, step: Any) -> Optional[tuple[Optional[tuple[int, int]], int]]:
        """(key span or None, value offset) of ``step`` inside the container at ``pos``.

        Each container is scanned at most once, however many findings point into it."""
        scan = self._scans.get(pos)
        if scan is None:
            tok, _, end = self._token(pos)
            if tok not in ("{", "["):
                return None
            scan = self._scans[pos] = _Scan(tok == "{", end)
        if (isinstance(step, str) and not scan.is_object) or (isinstance(step, int) and scan.is_object):
            return None
        while (step not in scan.entries or self.problems) and not scan.done:  # duplicates: read to the last
            self._scan_next(scan)
        return scan.entries.get(step)

    def _scan_next(self, scan: "_Scan") -> None:
        tok, start, end = self._token(scan.next)
        if tok in ("}", "]"):
            scan.done = True
            return
        if tok == ",":
            tok, start, end = self._token(end)
        if scan.is_object:
            _, _, after_colon = self._token(end)
            value = self._token(after_colon)[1]
            scan.entries[json.loads(tok)] = ((start, end), value)  # a key written twice: the last counts
        else:
            value = start
            scan.entries[len(scan.entries)] = (None, value)
        scan.next = self._value_end(value)

    # -- writing fixes ---------------------------------------------------------------------------

    def render(self, change: DocEdit) -> Optional[list[TextEdit]]:
        try:
            return text_edits(self, self._raw_edits(change))
        except (ValueError, KeyError, IndexError):
            return None

    def _raw_edits(self, change: DocEdit) -> Optional[list[tuple[int, int, str]]]:
        if change.action == REPLACE:
            start = self._value_offset(change.path)
            if start is None:
                return None
            end = self._value_end(start)
            return [(start, end, self._json(change.value, start, False))]
        container_path = change.path[:-1] if change.action == REMOVE else change.path
        opener = self._value_offset(container_path)
        if opener is None or self.text[opener] not in "[{":
            return None
        closer = self._value_end(opener) - 1
        entries = self._entries(opener)
        if change.action == REMOVE:
            items = [(start, end) for _, _, start, end in entries]
            indexes = _indexes(change)
            if len(indexes) == len(items):
                return [(opener, closer + 1, "[]")]
            return writing.remove_separated(self.text, items, indexes, ())
        multiline = "\n" in self.text[opener:closer]
        compact = _compact(self.text, entries)
        if change.action == APPEND:
            items = [(start, end) for _, _, start, end in entries]
            at = items[-1][0] if items else opener
            return writing.append_separated(self.text, items, opener, closer,
                                            self._json(change.value, at, multiline, compact=compact), ())
        if change.action == INSERT:
            items = [(key_span[0], end) for _, key_span, _, end in entries]
            keys = [key for key, _, _, _ in entries]
            colon = ": "
            if entries:
                key_end, value_start = entries[-1][1][1], entries[-1][2]
                colon = self.text[key_end:value_start] if "\n" not in self.text[key_end:value_start] else ": "
            at = items[-1][0] if items else opener
            lists_multiline = any(self.text[start] == "[" and "\n" in self.text[start:end] for _, _, start, end in entries)
            value = self._json(change.value, at, multiline, lists_multiline, compact)
            rendered = json.dumps(change.key, ensure_ascii=False) + colon + value
            after = keys.index(change.after) if change.after in keys else None
            return writing.insert_separated(self.text, items, opener, closer, rendered, (), after)
        return None

    def _json(self, value: Any, at: int, multiline: bool, lists_multiline: bool = False, compact: bool = False) -> str:
        """``value`` as JSON; a mapping (and a list, when the file's lists around are) on lines
        of their own at the indentation of the text at ``at``, in a multi-line container; without
        blanks after separators in a container written without them."""
        if not multiline or not isinstance(value, (dict, list)) or not value:
            return json.dumps(value, ensure_ascii=False, separators=(",", ":") if compact else (", ", ": "))
        here = writing.indent(self.text, at)
        step = self._indent_unit()
        newline = writing.eol(self.text, at)
        return _pretty(value, here, step, newline, lists_multiline)

    def _indent_unit(self) -> str:
        """The file's indentation step: what the first nested member adds to its parent's."""
        match = re.search(r"\n([ \t]*)[\[{\"]", self.text)
        first = match.group(1) if match else ""
        return first if first.strip() == "" and first else "  "

    def _value_offset(self, doc_path: DocPath) -> Optional[int]:
        pos = self._token(0)[1]
        for step in doc_path:
            found = self._child(pos, step)
            if found is None:
                return None
            pos = found[1]
        return pos

    def _entries(self, pos: int) -> list[tuple[Any, Optional[tuple[int, int]], int, int]]:
        """(key or index, key span, value start, value end) of every entry of the container at ``pos``."""
        self._child(pos, 0 if self.text[pos] == "[" else "")  # creates the scan
        scan = self._scans[pos]
        while not scan.done:
            self._scan_next(scan)
        return [(key, key_span, start, self._value_end(start)) for key, (key_span, start) in scan.entries.items()]

    def _duplicates(self) -> list[tuple[str, int, int, int]]:
        """(key, offset of its first occurrence, start and end of a later one) of every key an object repeats."""
        found = []
        stack: list[Optional[dict]] = []
        pos = 0
        expect_key = False
        while True:
            m = _TOKEN.match(self.text, pos)
            if not m:
                return found
            tok, start, pos = m.group(m.lastindex), m.start(m.lastindex), m.end()
            if tok in ("{", "["):
                stack.append({} if tok == "{" else None)
                expect_key = tok == "{"
            elif tok in ("}", "]"):
                stack.pop()
                expect_key = False
            elif tok == ",":
                expect_key = bool(stack) and stack[-1] is not None
            elif expect_key and tok.startswith('"'):
                name = json.loads(tok)
                if name in stack[-1]:
                    found.append((name, stack[-1][name], start, pos))
                else:
                    stack[-1][name] = start
                expect_key = False


def _compact(text: str, entries: list) -> bool:
    """The container writes its separators without blanks (``{"a":1,"b":2}``, minified JSON)."""
    if not entries:
        return False
    if len(entries) >= 2:
        between = text[entries[0][3]:entries[1][2] if entries[1][1] is None else entries[1][1][0]]
        if between != ",":
            return False
    key_span = entries[0][1]
    return key_span is None or text[key_span[1]:entries[0][2]] == ":"


def _pretty(value: Any, here: str, step: str, newline: str, lists_multiline: bool) -> str:
    inner = here + step
    if isinstance(value, dict) and value:
        return "{" + ",".join(newline + inner + json.dumps(k, ensure_ascii=False) + ": "
                              + _pretty(v, inner, step, newline, lists_multiline) for k, v in value.items()) \
            + newline + here + "}"
    if isinstance(value, list) and value and lists_multiline:
        return "[" + ",".join(newline + inner + _pretty(v, inner, step, newline, lists_multiline) for v in value) \
            + newline + here + "]"
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def parse(path: str, text: str) -> JsonDocument:
    return JsonDocument.parse(path, text)
