"""Secrets are never shown: every text a finding carries is masked before it leaves the engine.

What is secret is what the loaders know (``linter/loaders/secrets.py``): the text ranges where
secret values are written in each document, wherever they came from, and the values themselves
(also as the clients resolved them).  A finding shows

* a *snippet*: a bounded window of its line (its cost does not grow with the line), in which
  every character inside a secret range, every occurrence of a secret value, and the value of a
  ``secret = ...`` assignment the loaders could not attribute are replaced by ``*`` (lengths and
  the intrinsic around a value, such as ``!FindInMap [...]``, are kept, so carets stay right);
* a *message* in which every occurrence of a secret value is masked the same way.

A file that does not parse (CG001) has no data to know secrets by: its snippet and what its
message quotes of the file are built safe, showing only punctuation and the input formats' own
words (:func:`scrubbed`).
"""
from __future__ import annotations

import bisect
import re

from linter.loaders.secrets import MIN_VALUE_LENGTH, SecretText, is_secret_key

MASK = "*"

#: A ``key: value`` or ``key = value`` (a ``$variable = value``); when the key names a secret
#: (``linter.loaders.secrets.is_secret_key``, the loaders' own test) and the loaders did not read it
#: (a comment, a PowerShell variable no call uses), the literal value after it is masked.
#: References (``!Ref``, ``$var``, ``${...}``, ``{{resolve:...}}``, ``var.x``) are not literal.
_KEY_ASSIGNMENT = re.compile(r"""(?<![\w$-])\$?([\w-]+)["']?[ \t]*[:=][ \t]*""")
_LITERAL = re.compile(r"""'(?:[^'\n]|'')*'?|"(?:[^"\\\n]|\\.)*"?|(?![!$&*{\[(<@]|var\.|local\.)[^\s,;}\]#]+""")


class Redactor:
    """Masks one document's secrets in the snippets and messages of its findings."""

    def __init__(self, secrets: SecretText):
        ranges = sorted(secrets.ranges)
        self._starts = [start for start, _ in ranges]
        self._ends = [end for _, end in ranges]
        #: The furthest end of any range starting at or before index i: overlap lookups stay bounded.
        self._reach = []
        reach = -1
        for end in self._ends:
            reach = max(reach, end)
            self._reach.append(reach)
        self._values: dict[str, list[str]] = {}
        for value in sorted(secrets.values, key=len, reverse=True):
            if len(value) >= MIN_VALUE_LENGTH:
                self._values.setdefault(value[:MIN_VALUE_LENGTH], []).append(value)

    def snippet(self, text: str, offset: int) -> str:
        """``text`` (which starts at ``offset`` in the document) with every secret masked."""
        chars = list(text)
        self._mask_ranges(chars, offset)
        self._mask_values(chars)
        _mask_assignments(chars)
        _mask_url_passwords(chars)
        return "".join(chars)

    def message(self, text: str) -> str:
        chars = list(text)
        self._mask_values(chars)
        _mask_url_passwords(chars)
        return "".join(chars)

    def _mask_ranges(self, chars: list[str], offset: int) -> None:
        end_of_text = offset + len(chars)
        index = bisect.bisect_left(self._starts, end_of_text) - 1
        while index >= 0 and self._reach[index] > offset:
            start, end = self._starts[index], self._ends[index]
            for position in range(max(start, offset), min(end, end_of_text)):
                chars[position - offset] = MASK
            index -= 1

    def _mask_values(self, chars: list[str]) -> None:
        if not self._values:
            return
        text = "".join(chars)
        for position in range(len(text) - MIN_VALUE_LENGTH + 1):
            for value in self._values.get(text[position:position + MIN_VALUE_LENGTH], ()):
                if text.startswith(value, position):
                    chars[position:position + len(value)] = MASK * len(value)
                    break


#: The password of a URL's user information (``https://deploy:<password>@host/cb``): a URL rule
#: quotes the URL, and a fix that would write it again is not offered.
_URL_PASSWORD = re.compile(r"(?i)\b[a-z][a-z0-9+.\-]*://[^/\s:@'\"]*:([^/\s@'\"]+)@")


def _mask_url_passwords(chars: list[str]) -> None:
    text = "".join(chars)
    if "@" not in text:
        return
    for match in _URL_PASSWORD.finditer(text):
        chars[match.start(1):match.end(1)] = MASK * (match.end(1) - match.start(1))


def _mask_assignments(chars: list[str]) -> None:
    text = "".join(chars)
    for match in _KEY_ASSIGNMENT.finditer(text):
        if not is_secret_key(match.group(1)):
            continue
        literal = _LITERAL.match(text, match.end())
        if literal and literal.end() > literal.start():
            start, end = literal.start(), literal.end()
            if text[start] in "'\"":
                start += 1
                end -= 1 if end - start > 0 and text[end - 1] == text[literal.start()] else 0
            for position in range(start, end):
                chars[position] = MASK


_WORD = re.compile(r"""[^\s"'\[\]{}(),;=#|`<>]+""")
#: Words parsers use in their messages (``found '<stream end>'``).
_PARSER_WORDS = frozenset({"stream", "document", "block", "start", "end", "mapping", "sequence", "scalar",
                           "alias", "anchor", "entry", "value", "flow", "directive"})


def scrubbed(text: str, names: frozenset) -> str:
    """A line of a file that could not be parsed, safe by construction: only punctuation, the
    words of the input formats (``names``, in lower case: keys, keywords, tags, parameters) and
    words too short to be a secret stay; every other word is masked, keys included (a broken file
    may have a value where a key should be)."""
    chars = list(text)
    for match in _WORD.finditer(text):
        word = match.group(0).strip(":")
        if len(word) < MIN_VALUE_LENGTH or word.lower() in names or word.lower() in _PARSER_WORDS:
            continue
        start = match.start() + match.group(0).index(word)
        chars[start:start + len(word)] = MASK * len(word)
    return "".join(chars)


_QUOTED = re.compile(r"'([^'\n]*)'|\"([^\"\n]*)\"")


def scrubbed_message(message: str, names: frozenset) -> str:
    """A parse error's message with what it quotes of the file scrubbed (``unknown tag '!Foo'``)."""
    return _QUOTED.sub(lambda m: m.group(0)[0] + scrubbed(m.group(1) if m.group(1) is not None else m.group(2), names)
                       + m.group(0)[-1], message)

