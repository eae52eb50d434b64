"""What the cross-resource rules (CG108, CG109, CG501, CG502, CG505) share.

They read ``client.template`` (a :class:`linter.model.TemplateContext`): the client's pool when the
template (or Terraform module) defines it, that pool's resource servers and identity providers, and
the client's ``DependsOn`` (``depends_on``) and references.  Everything here stays on the safe side:
a scope or provider that cannot be tied to a resource for certain is left out, so the rules never
report on unknown values.  Messages name resources in the input's words (``client.wording``).

Scopes: a custom scope is ``<identifier>/<name>``.  Scope names cannot contain ``/`` (the service's
pattern for ``ScopeName`` excludes it) while identifiers may (``https://api.example.com``), so the
identifier is everything before the last ``/`` — the longest identifier prefix that leaves a valid
scope name.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Optional

from linter.model import AppClient, IdentityProviderInfo, ResourceServerInfo, Template, TemplateContext, Unknown
from linter.model.service import COGNITO_PROVIDER, USER_SCOPES


def context(client: AppClient) -> Optional[TemplateContext]:
    """What the client's loader knows of the resources around it (its template, Terraform module
    or pool); None when it knows nothing (an API payload)."""
    return client.template


def dependencies(ctx: TemplateContext) -> frozenset[str]:
    """Logical IDs CloudFormation creates before the client: its DependsOn and what it references."""
    return ctx.depends_on | ctx.references


# --- scopes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScopeUse:
    """A custom scope in AllowedOAuthScopes, split into resource-server identifier and scope name."""

    index: int
    #: How messages show the scope.
    shown: str
    #: The identifier part (None when the scope names its server by a Ref: the identifier may be unknown).
    identifier: Optional[str]
    name: str
    #: The resource server of the client's pool that the identifier names, when there is one.
    server: Optional[ResourceServerInfo]


def custom_scopes(client: AppClient, ctx: TemplateContext) -> Iterator[ScopeUse]:
    """The client's custom scopes whose identifier is known (a literal, or a Ref to a resource server)."""
    scopes = client.AllowedOAuthScopes
    if not isinstance(scopes, list):
        return
    for index, scope in enumerate(scopes):
        if isinstance(scope, str):
            if scope in USER_SCOPES or "/" not in scope:
                continue
            identifier, _, name = scope.rpartition("/")
            yield ScopeUse(index, scope, identifier, name, _server_named(ctx, identifier, name))
        elif isinstance(scope, Template):
            use = _referenced_scope(index, scope, ctx)
            if use is not None:
                yield use


def _server_named(ctx: TemplateContext, identifier: str, name: str) -> Optional[ResourceServerInfo]:
    servers = [s for s in ctx.resource_servers if s.identifier == identifier]
    declaring = [s for s in servers if s.scopes is None or name in s.scopes]
    return (declaring or servers or [None])[0]


def _referenced_scope(index: int, scope: Template, ctx: TemplateContext) -> Optional[ScopeUse]:
    """``!Join ['', [!Ref Server, '/read']]`` or ``!Sub '${Server}/read'``: a Ref returns the Identifier."""
    if len(scope.parts) != 2:
        return None
    head, tail = scope.parts
    if not (isinstance(head, Unknown) and is_plain_ref(head) and isinstance(tail, str) and tail.startswith("/")):
        return None
    name = tail[1:]
    if "/" in name:
        return None
    server = next((s for s in ctx.resource_servers if s.logical_id == head.ref), None)
    if server is None:
        return None
    shown = f"{server.identifier}/{name}" if server.identifier is not None else f"{{Ref {server.logical_id}}}/{name}"
    return ScopeUse(index, shown, server.identifier, name, server)


def is_plain_ref(value: Unknown) -> bool:
    """True for ``Ref X`` (or ``${X}`` in a Sub), which returns the resource's name; not ``GetAtt X.Attr``.
    In Terraform: ``X.provider_name`` or ``X.identifier``."""
    if value.ref is None:
        return False
    return value.source in (f"Ref {value.ref}", value.ref, f"{value.ref}.provider_name", f"{value.ref}.identifier")


def servers_all_known(ctx: TemplateContext) -> bool:
    """True when every resource server of the pool is known: the template defines the pool, no server
    of unknown pool exists, and every server's Identifier is known."""
    return ctx.pool is not None and ctx.all_known and all(s.identifier is not None for s in ctx.resource_servers)


# --- identity providers -----------------------------------------------------------------------


def supported_providers(client: AppClient, ctx: TemplateContext) -> Iterator[tuple[int, IdentityProviderInfo]]:
    """(index, provider) for each SupportedIdentityProviders item that is certainly that provider
    resource of the client's pool: its literal ProviderName, or a Ref to it."""
    names = client.SupportedIdentityProviders
    if not isinstance(names, list):
        return
    for index, item in enumerate(names):
        for provider in providers_for(item, ctx):
            yield index, provider


def providers_for(item: object, ctx: TemplateContext) -> list[IdentityProviderInfo]:
    if isinstance(item, str):
        if item == COGNITO_PROVIDER:
            return []
        return [p for p in ctx.identity_providers if p.provider_name == item]
    if isinstance(item, Unknown) and not isinstance(item, Template) and is_plain_ref(item):
        return [p for p in ctx.identity_providers if p.logical_id == item.ref]
    return []


def provider_label(provider: IdentityProviderInfo) -> str:
    """'Google' (GoogleIdP), or just the logical ID when the name is unknown."""
    if provider.provider_name is None:
        return provider.logical_id
    return f"'{provider.provider_name}' ({provider.logical_id})"
