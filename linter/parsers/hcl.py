"""Terraform's HCL2 native syntax (``*.tf``): plain data plus the text span of every key and value.

Only literals are evaluated: strings, numbers, booleans, null, tuples and objects of them.  Any
other expression (a reference, a function call, a ``for``) becomes an
:class:`~linter.parsers.scanner.Expression` holding its source text: the loader turns it into an unknown value.  A string
with ``${...}`` interpolations becomes an :class:`Expression` whose ``parts`` alternate literal
text and expressions, so that a URL like ``"https://${var.domain}/cb"`` keeps its known scheme.
A conditional (``var.google ? ["COGNITO", "Google"] : ["COGNITO"]``) becomes a
:class:`Conditional`: an Expression that also holds its condition's text and both branches, read
like any other value (a branch may be a literal, an expression or a conditional), each with its
span under the document path ``... + (TRUE,)`` / ``(FALSE,)``, so that the loader can evaluate the
client once per branch and point a finding at the branch that causes it.

The data has the shape of Terraform's JSON syntax: ``resource "t" "n" { ... }`` is
``data["resource"]["t"]["n"]``; an unlabeled nested block (``token_validity_units { ... }``) is a
list of bodies (``data[...]["token_validity_units"][0]``), as in ``terraform show -json``.
"""
from __future__ import annotations

import json
import re
from typing import Any, Optional, Union

from linter.parsers import writing
from linter.parsers.document import DocPath, ParseError, TableDocument
from linter.parsers.edits import APPEND, INSERT, REMOVE, REPLACE, DocEdit, TextEdit, removed_indexes as _indexes, text_edits
from linter.parsers.scanner import CLOSERS, Expression, Reader, Template

_IDENT = re.compile(r"[A-Za-z_][\w-]*")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?")
_BACKSLASH_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}
_UNICODE_ESCAPES = {"u": 4, "U": 8}
_HEREDOC_START = re.compile(r"<<-?[A-Za-z_]")
_HEREDOC = re.compile(r"<<(-?)([A-Za-z_][\w-]*)[ \t]*\r?\n")


#: The document path steps of a conditional's branches: ``path + (TRUE, 1)`` is the second item
#: of the list its true branch holds.  No key or index of a literal can be one of them.
TRUE = "?true"
FALSE = "?false"


class Conditional(Expression):
    """``condition ? if_true : if_false``: ``text`` is the whole expression as written, ``condition``
    the condition's source text (how messages name it: ``var.google``), ``branches`` the value of
    each branch by its path step (:data:`TRUE`, :data:`FALSE`)."""

    __slots__ = ("condition", "branches")

    def __init__(self, text: str, condition: str, if_true: Any, if_false: Any):
        super().__init__(text)
        self.condition = condition
        self.branches = {TRUE: if_true, FALSE: if_false}

    def __getitem__(self, step: str) -> Any:
        return self.branches[step]

    def __setitem__(self, step: str, value: Any) -> None:
        self.branches[step] = value

    def __repr__(self) -> str:
        return f"Conditional({self.text!r})"


class _NotLiteral(Exception):
    """The value is an expression the parser does not evaluate: scan it as text instead."""


class HclDocument(TableDocument):
    """A parsed ``.tf`` file; a key's span is the argument's name or the block's last label."""

    comment_markers = ("#", "//")

    @classmethod
    def parse(cls, path: str, text: str) -> "HclDocument":
        parser = _Parser(text)
        try:
            data = parser.body((), None)
        except RecursionError:  # brackets nested thousands deep
            raise parser.error("nesting too deep") from None
        doc = cls(path, text, data, parser.keys, parser.values)
        doc.problems = [(message, doc.offsets_span(start, end)) for message, start, end in parser.problems]
        return doc

    # -- writing fixes ---------------------------------------------------------------------------

    def render(self, change: DocEdit) -> Optional[list[TextEdit]]:
        return text_edits(self, self._raw_edits(change))

    def _raw_edits(self, change: DocEdit) -> Optional[list[tuple[int, int, str]]]:
        path = tuple(change.path)
        if change.action == REPLACE:
            span = self._values.get(path)
            if span is None:
                return None
            return [(span[0], span[1], hcl_value(change.value))]
        if change.action in (REMOVE, APPEND):
            list_path = path[:-1] if change.action == REMOVE else path
            span = self._values.get(list_path)
            if span is None or self.text[span[0]:span[0] + 1] != "[":
                return None
            opener, closer = span[0], span[1] - 1
            items = []
            while list_path + (len(items),) in self._values:
                items.append(self._values[list_path + (len(items),)])
            if change.action == APPEND:
                return writing.append_separated(self.text, items, opener, closer, hcl_value(change.value),
                                                self.comment_markers)
            indexes = _indexes(change)
            if len(indexes) == len(items):
                return [(opener + 1, closer, "")]
            return writing.remove_separated(self.text, items, indexes, self.comment_markers)
        if change.action == INSERT:
            return self._insert(path, change.key, change.value)
        return None

    def _insert(self, body_path: DocPath, name: str, value: Any) -> Optional[list[tuple[int, int, str]]]:
        """A new argument (or nested block, for a list of mappings) at the end of a block's body."""
        span = self._values.get(body_path)
        if span is None or self.text[span[0]:span[0] + 1] != "{" or self.text[span[1] - 1:span[1]] != "}":
            return None
        closer = span[1] - 1
        entries = sorted(start for key, (start, _) in self._keys.items()
                         if len(key) == len(body_path) + 1 and key[:len(body_path)] == body_path
                         and span[0] < start < closer)
        outer = writing.indent(self.text, span[0])
        inner = writing.indent(self.text, entries[0]) if entries else outer + "  "
        step = writing.unit(inner, outer)
        if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            lines = [line for body in value for line in _block_lines(name, body, step)]
            return writing.insert_before_closing_line(self.text, closer, lines, inner)
        return writing.insert_assignment(self.text, closer, name, hcl_value(value), inner)


class _Parser(Reader):
    # -- whitespace -----------------------------------------------------------------------------

    def skip(self, newlines: bool) -> None:
        """Skip blanks and comments (and newlines when ``newlines``)."""
        text = self.text
        while self.pos < len(text):
            c = text[self.pos]
            if c in " \t\r" or (newlines and c == "\n"):
                self.pos += 1
            elif c == "#" or text.startswith("//", self.pos):
                end = text.find("\n", self.pos)
                self.pos = len(text) if end < 0 else end
            elif text.startswith("/*", self.pos):
                end = text.find("*/", self.pos + 2)
                if end < 0:
                    raise self.error("unterminated /* comment")
                self.pos = end + 2
            else:
                return

    # -- bodies: attributes and blocks ----------------------------------------------------------

    def body(self, path: DocPath, closer: Optional[str]) -> dict:
        data: dict[str, Any] = {}
        while True:
            self.skip(newlines=True)
            if self.pos >= len(self.text):
                if closer:
                    raise self.error("unexpected end of file: a block is not closed with '}'")
                return data
            if closer and self.peek() == closer:
                self.pos += 1
                return data
            start = self.pos
            match = _IDENT.match(self.text, self.pos)
            if not match:
                raise self.error(f"expected an argument or a block, found {self.peek()!r}")
            name = match.group(0)
            self.pos = match.end()
            self.skip(newlines=False)
            if self.peek() == "=" and self.peek(2) != "==":
                self.attribute(data, path, name, start)
            else:
                self.block(data, path, name, start)

    def attribute(self, data: dict, path: DocPath, name: str, start: int) -> None:
        if name in data:  # Terraform refuses the file; the rest is linted with the first one
            line = self.text.count("\n", 0, self.keys[path + (name,)][0]) + 1
            self.problems.append((f"argument {name!r} is defined twice (first at line {line}): Terraform refuses "
                                  "the file (\"Attribute redefined\"); the first one is linted", start, start + len(name)))
            self.pos += 1
            self.expression(path + (f"#{start}",))
            self.end_of_line()
            return
        self.pos += 1
        self.keys[path + (name,)] = (start, start + len(name))
        data[name] = self.expression(path + (name,))
        self.end_of_line()

    def block(self, data: dict, path: DocPath, name: str, start: int) -> None:
        labels, label_spans = [], []
        while self.peek() != "{":
            label_start = self.pos
            if self.peek() == '"':
                label = self.string_literal()
                if not isinstance(label, str):
                    raise self.error("a block label cannot hold an interpolation", label_start)
            else:
                match = _IDENT.match(self.text, self.pos)
                if not match:
                    raise self.error(f"expected '=' or '{{' after {name!r}, found {self.peek()!r}"
                                     if self.pos < len(self.text) else f"unexpected end of file after {name!r}")
                label, self.pos = match.group(0), match.end()
            labels.append(label)
            label_spans.append((label_start, self.pos))
            self.skip(newlines=False)
        self.pos += 1
        block_path = path + (name,)
        self.keys.setdefault(block_path, (start, start + len(name)))
        if labels:
            container = data.setdefault(name, {})
            if not isinstance(container, dict):
                raise self.error(f"block {name!r} is used both with and without labels", start)
            for label, span in zip(labels[:-1], label_spans):
                block_path += (label,)
                self.keys.setdefault(block_path, span)
                container = container.setdefault(label, {})
            block_path += (labels[-1],)
            if labels[-1] in container:
                # Two `provisioner "local-exec"` blocks are fine; two resources of one name are
                # Terraform's error to report. Either way the first one is the one kept.
                self.body(block_path + (f"#{start}",), "}")
                self.end_of_line()
                return
            self.keys[block_path] = label_spans[-1]
            body_start = self.pos - 1
            container[labels[-1]] = self.body(block_path, "}")
        else:
            blocks = data.setdefault(name, [])
            if not isinstance(blocks, list):
                raise self.error(f"{name!r} is both an argument and a block", start)
            block_path += (len(blocks),)
            self.keys[block_path] = (start, start + len(name))
            body_start = self.pos - 1
            blocks.append(self.body(block_path, "}"))
        self.values[block_path] = (body_start, self.pos)
        self.end_of_line()

    def end_of_line(self) -> None:
        self.skip(newlines=False)
        if self.pos < len(self.text) and self.peek() not in "\n}":
            raise self.error(f"expected a new line, found {self.peek()!r}")

    # -- expressions ----------------------------------------------------------------------------

    def expression(self, path: DocPath, stop: str = "") -> Any:
        """A literal value, a :class:`Conditional`, else an :class:`Expression`; records the
        value's span.  ``stop``: characters that also end the expression (``:`` after the true
        branch of a conditional)."""
        self.skip(newlines=False)
        start = self.pos
        try:
            value = self.literal(path)
            end = self.pos
            self.skip(newlines=False)
            if not self.at_expression_end(stop):
                raise _NotLiteral
            self.pos = end
        except _NotLiteral:
            self.pos = start
            question, end = self.scan_expression(stop)
            after = self.pos
            text = self.text[start:end].strip()
            if not text:
                raise self.error("expected an expression")
            value = self.conditional(path, start, question, stop) if question is not None else None
            if value is not None:  # it ends where its false branch does (a true branch's ':' ended the scan)
                end = self.values[path + (FALSE,)][1]
            else:
                if self.text[start] == "(" and self.text[end - 1] == ")":
                    value = self.parenthesised(path, start, end)
                    if value is not None:
                        start, end = self.values[path]  # (inner): the inner value's span
                if value is None:
                    value = Expression(text)
                self.pos = after
        self.values[path] = (start, end)
        return value

    def parenthesised(self, path: DocPath, start: int, end: int) -> Any:
        """``( expr )`` that spans all of ``start``..``end``: the inner value when it is a literal
        or a conditional (``(var.a ? ["x"] : [])``); None otherwise (the caller keeps the text)."""
        self.pos = start + 1
        try:
            self.skip(newlines=True)
            value = self.expression(path)
            self.skip(newlines=True)
        except ParseError:
            return None
        if self.pos != end - 1 or self.peek() != ")" or isinstance(value, Expression) and \
                not isinstance(value, Conditional):
            return None
        return value

    def conditional(self, path: DocPath, start: int, question: int, stop: str) -> Optional[Conditional]:
        """The conditional whose ``?`` is at ``question``, each branch read as a value of its own;
        None (nothing consumed) when the text does not read as one: the caller keeps it as text."""
        condition = self.text[start:question].strip()
        if not condition:
            return None
        self.pos = question + 1
        try:
            if_true = self.expression(path + (TRUE,), stop + ":")
            self.skip(newlines=False)
            if self.peek() != ":":
                return None
            self.pos += 1
            if_false = self.expression(path + (FALSE,), stop)
        except ParseError:
            return None
        self.skip(newlines=False)
        if not self.at_expression_end(stop):
            return None
        end = self.values[path + (FALSE,)][1]
        return Conditional(self.text[start:end], " ".join(condition.split()), if_true, if_false)

    def at_expression_end(self, stop: str = "") -> bool:
        return self.pos >= len(self.text) or self.peek() in "\n,)]}" or self.peek() == "#" or \
            self.text.startswith(("//", "/*"), self.pos) or (bool(stop) and self.peek() in stop)

    def literal(self, path: DocPath) -> Any:
        c = self.peek()
        if c == '"':
            return self.string_literal()
        if _HEREDOC_START.match(self.text, self.pos):
            return self.heredoc()
        if c == "[":
            return self.tuple_literal(path)
        if c == "{":
            return self.object_literal(path)
        match = _NUMBER.match(self.text, self.pos)
        if match:
            self.pos = match.end()
            if match.group(1) or match.group(2):
                return float(match.group(0))
            # Python converts at most 4,300 digits to an int; no setting comes near: keep the text.
            return int(match.group(0)) if len(match.group(0)) < 4000 else match.group(0)
        match = _IDENT.match(self.text, self.pos)
        if match and match.group(0) in ("true", "false", "null"):
            self.pos = match.end()
            return {"true": True, "false": False, "null": None}[match.group(0)]
        raise _NotLiteral

    def tuple_literal(self, path: DocPath) -> list:
        self.pos += 1
        items: list[Any] = []
        while True:
            self.skip(newlines=True)
            if self.peek() == "]":
                self.pos += 1
                return items
            if not items and self.text.startswith("for", self.pos) and self.text[self.pos + 3:self.pos + 4].isspace():
                raise _NotLiteral  # a for expression
            items.append(self.expression(path + (len(items),)))
            self.skip(newlines=True)
            if self.peek() == ",":
                self.pos += 1
            elif self.peek() != "]":
                raise _NotLiteral

    def object_literal(self, path: DocPath) -> dict:
        self.pos += 1
        items: dict[str, Any] = {}
        while True:
            self.skip(newlines=True)
            if self.peek() == "}":
                self.pos += 1
                return items
            key_start = self.pos
            if self.peek() == '"':
                key = self.string_literal()
            else:
                match = _IDENT.match(self.text, self.pos)
                if not match or (not items and match.group(0) == "for"):
                    raise _NotLiteral
                key, self.pos = match.group(0), match.end()
            if not isinstance(key, str):
                raise _NotLiteral
            self.keys[path + (key,)] = (key_start, self.pos)
            self.skip(newlines=False)
            if self.peek() not in ("=", ":") or self.peek(2) == "==":
                raise _NotLiteral
            self.pos += 1
            items[key] = self.expression(path + (key,))
            self.skip(newlines=False)
            if self.peek() == ",":
                self.pos += 1
            elif self.peek() not in ("\n", "}"):
                raise _NotLiteral

    def string_literal(self) -> Union[str, Expression]:
        """A quoted template: a ``str``, or an :class:`Expression` with parts when it interpolates."""
        start = self.pos
        self.pos += 1
        template = Template()
        source = self.text
        while True:
            if self.pos >= len(source) or source[self.pos] == "\n":
                raise self.error("unterminated string", start)
            c = source[self.pos]
            if c == '"':
                self.pos += 1
                return template.value(source[start:self.pos])
            if c == "\\":
                char = self.unescape(_BACKSLASH_ESCAPES, _UNICODE_ESCAPES)
                if char is None:
                    raise self.error(f"invalid escape sequence \\{source[self.pos + 1:self.pos + 2]}")
                template.add_text(char)
            elif source.startswith(("$${", "%%{"), self.pos):
                template.add_text(source[self.pos + 1:self.pos + 3])
                self.pos += 3
            elif source.startswith(("${", "%{"), self.pos):
                template.add_expression(self.interpolation())
            else:
                template.add_text(c)
                self.pos += 1

    def interpolation(self) -> Expression:
        """``${ expr }`` or ``%{ directive }`` inside a template: the inner text as an Expression
        (a directive makes the string's value unknown too)."""
        start = self.pos
        self.pos += 2
        self.scan_until("}")
        inner = self.text[start + 2:self.pos].strip().strip("~").strip()
        self.pos += 1
        if self.text[start] == "%":
            return Expression(self.text[start:self.pos])
        return Expression(inner)

    def heredoc(self) -> Union[str, Expression]:
        start = self.pos
        match = _HEREDOC.match(self.text, self.pos)
        if not match:
            raise _NotLiteral
        indented, marker = match.group(1) == "-", match.group(2)
        end = re.compile(rf"^[ \t]*{re.escape(marker)}[ \t]*\r?$", re.M).search(self.text, match.end())
        if not end:
            raise self.error(f"heredoc <<{marker} is not closed with a line holding {marker}", start)
        lines = self.text[match.end():end.start()].splitlines(keepends=True)
        if indented and lines:
            width = min((len(l) - len(l.lstrip(" \t")) for l in lines if l.strip()), default=0)
            lines = [l[width:] for l in lines]
        self.pos = end.end()
        content = "".join(lines)
        if "${" in content.replace("$${", "") or "%{" in content.replace("%%{", ""):
            return Expression(self.text[start:self.pos])
        return content.replace("$${", "${").replace("%%{", "%{")

    # -- skipping an expression as text -----------------------------------------------------------

    def scan_expression(self, stop: str = "") -> tuple[Optional[int], int]:
        """Move past one expression: up to a new line, ',', a closing bracket or a ``stop``
        character at depth 0.  (The offset of its first ``?`` at depth 0 (a conditional) or None,
        the offset where its text ends: before the blanks and comments that follow it.)"""
        question = None
        end = self.pos
        while self.pos < len(self.text):
            self.skip(newlines=False)
            if self.at_expression_end(stop):
                break
            if question is None and self.peek() == "?":
                question = self.pos
            self.scan_token()
            end = self.pos
        return question, end

    def scan_until(self, closer: str) -> None:
        """Move to the ``closer`` that ends the current bracket (newlines are allowed inside)."""
        while True:
            self.skip(newlines=True)
            if self.pos >= len(self.text):
                raise self.error(f"unexpected end of file: expected {closer!r}")
            c = self.peek()
            if c == closer:
                return
            if c in ")]}":
                raise self.error(f"expected {closer!r}, found {c!r}")
            self.scan_token()

    def scan_token(self) -> None:
        c = self.peek()
        if c == '"':
            self.string_literal()
        elif _HEREDOC_START.match(self.text, self.pos):
            try:
                self.heredoc()
            except _NotLiteral:  # "<<" not followed by a new line: a (shift-like) operator
                self.pos += 2
        elif c in CLOSERS:
            self.pos += 1
            self.scan_until(CLOSERS[c])
            self.pos += 1
        elif c in ")]}":
            raise self.error(f"unexpected {c!r}")
        else:
            self.pos += 1


def hcl_value(value: Any) -> str:
    """A value in HCL: strings quoted (``${`` and ``%{`` escaped), tuples, objects, and
    expressions as written."""
    if isinstance(value, Expression):
        return value.text
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(hcl_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {hcl_value(v)}" for k, v in value.items()) + " }"
    quoted = json.dumps(str(value), ensure_ascii=False)
    return quoted.replace("${", "$${").replace("%{", "%%{")


def _block_lines(name: str, body: dict, step: str) -> list[str]:
    lines = [name + " {"]
    for key, value in body.items():
        if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            lines += [step + line for item in value for line in _block_lines(key, item, step)]
        else:
            lines.append(f"{step}{key} = {hcl_value(value)}")
    return lines + ["}"]


def parse(path: str, text: str) -> HclDocument:
    return HclDocument.parse(path, text)


def parse_expression(text: str) -> Any:
    """One expression on its own (the inside of a ``"${...}"`` of Terraform's JSON syntax), read as
    a value is: a literal, a :class:`Conditional` or an :class:`Expression`; None when it is not one
    whole expression."""
    parser = _Parser(text)
    try:
        value = parser.expression(())
        parser.skip(newlines=True)
    except (ParseError, RecursionError):
        return None
    return value if parser.pos >= len(text) else None
