"""Linting many files on several processes.

Workers are forked so they inherit the loaded rules and configuration (rule modules and plugin
functions need not be picklable); results come back in the input order.  A worker that dies (a
crash in a C extension, a plugin that kills its process) costs the files it was linting an error
line each, never the run: their batch is retried file by file in a fresh pool, and a file that
kills its process again is reported.  Workers ignore Ctrl-C; the parent stops them all.
"""
from __future__ import annotations

import multiprocessing
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Iterator, Optional

from linter.engine.findings import FileResult
from linter.engine.lint import LintConfig, lint_file

_config: Optional[LintConfig] = None

Batch = list[tuple[str, bool]]


def _start_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C for everyone


def _lint_batch(batch: Batch) -> list[FileResult]:
    assert _config is not None
    return [lint_file(path, _config, explicit) for path, explicit in batch]


def lint_in_parallel(files: Batch, config: LintConfig, jobs: int) -> Iterator[FileResult]:
    global _config
    if "fork" not in multiprocessing.get_all_start_methods():
        for path, explicit in files:
            yield lint_file(path, config, explicit)
        return
    _config = config
    size = max(1, min(64, len(files) // (jobs * 4)))
    batches = [files[i:i + size] for i in range(0, len(files), size)]
    pool = _pool(jobs)
    try:
        futures = [pool.submit(_lint_batch, batch) for batch in batches]
        for index, batch in enumerate(batches):
            try:
                results = futures[index].result()
            except BrokenProcessPool:  # a worker died: this batch file by file, the rest in a new pool
                pool = _replace(pool, jobs)
                results = list(_one_by_one(batch))
                futures[index + 1:] = [pool.submit(_lint_batch, later) for later in batches[index + 1:]]
            yield from results
    finally:
        _stop(pool)


def _one_by_one(batch: Batch) -> Iterator[FileResult]:
    """A broken batch again, each file in a pool of its own: the file that kills its worker is named."""
    for path, explicit in batch:
        pool = _pool(1)
        try:
            yield from pool.submit(_lint_batch, [(path, explicit)]).result()
        except BrokenProcessPool:
            result = FileResult(path)
            result.errors.append(f"{path}: internal error: the process linting this file died")
            yield result
        finally:
            _stop(pool)


def _pool(jobs: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"), initializer=_start_worker)


def _replace(pool: ProcessPoolExecutor, jobs: int) -> ProcessPoolExecutor:
    _stop(pool)
    return _pool(jobs)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop the pool now: cancel what has not started, end the workers (also on Ctrl-C)."""
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)
