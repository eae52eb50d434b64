"""Finding the rules: the built-in ones by listing their package, other packages' through the
``cognito_lint.rules`` entry-point group, ``--rules-dir`` folders, and the configuration's policies.

A built-in rule is one module in ``rules/`` (installed as ``linter.rules``) whose file name starts
with its ID in lower case (``cg201_default_redirect_not_in_callbacks.py``): listing the folder
names every rule without importing any, and in an editable install a new file is a new rule at once.
"""
from __future__ import annotations

import importlib
import importlib.util
import os
import re
import sys
from collections.abc import Mapping
from typing import Callable, Iterable, Iterator, NamedTuple, Optional

from linter.rule import Rule, RuleError

ENTRY_POINT_GROUP = "cognito_lint.rules"
BUILTIN_PACKAGE = "linter.rules"
_BUILTIN_MODULE = re.compile(r"^([a-z]+[0-9]+)_\w+\.py$")


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

    def check_ids(self) -> None:
        """List every rule's ID now (importing no rule): an ID two rules claim raises RuleError here,
        before any file is read, not when the first client is linted."""
        self._table()

    def subset(self, ids: Iterable[str]) -> "RuleTable":
        table = self._table()
        subset = RuleTable({i: table[i] for i in ids})
        subset._rules = {i: r for i, r in self._rules.items() if i in subset._table()}
        return subset


def load_rules(rules_dirs: Iterable[str] = (), policies: Iterable[Rule] = ()) -> RuleTable:
    """Every rule by ID: built-in and plugin ones (entry points), rules folders and the
    configuration's declarative policies.  An ID is one rule's: a second rule with it is an error
    (a rule folder cannot quietly replace a built-in check; ``--ignore`` turns one off)."""
    folders = list(dict.fromkeys(os.path.realpath(folder) if os.path.isdir(folder) else folder
                                 for folder in rules_dirs))  # a folder given twice (r, ./r/, a link) is one
    extra = {}
    for folder in folders:  # user folders are imported now: their errors are usage errors
        for module in _modules_in(folder):
            rule = Rule.from_module(module, folder)
            if rule.id in extra:
                raise RuleError(f"{module.__file__}: rule {rule.id} has the ID of another rule in a rules folder")
            extra[rule.id] = (lambda r=rule: r)
    declared = {policy.id: policy for policy in policies}

    def discover() -> dict[str, Callable[[], Rule]]:
        loaders: dict[str, Callable[[], Rule]] = builtin_rules()
        for entry_point in _entry_points():
            if entry_point.name in loaders:
                raise RuleError(f"rule {entry_point.name} of {_origin(entry_point)} has the ID of another rule")
            loaders[entry_point.name] = (lambda ep=entry_point: _load_entry_point(ep))
        for rule_id, load in extra.items():
            if rule_id in loaders:
                raise RuleError(f"{load().module.__file__}: rule {rule_id} has the ID of a built-in or plugin rule; "
                                f"choose another ID")
            loaders[rule_id] = load
        for rule_id, policy in declared.items():
            if rule_id in loaders:
                raise RuleError(f"{policy.origin}: policy {rule_id} has the ID of a rule; choose another ID")
            loaders[rule_id] = (lambda r=policy: r)
        return loaders

    return RuleTable(discover=discover)


def builtin_rules() -> dict[str, Callable[[], Rule]]:
    """Rule ID → loader of every module in the built-in rules package."""
    try:
        import linter.rules
    except ImportError:  # run from a source checkout's root without installing: rules/ is not linter.rules
        raise RuleError("the built-in rules are not installed with this copy of linter: install the package "
                        "(pip install -e .), or run cognito-lint from outside the source folder") from None
    loaders: dict[str, Callable[[], Rule]] = {}
    for folder in linter.rules.__path__:
        for filename in sorted(os.listdir(folder)):
            match = _BUILTIN_MODULE.match(filename)
            if match:
                rule_id = match.group(1).upper()
                loaders[rule_id] = (lambda r=rule_id, m=f"{BUILTIN_PACKAGE}.{filename[:-3]}": _load_builtin(r, m))
    return loaders


def _load_builtin(rule_id: str, module_name: str) -> Rule:
    module = importlib.import_module(module_name)
    rule = Rule.from_module(module, "built-in")
    if rule.id != rule_id:
        raise RuleError(f"{module.__file__}: the file name says {rule_id} but the module's ID is {rule.id}")
    return rule


class EntryPoint(NamedTuple):
    """One ``name = module:attr`` line of a distribution's entry_points.txt."""

    name: str
    value: str
    #: The distribution's name (read from its metadata only when a message needs it).
    dist_name: Callable[[], str]


def _entry_points() -> list[EntryPoint]:
    """The group's entry points from every installed distribution, as importlib.metadata finds them.

    Importing importlib.metadata and letting it read every distribution costs ~20 ms, more than
    linting a small file; reading the ``entry_points.txt`` files directly costs ~1 ms.  Where a
    layout is beyond this reader (a zip on sys.path, a meta-path finder that provides
    distributions), importlib.metadata does it.  tests/engine/test_registry.py checks both agree.
    """
    found = _entry_points_from_folders()
    if found is None:
        found = _entry_points_from_importlib()
    return found


def _entry_points_from_importlib() -> list[EntryPoint]:
    from importlib.metadata import entry_points

    return [EntryPoint(ep.name, ep.value, lambda ep=ep: ep.dist.name if ep.dist is not None else ep.value)
            for ep in entry_points(group=ENTRY_POINT_GROUP)]


_DIST_FOLDER = re.compile(r"^([^-]+)-.*\.(?:dist-info|egg-info)$|^([^-]+)\.egg-info$", re.IGNORECASE)


def _entry_points_from_folders() -> Optional[list[EntryPoint]]:
    """None when some sys.path entry or finder needs importlib.metadata's full search."""
    from importlib.machinery import PathFinder

    if [finder for finder in sys.meta_path if hasattr(finder, "find_distributions")] != [PathFinder]:
        return None
    found: list[EntryPoint] = []
    seen: set[str] = set()  # like importlib.metadata: the first distribution of a name on sys.path wins
    for entry in sys.path:
        folder = entry or "."
        if not os.path.isdir(folder):
            if os.path.exists(folder):
                return None  # a zip file or egg
            continue
        for name in sorted(os.listdir(folder)):
            match = _DIST_FOLDER.match(name)
            if not match:
                continue
            dist = re.sub(r"[-_.]+", "_", match.group(1) or match.group(2)).lower()
            if dist in seen:
                continue
            seen.add(dist)
            found.extend(_read_entry_points(os.path.join(folder, name)))
    return found


def _read_entry_points(dist_folder: str) -> list[EntryPoint]:
    """The group's lines of one entry_points.txt (an INI file: ``[group]`` then ``name = value``)."""
    try:
        with open(os.path.join(dist_folder, "entry_points.txt"), encoding="utf-8") as file:
            lines = file.read().splitlines()
    except OSError:  # no such file (most distributions), or not a folder
        return []
    found, in_group = [], False
    for line in lines:
        line = line.strip()
        if line.startswith("["):
            in_group = line == f"[{ENTRY_POINT_GROUP}]"
        elif in_group and "=" in line and not line.startswith(("#", ";")):
            name, _, value = line.partition("=")
            found.append(EntryPoint(name.strip(), value.strip(), lambda: _dist_name(dist_folder)))
    return found


def _dist_name(dist_folder: str) -> str:
    """The ``Name:`` of a dist-info's METADATA (an egg-info's PKG-INFO), else the folder's name."""
    for filename in ("METADATA", "PKG-INFO"):
        try:
            with open(os.path.join(dist_folder, filename), encoding="utf-8") as file:
                for line in file:
                    if line.lower().startswith("name:"):
                        return line.split(":", 1)[1].strip()
                    if not line.strip():
                        break  # end of the headers
        except OSError:
            continue
    return os.path.basename(dist_folder).split("-")[0]


def _load_entry_point(entry_point) -> Rule:
    origin = _origin(entry_point)
    try:
        module = importlib.import_module(entry_point.value.split(":")[0])
    except (Exception, SystemExit) as exc:  # a broken plugin is reported, not a traceback
        raise RuleError(f"cannot load rule {entry_point.name} from {origin}: {type(exc).__name__}: {exc}") from exc
    rule = Rule.from_module(module, origin)
    if rule.id != entry_point.name:
        raise RuleError(f"{origin}: entry point {entry_point.name} loads a rule with ID {rule.id}")
    return rule


def _origin(entry_point: EntryPoint) -> str:
    """The name of the distribution providing a rule."""
    return entry_point.dist_name()


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
        except (Exception, SystemExit) as exc:
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
