"""The schema walk shared by the rules CG002–CG007.

:func:`issues` walks ``client.raw`` (the properties as written, intrinsics resolved) against the
input kind's shapes in :mod:`linter.model.constraints` and returns every schema problem once, already
sorted into the rule that owns it.  Deciding in one place is what keeps "one problem, one finding":

* a name the kind does not define is CG002, unless the kind lists it as not settable (CG007);
* a value of the wrong type (``null`` included) is CG003 and nothing else: its length, range or
  enum membership is not checked;
* a length, pattern, numeric range or list size is CG004 (RefreshTokenValidity 0 never: CG303);
* a value outside an enum is CG005, unless CG007 covers it (``ALLOW_TOKEN_EXCHANGE_*`` in
  CloudFormation);
* a missing required property or structure member is CG006.

Values that cannot be judged are skipped: :class:`~linter.model.Unknown` and
:class:`~linter.model.Template` values, and strings that are only placeholders or carry a variable
that another tool substitutes before the service sees the text (:func:`is_placeholder`): the
``"?"`` of a ``--cli-input-json`` file to fill in, ``{{resolve:ssm:...}}``, envsubst's ``${VAR}``.

CloudFormation converts scalars the way cfn-lint's non-strict type check does: the strings
``"true"``/``"false"`` (any case) are booleans, a numeric string or an integral number is an
integer, and a number or boolean is a string.  API payloads get botocore's strict types.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Optional

from linter.model import Unknown, Wording
from linter.model import constraints
from linter.model.service import (CONSTRAINT_TABLE, LENIENT_KINDS, SECRET_FIELDS,
                                  TOKEN_EXCHANGE_PREFIX, VALIDITY_TOKENS)
from linter.model.wording import TARGETS

# --------------------------------------------------------------------------------------- naming

#: What a pattern means, for messages about common fields.
PATTERN_HINTS = {
    "UserPoolId": "a user pool ID looks like us-east-1_AbCdEf123",
    "ClientName": "use only ASCII letters, digits, spaces and + = , . @ - _",
    "ClientId": "a client ID has only ASCII letters, digits, _ and +",
    "ClientSecret": "a client secret has only ASCII letters, digits, _ and +",
    "AllowedOAuthScopes": "a scope is printable ASCII without spaces, \" or \\",
    "ApplicationId": "an Amazon Pinpoint project ID is hexadecimal",
    "ApplicationArn": "give a full ARN (arn:aws:mobiletargeting:REGION:ACCOUNT:apps/ID)",
    "RoleArn": "give a full IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)",
    "CallbackURLs": "a URL cannot contain spaces or control characters: percent-encode them",
    "LogoutURLs": "a URL cannot contain spaces or control characters: percent-encode them",
    "DefaultRedirectURI": "a URL cannot contain spaces or control characters: percent-encode them",
    "SupportedIdentityProviders": "a provider name cannot contain control characters",
}

# ---------------------------------------------------------------------------------- placeholders

# Text that a tool replaces before the service sees it: CloudFormation dynamic references and
# template engines `{{...}}` (any input), envsubst-style `${...}` (API payloads only: in a template
# `${...}` outside Fn::Sub reaches CloudFormation as literal text; the loader already turns
# serverless.yml variables into unknowns).
_DOUBLE_BRACES = re.compile(r"\{\{.*?\}\}")
_SHELL_VARIABLE = re.compile(r"\$\{[^{}]*\}")
# A whole value that only stands for one to fill in: `?`, `<your-pool-id>`, `$POOL_ID`.
_PLACEHOLDER = re.compile(r"\?+|<[^<>]+>|\$[A-Za-z_][A-Za-z0-9_]*")


def is_placeholder(text: str, kind: str = "api-create") -> bool:
    """True for a string that is not the value the service will see (see the comments above)."""
    if _PLACEHOLDER.fullmatch(text.strip()) or _DOUBLE_BRACES.search(text):
        return True
    return kind != "cloudformation" and bool(_SHELL_VARIABLE.search(text))


# ---------------------------------------------------------------------------------------- issues

@dataclass(frozen=True)
class Issue:
    """One schema problem: the rule that owns it, the client path, the message."""

    rule: str
    path: tuple
    message: str
    key: bool = False
    #: The safe fix, when there is one (a value of the right type or letter case).
    fix: Any = None


_cache: list = [None, ()]


def issues(client: Any) -> tuple[Issue, ...]:
    """Every schema problem of ``client`` (computed once per client, shared by the six rules)."""
    if _cache[0] is client:
        return _cache[1]
    found = tuple(_Walker(client.kind, client.wording).walk(client.raw))
    _cache[0], _cache[1] = client, found
    return found


def problems_for(rule_id: str, client: Any):
    """The :class:`~linter.rule.Problem` objects of one rule (what each rule's ``check`` yields)."""
    from linter.rule import Problem

    for issue in issues(client):
        if issue.rule == rule_id:
            yield Problem(issue.path, issue.message, key=issue.key, fix=issue.fix)


def show(text: str, limit: int = 60) -> str:
    """A string quoted for a message, escaped, and cut short when long."""
    if len(text) > limit:
        return _quote(text[:40]) + f"… ({len(text)} characters)"
    return _quote(text)


def _quote(text: str) -> str:
    return "'" + json.dumps(text, ensure_ascii=False)[1:-1].replace("\\\"", "\"") + "'"


def _field(path: tuple) -> Optional[str]:
    """The innermost property name of a path (``("CallbackURLs", 3)`` → ``CallbackURLs``)."""
    for step in reversed(path):
        if isinstance(step, str):
            return step
    return None


def _is_secret(path: tuple) -> bool:
    return any(step in SECRET_FIELDS for step in path if isinstance(step, str))


_TYPE_NAMES = {
    "string": "a string",
    "integer": "a whole number",
    "boolean": "a boolean (true or false)",
    "list": "a list",
    "structure": "a mapping",
    "timestamp": "a date-time (ISO 8601 string or epoch seconds)",
}


def _describe_value(value: Any, secret: bool) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return "a number" if secret else f"the number {value!r}"
    if isinstance(value, str):
        return "a string" if secret else f"the string {show(value)}"
    if isinstance(value, list):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


def _integral(value: Any) -> Optional[int]:
    """CloudFormation's reading of an integer: a number without fraction or a numeric string."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, str) and re.fullmatch(r"-?[0-9]{1,3999}", value.strip()):  # int() stops at 4,300 digits
        return int(value.strip())
    return None


def _cfn_text(value: Any) -> Optional[str]:
    """CloudFormation's reading of a string property given a scalar (None for containers)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return None


class _Walker:
    def __init__(self, kind: str, words: Wording):
        self.kind = kind
        self.table = CONSTRAINT_TABLE.get(kind, kind)
        self.cfn = kind == "cloudformation"
        #: CloudFormation and Terraform convert "true" and "60" to a boolean and a number.
        self.lenient = kind in LENIENT_KINDS
        self.words = words
        self.target = words.target
        self.out: list[Issue] = []

    def add(self, rule: str, path: tuple, message: str, key: bool = False, fix: Any = None) -> None:
        from linter.rule import Replacement

        self.out.append(Issue(rule, path, message, key, Replacement(fix) if fix is not None else None))

    # -- top level ------------------------------------------------------------------------------

    def walk(self, raw: Any) -> list[Issue]:
        if self.table not in constraints.TABLES or not isinstance(raw, dict):
            return []
        table = constraints.kind_table(self.table)
        properties = table["properties"]
        not_allowed = table["not_allowed"]
        for name, value in raw.items():
            path = (name,)
            if name in not_allowed:
                reason = not_allowed[name]
                verb = "" if reason.startswith("cannot") else "is "
                self.add("CG007", path, f"{self.words.name(name)} {verb}{reason}. Remove it.", key=True)
            elif name in properties:
                self.value(path, value, properties[name])
            else:
                self.add("CG002", path, self.unknown_top(name, properties), key=True)
        for name in table["required"]:
            if name not in raw:
                self.add("CG006", (name,), self.missing_top(name))
        return self.out

    def unknown_top(self, name: str, properties: dict) -> str:
        text = f"{self.words.name(name)} is not a property of {self.target}"
        guess = constraints.closest(name, properties)
        if guess and guess.lower() == name.lower():
            return f"{text}: names are case-sensitive, write {self.words.name(guess)}."
        elsewhere = self.defined_elsewhere(name)
        if elsewhere:
            return f"{text}; it belongs to {elsewhere}. Remove it."
        if guess:
            return f"{text}; did you mean {self.words.name(guess)}?"
        return f"{text}. Remove it, or check the spelling against the {self.target} reference."

    def defined_elsewhere(self, name: str) -> Optional[str]:
        """Another kind that defines ``name`` (e.g. Describe's CreationDate copied into a Create input)."""
        for table in constraints.TABLES:
            if table != self.table and name in constraints.kind_table(table)["properties"]:
                return TARGETS[table]
        return None

    def missing_top(self, name: str) -> str:
        shown = self.words.name(name)
        if name == "UserPoolId":
            return f"{self.target} requires {shown}, and it is missing: {self.words.add_user_pool_id()}."
        if name == "ClientName":
            return f"{self.target} requires {shown}, and it is missing: add a name for the app client."
        if name == "ClientId":
            return f"{self.target} requires {shown}, and it is missing: add the ID of the client to update."
        return f"{self.target} requires {shown}, and it is missing."

    # -- values --------------------------------------------------------------------------------

    def value(self, path: tuple, value: Any, shape: dict) -> None:
        if isinstance(value, Unknown):
            return
        if isinstance(value, str) and is_placeholder(value, self.kind):
            return
        if value is None:
            self.null(path)
            return
        kind = shape["type"]
        if kind == "structure":
            self.structure(path, value, shape)
        elif kind == "list":
            self.list(path, value, shape)
        elif kind == "string":
            text = _cfn_text(value) if self.lenient else (value if isinstance(value, str) else None)
            if text is None:
                self.wrong_type(path, value, shape)
            else:
                self.string(path, text, shape)
        elif kind == "integer":
            number = _integral(value) if self.lenient else (
                value if isinstance(value, int) and not isinstance(value, bool) else None)
            if number is None:
                self.wrong_type(path, value, shape)
            else:
                self.integer(path, number, shape)
        elif kind == "boolean":
            ok = isinstance(value, bool) or (self.lenient and isinstance(value, str)
                                              and value.lower() in ("true", "false"))
            if not ok:
                self.wrong_type(path, value, shape)
        elif kind == "timestamp":
            if not isinstance(value, (str, int, float)) or isinstance(value, bool):
                self.wrong_type(path, value, shape)

    def null(self, path: tuple) -> None:
        name = self.words.label(path)
        if self.cfn:
            why = "CloudFormation rejects it (\"'null' values are not allowed in templates\")"
        else:
            why = f"botocore rejects it (\"Invalid type for parameter {_field(path)}, value: None\")"
        self.add("CG003", path, f"{name} is null (no value); {why}. Give it a value or remove it.",
                 key=isinstance(path[-1], str))

    def wrong_type(self, path: tuple, value: Any, shape: dict) -> None:
        expected = shape["type"]
        name = self.words.label(path)
        message = f"{name} must be {_TYPE_NAMES[expected]}, not {_describe_value(value, _is_secret(path))}"
        fix = None  # the same value with the right type, when that is certain
        if expected == "boolean" and isinstance(value, str) and value.strip().lower() in ("true", "false"):
            message += f"; {self.target} does not take booleans as strings: write {value.strip().lower()} without quotes"
            fix = value.strip().lower() == "true"
        elif expected == "integer" and isinstance(value, str) and _integral(value) is not None:
            message += f"; {self.target} does not take numbers as strings: write {value.strip()} without quotes"
            fix = _integral(value)
        elif expected == "integer" and isinstance(value, float):
            message += "; only whole numbers are allowed"
            fix = int(value) if value.is_integer() else None
        elif expected == "list" and isinstance(value, str):
            message += "; put the value in a list" + (" (YAML: `- item` lines)" if self.cfn else " ([\"...\"])")
        elif expected == "boolean" and self.cfn and isinstance(value, str):
            message += "; CloudFormation takes true or false (or the strings \"true\"/\"false\")"
        self.add("CG003", path, message + ".", fix=None if _is_secret(path) else fix)

    def structure(self, path: tuple, value: Any, shape: dict) -> None:
        if not isinstance(value, dict):
            self.wrong_type(path, value, shape)
            return
        members = shape["members"]
        for key, item in value.items():
            if key in members:
                self.value(path + (key,), item, members[key])
                continue
            guess = constraints.closest(key, members)
            text = f"{self.words.label(path + (key,))} is not a field of {self.words.label(path)}"
            if guess:
                text += f"; did you mean {guess}?"
            else:
                text += f" (its fields: {', '.join(members)}). Remove it."
            self.add("CG002", path + (key,), text, key=True)
        for name in shape["required"]:
            if name not in value:
                self.add("CG006", path + (name,), self.missing_member(path, name, shape["members"][name]))

    def missing_member(self, path: tuple, name: str, member: dict) -> str:
        values = f" ({' or '.join(member['enum'])})" if member.get("enum") else ""
        return (f"{self.words.label(path)} requires {name}{values} in {self.target}, and it is missing: "
                f"add {self.words.label(path + (name,))}.")

    def list(self, path: tuple, value: Any, shape: dict) -> None:
        if not isinstance(value, list):
            self.wrong_type(path, value, shape)
            return
        size = len(value)
        low, high = shape.get("min"), shape.get("max")
        if high is not None and size > high:
            self.add("CG004", path, f"{self.words.label(path)} has {size} entries; {self.target} allows at most {high}. "
                                    f"Remove {size - high}.")
        elif low is not None and size < low:
            self.add("CG004", path, f"{self.words.label(path)} has {size} entries; {self.target} needs at least {low}.")
        for index, item in enumerate(value):
            self.value(path + (index,), item, shape["member"])

    def integer(self, path: tuple, number: int, shape: dict) -> None:
        if path == ("RefreshTokenValidity",) and number == 0:
            return  # CG303's in every kind (the API reads 0 as 30 days; CloudFormation's minimum is 1)
        low, high = shape.get("min"), shape.get("max")
        too_high = high is not None and number > high
        if too_high or (low is not None and number < low):
            hint = _unit_hint(path, self.words) if too_high else ""
            self.add("CG004", path, f"{self.words.label(path)} is {number}; {self.target} allows "
                                    f"{_range_text(low, high)}.{hint}")

    def string(self, path: tuple, text: str, shape: dict) -> None:
        if "enum" in shape:
            self.enum(path, text, shape)
            return
        secret = _is_secret(path)
        name = self.words.label(path)
        shown = "" if secret else " " + show(text)
        low, high = shape.get("min"), shape.get("max")
        problems = []
        if (low is not None and len(text) < low) or (high is not None and len(text) > high):
            what = "empty" if not text else f"{len(text)} characters long"
            problems.append(f"is {what}; {self.target} allows {_range_text(low, high)} characters")
        try:
            matches = constraints.pattern_matches(shape, text)
        except constraints.UnsupportedPattern:
            matches = True
        if not matches and not (problems and not text):
            hint = PATTERN_HINTS.get(_field(path) or "")
            problems.append(f"does not match the pattern {shape['pattern']}" + (f" ({hint})" if hint else ""))
        if problems:
            hint = " A ${...} outside Fn::Sub is literal text: use !Sub." if self.cfn and "${" in text else ""
            self.add("CG004", path, f"{name}{shown} " + ", and ".join(problems) + "." + hint)

    def enum(self, path: tuple, text: str, shape: dict) -> None:
        allowed = list(shape["enum"])
        if path[0] == "ExplicitAuthFlows":
            if text.startswith(TOKEN_EXCHANGE_PREFIX):
                if self.cfn:
                    self.add("CG007", path, f"{self.words.label(path)} is {text}: {self.target} does not support "
                                            "token-exchange flows yet, so CloudFormation cannot set it. Remove it; "
                                            "until the resource supports it, manage this flow outside CloudFormation.")
                    return
        if text in allowed:
            return
        same_letters = [a for a in allowed if a.lower() == text.strip().lower()]
        if len(same_letters) == 1:  # only the letter case (or spaces) is wrong: a safe fix
            self.add("CG005", path, f"{self.words.label(path)} is {show(text)}, which {self.target} does not accept: "
                                    f"values are case-sensitive, write {same_letters[0]}.", fix=same_letters[0])
            return
        guess = constraints.closest(text, allowed)
        message = f"{self.words.label(path)} is {show(text)}, which {self.target} does not accept"
        if guess and len(allowed) > 4:
            message += f"; did you mean {guess}?"
        else:
            message += f" (valid: {', '.join(allowed)})" + (f"; did you mean {guess}?" if guess else ".")
        self.add("CG005", path, message)


def _range_text(low: Optional[int], high: Optional[int]) -> str:
    if low is not None and high is not None:
        return f"{low}–{high}"
    if low is not None:
        return f"at least {low}"
    return f"at most {high}"


def _unit_hint(path: tuple, words: Wording) -> str:
    token = VALIDITY_TOKENS.get(path[0]) if len(path) == 1 else None
    if token is None:
        return ""
    return (f" The number is counted in the unit of {words.name('TokenValidityUnits.' + token)}; pick a larger "
            "unit rather than a larger number.")
