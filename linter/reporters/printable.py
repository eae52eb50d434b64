"""Text from files and file names is shown with its control characters escaped: a name or value
cannot move the cursor, clear the screen, set a window title or start a line of its own."""
from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]|\n")
_NAMED = {"\n": "\\n", "\r": "\\r", "\x1b": "\\e"}


def printable(text: str) -> str:
    """``text`` with every control character (newlines included) written as an escape."""
    return _CONTROL.sub(lambda m: _NAMED.get(m.group(0), f"\\x{ord(m.group(0)):02x}" if ord(m.group(0)) < 0x100
                                               else f"\\u{ord(m.group(0)):04x}"), text)


def printable_with_columns(text: str) -> tuple[str, list[int]]:
    """(escaped text, where each original character starts in it, plus its end): to keep carets
    under the characters they point at."""
    out, starts = [], []
    length = 0
    for char in text:
        starts.append(length)
        shown = printable(char) if _CONTROL.match(char) else char
        out.append(shown)
        length += len(shown)
    starts.append(length)
    return "".join(out), starts
