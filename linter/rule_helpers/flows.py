"""Questions about OAuth flows and sign-in flows (ExplicitAuthFlows) that the CG1xx/CG4xx rules share
(the flows themselves are facts of :mod:`linter.model.service`).

Lists in the model may be unknown as a whole (an unresolved ``!Ref``) or hold unknown items
(``[code, !Ref Flow]``).  The helpers here only ever report *known* string items, so a rule built
on them can say "this item is certainly there"; rules that need "this item is certainly absent"
check :func:`~linter.model.values.fully_known` first.
"""
from __future__ import annotations

from typing import Any, Iterable, Optional

from linter.model.service import LEGACY_AUTH_FLOWS
from linter.model.values import Unknown, known_items


def first_index(value: Any, names: Iterable[str]) -> Optional[int]:
    """Index of the first known item of ``value`` that is one of ``names``, else None."""
    wanted = set(names)
    return next((i for i, item in known_items(value) if item in wanted), None)


def has_item(value: Any, name: str) -> bool:
    return first_index(value, (name,)) is not None


def machine_client(client) -> bool:
    """``client_credentials`` is in AllowedOAuthFlows and no known ``code`` or ``implicit`` is.

    A client that mixes them is CG101's one problem (split the client); CG102 and CG103 judge
    the machine-to-machine client only, so that the three rules never report the same client.
    """
    flows = client.AllowedOAuthFlows
    return has_item(flows, "client_credentials") and first_index(flows, ("code", "implicit")) is None


def is_legacy(flow: str) -> bool:
    return flow in LEGACY_AUTH_FLOWS


def is_allow(flow: str) -> bool:
    return flow.startswith("ALLOW_")


def names(items: Iterable[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``: for messages."""
    items = list(dict.fromkeys(items))
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def oauth_enabled(client) -> Optional[bool]:
    """AllowedOAuthFlowsUserPoolClient with its default (false) applied; None when unknown."""
    value = client.effective("AllowedOAuthFlowsUserPoolClient")
    return None if isinstance(value, Unknown) else bool(value)


def secret_state(client) -> str:
    """How the client has no secret, for messages (only meaningful when ``has_secret()`` is False)."""
    words = client.wording
    if client.GenerateSecret is None:
        return f"{words.name('GenerateSecret')} is omitted, which means {words.value(False)}"
    return f"{words.name('GenerateSecret')} is {words.value(False)}"
