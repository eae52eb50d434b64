"""Per-file ignores: rule IDs (or prefixes) that the configuration turns off for files matching a
glob, relative to the configuration file's folder (``per-file-ignores: {"dev/*": [CG207]}``)."""
from __future__ import annotations

import fnmatch
import os
from typing import Optional


class PerFileIgnores:
    def __init__(self, patterns: dict[str, list[str]], base: Optional[str] = None):
        self.patterns = {pattern: [i.upper() for i in ids] for pattern, ids in patterns.items()}
        #: The folder the globs are relative to (the configuration file's; else the working directory).
        self.base = base

    def ignored_for(self, path: str) -> list[str]:
        if not self.patterns:
            return []
        relative = os.path.relpath(os.path.abspath(path), self.base or os.getcwd()).replace(os.sep, "/")
        name = os.path.basename(path)
        return [rule_id for pattern, ids in self.patterns.items()
                if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(name, pattern) for rule_id in ids]

    def keep(self, path: str, findings: list) -> list:
        """``findings`` of ``path`` without those its ignores turn off."""
        ignored = self.ignored_for(path)
        if not ignored:
            return findings
        return [f for f in findings if not any(f.rule_id.startswith(i) for i in ignored)]
