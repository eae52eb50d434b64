"""URL questions the redirect-URL rules (CG202–CG210) share, with partial knowledge of templated URLs.

Every predicate answers True/False when the value decides it and None when the answer depends on
an unknown part (an unresolved ``!Ref``, the ``${Domain}`` of a ``Fn::Sub``), so that rules stay
silent there: ``https://${Domain}/cb`` has a known scheme but an unknown host.

The rules for which a parameter's default is the likely deployed value ask
:func:`redirect_urls_where` instead of :func:`redirect_urls`: it judges each URL as written and,
only where that leaves the answer open, with the defaults of the parameters in it, and says so.
"""
from __future__ import annotations

import fnmatch
import re
from typing import Any, Callable, Iterator, Optional

from linter.model import Template, Unknown, with_defaults

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


#: Placeholder domains reserved by RFC 2606 / RFC 6761 for documentation.
PLACEHOLDER_DOMAINS = ("example.com", "example.org", "example.net")
#: Top-level domains reserved for documentation and tests (RFC 2606, RFC 6761), and the name some
#: systems give the loopback host: no application runs on any of them either.
RESERVED_TOP_LEVEL = ("example", "invalid", "test")
RESERVED_HOSTS = ("localhost.localdomain",)
#: Placeholders people write that are ordinary, registrable domains: worse than example.com,
#: since someone else can own them and receive the redirects.
REGISTRABLE_PLACEHOLDERS = ("your-domain.com", "yourdomain.com", "mydomain.com", "domain.com")

#: ``localhost:3000/cb``, ``app.example.com:8443``: a host and port written without a scheme.
#: RFC 3986 would read ``localhost`` as the scheme; nobody means that.
_HOST_AND_PORT = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[0-9]+(?:[/?#]|$)")
#: The same in a template's known prefix: the port must visibly end there.
_HOST_AND_PORT_PREFIX = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[0-9]+[/?#]")


def redirect_urls(client, callbacks: bool = True, logouts: bool = True,
                  default: bool = False) -> Iterator[tuple[tuple, str, Any]]:
    """(client path, field name, value) of every known-list entry of the chosen URL fields.

    A list that is itself unknown yields nothing; unknown entries are yielded (the predicates
    below answer None for them).
    """
    fields = [f for f, wanted in (("CallbackURLs", callbacks), ("LogoutURLs", logouts)) if wanted]
    for field in fields:
        values = getattr(client, field)
        if isinstance(values, list):
            for index, value in enumerate(values):
                yield (field, index), field, value
    if default and client.DefaultRedirectURI is not None:
        yield ("DefaultRedirectURI",), "DefaultRedirectURI", client.DefaultRedirectURI


def redirect_urls_where(client, test: Callable[[Any], Any], callbacks: bool = True, logouts: bool = True,
                        default: bool = False) -> Iterator[tuple[tuple, str, Any, str]]:
    """For the rules that accept parameter defaults: (client path, field name, value, note) of
    every entry of the chosen URL fields that ``test`` holds for.

    An entry ``test`` holds for as written comes with its value and the note ``""``.  Otherwise,
    when parameter defaults fill in what is unknown in it (``http://${SiteHost}/auth``), it is
    judged again with them, and comes with that value and the note ``" (with the default of
    parameter SiteHost)"``; so does each item of a list field that is itself a parameter with a
    default (``!Ref CallbackUrls``, ``!Split [",", !Ref Urls]``, ``var.callback_urls``).  A part
    without a default stays unknown: a parameter without one never makes an entry a finding.
    """
    words = client.wording
    for path, field, value in redirect_urls(client, callbacks, logouts, default):
        if test(value):
            yield path, field, value, ""
            continue
        filled, used = with_defaults(value)
        if used and test(filled):
            yield path, field, filled, defaults_note(words, used)
    fields = [f for f, wanted in (("CallbackURLs", callbacks), ("LogoutURLs", logouts)) if wanted]
    for field in fields:
        values = getattr(client, field)
        if isinstance(values, Unknown):
            filled, used = with_defaults(values)
            if used and isinstance(filled, list):
                for index, value in enumerate(filled):
                    if isinstance(value, str) and value.strip() and test(value):
                        yield (field, index), field, value, defaults_note(words, used)


def defaults_note(words, parameters: tuple[str, ...]) -> str:
    """`` (with the default of parameter SiteHost)``, in the input's words (``variable`` in
    Terraform); several: ``(with the defaults of parameters Host and Path)``."""
    kind = getattr(words, "parameter", "parameter")
    if len(parameters) == 1:
        return f" (with the default of {kind} {parameters[0]})"
    return f" (with the defaults of {kind}s {', '.join(parameters[:-1])} and {parameters[-1]})"


def shown(value: Any) -> str:
    """How a message quotes a URL: its text, with ``${...}`` for unknown parts."""
    if isinstance(value, Template):
        return value.text
    return value if isinstance(value, str) else "<unknown>"


def literal_text(value: Any) -> Optional[str]:
    """All literal characters of a string or template (None for a plain unknown)."""
    if isinstance(value, Template):
        return "".join(p for p in value.parts if isinstance(p, str))
    return value if isinstance(value, str) else None


def lacks_scheme(value: Any) -> Optional[bool]:
    """True for ``/callback``, ``example.com/cb`` and ``localhost:3000/cb``; None when unknown."""
    found = scheme(value)
    if found is None:
        return None
    if found == "":
        return True
    if isinstance(value, Template):
        return bool(_HOST_AND_PORT_PREFIX.match(value.known_prefix)) or None
    return bool(_HOST_AND_PORT.match(value))


def has_wildcard(value: Any) -> Optional[bool]:
    """True when a literal part holds ``*``; None when only unknown parts could."""
    text = literal_text(value)
    if text is None:
        return None
    if "*" in text:
        return True
    return False if isinstance(value, str) else None


def normal_host(value: Any) -> Optional[str]:
    """The lower-case host without a trailing dot (``example.com.`` is ``example.com``)."""
    found = host(value)
    if found is None:
        return None
    return found[:-1] if found.endswith(".") and len(found) > 1 else found


def placeholder_domain(value: Any) -> Optional[tuple[str, bool]]:
    """(placeholder domain, registrable) when the host is a placeholder or under one
    (``example.com``, ``*.test``, ``your-domain.com``); else None (also when the host is unknown)."""
    found = normal_host(value)
    if found is None:
        return None
    for domain in PLACEHOLDER_DOMAINS + RESERVED_HOSTS + REGISTRABLE_PLACEHOLDERS:
        if found == domain or found.endswith("." + domain):
            return domain, domain in REGISTRABLE_PLACEHOLDERS
    top_level = found.rsplit(".", 1)[-1]
    if "." in found and top_level in RESERVED_TOP_LEVEL:
        return f"*.{top_level}", False
    return None


def redirect_possible(client) -> bool:
    """False when the client certainly never redirects a browser: its only OAuth flow is
    ``client_credentials`` (a machine-to-machine client)."""
    flows = client.AllowedOAuthFlows
    return not (isinstance(flows, list) and flows and all(f == "client_credentials" for f in flows))


def host_patterns(option: Any) -> list[str]:
    """The ``allowed-url-hosts`` option as a list of lower-case globs.

    Accepts a list or a comma-separated string.  A bracketed IPv6 pattern (``[::1]``) is taken
    as the literal address, since fnmatch would read the brackets as a character class.
    """
    if isinstance(option, str):
        option = option.split(",")
    if not isinstance(option, (list, tuple)):
        return []
    patterns = []
    for item in option:
        if not isinstance(item, str) or not item.strip():
            continue
        pattern = item.strip().lower()
        if pattern.startswith("[") and pattern.endswith("]") and ":" in pattern:
            pattern = pattern[1:-1]
        patterns.append(pattern)
    return patterns


def host_allowed(host: str, patterns: list[str]) -> bool:
    """fnmatch semantics, case-insensitive: ``*`` matches any run of characters (dots included),
    so ``*.example.com`` matches ``a.b.example.com`` but not ``example.com`` itself."""
    host = host.lower()
    return any(fnmatch.fnmatchcase(host, p) for p in patterns)

