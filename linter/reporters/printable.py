"""Text from files and file names is shown with its control characters escaped: a name or value
cannot move the cursor, clear the screen, set a window title or start a line of its own."""
from __future__ import annotations

import re

#: Control characters, line breaks, and surrogates (a file name's bytes that are not UTF-8 reach
#: Python as \udc80-\udcff: shown as the byte, \xff; they cannot be written as UTF-8 at all).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]|\n")
_NAMED = {"\n": "\\n", "\r": "\\r", "\x1b": "\\e"}


def printable(text: str, line_breaks: bool = False) -> str:
    """``text`` with every control character written as an escape; newlines too, unless
    ``line_breaks`` (for a format that escapes them its own way)."""
    def escape(match: re.Match) -> str:
        char = match.group(0)
        if line_breaks and char in "\r\n":
            return char
        if 0xdc80 <= ord(char) <= 0xdcff:  # a byte of a name that is not UTF-8 (os.fsdecode's escape)
            return f"\\x{ord(char) - 0xdc00:02x}"
        return _NAMED.get(char, f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")

    return _CONTROL.sub(escape, text)


def printable_path(path: str) -> str:
    """A file name as shown at the start of a line: escaped, and never starting with ``::`` (a CI
    runner such as GitHub Actions would read the line as a workflow command)."""
    shown = printable(path)
    return "./" + shown if shown.startswith(":") else shown


def printable_line(line: str) -> str:
    """A whole line of output about files (a notice, an error): escaped, and not a workflow command."""
    shown = printable(line)
    return " " + shown if shown.startswith("::") else shown


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
