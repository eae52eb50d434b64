"""Finding the rules: the ``cognito_lint.rules`` entry-point group and ``--rules-dir`` folders.

Built-in rules are registered through the same entry-point group a third-party package uses
(see ``pyproject.toml``), so every run exercises the plugin path.
"""
from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from typing import Iterable, Optional

from linter.rule import Rule, RuleError

ENTRY_POINT_GROUP = "cognito_lint.rules"


def _entry_points():
    from importlib.metadata import entry_points

    return entry_points(group=ENTRY_POINT_GROUP)


def load_rules(rules_dirs: Iterable[str] = ()) -> dict[str, Rule]:
    """Every rule by ID, built-in and plugin ones first, then rules folders (which may override)."""
    rules: dict[str, Rule] = {}
    for entry_point in sorted(_entry_points(), key=lambda ep: ep.name):
        dist = getattr(entry_point, "dist", None)
        origin = dist.name if dist is not None else entry_point.value
        try:
            module = importlib.import_module(entry_point.value.split(":")[0])
        except Exception as exc:  # a broken plugin must not take the linter down
            raise RuleError(f"cannot load rule {entry_point.name} from {origin}: {exc}") from exc
        _add(rules, Rule.from_module(module, "built-in" if origin == "cognito-lint" else origin))
    for folder in rules_dirs:
        for module in _modules_in(folder):
            _add(rules, Rule.from_module(module, folder), replace=True)
    return rules


def _add(rules: dict[str, Rule], rule: Rule, replace: bool = False) -> None:
    if rule.id in rules and not replace and rules[rule.id].origin != rule.origin:
        raise RuleError(f"rule {rule.id} is defined twice ({rules[rule.id].origin} and {rule.origin})")
    rules[rule.id] = rule


def _modules_in(folder: str):
    if not os.path.isdir(folder):
        raise RuleError(f"rules folder not found: {folder}")
    for filename in sorted(os.listdir(folder)):
        if not filename.endswith(".py") or filename.startswith("_"):
            continue
        path = os.path.join(folder, filename)
        name = f"cognito_lint_user_rules.{os.path.basename(os.path.abspath(folder))}.{filename[:-3]}"
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None or spec.loader is None:
            raise RuleError(f"{path}: cannot import")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except Exception as exc:
            raise RuleError(f"{path}: cannot import: {type(exc).__name__}: {exc}") from exc
        if not hasattr(module, "ID"):
            continue  # a helper module, not a rule
        yield module


def select_rules(rules: dict[str, Rule], select: Optional[list[str]], ignore: Optional[list[str]]) -> dict[str, Rule]:
    """Rules whose ID starts with a ``select`` prefix (all if none) and with no ``ignore`` prefix.

    Raises ValueError naming a prefix that matches no rule (a typo should not silently do nothing)."""
    for prefix in (select or []) + (ignore or []):
        if not any(rule_id.startswith(prefix.upper()) for rule_id in rules):
            raise ValueError(f"unknown rule ID or prefix: {prefix}")
    chosen = {}
    for rule_id, rule in rules.items():
        if select and not any(rule_id.startswith(p.upper()) for p in select):
            continue
        if ignore and any(rule_id.startswith(p.upper()) for p in ignore):
            continue
        chosen[rule_id] = rule
    return chosen
