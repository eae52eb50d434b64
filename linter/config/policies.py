"""Declarative organization policies: rules written in the configuration file instead of Python.

```yaml
policies:
  - id: ACME001
    name: prod-clients-code-flow-only
    level: error                       # error | warning (default) | note
    summary: Production clients use the authorization code flow only.
    when:                              # optional: the clients the policy is about
      ClientName: {matches: "prod-.*"}
    require:                           # every condition must hold
      AllowedOAuthFlows: {only: [code]}
      PreventUserExistenceErrors: {equals: ENABLED}
      AccessTokenValidity: {max: 1h}
```

A field is an app-client field (API names, ``TokenValidityUnits.AccessToken`` for a structure
member) or ``kind`` (the input kind).  A condition is read on the field's *effective* value: an
omitted field has the service's default (``PreventUserExistenceErrors`` omitted is ``LEGACY``), and
the three token validities compare as durations (``max: 1h`` is 60 minutes whatever the units).
Unknown values never fail a condition, and a client whose ``when`` cannot be decided is skipped.
A policy becomes a :class:`~linter.rule.Rule`: ``--select``, levels, suppressions and baselines
treat it like any rule.
"""
from __future__ import annotations

import functools
import re
from typing import Any, Iterator, Optional

import regex

from linter.model import CLIENT_FIELDS, AppClient, Unknown, is_known
from linter.model.service import SECRET_FIELDS, STRUCTURE_MEMBERS, VALIDITY_TOKENS
from linter.rule import Problem, Rule, RuleError

#: Condition operators and how documentation says them.
OPERATORS = {
    "present": "is set", "equals": "equals", "one_of": "is one of", "not_one_of": "is none of",
    "only": "has only", "contains": "contains", "matches": "matches", "not_matches": "does not match",
    "min": "is at least", "max": "is at most",
}
_DURATION = re.compile(r"^\s*([0-9]+)\s*(s|m|h|d)\s*$")
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_KIND = "kind"


class PolicyError(ValueError):
    """A policy that cannot be used (unknown field, bad operand): a usage error naming it."""


def known_fields() -> set[str]:
    fields = set(CLIENT_FIELDS) - set(STRUCTURE_MEMBERS) | {_KIND}
    return fields | {f"{name}.{member}" for name, members in STRUCTURE_MEMBERS.items() for member in members}


def duration_seconds(value: Any) -> Optional[int]:
    """``"15m"`` → 900; None when ``value`` is not a duration."""
    match = _DURATION.match(value) if isinstance(value, str) else None
    return int(match.group(1)) * _SECONDS[match.group(2)] if match else None


def check_spec(where: str, conditions: dict[str, dict[str, Any]]) -> None:
    """Raise PolicyError for a field the model does not have or an operand of the wrong shape."""
    fields = known_fields()
    for field, condition in conditions.items():
        if field not in fields:
            raise PolicyError(f"{where}.{field}: unknown field (use the API's names, e.g. AllowedOAuthFlows, "
                              "TokenValidityUnits.AccessToken, or kind)")
        for operator, operand in condition.items():
            if operator in ("min", "max") and field in VALIDITY_TOKENS and duration_seconds(operand) is None:
                raise PolicyError(f"{where}.{field}.{operator}: give a duration such as 15m, 1h or 30d")
            if operator in ("min", "max") and field not in VALIDITY_TOKENS and not _is_number(operand):
                raise PolicyError(f"{where}.{field}.{operator}: give a number, not {operand!r}")
            if operator in ("matches", "not_matches"):
                try:
                    _pattern(operand)
                except (regex.error, OverflowError, ValueError, RecursionError) as exc:
                    raise PolicyError(f"{where}.{field}.{operator}: not a regular expression: {exc}") from None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def check_ids(specs: list) -> None:
    """Raise PolicyError when two policies share an ID (one would silently replace the other)."""
    seen: set[str] = set()
    for spec in specs:
        if spec.id in seen:
            raise PolicyError(f"policy ID {spec.id} is used twice; give each policy its own ID")
        seen.add(spec.id)


def to_rule(spec: Any, config_path: str) -> Rule:
    """A :class:`Rule` from a validated policy (``linter.config.schema.PolicySpec``) of a config file."""
    when = {field: condition.operands() for field, condition in spec.when.items()}
    require = {field: condition.operands() for field, condition in spec.require.items()}

    def check(client: AppClient, options: dict) -> Iterator[Problem]:
        if not all(_holds_for_certain(client, field, ops) for field, ops in when.items()):
            return
        for field, operators in require.items():
            for operator, operand in operators.items():
                for path, detail in _violations(client, field, operator, operand):
                    if _is_secret(field):  # neither the value nor the operand is ever shown
                        detail = f"{client.wording.name(field)} breaks '{operator}'"
                    text = spec.message or spec.summary
                    yield Problem(path, f"{detail}: {text} (policy {spec.id})")

    docs = _docs(spec, when, require, config_path)
    return Rule(id=spec.id, name=spec.name, level=spec.level, summary=spec.summary, docs=docs, check=check,
                tags=tuple(spec.tags), origin=f"policy in {config_path}")


# --- reading values ---------------------------------------------------------------------------------

def _value(client: AppClient, field: str) -> Any:
    """The effective value: service defaults applied, None when omitted without a default."""
    if field == _KIND:
        return client.kind
    if "." in field:
        structure, member = field.split(".", 1)
        value = getattr(client, structure)
        if isinstance(value, Unknown):
            return value
        return getattr(value, member) if value is not None else None
    return client.effective(field)


def _holds_for_certain(client: AppClient, field: str, operators: dict) -> bool:
    """A ``when`` condition: True only when it certainly holds (unknown: the policy does not apply)."""
    for operator, operand in operators.items():
        if operator == "present":
            if _is_present(client, field) is not operand:
                return False
            continue
        value = _value(client, field)
        if not is_known(value) or value is None:
            return False
        if list(_violations(client, field, operator, operand)):
            return False
    return True


def _is_present(client: AppClient, field: str) -> bool:
    top = field.split(".", 1)[0]
    if field == _KIND:
        return True
    if top not in client.present:
        return False
    return "." not in field or _value(client, field) is not None


def _violations(client: AppClient, field: str, operator: str, operand: Any) -> Iterator[tuple[tuple, str]]:
    """(client path, what is wrong) for each way ``field`` breaks ``operator: operand``."""
    path = tuple(field.split("."))
    named = field if field == _KIND else client.wording.name(field)
    if operator == "present":
        present = _is_present(client, field)
        if present is not operand and not isinstance(getattr(client, path[0], None), Unknown):
            yield path, f"{named} is {'omitted' if operand else 'set'}"
        return
    value = _value(client, field)
    if isinstance(value, Unknown):
        return
    if value is None:  # omitted, and the service has no default for it
        if operator in ("contains", "equals", "one_of"):
            yield path, f"{named} is omitted"
        return
    shown = _shown(client, field, value)
    if operator in ("min", "max") and field in VALIDITY_TOKENS:
        seconds = client.validity_seconds(VALIDITY_TOKENS[field])
        limit = duration_seconds(operand)
        if seconds is not None and (seconds < limit if operator == "min" else seconds > limit):
            yield path, f"{named} is {_duration_text(seconds)}, {'under' if operator == 'min' else 'over'} {operand}"
        return
    if isinstance(value, list):
        yield from _list_violations(path, named, value, operator, operand)
        return
    if operator == "equals" and value != operand:
        yield path, f"{named} is {shown}, not {operand}"
    elif operator == "one_of" and value not in operand:
        yield path, f"{named} is {shown}, not one of {', '.join(map(str, operand))}"
    elif operator == "not_one_of" and value in operand:
        yield path, f"{named} is {shown}"
    elif operator in ("matches", "not_matches") and isinstance(value, str):
        if (_fullmatch(operand, value) is None) == (operator == "matches"):
            yield path, f"{named} {shown} {'does not match' if operator == 'matches' else 'matches'} {operand}"
    elif operator in ("min", "max") and isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < operand if operator == "min" else value > operand:
            yield path, f"{named} is {value}, {'under' if operator == 'min' else 'over'} {operand}"


def _list_violations(path: tuple, named: str, items: list, operator: str, operand: Any) -> Iterator[tuple[tuple, str]]:
    if operator == "contains":
        if all(isinstance(item, str) for item in items):
            for wanted in operand if isinstance(operand, list) else [operand]:
                if wanted not in items:
                    yield path, f"{named} does not contain {wanted}"
        return
    for index, item in enumerate(items):
        if not isinstance(item, str):
            continue
        if operator == "only" and item not in operand:
            yield path + (index,), f"{named} has {item}, not one of {', '.join(map(str, operand))}"
        elif operator == "not_one_of" and item in operand:
            yield path + (index,), f"{named} has {item}"
        elif operator in ("matches", "not_matches"):
            if (_fullmatch(operand, item) is None) == (operator == "matches"):
                yield path + (index,), (f"{named} entry {item!r} "
                                        f"{'does not match' if operator == 'matches' else 'matches'} {operand}")


#: How long one match of a policy's pattern may take.  The configuration may come with the pull
#: request being linted: a pattern that backtracks for minutes must not hold the run.
MATCH_SECONDS = 0.5


@functools.lru_cache(maxsize=256)
def _pattern(text: str):
    return regex.compile(text)


def _fullmatch(pattern: str, value: str):
    try:
        return _pattern(pattern).fullmatch(value, timeout=MATCH_SECONDS)
    except TimeoutError:
        raise RuleError(f"the policy pattern {pattern!r} took more than {MATCH_SECONDS} s on one value; "
                        "simplify it (nested repetition such as (a+)+ backtracks)") from None


def _is_secret(field: str) -> bool:
    return field.split(".", 1)[0] in SECRET_FIELDS


def _shown(client: AppClient, field: str, value: Any) -> str:
    top = field.split(".", 1)[0]
    return f"{value} (the default: it is omitted)" if top not in client.present and field != _KIND else str(value)


def _duration_text(seconds: int) -> str:
    for unit, size in (("days", 86400), ("hours", 3600), ("minutes", 60)):
        if seconds % size == 0:
            return f"{seconds // size} {unit}"
    return f"{seconds} seconds"


# --- documentation ----------------------------------------------------------------------------------

def _docs(spec: Any, when: dict, require: dict, config_path: str) -> str:
    def condition(field: str, op: str, operand: Any) -> str:
        if op == "present":
            return f"- `{field}` {'is set' if operand else 'is omitted'}"
        if _is_secret(field):
            return f"- `{field}` {OPERATORS[op]} (the operand is not shown: the field holds a secret)"
        return f"- `{field}` {OPERATORS[op]} `{operand}`"

    def conditions(table: dict) -> str:
        return "\n".join(condition(field, op, operand) for field, ops in table.items() for op, operand in ops.items())

    applies = f"Applies to clients where:\n{conditions(when)}\n\n" if when else "Applies to every client.\n\n"
    text = (f"{spec.summary}\n\n## What it does\nAn organization policy, defined in {config_path}. {applies}"
            f"Requires:\n{conditions(require)}\n\nOmitted fields count with the service's defaults; "
            "unknown values (unresolved references, variables) never break the policy.")
    if spec.description:
        text += f"\n\n## Why it matters\n{spec.description.strip()}"
    return text
