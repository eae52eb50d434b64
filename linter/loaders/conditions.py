"""Which combinations of CloudFormation conditions (and of Terraform conditionals' conditions,
which ``linter.loaders.terraform`` writes in the same form) can actually occur.

Conditions are boolean expressions (``Fn::Equals``, ``Fn::Not``, ``Fn::And``, ``Fn::Or``,
``Condition``) over *comparisons*.  A comparison of two literals is a constant; a comparison of an
unknown value (``!Ref Env``) with a literal is free, except that one unknown value equals at most one
literal at a time (``Env`` cannot be both ``prod`` and ``dev``).  Enumerating the comparisons rather
than the condition names means ``IsProd`` and ``IsNotProd: !Not [!Condition IsProd]`` are never
both true, so no finding is reported for a combination that cannot be deployed.
"""
from __future__ import annotations

import itertools
import json
from typing import Any, Optional

#: More free comparisons than this and the conditions are left unknown (Fn::If becomes unknown).
MAX_COMBINATIONS = 64


def possible_assignments(names: list[str], definitions: dict) -> Optional[list[dict[str, bool]]]:
    """Every distinct assignment of ``names`` that some value of the unknowns produces.

    None when the conditions cannot be evaluated (undefined, cyclic, too many combinations)."""
    groups: dict[str, set[str]] = {}
    for name in names:
        if not _collect(definitions.get(name), definitions, groups, set()):
            return None
    choices = [[(subject, None)] + [(subject, v) for v in sorted(values)] for subject, values in sorted(groups.items())]
    total = 1
    for options in choices:
        total *= len(options)
    if total > MAX_COMBINATIONS:
        return None
    seen: list[dict[str, bool]] = []
    for combination in itertools.product(*choices):
        facts = dict(combination)
        assignment = {name: _evaluate(definitions[name], definitions, facts, set()) for name in names}
        if assignment not in seen:
            seen.append(assignment)
    return seen


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def _literal(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool)) and not isinstance(value, dict)


def _collect(expr: Any, definitions: dict, groups: dict[str, set[str]], visiting: set[str]) -> bool:
    """Record the free comparisons in ``expr``; False when it cannot be evaluated."""
    if isinstance(expr, bool):
        return True
    if not isinstance(expr, dict) or len(expr) != 1:
        return False
    fn, arg = next(iter(expr.items()))
    if fn == "Condition":
        if not isinstance(arg, str) or arg not in definitions or arg in visiting:
            return False
        return _collect(definitions[arg], definitions, groups, visiting | {arg})
    if fn == "Fn::Equals":
        if not (isinstance(arg, list) and len(arg) == 2):
            return False
        a, b = arg
        if _literal(a) and _literal(b):
            return True
        if _literal(b) or _literal(a):
            subject, value = (a, b) if _literal(b) else (b, a)
            groups.setdefault(_key(subject), set()).add(str(value))
        else:  # two unknowns: model the comparison as its own free subject
            groups.setdefault(_key(arg), set()).add("true")
        return True
    if fn in ("Fn::Not", "Fn::And", "Fn::Or"):
        return isinstance(arg, list) and all(_collect(a, definitions, groups, visiting) for a in arg)
    return False


def _evaluate(expr: Any, definitions: dict, facts: dict[str, Optional[str]], visiting: set[str]) -> bool:
    if isinstance(expr, bool):
        return expr
    fn, arg = next(iter(expr.items()))
    if fn == "Condition":
        return _evaluate(definitions[arg], definitions, facts, visiting | {arg})
    if fn == "Fn::Equals":
        a, b = arg
        if _literal(a) and _literal(b):
            return str(a) == str(b)
        if _literal(a) or _literal(b):
            subject, value = (a, b) if _literal(b) else (b, a)
            return facts.get(_key(subject)) == str(value)
        return facts.get(_key(arg)) == "true"
    if fn == "Fn::Not":
        return not _evaluate(arg[0], definitions, facts, visiting)
    if fn == "Fn::And":
        return all(_evaluate(a, definitions, facts, visiting) for a in arg)
    return any(_evaluate(a, definitions, facts, visiting) for a in arg)
