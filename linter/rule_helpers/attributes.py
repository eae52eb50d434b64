"""User-pool attribute names for the attribute rules (CG503–CG508): standard, custom, suggestions.

Which custom attributes a pool declares, and whether they are mutable, comes from the pool's
Schema when the pool is in the same template (``client.template.pool``); otherwise only the name
itself is checked.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator, Optional

from linter.model.constraints import closest
from linter.model.service import CUSTOM_ATTRIBUTE_PREFIXES, STANDARD_ATTRIBUTES
from linter.model.values import known_items as _known_strings
from linter.rule import Problem

_STANDARD = frozenset(STANDARD_ATTRIBUTES)

#: Common names for standard attributes that string similarity would not find.
_ALIASES = {
    "username": "preferred_username", "user_name": "preferred_username", "phone": "phone_number",
    "mobile": "phone_number", "first_name": "given_name", "firstname": "given_name",
    "last_name": "family_name", "lastname": "family_name", "surname": "family_name",
    "birthday": "birthdate", "date_of_birth": "birthdate", "timezone": "zoneinfo",
    "email_address": "email", "phone_verified": "phone_number_verified",
}


def is_standard(name: str) -> bool:
    return name in _STANDARD


def custom_name(name: str) -> Optional[str]:
    """The part after ``custom:`` (or ``dev:custom:``), or None when ``name`` is not custom."""
    for prefix in CUSTOM_ATTRIBUTE_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix):]
    return None


def is_known_form(name: str) -> bool:
    """A standard attribute, or a custom one (whether the pool declares it is another question)."""
    return is_standard(name) or custom_name(name) is not None


def suggestion(name: str) -> Optional[str]:
    """What an unknown attribute name was probably meant to be (``emial`` → ``email``)."""
    lowered = name.lower()
    for prefix in CUSTOM_ATTRIBUTE_PREFIXES:
        if lowered.startswith(prefix) and len(name) > len(prefix):  # Custom:tenant
            return prefix + name[len(prefix):]
    for prefix in ("custom_", "custom-", "custom."):
        if lowered.startswith(prefix) and len(name) > len(prefix):  # custom_tenant
            return "custom:" + name[len(prefix):]
    if lowered in _ALIASES:
        return _ALIASES[lowered]
    return closest(name, STANDARD_ATTRIBUTES)


def unknown_message(client, field: str, name: str) -> str:
    """The message of CG503/CG506 for a name that is neither standard nor custom."""
    guess = suggestion(name)
    if guess:
        hint = f"Did you mean '{guess}'?"
    elif name.lower() in CUSTOM_ATTRIBUTE_PREFIXES:
        hint = f"Write the custom attribute's name after the prefix ({name}tenant)."
    else:
        hint = f"A custom attribute needs the prefix (custom:{name}) and must be in the pool's schema."
    return (f"{client.wording.name(field)} entry '{name}' is not a standard user-pool attribute, and custom "
            f"attributes start with custom:. The service rejects the client (\"Invalid "
            f"{'read' if field == 'ReadAttributes' else 'write'} attributes specified\"). {hint}")


def unknown_names(client, field: str) -> Iterator[Problem]:
    """CG503/CG506: a Problem for each entry of ``field`` that is neither standard nor custom, or
    a custom attribute the client's pool (defined in the same template) does not declare."""
    declared = declared_custom(client)
    shown = client.wording.name(field)
    for index, name in listed_names(getattr(client, field)):
        if not is_known_form(name):
            yield Problem((field, index), unknown_message(client, field, name))
        elif declared is not None and custom_name(name) is not None and f"custom:{custom_name(name)}" not in declared:
            pool = client.template.pool.logical_id
            names = ", ".join(sorted(declared)) or "none"
            yield Problem((field, index),
                          f"{shown} entry '{name}' is not declared in the Schema of user pool {pool} "
                          f"(its custom attributes: {names}); the service rejects the client (\"Invalid "
                          f"{'read' if field == 'ReadAttributes' else 'write'} attributes specified\"). "
                          f"Add it to {pool}'s Schema or fix the name.")


def declared_custom(client) -> Optional[set[str]]:
    """``custom:`` attributes the client's pool declares, when the pool and its Schema are in the template."""
    template = getattr(client, "template", None)
    pool = template.pool if template is not None else None
    if pool is None or not pool.schema_known:
        return None
    return {name for name in pool.attributes if name.startswith("custom:")}


def immutable(client, name: str) -> bool:
    """True when the pool in the template declares custom attribute ``name`` with Mutable: false."""
    template = getattr(client, "template", None)
    pool = template.pool if template is not None else None
    custom = custom_name(name)
    return pool is not None and custom is not None and pool.attributes.get(f"custom:{custom}") is False


def listed_names(values) -> list[tuple[int, str]]:
    """(index, name) of the known, non-empty string entries of an attribute list."""
    return [(i, v) for i, v in _known_strings(values) if v]


_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")


def words(name: str) -> tuple[str, ...]:
    """The lower-case words of a name: ``userRole``, ``user_role``, ``USER-ROLE`` → ``(user, role)``."""
    return tuple(w.lower() for w in _WORD.findall(name))


def matching_term(name: str, terms: Iterable[str]) -> Optional[str]:
    """The first of ``terms`` that is ``name`` (ignoring case) or a run of its words, else None.

    ``tenantId`` matches ``tenant_id`` and ``tenant``; ``userRole`` matches ``role``;
    ``planet`` matches nothing (words, not substrings).
    """
    terms = list(terms)
    for term in terms:
        if name.lower() == term.lower():
            return term
    name_words = words(name)
    for term in sorted(terms, key=lambda t: -len(words(t))):
        term_words = words(term)
        if term_words and any(name_words[i:i + len(term_words)] == term_words
                              for i in range(len(name_words) - len(term_words) + 1)):
            return term
    return None
