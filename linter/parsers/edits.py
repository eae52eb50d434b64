"""Edits of a document, in two forms, both plain data:

* a :class:`DocEdit` says what changes in the document's *data*, at a document path (replace a
  value, insert a key into a mapping, remove a list item, append one).  It is what the fixer checks
  the edited text against: parsed again, the text must hold exactly the old data with these
  changes (:func:`apply_to_data`).
* a :class:`TextEdit` says what changes in the *text*: a range (offsets into ``Document.text``,
  and the same as lines and columns) and the new text.  Each parser writes it in its own syntax
  and in the file's style (``Document.render``); an editor applies it as it is (a language
  server's ``TextEdit``).

A :class:`FileFix` is what a finding carries: its safety, a title, the text edits and the data
edits they make.
"""
from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass
from typing import Any, Iterable, Optional

from linter.parsers.document import Span

REPLACE, INSERT, REMOVE, APPEND = "replace", "insert", "remove", "append"


@dataclass(frozen=True)
class DocEdit:
    """One change of a document's data.

    - ``replace``: the value at ``path`` becomes ``value``;
    - ``insert``: the mapping at ``path`` gets ``key: value`` (after the entry ``after`` when it has
      one, else at its end);
    - ``remove``: the list item at ``path`` (its last step is the index) goes;
    - ``append``: the list at ``path`` gets ``value`` at its end.
    """

    action: str
    path: tuple
    value: Any = None
    key: Optional[str] = None
    after: Optional[str] = None


@dataclass(frozen=True)
class TextEdit:
    """Replace ``text[start:end]`` (offsets into the decoded text, without a byte-order mark) by
    ``new_text``; ``span`` is the same range as 1-based lines and columns (end exclusive), for
    reporters and editors.  An insertion has ``start == end``."""

    start: int
    end: int
    new_text: str
    span: Span


@dataclass(frozen=True)
class FileFix:
    """The fix a finding carries, ready to apply to the text that was linted."""

    #: ``safe`` or ``unsafe`` (:data:`linter.rule.SAFE`).
    safety: str
    #: What it does, in the input's words.
    title: str
    edits: tuple[TextEdit, ...]
    #: What the edits do to the document's data (the fixer checks the edited text against it).
    changes: tuple[DocEdit, ...]
    #: :func:`text_digest` of the text the edits apply to.
    digest: str = ""


def apply_text_edits(text: str, edits: Iterable[TextEdit]) -> str:
    """``text`` with ``edits`` (which must not overlap) applied; insertions at one offset keep
    their order."""
    ordered = sorted(enumerate(edits), key=lambda item: (item[1].start, item[1].end, item[0]), reverse=True)
    pieces = []
    last = len(text)
    # Walk from the end so that earlier offsets stay valid.
    for _, edit in ordered:
        pieces.append(text[edit.end:last])
        pieces.append(edit.new_text)
        last = edit.start
    pieces.append(text[:last])
    return "".join(reversed(pieces))


def overlaps(a: TextEdit, b: TextEdit) -> bool:
    """Two edits that cannot both be applied in one go: overlapping ranges, or an insertion at
    the edge or inside of the other (the order of the results would be a guess)."""
    if a.start < b.end and b.start < a.end:
        return True
    if a.start == a.end and b.start <= a.start <= b.end:
        return True
    return b.start == b.end and a.start <= b.start <= a.end


def apply_to_data(data: Any, changes: Iterable[DocEdit]) -> Any:
    """A copy of ``data`` with ``changes`` made (removals from one list in descending order, so
    that indexes stay right)."""
    result = copy.deepcopy(data)
    changes = list(changes)
    removals = sorted((c for c in changes if c.action == REMOVE), key=lambda c: (c.path[:-1], c.path[-1]), reverse=True)
    for change in [c for c in changes if c.action != REMOVE] + removals:
        if change.action == REPLACE:
            parent = _at(result, change.path[:-1])
            parent[change.path[-1]] = copy.deepcopy(change.value)
        elif change.action == INSERT:
            _at(result, change.path)[change.key] = copy.deepcopy(change.value)
        elif change.action == APPEND:
            _at(result, change.path).append(copy.deepcopy(change.value))
        elif change.action == REMOVE:
            del _at(result, change.path[:-1])[change.path[-1]]
    return result


def expected_data(doc: Any, changes: Iterable[DocEdit]) -> Any:
    """What ``doc`` must read as after ``changes``: :func:`apply_to_data`, then what the syntax
    itself does to the result (``doc.settle(data, changes)``: a PowerShell comma list left with one
    item reads as that item)."""
    changes = list(changes)
    data = apply_to_data(doc.data, changes)
    settle = getattr(doc, "settle", None)
    if settle is not None:
        settle(data, changes)
    return data


def same_data(a: Any, b: Any) -> bool:
    """Equal data, booleans and numbers told apart (``True == 1`` in Python); mapping order does
    not matter (an inserted key may stand anywhere in its mapping); a Terraform conditional is
    what its condition and branches read as (its text changes with a branch)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_data(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_data(x, y) for x, y in zip(a, b))
    if isinstance(getattr(a, "branches", None), dict):
        return a.condition == b.condition and a.branches.keys() == b.branches.keys() and all(
            same_data(a.branches[k], b.branches[k]) for k in a.branches)
    return a == b


def _at(data: Any, path: tuple) -> Any:
    for step in path:
        data = data[step]
    return data


def removed_indexes(change: DocEdit) -> list[int]:
    """The list indexes a ``remove`` change takes out: its own, or (when the engine merged the
    removals of one fix from one list) ``value``."""
    return list(change.value) if isinstance(change.value, tuple) else [change.path[-1]]


def merge_removals(changes: Iterable[DocEdit]) -> list[DocEdit]:
    """``changes`` with the removals from one list made one change (``value``: every index), for
    writing them: each one's text depends on which neighbours stay."""
    merged: list[DocEdit] = []
    lists: dict[tuple, int] = {}
    for change in changes:
        if change.action != REMOVE:
            merged.append(change)
            continue
        key = tuple(change.path[:-1])
        if key in lists:
            first = merged[lists[key]]
            merged[lists[key]] = DocEdit(REMOVE, first.path, tuple(removed_indexes(first)) + (change.path[-1],))
        else:
            lists[key] = len(merged)
            merged.append(change)
    return merged


def text_edits(doc: Any, raws: Optional[Iterable[tuple[int, int, str]]]) -> Optional[list[TextEdit]]:
    """``(start, end, new text)`` tuples of a document as :class:`TextEdit` (None stays None)."""
    if raws is None:
        return None
    return [TextEdit(start, end, new_text, doc.offsets_span(start, end)) for start, end, new_text in raws]


def text_digest(text: str) -> str:
    """Identifies a file's text (decoded, without a byte-order mark): ``--fix`` writes only over
    the text its fixes were computed from."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
