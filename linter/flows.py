"""Facts about OAuth flows, scopes and sign-in (ExplicitAuthFlows) that the CG1xx/CG4xx rules share.

Lists in the model may be unknown as a whole (an unresolved ``!Ref``) or hold unknown items
(``[code, !Ref Flow]``).  The helpers here only ever report *known* string items, so a rule built
on them can say "this item is certainly there"; rules that need "this item is certainly absent"
check :func:`fully_known` first.
"""
from __future__ import annotations

from typing import Any, Iterable, Optional

from linter.model import Unknown

#: Legacy ExplicitAuthFlows names and the ALLOW_* names that replace them.
LEGACY_AUTH_FLOWS = {
    "ADMIN_NO_SRP_AUTH": "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "CUSTOM_AUTH_FLOW_ONLY": "ALLOW_CUSTOM_AUTH",
    "USER_PASSWORD_AUTH": "ALLOW_USER_PASSWORD_AUTH",
}

#: Flows that send the password itself (not an SRP proof) to InitiateAuth.
USER_PASSWORD_FLOWS = ("ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH")
#: Server-side (AdminInitiateAuth) password flows.
ADMIN_PASSWORD_FLOWS = ("ALLOW_ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH")

#: Flows that let anyone who knows the client ID sign a *local* user in through the public
#: user-pools API (InitiateAuth), whatever SupportedIdentityProviders says (CG407).
#: ALLOW_REFRESH_TOKEN_AUTH is not a sign-in (federated users need it too); the admin password
#: flows need IAM credentials (AdminInitiateAuth), so they are not open to the public.
PUBLIC_SIGN_IN_FLOWS = (
    "ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH",
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_CUSTOM_AUTH", "CUSTOM_AUTH_FLOW_ONLY",
    "ALLOW_USER_AUTH",
)

#: Scopes that are about a signed-in user; a client_credentials (machine) client cannot have them.
USER_SCOPES = ("openid", "email", "phone", "profile", "aws.cognito.signin.user.admin")
ADMIN_SCOPE = "aws.cognito.signin.user.admin"


def known_items(value: Any) -> list[tuple[int, str]]:
    """``(index, item)`` of every known string item of a list value; ``[]`` for anything else."""
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, str)]


def fully_known(value: Any) -> bool:
    """True for a list whose items are all known strings (so absence of an item is certain)."""
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


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
    if client.GenerateSecret is None:
        return "GenerateSecret is omitted, which means false"
    return "GenerateSecret is false"
