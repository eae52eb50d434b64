"""Configuration files: ``.cognito-lint.yaml`` or ``[tool.cognito-lint]`` in ``pyproject.toml``.

Found by walking up from the current directory (the first folder holding either wins; in one
folder ``.cognito-lint.yaml`` comes first), or named with ``--config``.  Validated with pydantic:
an unknown key or a bad value is a usage error naming the key and the file.  Command-line flags
override the file.
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:
    from linter.config.schema import Settings

CONFIG_FILE = ".cognito-lint.yaml"


class ConfigError(Exception):
    pass


def find(start: str) -> Optional[str]:
    """The nearest config file at or above ``start``."""
    directory = os.path.abspath(start)
    while True:
        candidate = os.path.join(directory, CONFIG_FILE)
        if os.path.isfile(candidate):
            return candidate
        pyproject = os.path.join(directory, "pyproject.toml")
        if os.path.isfile(pyproject) and _has_tool_section(pyproject):
            return pyproject
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


class Defaults:
    """The settings when there is no configuration file (no pydantic import needed)."""

    select: list = []
    ignore: list = []
    per_file_ignores: dict = {}
    levels: dict = {}
    fail_on = None
    exclude: list = []
    rules: dict = {}
    policies: list = []
    path = None


def load(path: Optional[str]):
    """The settings of ``path``, or :class:`Defaults` when there is no configuration file."""
    if path is None:
        return Defaults()
    # pydantic is imported only when there is a config file: a run without one starts faster.
    from pydantic import ValidationError

    from linter.config.schema import Settings

    if not os.path.isfile(path):
        raise ConfigError(f"config file not found: {path}")
    data = _read(path)
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of settings")
    if "path" in data:
        raise ConfigError(f"{path}: path: unknown key")
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"])
        what = "unknown key" if error["type"] == "extra_forbidden" else error["msg"]
        raise ConfigError(f"{path}: {where}: {what}") from None
    settings.path = path
    return settings


def _read(path: str) -> Any:
    from linter.parsers.document import ParseError
    from linter.parsers.yaml_document import YamlDocument

    try:
        if os.path.basename(path) == "pyproject.toml":
            import tomllib

            with open(path, "rb") as handle:
                tool = tomllib.load(handle).get("tool", {})
            return tool.get("cognito-lint", {}) if isinstance(tool, dict) else {}
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        return YamlDocument.parse(path, text).data or {}
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror or exc}") from None
    except ValueError as exc:  # tomllib.TOMLDecodeError
        raise ConfigError(f"{path}: {exc}") from None
    except ParseError as exc:
        raise ConfigError(f"{path}:{exc.line}:{exc.column}: {exc.message}") from None


def _has_tool_section(path: str) -> bool:
    try:
        with open(path, encoding="utf-8") as handle:
            return "[tool.cognito-lint" in handle.read()
    except OSError:
        return False


def validate_rules(settings: "Settings", rules: dict) -> dict[str, dict[str, Any]]:
    """Per-rule options, checked against each rule's OPTIONS (unknown rule or option: an error);
    the rule IDs and prefixes of ``select``, ``ignore``, ``levels`` and ``per-file-ignores`` are
    checked too (an unknown one: an error naming the file and the key)."""
    options: dict[str, dict[str, Any]] = {}
    for rule_id, values in settings.rules.items():
        rule = rules.get(rule_id.upper())
        if rule is None:
            raise ConfigError(f"{settings.path}: rules.{rule_id}: unknown rule")
        for key, value in values.items():
            if key not in rule.options:
                known = ", ".join(sorted(rule.options)) or "none"
                raise ConfigError(f"{settings.path}: rules.{rule_id}.{key}: unknown option (options: {known})")
            default = rule.options[key]
            if default is not None and not _same_type(value, default):
                raise ConfigError(f"{settings.path}: rules.{rule_id}.{key}: expected {type(default).__name__}, "
                                  f"got {value!r}")
            problem = option_value_problem(key, value)
            if problem:
                raise ConfigError(f"{settings.path}: rules.{rule_id}.{key}: {problem}")
            options.setdefault(rule.id, {})[key] = value
    for rule_id, level in settings.levels.items():
        if rule_id.upper() not in rules:
            raise ConfigError(f"{settings.path}: levels.{rule_id}: unknown rule")
    lists = [("select", settings.select), ("ignore", settings.ignore)]
    lists += [(f"per-file-ignores.{pattern}", rule_ids) for pattern, rule_ids in settings.per_file_ignores.items()]
    for where, rule_ids in lists:
        for rule_id in rule_ids or []:
            if not any(known.startswith(rule_id.upper()) for known in rules):
                raise ConfigError(f"{settings.path}: {where}: unknown rule ID or prefix {rule_id}")
    return options


#: The endings of the names of options that are durations (``max-access-token-minutes``).
DURATION_UNITS = ("-seconds", "-minutes", "-hours", "-days")


def option_value_problem(key: str, value: Any) -> Optional[str]:
    """What is wrong with a rule option's value beyond its type, or None: a duration (an option
    named for its unit) must be a positive number (0 or less would flag every token)."""
    if key.endswith(DURATION_UNITS) and isinstance(value, (int, float)) and not isinstance(value, bool) and value <= 0:
        return f"expected a duration of 1 or more {key.rsplit('-', 1)[1]}, got {value!r}"
    return None


def _same_type(value: Any, default: Any) -> bool:
    """``value`` has the type of the option's default (a list: of the default's items' type, strings
    when the default is empty)."""
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(default, (list, tuple)):
        items = default[0] if default else ""
        return isinstance(value, list) and all(_same_type(item, items) for item in value)
    return isinstance(value, type(default))


def config_folder(settings) -> Optional[str]:
    """The folder the configuration's paths (per-file-ignores globs) are relative to."""
    return os.path.dirname(os.path.abspath(settings.path)) if settings.path else None
