"""Linting many files on several processes.

Workers are forked so they inherit the loaded rules and configuration (rule modules and plugin
functions need not be picklable); results come back in the input order.
"""
from __future__ import annotations

import multiprocessing
from typing import Iterator, Optional

from linter.engine.lint import LintConfig, lint_file
from linter.engine.findings import FileResult

_config: Optional[LintConfig] = None


def _lint_one(item: tuple[str, bool]) -> FileResult:
    assert _config is not None
    return lint_file(item[0], _config, item[1])


def lint_in_parallel(files: list[tuple[str, bool]], config: LintConfig, jobs: int) -> Iterator[FileResult]:
    global _config
    if "fork" not in multiprocessing.get_all_start_methods():
        for path, explicit in files:
            yield lint_file(path, config, explicit)
        return
    _config = config
    context = multiprocessing.get_context("fork")
    chunksize = max(1, min(64, len(files) // (jobs * 4)))
    with context.Pool(jobs) as pool:
        yield from pool.imap(_lint_one, files, chunksize=chunksize)
