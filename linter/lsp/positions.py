"""Positions between the engine and the client.

The engine counts 1-based lines and columns in characters (code points) of the text it linted;
LSP counts 0-based lines and characters in the encoding negotiated at initialization: UTF-16 code
units (VS Code, the default), UTF-8 bytes (Neovim offers it first) or code points (Emacs eglot).
A :class:`LineIndex` is built once per linted version of a document (splitting a 5 MB text costs
tens of milliseconds: never per diagnostic) and converts both ways.

The engine decodes text with ``utf-8-sig``: a byte-order mark the buffer starts with is not in the
linted text, but is a character of the client's first line.
"""
from __future__ import annotations

import bisect
import re

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
_BOM = "\ufeff"


def units(text: str, encoding: str) -> int:
    """How many units of ``encoding`` ``text`` takes."""
    if text.isascii() or encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class LineIndex:
    def __init__(self, buffer: str, encoding: str = UTF16):
        self.bom = _BOM if buffer.startswith(_BOM) else ""
        #: The text as the engine linted it.
        self.text = buffer[len(self.bom):]
        self.encoding = encoding
        self.starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        self._bom_units = units(self.bom, encoding)

    # -- engine → client ------------------------------------------------------------------------

    def position(self, line: int, column: int) -> tuple[int, int]:
        """(line, character) of the client for a 1-based line and column of the engine."""
        if line > len(self.starts):
            line, column = len(self.starts), 1 + len(self.text) - self.starts[-1]
        start = self.starts[line - 1]
        end = self._line_end(line - 1)
        prefix = self.text[start:min(start + max(column - 1, 0), end)]
        return line - 1, units(prefix, self.encoding) + (self._bom_units if line == 1 else 0)

    def position_of_offset(self, offset: int) -> tuple[int, int]:
        """(line, character) of the client for an offset in the linted text."""
        line = bisect.bisect_right(self.starts, offset)
        return self.position(line, offset - self.starts[line - 1] + 1)

    # -- client → engine ------------------------------------------------------------------------

    def offset(self, line: int, character: int) -> int:
        """The offset in the linted text of a client position (clamped to its line, as LSP says)."""
        if line >= len(self.starts):
            return len(self.text)
        if line == 0:
            character = max(character - self._bom_units, 0)
        start, end = self.starts[line], self._line_end(line)
        text = self.text[start:end]
        if text.isascii() or self.encoding == UTF32:
            return start + min(character, len(text))
        count = 0
        for index, char in enumerate(text):
            if count >= character:
                return start + index
            count += units(char, self.encoding)
        return end

    def _line_end(self, line: int) -> int:
        """Where the 0-based ``line``'s content ends (before its line break)."""
        end = self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.text)
        if end > self.starts[line] and self.text[end - 1:end] == "\r":
            end -= 1
        return end
