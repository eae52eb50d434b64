"""What every parser returns: a :class:`Document` (plain data plus a way to turn a document path
into a text span), and the :class:`ParseError` a file that cannot be read becomes (CG001).

A *document path* is a tuple of mapping keys and list indexes from the document root, e.g.
``("Resources", "WebClient", "Properties", "CallbackURLs", 2)``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Optional

DocPath = tuple  # tuple[str | int, ...]


@dataclass(frozen=True)
class Span:
    """1-based line and column; the end column is the one after the last character (as SARIF)."""

    line: int
    column: int
    end_line: int
    end_column: int


class ParseError(Exception):
    """A file that cannot be parsed; becomes a CG001 finding at ``line``:``column``."""

    def __init__(self, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.message = message
        self.line = max(line, 1)
        self.column = max(column, 1)

    @classmethod
    def at(cls, message: str, text: str, offset: int) -> "ParseError":
        """The error at a text offset (line and column counted here)."""
        line = text.count("\n", 0, offset) + 1
        return cls(message, line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


class Document:
    """A parsed file: ``data`` (plain Python) and positions for document paths."""

    #: What starts a comment in this format (none: JSON), for suppression comments.
    comment_markers: tuple[str, ...] = ()

    def __init__(self, path: str, text: str, data: Any):
        self.path = path
        self.text = text
        self.data = data
        self._line_starts: Optional[list[int]] = None
        #: Problems the parser recovered from (a duplicate key): each is reported (CG001) and the
        #: file is linted as its readers read it.
        self.problems: list[tuple[str, Span]] = []
        #: Documents this one names that a loader read (a serverless include), by path, None for one
        #: that could not be read: read once for loading and for the secrets.
        self.included: dict[str, Optional["Document"]] = {}

    def span(self, doc_path: DocPath, key: bool = False) -> Span:
        """The span of the value at ``doc_path`` (of its key when ``key``), or of the deepest
        existing ancestor when the path does not exist (a missing property points at its parent)."""
        raise NotImplementedError

    def window(self, line: int, column: int, width: int = 160, before: int = 60) -> tuple[str, int, int]:
        """A bounded piece of ``line`` around ``column``, for showing a finding's source: (text,
        its first column, its offset in the document).  Its cost does not depend on the line's
        length: a minified file is one long line."""
        return line_window(self.text, self._starts(), line, column, width, before)

    # -- offset ↔ line/column ----------------------------------------------------------------

    def _starts(self) -> list[int]:
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        return self._line_starts

    def position(self, offset: int) -> tuple[int, int]:
        starts = self._starts()
        lo, hi = 0, len(starts) - 1
        while lo < hi:  # last line start <= offset
            mid = (lo + hi + 1) // 2
            if starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1, offset - starts[lo] + 1

    def offset(self, line: int, column: int) -> int:
        """The text offset of a 1-based line and column (the inverse of :meth:`position`)."""
        starts = self._starts()
        return starts[line - 1] + column - 1 if 0 < line <= len(starts) else len(self.text)

    def render(self, change: Any) -> Optional[list]:
        """The :class:`~linter.parsers.edits.TextEdit` list that makes ``change`` (a
        :class:`~linter.parsers.edits.DocEdit`) in this document's syntax and style, or None when
        it cannot be written here safely (each syntax's parser knows how)."""
        return None

    def offsets_span(self, start: int, end: int) -> Span:
        line, col = self.position(start)
        end_line, end_col = self.position(end)
        return Span(line, col, end_line, end_col)


class TableDocument(Document):
    """A document whose reader recorded the offsets of every key and value as it parsed
    (Terraform, PowerShell): document path → (start, end)."""

    def __init__(self, path: str, text: str, data: Any, keys: dict, values: dict):
        super().__init__(path, text, data)
        self._keys = keys
        self._values = values

    def offsets(self, doc_path: DocPath, key: bool = False) -> Optional[tuple[int, int]]:
        """(start, end) of the key or the value at ``doc_path``, as recorded; None if not."""
        return (self._keys if key else self._values).get(tuple(doc_path))

    def span(self, doc_path: DocPath, key: bool = False) -> Span:
        doc_path = tuple(doc_path)
        while doc_path:
            table = self._keys if key and doc_path in self._keys else self._values
            if doc_path in table:
                return self.offsets_span(*table[doc_path])
            doc_path, key = doc_path[:-1], True
        return Span(1, 1, 1, 1)


#: What :func:`value_at` returns where a path leads nowhere.
MISSING = object()


def value_at(data: Any, path: tuple, missing: Any = MISSING) -> Any:
    """The value at ``path`` of a document's (or a client's) data: keys, list indexes, and the
    branch names of a Terraform conditional (``linter.parsers.hcl.Conditional``); ``missing`` where
    the path leads nowhere."""
    for step in path:
        branches = getattr(data, "branches", None)
        if isinstance(data, dict) and step in data:
            data = data[step]
        elif isinstance(data, list) and isinstance(step, int) and not isinstance(step, bool) and 0 <= step < len(data):
            data = data[step]
        elif isinstance(branches, dict) and step in branches:
            data = branches[step]
        else:
            return missing
    return data


#: A UTF-16 surrogate: half of a pair, no character of its own.  No text holds one (UTF-8 cannot
#: encode it, :func:`decode` refuses its bytes), but a ``\\ud800`` escape can write one.
SURROGATES = re.compile("[\ud800-\udfff]")
#: What a reader says of an escape that writes one.
SURROGATE_HINT = ("is half of a UTF-16 surrogate pair, not a character; write the character itself "
                  "or its code point (\\U0001F600)")
SURROGATE_HINT_PAIRS = ("is a lone UTF-16 surrogate, not a character; write the character itself "
                        "or both halves of the pair (\\ud83d\\ude00)")
#: An escape that may write a surrogate: JSON's and YAML's ``\\ud800``, YAML's ``\\U0000d800``.
_SURROGATE_ESCAPE = re.compile(r"\\(?:u|U0000)[dD][89a-fA-F][0-9a-fA-F]{2}")
_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|[\s\S])")


def surrogate_error(doc: Document, syntax: str, pairs: bool) -> Optional[ParseError]:
    """The error for the first string (key or value) of ``doc.data`` that holds a surrogate: an
    escape such as ``"\\ud800x"`` that names half a UTF-16 pair (``pairs``: the syntax joins a high
    and a low escape into one character, as JSON does).  Such a string is no text: it cannot be
    written as UTF-8, sent to the service or shown, so the reader refuses it at the escape, as
    Terraform and libyaml do; None when there is none."""
    if not _SURROGATE_ESCAPE.search(doc.text):  # no escape that could write one: nothing to walk
        return None
    found = _surrogate_path(doc.data, ())
    if found is None:
        return None
    path, key = found
    span = doc.span(path, key)
    start, end = doc.offset(span.line, span.column), doc.offset(span.end_line, span.end_column)
    offset, code = start, None
    escapes = list(_ESCAPE.finditer(doc.text, start, max(end, start)))
    for index, match in enumerate(escapes):
        number = int(match.group(1) or match.group(2) or "0", 16)
        if not 0xD800 <= number <= 0xDFFF:
            continue
        following = escapes[index + 1] if index + 1 < len(escapes) else None
        if pairs and number < 0xDC00 and following is not None and following.start() == match.end() \
                and 0xDC00 <= int(following.group(1) or "0", 16) <= 0xDFFF:
            continue  # a pair: one character
        if pairs and number >= 0xDC00 and index and escapes[index - 1].end() == match.start() \
                and 0xD800 <= int(escapes[index - 1].group(1) or "0", 16) < 0xDC00:
            continue  # the second half of a pair
        offset, code = match.start(), number
        break
    what = f"\\u{code:04x}" if code is not None else "an escape"
    return ParseError.at(f"invalid {syntax}: {what} {SURROGATE_HINT_PAIRS if pairs else SURROGATE_HINT}",
                         doc.text, offset)


def _surrogate_path(data: Any, path: tuple) -> Optional[tuple[tuple, bool]]:
    """(document path, is it the key) of the first string of ``data`` holding a surrogate."""
    if isinstance(data, str):
        return (path, False) if SURROGATES.search(data) else None
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str) and SURROGATES.search(key):
                return path + (key,), True
            found = _surrogate_path(value, path + (key,))
            if found is not None:
                return found
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found = _surrogate_path(value, path + (index,))
            if found is not None:
                return found
    return None


def decode(data: bytes) -> str:
    """A file's text: UTF-8, with or without a byte-order mark; anything else is a ParseError."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ParseError("not UTF-8 text: the file is UTF-16 or UTF-32 (it starts with a byte-order mark); save it as UTF-8")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ParseError(f"not UTF-8 text: byte 0x{data[exc.start]:02x} cannot be decoded", line, column) from None


def line_window(text: str, starts: list[int], line: int, column: int, width: int = 160,
                before: int = 60) -> tuple[str, int, int]:
    """(text, first column, offset) of at most ``width`` characters of a line, from ``before``
    characters ahead of ``column``; ``starts`` are the offsets where lines start."""
    if not 1 <= line <= len(starts):
        return "", 1, len(text)
    line_start = starts[line - 1]
    left = max(line_start, line_start + column - 1 - before)
    limit = left + width
    end = text.find("\n", left, limit)
    right = end if end >= 0 else min(limit, len(text))
    return text[left:right].rstrip("\r"), left - line_start + 1, left
