"""``--fix`` and ``--diff``: apply the fixes findings carry to their files.

Each finding's fix is a list of text edits computed from the text that was linted (a
:class:`~linter.parsers.edits.FileFix`).  For each file:

1. **Read what is there and compare** it with the text that was linted (its digest, from the
   run): a file edited since, or read twice with different contents, is not fixed.  A symbolic
   link is followed: the file it points to is fixed and the link stays a link.
2. **Apply in passes.**  A pass takes the fixes in the order of their findings and skips one whose
   edits touch an edit already taken (a later pass gets it); identical fixes (one list conversion
   for two findings) are applied once and count for both.  The text after each pass must parse,
   and hold exactly the old data with the fixes' changes, or the file is left alone.  The new
   text is linted again (``relint``) and the fixes found there make the next pass, until none is
   left: a fix may enable another, and a second run changes nothing.
3. **Write safely**, unless only a diff is wanted: never over a file with several hard links (a new
   file would split them), a read-only file, or one whose owner a new file would not keep; the
   text on disk is compared with the linted one again just before a temporary file in the same
   folder replaces it atomically (so an interrupted run never leaves half a file).

Every failure leaves the file as it was, and is one line of :class:`FixOutcome` ``errors``; none
quotes the file.  This module applies what findings carry: ``fixes_of`` and
:func:`plan_pass` are what an editor needs to offer the same fixes as code actions.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Optional

from linter.loaders.registry import parse
from linter.parsers.document import ParseError, decode
from linter.parsers.edits import (DocEdit, TextEdit, apply_text_edits, expected_data, overlaps, same_data,
                                  text_digest)
from linter.rule import SAFE

#: A fix may enable another; no real file needs more passes than this.
MAX_PASSES = 25
_BOM = b"\xef\xbb\xbf"


@dataclass
class FileChange:
    """What fixing one file does (or would do, for ``--diff``)."""

    path: str
    before: str
    after: str
    #: Findings fixed.
    fixed: int


@dataclass
class FixOutcome:
    #: Files rewritten (or that would be, for ``--diff``) → how many findings their fixes resolve.
    fixed: dict[str, int] = field(default_factory=dict)
    #: One line per file that could not be fixed.
    errors: list[str] = field(default_factory=list)
    #: The changes, file by file (for ``--diff``).
    changes: list[FileChange] = field(default_factory=list)


class FixError(Exception):
    """A file whose fixes cannot be applied safely (it is left unchanged)."""


def applicable(finding: Any, unsafe: bool = False) -> bool:
    """Whether ``--fix`` (with ``--unsafe-fixes`` when ``unsafe``) applies the finding's fix."""
    fix = getattr(finding, "fix", None)
    return fix is not None and finding.suppressed is None and (fix.safety == SAFE or unsafe)


def text_edits(finding: Any) -> list[TextEdit]:
    """The edits that fix one finding, in the text that was linted (empty when it has no fix)."""
    fix = getattr(finding, "fix", None)
    return list(fix.edits) if fix is not None else []


def plan_pass(findings: Iterable[Any]) -> tuple[list[TextEdit], list[DocEdit], int]:
    """(text edits, data changes, findings resolved) of one pass over one file's ``findings``:
    in the findings' order, every fix whose edits touch none already taken."""
    taken: list[TextEdit] = []
    changes: list[DocEdit] = []
    seen: set[tuple] = set()
    resolved = 0
    for finding in sorted(findings, key=lambda f: f.sort_key()):
        fix = finding.fix
        signature = tuple((e.start, e.end, e.new_text) for e in fix.edits)
        if signature in seen:
            resolved += 1  # the same fix as one already taken (two findings of one problem)
            continue
        if any(overlaps(edit, other) for edit in fix.edits for other in taken):
            continue
        seen.add(signature)
        taken.extend(fix.edits)
        changes.extend(fix.changes)
        resolved += 1
    return taken, changes, resolved


Relint = Callable[[str, str], list]


def fix_files(findings: Iterable[Any], digests: dict, unsafe: bool = False, write: bool = True,
              relint: Optional[Relint] = None) -> FixOutcome:
    """Fix the files of ``findings`` (``digests``: path → digest of the text linted).  ``relint(path,
    text)`` lints a text as the file at ``path`` and returns that file's findings (for the next
    passes; without it one pass is made).  ``write=False`` changes nothing (``--diff``)."""
    outcome = FixOutcome()
    groups: dict[str, tuple[str, list]] = {}
    for finding in findings:
        if applicable(finding, unsafe):
            real = os.path.realpath(finding.file)
            path, group = groups.setdefault(real, (finding.file, []))
            if finding.file == path:  # the same file under another name was linted to the same findings
                group.append(finding)
    for path, group in sorted(groups.values(), key=lambda item: item[0]):
        try:
            change = fix_file(path, group, digests.get(path), unsafe, write, relint)
        except FixError as exc:
            outcome.errors.append(f"{path}: not fixed: {exc}")
            continue
        if change is not None:
            outcome.fixed[path] = change.fixed
            outcome.changes.append(change)
    return outcome


def fix_file(path: str, findings: list, digest: Optional[str], unsafe: bool = False, write: bool = True,
             relint: Optional[Relint] = None) -> Optional[FileChange]:
    """Fix one file; None when nothing changes.  Raises :class:`FixError` (the file is unchanged)."""
    target = os.path.realpath(path)
    data = _read(target)
    text = _decode(data)
    if digest is None or text_digest(text) != digest:
        raise FixError("it changed after it was linted; lint it again")
    current, resolved = text, 0
    pending = [f for f in findings if applicable(f, unsafe)]
    for _ in range(MAX_PASSES):
        edits, changes, count = plan_pass(pending)
        if not edits:
            break
        fixed = apply_text_edits(current, edits)
        _verify(path, current, fixed, changes)
        current, resolved = fixed, resolved + count
        if relint is None:
            break
        pending = [f for f in relint(path, current) if applicable(f, unsafe)]
    if current == text:
        return None
    if write:
        _replace(path, target, (_BOM if data.startswith(_BOM) else b"") + current.encode("utf-8", "surrogatepass"),
                 digest)
    return FileChange(path, text, current, resolved)


def _read(target: str) -> bytes:
    try:
        with open(target, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise FixError(f"cannot read it: {exc.strerror or exc}") from None


def _decode(data: bytes) -> str:
    try:
        return decode(data)
    except ParseError:
        raise FixError("it is no longer UTF-8 text") from None


def _verify(path: str, before: str, after: str, changes: list[DocEdit]) -> None:
    """The edited text must parse to the old data with exactly ``changes`` made."""
    try:
        old = parse(path, before.encode("utf-8", "surrogatepass"))
    except ParseError as exc:
        raise FixError(f"it no longer parses (at {exc.line}:{exc.column})") from None
    except (RecursionError, ValueError):
        raise FixError("it no longer parses") from None
    try:
        new = parse(path, after.encode("utf-8", "surrogatepass"))
    except ParseError as exc:
        raise FixError(f"the fixed text would not parse (at {exc.line}:{exc.column})") from None
    except (RecursionError, ValueError):
        raise FixError("the fixed text would not parse") from None
    try:
        expected = expected_data(old, changes)
    except (KeyError, IndexError, TypeError, AttributeError):
        raise FixError("the fixes do not fit the file's data") from None
    if not same_data(new.data, expected):
        raise FixError("the fixed text would not read back as intended")


def _replace(path: str, target: str, data: bytes, digest: str) -> None:
    """Write ``data`` over ``target`` atomically, if that keeps what the file is (its links, its
    permissions and owner) and the file still holds the text that was linted."""
    try:
        status = os.stat(target)
    except OSError as exc:
        raise FixError(f"cannot read it: {exc.strerror or exc}") from None
    if status.st_nlink > 1:
        raise FixError(f"it has {status.st_nlink} hard links, and writing a new file would split them "
                       "(--diff shows the changes to make by hand)")
    if not os.access(target, os.W_OK):
        raise FixError("it is read-only")
    folder = os.path.dirname(target)
    try:
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".fix")
    except OSError as exc:
        raise FixError(f"cannot write next to it: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, status.st_mode & 0o7777)
        _keep_owner(temporary, status)
        # The last look before the replace: a user's edit since the run read the file wins.
        if text_digest(_decode(_read(target))) != digest:
            raise FixError("it changed while it was being fixed; lint it again")
        os.replace(temporary, target)
    except FixError:
        _remove(temporary)
        raise
    except OSError as exc:
        _remove(temporary)
        raise FixError(f"cannot replace it: {exc.strerror or exc}") from None
    _sync_folder(folder)


def _keep_owner(temporary: str, status: os.stat_result) -> None:
    if not hasattr(os, "chown"):
        return
    mine = os.stat(temporary)
    if (mine.st_uid, mine.st_gid) == (status.st_uid, status.st_gid):
        return
    try:
        os.chown(temporary, status.st_uid, status.st_gid)
    except OSError:
        raise FixError("a new file would not keep its owner or group") from None


def _remove(temporary: str) -> None:
    try:
        os.unlink(temporary)
    except OSError:
        pass


def _sync_folder(folder: str) -> None:
    """Make the rename durable (best effort: not every system can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
