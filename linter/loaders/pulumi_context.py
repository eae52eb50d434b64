"""The rest of a Pulumi YAML program, as the cross-resource rules need it.

The client's pool (``userPoolId: ${users.id}``), that pool's ``schemas``, its identity providers
and resource servers, and what the client waits for: Pulumi creates a resource after those its
properties interpolate (``${google.providerName}``) and those in its ``options.dependsOn``.
Resources are named by their name in the program, which plays the part of a CloudFormation
logical ID.  As in a Terraform module (:mod:`linter.loaders.terraform_context`), a provider or
server whose pool cannot be told (a config value, a ``fn::`` call) makes the context
``all_known = False``, and the rules that need the whole picture stay silent.
"""
from __future__ import annotations

import re
from typing import Any, Callable

from linter.loaders.template_context import provider_info, schema_attributes, server_info
from linter.model import IdentityProviderInfo, ResourceServerInfo, TemplateContext, UserPoolInfo

#: Type tokens, short and full.
POOL_TYPES = ("aws:cognito:UserPool", "aws:cognito/userPool:UserPool")
PROVIDER_TYPES = ("aws:cognito:IdentityProvider", "aws:cognito/identityProvider:IdentityProvider")
SERVER_TYPES = ("aws:cognito:ResourceServer", "aws:cognito/resourceServer:ResourceServer")

_POOL_ID = re.compile(r"\$\{\s*([^.\s{}\[]+)\.id\s*\}")
_UNKNOWN_POOL = object()


class ProgramIndex:
    """Pools, providers and resource servers of a program (``resources``: name → resource)."""

    def __init__(self, resources: dict, value: Callable[[Any], Any], interpolated: Callable[[str], list[str]]):
        self._interpolated = interpolated
        self.names = set(resources)
        created = {name: r for name, r in resources.items() if isinstance(r, dict) and "get" not in r}
        self.pools = {name: _pool(name, _properties(r, value)) for name, r in created.items() if r.get("type") in POOL_TYPES}
        self.providers = [(self._pool_of(r), _provider(name, _properties(r, value)))
                          for name, r in created.items() if r.get("type") in PROVIDER_TYPES]
        self.servers = [(self._pool_of(r), _server(name, _properties(r, value)))
                        for name, r in created.items() if r.get("type") in SERVER_TYPES]

    def context_for(self, resource: dict) -> TemplateContext:
        pool_name = self._pool_of(resource)
        pool = self.pools.get(pool_name) if isinstance(pool_name, str) else None
        providers = [info for owner, info in self.providers if pool is not None and owner == pool_name]
        servers = [info for owner, info in self.servers if pool is not None and owner == pool_name]
        all_known = all(owner is not _UNKNOWN_POOL for owner, _ in self.providers + self.servers)
        options = resource.get("options")
        depends = options.get("dependsOn") if isinstance(options, dict) else None
        return TemplateContext(pool=pool, identity_providers=providers, resource_servers=servers, all_known=all_known,
                               depends_on=frozenset(self._references(depends)),
                               references=frozenset(self._references(resource.get("properties"))))

    def _pool_of(self, resource: dict) -> Any:
        """The name of the program's pool a ``userPoolId`` reads, None for another pool (a literal
        ID), or unknown (a config value, another resource's output, a function)."""
        properties = resource.get("properties")
        value = properties.get("userPoolId") if isinstance(properties, dict) else None
        if isinstance(value, str):
            match = _POOL_ID.fullmatch(value.strip())
            if match and match.group(1) in self.pools:
                return match.group(1)
            if "${" not in value:
                return None
        return _UNKNOWN_POOL

    def _references(self, value: Any) -> list[str]:
        """The program's resources a value interpolates (every string in it)."""
        if isinstance(value, str):
            return [name for name in self._interpolated(value) if name in self.names]
        if isinstance(value, list):
            return [name for item in value for name in self._references(item)]
        if isinstance(value, dict):
            return [name for item in value.values() for name in self._references(item)]
        return []


def _properties(resource: dict, value: Callable[[Any], Any]) -> dict:
    properties = resource.get("properties")
    return value(properties) if isinstance(properties, dict) else {}


def _pool(name: str, properties: dict) -> UserPoolInfo:
    schemas = properties.get("schemas")
    attributes, known = schema_attributes(schemas if isinstance(schemas, list) else [], "name", "mutable")
    known = known and (schemas is None or isinstance(schemas, list))
    return UserPoolInfo(logical_id=name, attributes=attributes, schema_known=known)


def _provider(name: str, properties: dict) -> IdentityProviderInfo:
    return provider_info(name, properties.get("providerName"), properties.get("attributeMapping"))


def _server(name: str, properties: dict) -> ResourceServerInfo:
    return server_info(name, properties.get("identifier"), properties.get("scopes"), "scopeName")
