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
