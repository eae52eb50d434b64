"""Linting many files: discover them, lint each (on several processes when it pays), drop what
per-file ignores turn off, and merge the results in a deterministic order.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Optional

from linter.engine import discovery
from linter.engine.findings import FileResult, Finding
from linter.engine.lint import LintConfig, lint_file
from linter.engine.per_file_ignores import PerFileIgnores


#: Forking workers and sending results back costs about a tenth of a second: below this much work
#: one process is faster (measured in benchmarks/README.md, "Parallel or not").
PARALLEL_MIN_FILES = 200
PARALLEL_MIN_BYTES = 8 * 1024 * 1024


def lint_paths(paths: Iterable[str], config: LintConfig, exclude: Iterable[str] = (),
               jobs: Optional[int] = None) -> Iterator[FileResult]:
    """Results per file, in discovery order.  ``jobs``: processes (never more than the CPUs);
    None decides by the work.  Raises ``discovery.PathNotFound``."""
    files = list(discovery.discover(paths, exclude))
    processes = _processes(files, jobs)
    if processes > 1:
        from linter.engine.parallel import lint_in_parallel

        yield from lint_in_parallel(files, config, processes)
        return
    for path, explicit in files:
        yield lint_file(path, config, explicit)


def _processes(files: list[tuple[str, bool]], jobs: Optional[int]) -> int:
    cpus = os.cpu_count() or 1
    if jobs is None:  # automatic: only when the work outweighs starting the workers
        if len(files) < PARALLEL_MIN_FILES and _size(files) < PARALLEL_MIN_BYTES:
            return 1
        jobs = cpus
    return max(1, min(jobs, cpus, len(files) // 4))  # a process per few files at most


def _size(files: list[tuple[str, bool]]) -> int:
    total = 0
    for path, _ in files:
        try:
            total += os.stat(path).st_size
        except OSError:
            pass
        if total >= PARALLEL_MIN_BYTES:
            break
    return total


@dataclass
class RunResult:
    findings: list[Finding] = field(default_factory=list)
    #: Files whose linting failed (a crash of a rule or of the linter): the run exits 2.
    errors: int = 0
    files: int = 0
    #: Of ``files``, those skipped (``FileResult.skipped``).
    skipped: int = 0
    #: Of ``skipped``, those whose reason only --verbose says.
    skipped_unsaid: int = 0
    clients: int = 0
    #: Path → digest of the text linted (``FileResult.digests``); None for a path whose text
    #: differed between two reads in this run (it changed while it was linted: never fixed).
    digests: dict = field(default_factory=dict)


def collect(results: Iterable[FileResult], ignores: Optional[PerFileIgnores] = None,
            on_file: Optional[Callable[[FileResult], None]] = None) -> RunResult:
    """The findings of every file (sorted, each once), per-file ignores applied; ``on_file`` sees
    each file's result as it arrives (for its notices and errors)."""
    run = RunResult()
    for result in results:
        run.files += 1
        run.skipped += result.skipped
        run.skipped_unsaid += result.skipped and not result.skip_said
        run.clients += result.clients
        run.findings.extend(ignores.keep(result.path, result.findings) if ignores else result.findings)
        run.errors += len(result.errors)
        for path, digest in result.digests.items():
            run.digests[path] = digest if run.digests.get(path, digest) == digest else None
        if on_file is not None:
            on_file(result)
    run.findings = deduplicated(run.findings)
    return run


def deduplicated(findings: list[Finding]) -> list[Finding]:
    """Sorted, and each finding once (a serverless include may be linted directly and through serverless.yml)."""
    unique: dict[tuple, Finding] = {}
    for f in sorted(findings, key=Finding.sort_key):
        unique.setdefault((f.file, f.span, f.rule_id, f.message), f)
    return list(unique.values())
