"""URL facts the redirect-URL rules share, with partial knowledge of templated URLs.

Every function returns ``None`` when the answer depends on an unknown part of the value, so that
rules stay silent there (``https://${Domain}/cb`` has a known scheme but an unknown host).
"""
from __future__ import annotations

import re
from typing import Any, Optional

from linter.model import Template, Unknown

LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1"}
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_HOST_END = re.compile(r"[/?#]")
_AUTHORITY = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://([^/?#]*)")


def scheme(value: Any) -> Optional[str]:
    """Lower-case scheme (``https``, ``myapp``), ``""`` when there is none, None when unknown."""
    text = value.known_prefix if isinstance(value, Template) else value
    if isinstance(text, Unknown) or not isinstance(text, str):
        return None
    match = _SCHEME.match(text)
    if match:
        return match.group(1).lower()
    if isinstance(value, Template) and ":" not in text and not _HOST_END.search(text):
        return None  # `${Scheme}://...` or a prefix too short to tell
    return ""


def host(value: Any) -> Optional[str]:
    """Lower-case host of a URL with an authority (``http://host:port/``); None when unknown or absent."""
    if isinstance(value, Template):
        text, complete = value.known_prefix, False
    elif isinstance(value, str):
        text, complete = value, True
    else:
        return None
    match = _AUTHORITY.match(text)
    if not match:
        return None
    authority = match.group(1)
    if not complete and match.end() == len(text) and not authority.endswith(":"):
        return None  # the host runs on into an unknown part: `http://${Host}`, `http://app${Env}`
    authority = authority.rsplit("@", 1)[-1]
    if authority.startswith("["):
        end = authority.find("]")
        return authority[1:end].lower() if end > 0 else None
    return authority.split(":", 1)[0].lower() or None


def is_loopback(value: Any) -> Optional[bool]:
    h = host(value)
    if h is None:
        return None
    return h in LOOPBACK_HOSTS


def has_fragment(value: Any) -> Optional[bool]:
    if isinstance(value, Template):
        return True if "#" in "".join(p for p in value.parts if isinstance(p, str)) else None
    if isinstance(value, str):
        return "#" in value
    return None
