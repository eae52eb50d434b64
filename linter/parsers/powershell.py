"""PowerShell scripts (``*.ps1``): the ``New-CGIPUserPoolClient`` / ``Update-CGIPUserPoolClient``
calls, their arguments as plain data, and the text span of every parameter and value.

Only literals are read: quoted strings (a ``"..."`` string with ``$var`` or ``$(...)`` in it keeps
its literal parts, like a template), bare words in argument mode (``-AllowedOAuthFlow code``),
numbers, ``$true``/``$false``/``$null``, comma lists and ``@(...)`` arrays of them.  Splatting
(``@params``) takes the entries of the last ``$params = @{...}`` hashtable literal assigned before
the call.  Anything else (a variable, a subexpression, a method call) becomes a
:class:`~linter.parsers.scanner.Expression` with its source text: an unknown value.

The data: ``{"commands": [{"cmdlet": "New-CGIPUserPoolClient", "parameters": {NAME: VALUE},
"positional": N}]}`` with parameter names as written (PowerShell is case-insensitive; the loader
matches them).  A switch-style parameter given without a value (``-GenerateSecret``) is ``True``.
"""
from __future__ import annotations

import re
from typing import Any, Optional

from linter.parsers import writing
from linter.parsers.document import DocPath, ParseError, TableDocument
from linter.parsers.edits import APPEND, INSERT, REMOVE, REPLACE, DocEdit, TextEdit, removed_indexes as _indexes, text_edits
from linter.parsers.scanner import CLOSERS, Expression, Reader, Template

_CMDLET = re.compile(r"(?<![\w-])(New|Update)-CGIPUserPoolClient(?![\w-])", re.IGNORECASE)
#: A variable as written: ``$name``, ``${name}``, ``$script:name`` (a scope: the same variable),
#: ``$env:NAME`` (a provider's: another namespace).  :func:`variable_name` says which variable it is.
VARIABLE = r"\$(?:\{(?:(?P<bscope>[A-Za-z]+):)?(?P<braced>[^}:]+)\}|(?:(?P<scope>[A-Za-z]+):)?(?P<name>[A-Za-z_]\w*))"
_SCOPES = frozenset({"global", "local", "script", "private", "using"})
_VARIABLE = re.compile(VARIABLE)
#: ``$p = @{`` and ``$p = [ordered]@{``: a hashtable a call may splat.
_SPLAT_ASSIGNMENT = re.compile(VARIABLE + r"\s*=\s*(?:\[ordered\]\s*)?@\{", re.IGNORECASE)
#: ``$name =`` (any spelling of a variable), ``$name.Member =``, ``$name['Member'] =``, and
#: ``Set-Variable [-Name] name [-Value]`` (``New-Variable``, ``sv``): the variable, and the member.
_ASSIGNMENT = re.compile(
    VARIABLE + r"""(?:\.(?P<member>[A-Za-z_]\w*)|\[[ \t]*['"](?P<key>[\w-]+)['"][ \t]*\])?[ \t]*=(?!=)[ \t]*"""
    r"""|(?i:\b(?:Set-Variable|New-Variable|sv)[ \t]+(?:-Name[ \t]+)?)['"]?(?P<set>[A-Za-z_]\w*)['"]?[ \t]+(?i:-Value[ \t]+)?""")


def variable_name(match: re.Match) -> str:
    """The variable a :data:`VARIABLE` match names, in lower case: ``$script:k`` and ``${k}`` are
    ``k``; ``$env:K`` is ``env:k``, another namespace."""
    scope = (match.group("bscope") or match.group("scope") or "").lower()
    name = (match.group("braced") or match.group("name")).strip().lower()
    return name if not scope or scope in _SCOPES else f"{scope}:{name}"


def variables_in(text: str) -> set[str]:
    """Every variable ``text`` reads."""
    return {variable_name(match) for match in _VARIABLE.finditer(text)}
_SPLAT = re.compile(r"@([A-Za-z_]\w*)")
_KEY = re.compile(r"[\w-]+")
_PARAMETER = re.compile(r"-([A-Za-z_][\w]*)(:?)")
_INTEGER = re.compile(r"-?[0-9]+(?![\w.])")
#: A binary operator after a value (expression mode): -f, -eq, -join, +, *, ??, the ternary's ? and :.
_OPERATOR = re.compile(r"[ \t]*(?:-[A-Za-z]+(?=[\s(\"'$@0-9])|[+*/%]|-(?=[\s$(\"'0-9])|\?\?|\?|:(?!:)|\.\.)")
#: Where an argument-mode bare word ends.
_BARE_END = re.compile(r"[\s,;|)}\]#]")
_BACKTICK_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "`": "`", '"': '"', "$": "$", "'": "'", "a": "\a",
            "b": "\b", "f": "\f", "v": "\v", "e": "\x1b"}


class PowerShellDocument(TableDocument):
    """A parsed ``.ps1`` file; a parameter's key span is its ``-Name``, a call's is the cmdlet name."""

    comment_markers = ("#",)

    def __init__(self, path: str, text: str, data: Any, keys: dict, values: dict,
                 assignments: dict[str, list[tuple[int, int]]], calls: Optional[dict] = None):
        super().__init__(path, text, data, keys, values)
        #: Variable (lower case; ``name.member`` for a member) → text ranges of the values assigned
        #: to it (``$secret = '...'``), so that what a variable passed to a secret parameter holds
        #: is known to be secret.
        self.assignments = assignments
        #: Call path → where its own arguments end, and the ``@{...}`` ranges splatted into it.
        self.calls: dict[DocPath, _Call] = calls or {}

    @classmethod
    def parse(cls, path: str, text: str) -> "PowerShellDocument":
        reader = _Reader(text)
        try:
            commands = reader.commands()
        except RecursionError:  # brackets nested thousands deep
            raise reader.error("nesting too deep", reader.pos) from None
        doc = cls(path, text, {"commands": commands}, reader.keys, reader.values, reader.assignments(), reader.calls)
        doc.problems = [(message, doc.offsets_span(start, end)) for message, start, end in reader.problems]
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
            parent = self._values.get(path[:-1])
            mode = self._argument_mode(path) and not (parent and self.text.startswith("@(", parent[0]))
            original = self.text[span[0]:span[1]]
            return [(span[0], span[1], _ps_value(change.value, mode, original[:1] if original[:1] in "'\"" else None))]
        if change.action in (REMOVE, APPEND):
            list_path = path[:-1] if change.action == REMOVE else path
            span = self._values.get(list_path)
            if span is None or (list_path + (0,)) not in self._values:
                return None
            items = []
            while list_path + (len(items),) in self._values:
                items.append(self._values[list_path + (len(items),)])
            opener = closer = None
            if self.text.startswith("@(", span[0]):
                opener, closer = span[0] + 1, span[1] - 1
            if change.action == REMOVE:
                return writing.remove_separated(self.text, items, _indexes(change), self.comment_markers)
            quote = _quote_among(self.text, items)
            return writing.append_separated(self.text, items, opener, closer,
                                            _ps_value(change.value, self._argument_mode(list_path) and opener is None,
                                                      quote), self.comment_markers)
        if change.action == INSERT and len(path) == 3 and path[2] == "parameters":
            return self._insert(path[:2], change.key, change.value)
        return None

    def settle(self, data: Any, changes: list) -> None:
        """A comma list (not ``@(...)``) left with one item by a removal reads as that item."""
        for change in changes:
            if change.action != REMOVE:
                continue
            list_path = tuple(change.path[:-1])
            span = self._values.get(list_path)
            parent = data
            for step in list_path[:-1]:
                parent = parent[step]
            items = parent[list_path[-1]]
            if span and not self.text.startswith("@(", span[0]) and isinstance(items, list) and len(items) == 1:
                parent[list_path[-1]] = items[0]

    def _argument_mode(self, path: DocPath) -> bool:
        """Whether the value at ``path`` is a command argument (not a hashtable entry)."""
        call = self.calls.get(tuple(path[:2]))
        span = self._values.get(tuple(path))
        if call is None or span is None:
            return False
        return not any(start <= span[0] < end for start, end in call.tables)

    def _insert(self, call_path: DocPath, name: str, value: Any) -> Optional[list[tuple[int, int, str]]]:
        """``-Name value`` after the call's last argument, or ``Name = value`` in the hashtable
        splatted into it when no other call splats that hashtable."""
        call = self.calls.get(call_path)
        if call is None:
            return None
        own = [t for t in call.tables if sum(t in c.tables for c in self.calls.values()) == 1]
        if len(call.tables) == 1 and own:
            return self._insert_entry(call_path, own[0], name, value)
        spans = [self._values[p] for p in self._values if len(p) == 4 and p[:3] == call_path + ("parameters",)
                 and call.start <= self._values[p][0] < call.end]
        quote = _quote_among(self.text, spans)
        argument = f"-{name} {_ps_value(value, True, quote)}"
        end = call.end
        if re.search(r"`\r?\n", self.text[call.start:end]):  # one argument a line, backtick-continued
            newline = writing.eol(self.text, end)
            return [(end, end, " `" + newline + writing.indent(self.text, end) + argument)]
        return [(end, end, " " + argument)]

    def _insert_entry(self, call_path: DocPath, table: tuple[int, int], name: str,
                      value: Any) -> Optional[list[tuple[int, int, str]]]:
        opener, closer = table[0], table[1] - 1
        entries = sorted((self._keys[p][0], self._values[p][1]) for p in self._keys
                         if len(p) == 4 and p[:3] == call_path + ("parameters",) and p in self._values
                         and opener < self._keys[p][0] < closer)
        quote = _quote_among(self.text, [self._values[p] for p in self._values if len(p) >= 4
                                         and p[:3] == call_path + ("parameters",) and opener < self._values[p][0] < closer])
        rendered = _ps_value(value, False, quote)
        if "\n" in self.text[opener:closer]:
            at_indent = writing.indent(self.text, entries[0][0]) if entries else writing.indent(self.text, opener) + "    "
            return writing.insert_assignment(self.text, closer, name, rendered, at_indent)
        if not entries:
            return [(opener + 1, opener + 1, f" {name} = {rendered} ")]
        return [(entries[-1][1], entries[-1][1], f"; {name} = {rendered}")]


class _Call:
    """Where a call's own arguments are (``start`` to ``end``: the cmdlet name to the end of its
    last argument) and the hashtables splatted into it (``@{`` to after ``}``)."""

    __slots__ = ("start", "end", "tables")

    def __init__(self, start: int, end: int, tables: list[tuple[int, int]]):
        self.start, self.end, self.tables = start, end, tables


def _ps_value(value: Any, argument_mode: bool, quote: Optional[str]) -> str:
    """A value as PowerShell writes it: ``$true``, numbers, strings (a bare word in argument mode
    when it is one, else quoted as ``quote`` asks, single quotes by default), lists as comma lists
    (``@(...)`` for one item)."""
    if isinstance(value, bool):
        return "$true" if value else "$false"
    if value is None:
        return "$null"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        if len(value) == 1:  # a one-item comma list would read as the item itself
            return "@(" + _ps_value(value[0], False, quote) + ")"
        if argument_mode:
            return ",".join(_ps_value(item, True, quote) for item in value)
        return ", ".join(_ps_value(item, False, quote) for item in value)
    text = str(value)
    if argument_mode and quote is None and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", text):
        return text
    if quote == '"':
        return '"' + text.replace("`", "``").replace('"', '`"').replace("$", "`$") + '"'
    return "'" + text.replace("'", "''") + "'"


def _quote_among(text: str, spans: list[tuple[int, int]]) -> Optional[str]:
    """The quote the strings among ``spans`` are written in, when they agree on one."""
    quotes = {text[start] for start, _ in spans if text[start:start + 1] in ("'", '"')}
    return quotes.pop() if len(quotes) == 1 else None


class _Reader(Reader):
    def __init__(self, text: str):
        super().__init__(text)
        self.code = _code_mask(text)
        self.calls: dict[DocPath, _Call] = {}

    # -- calls and splats ---------------------------------------------------------------------------

    def _twice(self, what: str, first: DocPath, start: int, end: int, reading: str) -> None:
        line = self.text.count("\n", 0, self.keys[first][0]) + 1
        self.problems.append((f"{what} is given twice (first at line {line}): {reading}; the first one is linted",
                              start, end))

    def assignments(self) -> dict[str, list[tuple[int, int]]]:
        """The value range of every ``$name = value`` statement (to the end of its line when the
        value cannot be read), by variable name in lower case; ``$name.Member = value`` and
        ``$name['Member'] = value`` by ``name.member``."""
        found: dict[str, list[tuple[int, int]]] = {}
        for match in _ASSIGNMENT.finditer(self.text):
            if not self.code(match.start()):
                continue
            self.pos = match.end()
            try:
                self.element(("#assignment",), argument_mode=False)
                end = self.pos
            except (ParseError, RecursionError):
                end = self.text.find("\n", match.end())
                end = len(self.text) if end < 0 else end
            name = match.group("set").lower() if match.group("set") else variable_name(match)
            member = match.group("member") or match.group("key")
            key = f"{name}.{member.lower()}" if member else name
            found.setdefault(key, []).append((match.end(), max(end, match.end())))
        return found

    def commands(self) -> list[dict]:
        hashtables: dict[str, list[tuple[int, int]]] = {}  # variable → [(assignment offset, "{" offset)]
        for m in _SPLAT_ASSIGNMENT.finditer(self.text):
            if self.code(m.start()):
                hashtables.setdefault(variable_name(m), []).append((m.start(), m.end() - 1))
        commands = []
        for match in _CMDLET.finditer(self.text):
            if not self.code(match.start()):
                continue
            path = ("commands", len(commands))
            self.keys[path] = (match.start(), match.end())
            command = {"cmdlet": f"{match.group(1).capitalize()}-CGIPUserPoolClient", "parameters": {}, "positional": 0}
            self.pos = match.end()
            self.last_end = self.pos
            splats = self.arguments(command, path)
            self.values[path] = (match.start(), self.pos)
            call = self.calls[path] = _Call(match.start(), self.last_end, [])
            for name, at in splats:
                table = self.splat(command, path, name, at, hashtables)
                if table is not None:
                    call.tables.append(table)
            commands.append(command)
        return commands

    def arguments(self, command: dict, path: DocPath) -> list[tuple[str, int]]:
        """Read ``-Name value`` pairs up to the end of the statement; returns the splats."""
        splats = []
        while True:
            self.skip_blanks()
            c = self.peek()
            if not c or c in "\n;|)}" or c == "#":
                return splats
            start = self.pos
            parameter = _PARAMETER.match(self.text, self.pos)
            if parameter and not _INTEGER.match(self.text, self.pos):
                name, colon = parameter.group(1), parameter.group(2)
                self.pos = parameter.end()
                repeated = next((p for p in command["parameters"] if p.lower() == name.lower()), None)
                if repeated is not None:  # PowerShell refuses the call; the first one is linted
                    self._twice(f"parameter -{name}", path + ("parameters", repeated), start, start + 1 + len(name),
                                "PowerShell refuses the call (\"specified more than once\")")
                    name = f"#{start}"
                value_path = path + ("parameters", name)
                self.keys[value_path] = (start, start + 1 + len(name))
                self.skip_blanks()
                if not colon and (self.at_statement_end() or _PARAMETER.match(self.text, self.pos)):
                    value = True  # a switch, or a bool given no value
                    self.values[value_path] = (start, start + 1 + len(parameter.group(1)))
                    self.last_end = start + 1 + len(parameter.group(1))
                else:
                    value = self.argument(value_path, argument_mode=True)
                    self.last_end = self.values[value_path][1]
                if repeated is None:
                    command["parameters"][name] = value
            elif c == "@" and _SPLAT.match(self.text, self.pos):
                name = _SPLAT.match(self.text, self.pos).group(1)
                splats.append((name, self.pos))
                self.pos += 1 + len(name)
                self.last_end = self.pos
            else:
                self.argument(("#positional",), argument_mode=True)
                command["positional"] += 1
                self.last_end = self.values[("#positional",)][1]

    def splat(self, command: dict, path: DocPath, name: str, at: int, hashtables: dict) -> Optional[tuple[int, int]]:
        """Merge the entries of the last ``$name = @{...}`` before ``at`` (explicit arguments win);
        the hashtable's range (``@`` to after ``}``), or None when it is unknown."""
        found = [brace for start, brace in hashtables.get(name.lower(), ()) if start < at]
        if not found:
            command["positional"] += 1  # parameters from an unknown source: treat as unknown
            command.setdefault("unknown_splats", []).append(name)
            return None
        saved = self.pos
        self.pos = found[-1]
        entries = self.hashtable(path + ("parameters",))
        table = (found[-1], self.pos)
        self.pos = saved
        for key, value in entries.items():
            command["parameters"].setdefault(key, value)
        return table

    # -- values -------------------------------------------------------------------------------------

    def argument(self, path: DocPath, argument_mode: bool) -> Any:
        """One value, or a comma list of values (a list)."""
        start = self.pos
        first = self.element(path, argument_mode)
        self.skip_blanks()
        if self.peek() != ",":
            return first
        self._move(path, path + (0,), first)  # the first value turns out to be the first item of a list
        items = [first]
        end = self.pos
        while self.peek() == ",":
            self.pos += 1
            self.skip_blanks(newlines=True)  # a comma continues the list on the next line
            items.append(self.element(path + (len(items),), argument_mode))
            end = self.pos
            self.skip_blanks()
        self.values[path] = (start, end)  # the list's text, not the blanks after it
        return items

    def _move(self, old: DocPath, new: DocPath, value: Any) -> None:
        """Re-key the spans of ``value`` (and of its items) from ``old`` to ``new``; ``old``'s own
        key (the parameter's name) stays."""
        self.values[new] = self.values.pop(old)
        if isinstance(value, list):
            for index, item in enumerate(value):
                self._move(old + (index,), new + (index,), item)

    def element(self, path: DocPath, argument_mode: bool) -> Any:
        """One value.  In argument mode (a command's arguments) a bare word is a string and
        operators are not evaluated; in expression mode (hashtables, ``@(...)``) a bare word is a
        command call and ``"a" + $b`` is one expression."""
        start = self.pos
        c = self.peek()
        text = self.text
        value: Any
        if c == "'":
            value = self.single_quoted()
        elif c == '"':
            value = self.double_quoted()
        elif text.startswith(("@'", '@"'), self.pos):
            value = self.here_string()
        elif text.startswith("@(", self.pos):
            value = self.array(path)
        elif c == "$":
            match = _VARIABLE.match(text, self.pos)
            self.pos = match.end() if match else self.pos + 1
            constant = text[start:self.pos].lower()
            value = {"$true": True, "$false": False, "$null": None}[constant] if constant in (
                "$true", "$false", "$null") else Expression(text[start:self.pos])
        elif (c and c in "([{") or text.startswith("@{", self.pos):
            self.pos += 2 if c == "@" else 1
            self.skip_group(CLOSERS["{" if c == "@" else c])
            value = Expression(text[start:self.pos])
        else:
            number = _INTEGER.match(text, self.pos)
            if number and self.at_element_end(number.end()):
                self.pos = number.end()
                # Python converts at most 4,300 digits to an int; no setting comes near: keep the text.
                value = int(number.group(0)) if len(number.group(0)) < 4000 else number.group(0)
            elif argument_mode:
                end = _BARE_END.search(text, self.pos)
                self.pos = end.start() if end else len(text)
                value = text[start:self.pos]
                if any(ch in value for ch in "$`(@{"):
                    value = Expression(value)
            else:  # a bare word in expression mode is a command call: up to the end of the statement
                self.skip_command()
                value = Expression(text[start:self.pos].strip())
        if self.pos == start:
            raise self.error(f"unexpected {c!r}", start)
        if self.continues(argument_mode):
            self.skip_tail(argument_mode)
            value = Expression(text[start:self.pos])
        self.values[path] = (start, self.pos)
        return value

    def at_element_end(self, at: Optional[int] = None) -> bool:
        at = self.pos if at is None else at
        rest = self.text[at:at + 1]
        return not rest or rest in " \t\r\n,;|)}]#"

    def at_statement_end(self) -> bool:
        return not self.peek() or self.peek() in "\n;|)}" or self.peek() == "#"

    def continues(self, argument_mode: bool) -> bool:
        """The value goes on: glued member access or index (``$x.Name``, ``'a'.ToUpper()``), or an
        operator in expression mode."""
        return not self.at_element_end() or (not argument_mode and bool(_OPERATOR.match(self.text, self.pos)))

    def skip_tail(self, argument_mode: bool) -> None:
        """Move past the rest of an expression we do not evaluate."""
        while True:
            while not self.at_element_end():  # glued: .Name, [0], (args), "text"
                self.skip_token()
            operator = None if argument_mode else _OPERATOR.match(self.text, self.pos)
            if not operator:
                return
            self.pos = operator.end()
            self.skip_blanks(newlines=True)  # a binary operator may end a line
            self.element(("#operand",), argument_mode=False)

    def skip_command(self) -> None:
        """Move past a command call in expression mode: to the end of its statement."""
        while self.pos < len(self.text) and self.peek() not in "\n;|)}":
            if self.peek() == "#" and self.text[self.pos - 1:self.pos] in " \t":
                return  # a comment
            self.skip_token()

    def skip_token(self) -> None:
        """Move past one character, or the whole bracketed group or string that starts here."""
        c = self.peek()
        if c in CLOSERS:
            self.pos += 1
            self.skip_group(CLOSERS[c])
        elif c == "'":
            self.single_quoted()
        elif c == '"':
            self.double_quoted()
        else:
            self.pos += 1

    def skip_group(self, closer: str) -> None:
        """Move past a bracketed group (strings and nested groups inside), ending after ``closer``."""
        start = self.pos - 1
        while self.pos < len(self.text):
            c = self.peek()
            if c == closer:
                self.pos += 1
                return
            if c == "#" and self.code(self.pos):
                end = self.text.find("\n", self.pos)
                self.pos = len(self.text) if end < 0 else end
            elif c == "`":
                self.pos += 2
            else:
                self.skip_token()
        raise self.error(f"{self.text[start]!r} is not closed with {closer!r}", start)

    def array(self, path: DocPath) -> Any:
        """``@( a, b \\n c )``: a list of literals, else an Expression."""
        start = self.pos
        self.pos += 2
        items: list[Any] = []
        while True:
            self.skip_blanks(newlines=True)
            if self.peek() == ")":
                self.pos += 1
                return items
            if not self.peek():
                raise self.error("'@(' is not closed with ')'", start)
            items.append(self.element(path + (len(items),), argument_mode=False))
            self.skip_blanks()
            if self.peek() in (",", ";", "\n"):
                self.pos += 1
            elif self.peek() != ")":
                self.pos = start + 1
                self.skip_group(")")
                return Expression(self.text[start:self.pos])

    def hashtable(self, path: DocPath) -> dict:
        """``@{ Key = value; ... }`` at ``self.pos`` (on the ``{``): its entries, spans under ``path``."""
        start = self.pos
        self.pos += 1
        entries: dict[str, Any] = {}
        while True:
            self.skip_blanks(newlines=True)
            while self.peek() == ";":
                self.pos += 1
                self.skip_blanks(newlines=True)
            if self.peek() == "}":
                self.pos += 1
                return entries
            if not self.peek():
                raise self.error("'@{' is not closed with '}'", start - 1)
            key_start = self.pos
            if self.peek() in "'\"":
                key = self.single_quoted() if self.peek() == "'" else self.double_quoted()
            else:
                match = _KEY.match(self.text, self.pos)
                if not match:
                    raise self.error(f"expected a key in the hashtable, found {self.peek()!r}", self.pos)
                key = match.group(0)
                self.pos += len(key)
            self.skip_blanks()
            if self.peek() != "=" or not isinstance(key, str):
                raise self.error("expected '=' after the hashtable key", self.pos)
            repeated = next((k for k in entries if k.lower() == key.lower()), None)
            if repeated is not None:  # PowerShell refuses the hashtable; the first one is linted
                self._twice(f"key {key!r}", path + (repeated,), key_start, self.pos,
                            "PowerShell refuses the hashtable (\"Duplicate keys are not allowed in hash literals\")")
                key = f"#{key_start}"
            self.keys[path + (key,)] = (key_start, self.pos)
            self.pos += 1
            self.skip_blanks()
            value = self.argument(path + (key,), argument_mode=False)
            if not key.startswith("#"):
                entries[key] = value

    def single_quoted(self) -> str:
        start = self.pos
        out = []
        self.pos += 1
        while True:
            end = self.text.find("'", self.pos)
            if end < 0:
                raise self.error("unterminated string", start)
            out.append(self.text[self.pos:end])
            self.pos = end + 1
            if self.peek() != "'":
                return "".join(out)
            out.append("'")  # '' is a quote
            self.pos += 1

    def double_quoted(self) -> Any:
        """An expandable string: ``str``, or an Expression with parts when it expands a variable."""
        start = self.pos
        self.pos += 1
        template = Template()
        text = self.text
        while True:
            if self.pos >= len(text):
                raise self.error("unterminated string", start)
            c = text[self.pos]
            if c == '"':
                if text.startswith('""', self.pos):
                    template.add_text('"')
                    self.pos += 2
                    continue
                self.pos += 1
                return template.value(text[start:self.pos])
            if c == "`" and self.pos + 1 < len(text):
                char = self.unescape(_BACKTICK_ESCAPES, {})
                if char is None:  # any other character stands for itself
                    char = text[self.pos + 1]
                    self.pos += 2
                template.add_text(char)
            elif c == "$" and (text.startswith("$(", self.pos) or _VARIABLE.match(text, self.pos)):
                expression_start = self.pos
                if text.startswith("$(", self.pos):
                    self.pos += 2
                    self.skip_group(")")
                else:
                    self.pos = _VARIABLE.match(text, self.pos).end()
                template.add_expression(Expression(text[expression_start:self.pos]))
            else:
                template.add_text(c)
                self.pos += 1

    def here_string(self) -> Any:
        start = self.pos
        quote = self.text[self.pos + 1]
        header = re.compile(r"@" + quote + r"[ \t]*\r?\n").match(self.text, self.pos)
        end = re.compile(r"^" + quote + "@", re.M).search(self.text, header.end() if header else self.pos)
        if not header or not end:
            raise self.error(f"here-string @{quote} is not closed with a line starting {quote}@", start)
        content = self.text[header.end():end.start()].rstrip("\r\n")
        self.pos = end.end()
        if quote == '"' and ("$" in content or "`" in content):
            return Expression(self.text[start:self.pos])
        return content

    # -- blanks -------------------------------------------------------------------------------------

    def peek(self) -> str:
        return self.text[self.pos:self.pos + 1]

    def skip_blanks(self, newlines: bool = False) -> None:
        """Spaces, tabs, ``<# ... #>`` comments and backtick line continuations (and newlines and
        ``#`` comments when ``newlines``)."""
        text = self.text
        while self.pos < len(text):
            c = text[self.pos]
            if c in " \t\r" or (newlines and c == "\n"):
                self.pos += 1
            elif c == "`" and text[self.pos + 1:self.pos + 3].lstrip("\r")[:1] == "\n":
                self.pos = text.index("\n", self.pos) + 1
            elif text.startswith("<#", self.pos):
                end = text.find("#>", self.pos + 2)
                self.pos = len(text) if end < 0 else end + 2
            elif newlines and c == "#":
                end = text.find("\n", self.pos)
                self.pos = len(text) if end < 0 else end
            else:
                return


def _code_mask(text: str):
    """A test for "this offset is code" (not inside a comment or a string): the cmdlet name in
    ``# run New-CGIPUserPoolClient later`` or in a string is not a call."""
    regions: list[tuple[int, int]] = []
    for match in re.finditer(r"<#.*?(?:#>|\Z)|#[^\n]*|'(?:[^']|'')*'|\"(?:[^\"`]|`.|\"\")*\"|@'.*?^'@|@\".*?^\"@",
                             text, re.S | re.M):
        regions.append((match.start(), match.end()))

    def is_code(offset: int) -> bool:
        lo, hi = 0, len(regions)
        while lo < hi:
            mid = (lo + hi) // 2
            if regions[mid][1] <= offset:
                lo = mid + 1
            else:
                hi = mid
        return not (lo < len(regions) and regions[lo][0] <= offset < regions[lo][1])

    return is_code


def parse(path: str, text: str) -> PowerShellDocument:
    return PowerShellDocument.parse(path, text)
