"""Reading a file's bytes the one way every input is read: only a regular file, and only up to a
size no real input comes near.  A FIFO or a device would block or never end (``/dev/zero``), a
huge file would fill memory.  Files named on the command line go through it, and so do the files
the loaders read because an input names them or lies beside it (a CDK manifest and the templates
it names, a serverless ``${file(...)}`` include, a Terraform module's other ``.tf`` files, a saved
audit's pool file)."""
from __future__ import annotations

import os
import stat

#: Larger files are not read: no real input comes near it.
MAX_FILE_BYTES = 64 * 1024 * 1024


class Unreadable(Exception):
    """A file that is not read: ``message`` says why (``cannot read file: ...``, ``not a regular
    file``, ``the file is ... bytes; ...``); ``special`` when it is no regular file at all."""

    def __init__(self, message: str, special: bool = False):
        super().__init__(message)
        self.message = message
        self.special = special


def too_large(size: int, limit: int = MAX_FILE_BYTES) -> Unreadable:
    return Unreadable(f"the file is {size:,} bytes; files over {limit:,} bytes are not read")


def read_file(path: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them; raises :class:`Unreadable`.

    The file is opened without blocking and checked once open (``fstat``): a FIFO put in its place
    between a check and the open cannot block the read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise Unreadable(f"cannot read file: {exc.strerror or exc}") from None
    try:  # checked before a file object is made: open() refuses a folder with an error of its own
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise Unreadable("not a regular file", special=True)
        if status.st_size > limit:
            raise too_large(status.st_size, limit)
        with open(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise Unreadable(f"cannot read file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew since fstat
        raise too_large(len(data), limit)
    return data
