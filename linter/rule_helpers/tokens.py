"""Token validities as the token rules (CG301–CG309) see them: value, unit, seconds, and wording.

Everything here is built on :meth:`AppClient.token_unit` and :meth:`AppClient.validity_seconds`,
with one difference for an *omitted* validity: the service then applies its default duration (one
hour for access and ID tokens, 30 days for refresh tokens) whatever ``TokenValidityUnits`` says, so
an omitted value with ``TokenValidityUnits.AccessToken: seconds`` is one hour, not one second.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from linter.model import AppClient, Unknown, Wording
from linter.model.constraints import shape_for
from linter.model.service import (ALLOWED_VALIDITY_SECONDS, CONSTRAINT_TABLE, DEFAULT_VALIDITY_SECONDS,
                                  SECONDS_PER_UNIT, VALIDITY_FIELDS)

#: What each token is called in messages.
TOKEN_NAMES = {"AccessToken": "access token", "IdToken": "ID token", "RefreshToken": "refresh token"}

#: Raw integer ranges of the API when the service model has none (it normally has).
_FALLBACK_RAW = {"AccessToken": (1, 86400), "IdToken": (1, 86400), "RefreshToken": (0, 315360000)}

_UNITS_LARGEST_FIRST = ("days", "hours", "minutes", "seconds")


@dataclass(frozen=True)
class Validity:
    """One token's validity in a client, when it is known."""

    token: str
    #: The validity field's name (``AccessTokenValidity``).
    field: str
    #: The integer as written, or None when the field is omitted.
    value: Optional[int]
    #: The unit that applies to ``value`` (defaults applied).
    unit: str
    #: Where the unit comes from: ``"given"``, ``"no-units"`` (TokenValidityUnits omitted) or
    #: ``"no-key"`` (TokenValidityUnits without this token's key).
    unit_source: str
    #: The duration in seconds the service applies (an omitted value or refresh 0: the default).
    seconds: int
    #: The integer is inside the API's raw range for this input kind (CG004 reports the others).
    raw_ok: bool

    @property
    def present(self) -> bool:
        return self.value is not None

    @property
    def allowed(self) -> tuple[int, int]:
        return ALLOWED_VALIDITY_SECONDS[self.token]

    @property
    def in_allowed_range(self) -> bool:
        low, high = self.allowed
        return low <= self.seconds <= high

    @property
    def valid(self) -> bool:
        """Accepted by the service: inside the raw range and, after conversion, the allowed one.

        A refresh validity of 0 is never valid here: CG303 owns it.
        """
        if self.token == "RefreshToken" and self.value == 0:
            return False
        return self.raw_ok and self.in_allowed_range

    @property
    def path(self) -> tuple:
        return (self.field,)

    def statement(self, words: Wording) -> str:
        """``AccessTokenValidity 60 with no TokenValidityUnits is 60 hours`` and the like."""
        human = duration(self.seconds)
        field, units = words.name(self.field), words.name("TokenValidityUnits")
        if self.value is None:
            return f"{field} is omitted, so it is {human} (the service default)"
        if self.token == "RefreshToken" and self.value == 0:
            return f"{field} 0 stands for {human} (the service default)"
        if self.unit_source == "no-units":
            return f"{field} {self.value} with no {units} is {human}"
        if self.unit_source == "no-key":
            return f"{field} {self.value} with no {words.name('TokenValidityUnits.' + self.token)} is {human}"
        if human == duration(self.value * SECONDS_PER_UNIT[self.unit], self.unit):
            return f"{field} is {human}"
        return f"{field} {self.value} in {self.unit} is {human}"


def longer_than(client: AppClient, names: tuple[str, ...], limit_seconds: int) -> list[Validity]:
    """Valid (accepted by the service) validities among ``names`` that exceed ``limit_seconds``."""
    found = []
    for token in names:
        item = validity(client, token)
        if item is not None and item.valid and item.seconds > limit_seconds:
            found.append(item)
    return found


def validity(client: AppClient, token: str) -> Optional[Validity]:
    """The validity of ``token`` (AccessToken, IdToken, RefreshToken), or None when unknown."""
    field = VALIDITY_FIELDS[token]
    value = getattr(client, field)
    if value is None:
        return Validity(token, field, None, "", "default", DEFAULT_VALIDITY_SECONDS[token], True)
    if isinstance(value, Unknown) or isinstance(value, bool) or not isinstance(value, int):
        return None
    unit = client.token_unit(token)
    seconds = client.validity_seconds(token)
    if unit is None or seconds is None:
        return None
    units = client.TokenValidityUnits
    if units is None:
        source = "no-units"
    elif getattr(units, token) is None:
        source = "no-key"
    else:
        source = "given"
    low, high = raw_range(client.kind, token)
    return Validity(token, field, value, unit, source, seconds, low <= value <= high)


def raw_range(kind: str, token: str) -> tuple[int, int]:
    """The integer range the API (or CloudFormation) accepts for the token's validity field."""
    low, high = _FALLBACK_RAW[token]
    try:
        shape = shape_for(CONSTRAINT_TABLE.get(kind, kind), (VALIDITY_FIELDS[token],))
    except KeyError:
        shape = None
    if shape:
        low, high = shape.get("min", low), shape.get("max", high)
    return low, high


def duration(seconds: int, unit: Optional[str] = None) -> str:
    """``90000`` → ``25 hours``: in ``unit``, or the largest unit that divides evenly."""
    if unit is None:
        unit = next(u for u in _UNITS_LARGEST_FIRST if seconds % SECONDS_PER_UNIT[u] == 0)
    count = seconds // SECONDS_PER_UNIT[unit]
    return f"{count} {unit[:-1] if count == 1 else unit}"


def allowed_range_text(token: str) -> str:
    """``5 minutes to 1 day``."""
    low, high = ALLOWED_VALIDITY_SECONDS[token]
    text = f"{duration(low, 'minutes')} to {duration(high)}"
    return text + " (10 years)" if token == "RefreshToken" else text


def range_in_unit(token: str, unit: str) -> tuple[int, int]:
    """The allowed range expressed as whole numbers of ``unit`` (both ends inclusive)."""
    low, high = ALLOWED_VALIDITY_SECONDS[token]
    size = SECONDS_PER_UNIT[unit]
    return -(-low // size), high // size


def range_in_unit_text(token: str, unit: str) -> str:
    """``1 to 24 hours``, or ``1 day`` when the range holds one value in that unit."""
    low, high = range_in_unit(token, unit)
    if low == high:
        return duration(low * SECONDS_PER_UNIT[unit], unit)
    return f"{low} to {high} {unit}"


def policy_limit(options: dict, name: str, default: int) -> int:
    """A whole-number policy option (a config file may hand it over as a string)."""
    value = options.get(name, default)
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValueError(f"option {name} must be a whole number, not {value!r}") from None
