"""``--diff``: the changes ``--fix`` would make, as a unified diff, with the file's secrets masked.

A diff shows lines of the file around each change, and those lines may hold a secret (a
``ClientSecret`` next to the fixed setting).  Every line shown goes through a masker built from
what the loaders know of the file's secrets (the one the findings' snippets use): old lines with
the old text's, new lines with the new text's, unchanged lines with both.  A masked diff may not
apply with ``patch`` where it masked something; it never shows the secret.
"""
from __future__ import annotations

import difflib
from typing import Callable

Masker = Callable[[str, int], str]

CONTEXT = 3


def unified_diff(name: str, before: str, after: str, mask_before: Masker, mask_after: Masker,
                 context: int = CONTEXT) -> list[str]:
    """The lines (without line endings) of a unified diff from ``before`` to ``after``."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    old_at, new_at = _offsets(old), _offsets(new)
    out = [f"--- {name}", f"+++ {name}"]
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        first, last = group[0], group[-1]
        out.append(f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                for i, j in zip(range(i1, i2), range(j1, j2)):
                    out.extend(_shown(" ", mask_after(mask_before(_bare(old[i]), old_at[i]), new_at[j]), old[i]))
                continue
            for i in range(i1, i2):
                out.extend(_shown("-", mask_before(_bare(old[i]), old_at[i]), old[i]))
            for j in range(j1, j2):
                out.extend(_shown("+", mask_after(_bare(new[j]), new_at[j]), new[j]))
    return out


def _offsets(lines: list[str]) -> list[int]:
    offsets, at = [], 0
    for line in lines:
        offsets.append(at)
        at += len(line)
    return offsets


def _bare(line: str) -> str:
    return line.rstrip("\r\n")


def _shown(prefix: str, text: str, original: str) -> list[str]:
    lines = [prefix + text]
    if not original.endswith("\n"):
        lines.append("\\ No newline at end of file")
    return lines


def _range(start: int, stop: int) -> str:
    """``start,length`` as unified diffs write it (1-based; an empty range names the line before)."""
    length = stop - start
    first = start + 1
    if length == 1:
        return str(first)
    if not length:
        first -= 1
    return f"{first},{length}"
