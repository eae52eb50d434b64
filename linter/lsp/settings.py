"""The configuration each open document is linted with.

Found from the document's folder by walking up, as the command line finds it from the working
directory (``--config FILE`` given to ``cognito-lint lsp`` names one for every document); loaded
with its policies as the command line loads it (:mod:`linter.project`), kept, and loaded again
when the file's modification time or size changes or the client says it changed.  A
configuration that does not load is reported once (``error``) and the defaults are used.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import Optional

from linter import project
from linter.config import files as config_files
from linter.engine.lint import LintConfig
from linter.engine.per_file_ignores import PerFileIgnores
from linter.rule import RuleError


@dataclass
class Settings:
    lint: LintConfig
    ignores: PerFileIgnores
    rules: object  # every rule (a RuleTable), for rule metadata
    #: The configuration file used (None: the defaults).
    path: Optional[str]
    #: Why the configuration file could not be used, if so (the defaults are used instead).
    error: Optional[str] = None
    stamp: tuple = ()


class SettingsCache:
    def __init__(self, config_file: Optional[str] = None, rules_dirs: tuple[str, ...] = ()):
        self.config_file = config_file
        self.rules_dirs = tuple(rules_dirs)
        self._cache: dict[Optional[str], Settings] = {}
        self._lock = threading.Lock()

    def for_document(self, path: str) -> Settings:
        """The settings for a document at ``path`` (which need not exist on disk)."""
        config_path = self.config_file or config_files.find(os.path.dirname(os.path.abspath(path)))
        stamp = _stamp(config_path)
        with self._lock:
            cached = self._cache.get(config_path)
        if cached is not None and cached.stamp == stamp:
            return cached
        settings = self._load(config_path)
        settings.stamp = stamp
        with self._lock:
            self._cache[config_path] = settings
        return settings

    def forget(self) -> None:
        """Load every configuration again when next used (the client saw a configuration file change)."""
        with self._lock:
            self._cache.clear()

    def _load(self, config_path: Optional[str]) -> Settings:
        try:
            return _settings(self.rules_dirs, config_path)
        except (RuleError, ValueError, config_files.ConfigError) as exc:
            error = str(exc)
        try:
            settings = _settings(self.rules_dirs, None)
        except (RuleError, ValueError, config_files.ConfigError) as exc:  # a --rules-dir folder is broken
            settings = _settings((), None)
            error = f"{error}; {exc}" if config_path else str(exc)
        settings.error = error
        return settings


def _settings(rules_dirs, config_path: Optional[str]) -> Settings:
    settings, rules = project.rule_table(rules_dirs, config_path)
    lint = project.lint_config(settings, rules)
    ignores = PerFileIgnores(settings.per_file_ignores, config_files.config_folder(settings))
    return Settings(lint, ignores, rules, settings.path)


def _stamp(path: Optional[str]) -> tuple:
    if path is None:
        return ()
    try:
        status = os.stat(path)
    except OSError:
        return ("missing",)
    return (status.st_mtime_ns, status.st_size)
