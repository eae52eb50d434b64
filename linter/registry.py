"""Finding the rules: the ``cognito_lint.rules`` entry-point group and ``--rules-dir`` folders.

Built-in rules are registered through the same entry-point group a third-party package uses
(see ``pyproject.toml``), so every run exercises the plugin path.
"""
from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from collections.abc import Mapping
from typing import Callable, Iterable, Iterator, Optional

from linter.rule import Rule, RuleError

ENTRY_POINT_GROUP = "cognito_lint.rules"


class RuleTable(Mapping):
    """Rules by ID, each imported on first use.

    Listing IDs needs only the entry points' names; a run over files that hold no app client
    imports no rule module at all.
    """

    def __init__(self, loaders: Optional[dict[str, Callable[[], Rule]]] = None,
                 discover: Optional[Callable[[], dict[str, Callable[[], Rule]]]] = None):
        self._loaders = loaders
        self._discover = discover
        self._rules: dict[str, Rule] = {}

    def _table(self) -> dict[str, Callable[[], Rule]]:
        if self._loaders is None:
            self._loaders = self._discover() if self._discover else {}
        return self._loaders

    def __getitem__(self, rule_id: str) -> Rule:
        if rule_id not in self._rules:
            self._rules[rule_id] = self._table()[rule_id]()
        return self._rules[rule_id]

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._table()

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._table()))

    def __len__(self) -> int:
        return len(self._table())

    def subset(self, ids: Iterable[str]) -> "RuleTable":
        table = self._table()
        subset = RuleTable({i: table[i] for i in ids})
        subset._rules = {i: r for i, r in self._rules.items() if i in subset._table()}
        return subset


def load_rules(rules_dirs: Iterable[str] = ()) -> RuleTable:
    """Every rule by ID: built-in and plugin ones (entry points), then rules folders (which may override)."""
    folders = list(rules_dirs)
    extra = {}
    for folder in folders:  # user folders are imported now: their errors are usage errors
        for module in _modules_in(folder):
            rule = Rule.from_module(module, folder)
            extra[rule.id] = (lambda r=rule: r)

    def discover() -> dict[str, Callable[[], Rule]]:
        loaders: dict[str, Callable[[], Rule]] = {}
        for entry_point in _entry_points():
            if entry_point.name in loaders:
                raise RuleError(f"rule {entry_point.name} is registered twice")
            loaders[entry_point.name] = (lambda ep=entry_point: _load_entry_point(ep))
        loaders.update(extra)
        return loaders

    return RuleTable(discover=discover)


def _entry_points():
    from importlib.metadata import entry_points

    return entry_points(group=ENTRY_POINT_GROUP)


def _load_entry_point(entry_point) -> Rule:
    origin = _origin(entry_point)
    try:
        module = importlib.import_module(entry_point.value.split(":")[0])
    except Exception as exc:  # a broken plugin is reported, not a traceback
        raise RuleError(f"cannot load rule {entry_point.name} from {origin}: {type(exc).__name__}: {exc}") from exc
    rule = Rule.from_module(module, origin)
    if rule.id != entry_point.name:
        raise RuleError(f"{origin}: entry point {entry_point.name} loads a rule with ID {rule.id}")
    return rule


def _origin(entry_point) -> str:
    """"built-in" for our own rules, else the distribution's name (reading it parses METADATA)."""
    if entry_point.value.startswith("linter.rules."):
        return "built-in"
    dist = getattr(entry_point, "dist", None)
    return dist.name if dist is not None else entry_point.value


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


def select_rules(rules: RuleTable, select: Optional[list[str]], ignore: Optional[list[str]]) -> RuleTable:
    """Rules whose ID starts with a ``select`` prefix (all if none) and with no ``ignore`` prefix.

    Raises ValueError naming a prefix that matches no rule (a typo should not silently do nothing)."""
    for prefix in (select or []) + (ignore or []):
        if not any(rule_id.startswith(prefix.upper()) for rule_id in rules):
            raise ValueError(f"unknown rule ID or prefix: {prefix}")
    if not select and not ignore:
        return rules
    chosen = []
    for rule_id in rules:
        if select and not any(rule_id.startswith(p.upper()) for p in select):
            continue
        if ignore and any(rule_id.startswith(p.upper()) for p in ignore):
            continue
        chosen.append(rule_id)
    return rules.subset(chosen)
