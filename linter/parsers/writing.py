"""Text surgery the parsers share when they write a fix in their syntax: lines, line endings,
indentation, and the three layouts a container can have.

* *separated* (a JSON array or object, a YAML flow collection, an HCL tuple, a PowerShell comma
  list or ``@(...)``): items with separators between them.  A new item copies the separator the
  last two items have (``", "``, ``",\\n    "``); a trailing comma stays trailing.
* *line-based* (a YAML block mapping, an HCL body, a PowerShell hashtable on several lines): one
  entry per line, a new one goes on a line of its own after the last, at its indentation.
* YAML block sequences (``- item`` lines) are line-based too (``yaml_document``).

Every function returns ``(start, end, new_text)`` tuples (offsets into the text), or None when the
layout is not one it can write safely: the fix is then not offered.  Whatever they write, the fixer
parses the result again before it keeps it.
"""
from __future__ import annotations

import re
from typing import Optional, Sequence

Raw = tuple[int, int, str]

_LINE_CONTINUES = re.compile(r"[ \t]*(?:,[ \t]*)?")


def line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def line_end(text: str, pos: int) -> int:
    """Offset of the line ending (``\\r\\n`` or ``\\n``) of the line holding ``pos``, or the text's end."""
    end = text.find("\n", pos)
    if end < 0:
        return len(text)
    return end - 1 if end > 0 and text[end - 1] == "\r" else end


def next_line(text: str, pos: int) -> int:
    """Offset of the line after the one holding ``pos`` (the text's end on the last line)."""
    end = text.find("\n", pos)
    return len(text) if end < 0 else end + 1


def eol(text: str, pos: int = 0) -> str:
    """The line ending of the line holding ``pos``; the file's first one when that line has none."""
    end = text.find("\n", pos)
    if end < 0:
        end = text.find("\n")
    if end < 0:
        return "\n"
    return "\r\n" if end > 0 and text[end - 1] == "\r" else "\n"


def indent(text: str, pos: int) -> str:
    """The blanks that start the line holding ``pos``."""
    start = line_start(text, pos)
    match = re.match(r"[ \t]*", text[start:pos])
    return match.group(0) if match else ""


def alone_on_line(text: str, start: int) -> bool:
    """Nothing but blanks before ``start`` on its line."""
    return not text[line_start(text, start):start].strip()


def unit(inner: str, outer: str, default: str = "  ") -> str:
    """One level of indentation: what ``inner`` adds to ``outer`` (default when it adds nothing)."""
    if inner.startswith(outer) and len(inner) > len(outer):
        return inner[len(outer):]
    return default


def rest_is_blank(text: str, start: int, end: int, comments: Sequence[str]) -> bool:
    """``text[start:end]`` holds only blanks, an optional comma, and a comment."""
    rest = _LINE_CONTINUES.sub("", text[start:end], count=1).strip()
    return not rest or any(rest.startswith(marker) for marker in comments)


# --- separated containers -----------------------------------------------------------------------

def separator(text: str, items: Sequence[tuple[int, int]], opener_end: Optional[int], comments: Sequence[str],
              comma: str = ",") -> str:
    """What stands between two items of this container: the one its last two items have (without
    comments), else ``", "``, or a comma and a new line at the item's indentation when the only item
    stands on a line of its own."""
    if len(items) >= 2:
        between = text[items[-2][1]:items[-1][0]]
        if not any(marker in between for marker in comments) and between.strip() in (comma, ""):
            if between.strip() or "\n" in between:
                return between
    last = items[-1][0]
    if opener_end is not None and "\n" in text[opener_end:last] and alone_on_line(text, last):
        return comma + eol(text, last) + indent(text, last)
    return comma + " "


def trailing_comma(text: str, end: int, closer: Optional[int], comma: str = ",") -> Optional[int]:
    """Offset of a comma after the last item (``["a", "b",]``), or None."""
    if closer is None:
        return None
    match = re.compile(r"[ \t\r\n]*" + re.escape(comma)).match(text, end, closer)
    return match.end() - len(comma) if match else None


def append_separated(text: str, items: Sequence[tuple[int, int]], opener: Optional[int], closer: Optional[int],
                     rendered: str, comments: Sequence[str], comma: str = ",") -> Optional[list[Raw]]:
    """Add ``rendered`` after the last item (or, in an empty container, after the opener)."""
    if not items:
        if opener is None:
            return None
        return [(opener + 1, opener + 1, rendered)]
    sep = separator(text, items, None if opener is None else opener + 1, comments, comma)
    last_end = items[-1][1]
    after = trailing_comma(text, last_end, closer, comma)
    if after is not None:
        rest = sep[sep.index(comma) + len(comma):] if comma in sep else sep
        return [(after + len(comma), after + len(comma), rest + rendered + comma)]
    return [(last_end, last_end, sep + rendered)]


def insert_separated(text: str, items: Sequence[tuple[int, int]], opener: Optional[int], closer: Optional[int],
                     rendered: str, comments: Sequence[str], after: Optional[int] = None,
                     comma: str = ",") -> Optional[list[Raw]]:
    """Add the entry ``rendered`` after item ``after`` (an index; default: the last)."""
    if after is None or after >= len(items) - 1:
        return append_separated(text, items, opener, closer, rendered, comments, comma)
    between = text[items[after][1]:items[after + 1][0]]
    if any(marker in between for marker in comments) or between.strip() != comma:
        return None
    return [(items[after][1], items[after][1], between + rendered)]


def remove_separated(text: str, items: Sequence[tuple[int, int]], indexes: Sequence[int], comments: Sequence[str],
                     comma: str = ",") -> Optional[list[Raw]]:
    """Remove the items at ``indexes`` and their separators; items alone on their lines take their
    lines along.  None when no item would be left (the container becomes empty: the caller writes
    that)."""
    removed = sorted(set(indexes))
    if not removed or len(removed) >= len(items) or removed[0] < 0 or removed[-1] >= len(items):
        return None
    runs: list[list[int]] = []
    for index in removed:
        if runs and runs[-1][-1] == index - 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    raws: list[Raw] = []
    for run in runs:
        found = _remove_run(text, items, run[0], run[-1], comments, comma)
        if found is None:
            return None
        raws.extend(found)
    return raws


def _remove_run(text: str, items: Sequence[tuple[int, int]], first: int, last: int, comments: Sequence[str],
                comma: str) -> Optional[list[Raw]]:
    start, end = items[first][0], items[last][1]
    if last + 1 < len(items):
        following = items[last + 1][0]
        if alone_on_line(text, start) and "\n" in text[end:following] and alone_on_line(text, following):
            if not rest_is_blank(text, end, line_end(text, end), comments):
                return None
            return [(line_start(text, start), line_start(text, following), "")]
        if any(marker in text[end:following] for marker in comments):
            return None
        return [(start, following, "")]
    previous_end = items[first - 1][1]
    if alone_on_line(text, start) and "\n" in text[previous_end:start]:
        if not rest_is_blank(text, end, line_end(text, end), comments):
            return [(previous_end, end, "")] if comma in text[previous_end:start] else None
        whole_lines = (line_start(text, start), next_line(text, end), "")
        if text[end:line_end(text, end)].lstrip().startswith(comma):
            return [whole_lines]  # it had a trailing comma: the previous item keeps its own
        match = re.compile(r"[ \t]*" + re.escape(comma)).match(text, previous_end)
        if match is None:
            return [whole_lines]  # items separated by new lines only
        return [(match.end() - len(comma), match.end(), ""), whole_lines]
    if any(marker in text[previous_end:start] for marker in comments):
        return None
    return [(previous_end, end, "")]


# --- line-based containers ----------------------------------------------------------------------

def insert_line(text: str, entry_end: int, closer: Optional[int], lines: Sequence[str], at_indent: str) -> Optional[list[Raw]]:
    """New lines (``lines``, each at ``at_indent``) after the line where an entry ends; None when
    the container closes on that same line."""
    end = entry_end
    if end > 0 and text[end - 1] == "\n":  # the entry ends with its line (a YAML block scalar)
        end -= 2 if end > 1 and text[end - 2] == "\r" else 1
    position = line_end(text, end)
    if closer is not None and closer < position:
        return None
    newline = eol(text, end)
    return [(position, position, "".join(newline + at_indent + line for line in lines))]


def insert_before_closing_line(text: str, closer: int, lines: Sequence[str], at_indent: str) -> Optional[list[Raw]]:
    """New lines just before the line that holds only the closing bracket ``closer``."""
    if not alone_on_line(text, closer):
        return None
    start = line_start(text, closer)
    newline = eol(text, start)
    return [(start, start, "".join(at_indent + line + newline for line in lines))]


#: A one-line ``name = value`` (or ``name   = value``): indentation, name, padding, ``=`` and the rest.
_ASSIGNMENT = re.compile(r"([ \t]*)([\w-]+)( +)(=(?![=>~]).*)")
_QUOTED = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'')


def _one_line_assignment(line: str) -> Optional[re.Match]:
    """The parts of ``line`` when it assigns a value that ends on the same line (its brackets
    balance once strings and a trailing comment are set aside), else None."""
    match = _ASSIGNMENT.fullmatch(line)
    if match is None:
        return None
    code = re.split(r"#|//", _QUOTED.sub('""', match.group(4)), maxsplit=1)[0]
    balance = sum(code.count(c) for c in "([{") - sum(code.count(c) for c in ")]}")
    return match if balance == 0 else None


def insert_assignment(text: str, closer: int, name: str, value: str, at_indent: str) -> Optional[list[Raw]]:
    """A new ``name = value`` line just before the line that holds only ``closer``, aligned as
    ``terraform fmt`` and the PowerShell formatter align: the one-line assignments just above it
    (consecutive, at ``at_indent``) and the new one have their ``=`` in one column, the longest
    name plus one space.  That is done only when the lines above already share a column (a
    formatted file); elsewhere the new line has one space.  The edit spans those lines, so a second
    insertion into the same block waits for the next fix pass and aligns with this one."""
    if not alone_on_line(text, closer):
        return None
    start = line_start(text, closer)
    newline = eol(text, start)
    chain: list[re.Match] = []  # the assignments just above, bottom up
    top = start
    while top > 0:
        above = line_start(text, top - 1)
        match = _one_line_assignment(text[above:top].rstrip("\r\n"))
        if match is None or match.group(1) != at_indent:
            break
        chain.append(match)
        top = above
    columns = {len(match.group(2)) + len(match.group(3)) for match in chain}
    if len(columns) != 1:  # nothing above to align with, or lines that do not align theirs
        return [(start, start, at_indent + name + " = " + value + newline)]
    width = max(columns.pop(), len(name) + 1)
    lines = [at_indent + match.group(2).ljust(width) + match.group(4) for match in reversed(chain)]
    lines.append(at_indent + name.ljust(width) + "= " + value)
    return [(top, start, "".join(line + newline for line in lines))]
