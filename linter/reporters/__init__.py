"""Reporters: findings (+ rule metadata) → text, JSON, SARIF, GitHub annotations, GitLab Code
Quality, JUnit XML or reviewdog's rdjson.

Each format is one module with ``render(findings, rules, run) -> str``; the CLI imports only the
one it needs (SARIF pulls in sarif-om, which is slow to import).
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Optional

FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit", "rdjson")


@dataclass
class RunInfo:
    """Facts about the run that reporters may show."""

    files: int = 0
    #: Of ``files``, those skipped (not an input, or no app client in them).
    skipped: int = 0
    #: Of ``skipped``, those whose reason only --verbose says.
    skipped_unsaid: int = 0
    clients: int = 0
    color: bool = False
    #: ``--verbose``: the skipped files were named on stderr.
    verbose: bool = False
    quiet: bool = False
    show_source: bool = True
    sarif_category: str = "cognito-lint"
    #: ``--unsafe-fixes`` was given (the text summary says which flag fixes what).
    unsafe_fixes: bool = False
    notices: list = field(default_factory=list)
    #: ``cognito-lint audit``: the user pools read (None: a lint of files).
    user_pools: Optional[int] = None


def render(fmt: str, findings, rules, run: RunInfo) -> str:
    module = importlib.import_module(f"linter.reporters.{fmt}_format")
    return module.render(findings, rules, run)
