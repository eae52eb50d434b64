"""From a rule's fix (edits at *client* paths) to edits of the document (at *document* paths), for
one variant of one client: where each value was written (``Variant.locate``), and where an omitted
setting or a dependency goes (the format's :class:`~linter.loaders.source.Settings`).

A fix is translated only when every value it changes is a literal written in the file: a value
behind an intrinsic (``!Ref``, ``!If`` as a whole, ``!FindInMap``), a serverless variable, a
Terraform expression or a PowerShell variable is never edited, and an edit that cannot be placed
makes the whole fix unavailable (None).  How the edits are written is each parser's business
(``Document.render``).
"""
from __future__ import annotations

from typing import Any, Optional

from linter.loaders.source import ClientSource, Variant
from linter.model import Unknown
from linter.parsers.document import MISSING, Document, value_at
from linter.parsers.edits import APPEND, REMOVE, REPLACE, DocEdit
from linter.parsers.scanner import Expression
from linter.rule import APPEND as ADD_ITEM, DEPEND, REMOVE as DROP_ITEM, SET, Edit, Fix


def document_edits(doc: Document, source: ClientSource, variant: Variant, fix: Fix) -> Optional[tuple[DocEdit, ...]]:
    """The document edits that make ``fix`` for ``variant``, or None when it cannot be made."""
    if source.settings is None:
        return None
    changes: list[DocEdit] = []
    for edit in fix.edits:
        found = _translate(doc, source, variant, edit)
        if not found:
            return None
        for change in found:
            if not _merge(changes, change):
                return None
    return tuple(changes)


def _merge(changes: list[DocEdit], change: DocEdit) -> bool:
    """Add ``change``; two replacements of one value compose when the second turns that value
    into a list (a PowerShell scalar given a second item after the first was rewritten)."""
    for index, earlier in enumerate(changes):
        if earlier.path != change.path or REPLACE not in (earlier.action, change.action):
            continue
        if earlier.action == change.action == REPLACE and isinstance(change.value, list) and change.value:
            base = earlier.value if isinstance(earlier.value, list) else [earlier.value]
            changes[index] = DocEdit(REPLACE, change.path, base + change.value[1:])
            return True
        return False
    changes.append(change)
    return True


def _translate(doc: Document, source: ClientSource, variant: Variant, edit: Edit) -> Optional[list[DocEdit]]:
    settings = source.settings
    raw = variant.client.raw
    path = tuple(edit.path)
    if edit.action == DEPEND:
        return settings.dependency(doc, edit.value) if isinstance(edit.value, str) else None
    if not path or not isinstance(path[0], str):
        return None
    current = value_at(raw, path)
    if edit.action == SET:
        if current is not MISSING:
            doc_path = _written_at(doc, source, variant, path)
            if doc_path is None or not _literal(current):
                return None
            return [DocEdit(REPLACE, doc_path, settings.value(".".join(str(p) for p in path), edit.value))]
        if len(path) == 1:
            return None if path[0] in variant.client.present else settings.add_field(doc, path[0], edit.value)
        if len(path) == 2 and isinstance(path[1], str):
            structure = value_at(raw, path[:1])
            if structure is MISSING:
                return None if path[0] in variant.client.present else \
                    settings.add_field(doc, path[0], {path[1]: edit.value})
            if not isinstance(structure, dict):
                return None
            where, _ = variant.locate(path[:1], source.anchor)
            return settings.add_member(doc, where, path[0], path[1], edit.value)
        return None
    if edit.action == DROP_ITEM:
        if len(path) != 2 or not isinstance(path[1], int) or current is MISSING:
            return None
        doc_path = _written_at(doc, source, variant, path)
        if doc_path is None or not isinstance(doc_path[-1], int) or not isinstance(value_at(doc.data, doc_path[:-1]), list):
            return None
        return [DocEdit(REMOVE, doc_path)]
    if edit.action == ADD_ITEM:
        if len(path) != 1 or not _literal(edit.value):
            return None
        if current is MISSING:
            return None if path[0] in variant.client.present else settings.add_field(doc, path[0], [edit.value])
        if not isinstance(current, list):
            return None
        doc_path = _written_at(doc, source, variant, path)
        if doc_path is None:
            return None
        written = value_at(doc.data, doc_path)
        if isinstance(written, list):
            return [DocEdit(APPEND, doc_path, edit.value)]
        if len(current) == 1 and _literal(written) and _literal(current[0]):  # a PowerShell scalar bound as a list
            return [DocEdit(REPLACE, doc_path, [written, edit.value])]
        return None
    return None


def _written_at(doc: Document, source: ClientSource, variant: Variant, path: tuple) -> Optional[tuple]:
    """The document path the client's value at ``path`` was written at, when it is there: a
    literal, or a list (not a function or expression standing for one)."""
    doc_path, key = variant.locate(path, source.anchor)
    if key:
        return None
    written = value_at(doc.data, doc_path)
    if written is MISSING or isinstance(written, (dict, Expression)):
        return None
    return tuple(doc_path)


def _literal(value: Any) -> bool:
    """A known scalar (not unknown, not a structure)."""
    return isinstance(value, (str, int, float, bool)) and not isinstance(value, Unknown)
