"""What the hand-written readers (Terraform's HCL, PowerShell) share: a position in a text, the
spans they record, errors at an offset, expressions they do not evaluate, and quoted strings that
may embed expressions (``"https://${var.domain}/cb"``, ``"https://$domain/cb"``).
"""
from __future__ import annotations

import re
from typing import Optional, Union

from linter.parsers.document import SURROGATE_HINT, DocPath, ParseError

#: Opening bracket → its closer.
CLOSERS = {"(": ")", "[": "]", "{": "}"}

_HEX = re.compile(r"[0-9A-Fa-f]+")


class Expression:
    """A value that is not a literal: ``text`` is its source; ``parts`` for a string that embeds
    expressions (literal text and :class:`Expression` items, in order)."""

    __slots__ = ("text", "parts")

    def __init__(self, text: str, parts: Optional[list[Union[str, "Expression"]]] = None):
        self.text = text
        self.parts = parts

    @property
    def reference(self) -> Optional[str]:
        """``aws_cognito_user_pool.pool`` for ``aws_cognito_user_pool.pool.id`` (a Terraform resource or
        data source this expression reads), else None."""
        match = _TRAVERSAL.match(self.text)
        if not match or (not match.group(1) and match.group(2) in _NOT_RESOURCES):
            return None
        return match.group(0)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Expression) and (other.text, other.parts) == (self.text, self.parts)

    def __hash__(self) -> int:
        return hash(self.text)

    def __repr__(self) -> str:
        return f"Expression({self.text!r})"


_TRAVERSAL = re.compile(r"(?:(data)\.)?([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)(?=\.|\[|$)")
_NOT_RESOURCES = {"var", "local", "module", "each", "count", "path", "self", "terraform"}


class Reader:
    """A reader's position in ``text`` and the spans it records: document path → (start, end) of
    each key (``keys``) and value (``values``)."""

    def __init__(self, text: str):
        self.text = text
        self.pos = 0
        self.keys: dict[DocPath, tuple[int, int]] = {}
        self.values: dict[DocPath, tuple[int, int]] = {}
        #: Problems read past: (message, start, end), reported and not fatal (a duplicate key).
        self.problems: list[tuple[str, int, int]] = []

    def error(self, message: str, offset: Optional[int] = None) -> ParseError:
        return ParseError.at(message, self.text, self.pos if offset is None else offset)

    def peek(self, n: int = 1) -> str:
        return self.text[self.pos:self.pos + n]

    def unescape(self, escapes: dict[str, str], unicode: dict[str, int]) -> Optional[str]:
        """The character an escape at ``pos`` (escape character, then a letter) stands for, moving
        past it: ``escapes`` maps letters to characters, ``unicode`` letters to a hex width
        (``\\u0041``); None when it is neither."""
        letter = self.text[self.pos + 1:self.pos + 2]
        if letter in escapes:
            self.pos += 2
            return escapes[letter]
        width = unicode.get(letter)
        digits = self.text[self.pos + 2:self.pos + 2 + width] if width else ""
        if width and len(digits) == width and _HEX.fullmatch(digits):
            self.pos += 2 + width
            code = int(digits, 16)
            if 0xD800 <= code <= 0xDFFF:  # no character: UTF-8 cannot write it (Terraform refuses it too)
                self.pos -= 2 + width
                raise self.error(f"invalid escape sequence \\{letter}{digits}: it {SURROGATE_HINT}")
            return chr(code) if code <= 0x10FFFF else "\ufffd"
        return None


class Template:
    """A quoted string as a reader collects it: literal text, and the expressions it embeds."""

    __slots__ = ("parts", "_text")

    def __init__(self) -> None:
        self.parts: list[Union[str, Expression]] = []
        self._text: list[str] = []

    def add_text(self, text: str) -> None:
        self._text.append(text)

    def add_expression(self, expression: Expression) -> None:
        if self._text:
            self.parts.append("".join(self._text))
            self._text = []
        self.parts.append(expression)

    def value(self, source: str) -> Union[str, Expression]:
        """A plain ``str`` when nothing was embedded, else an Expression with parts (``source``:
        the string's text as written)."""
        if not self.parts:
            return "".join(self._text)
        if self._text:
            self.parts.append("".join(self._text))
        return Expression(source, self.parts)
