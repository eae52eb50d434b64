"""The rest of a CloudFormation template, as the cross-resource rules need it.

Which user pool a client belongs to (``UserPoolId: !Ref Pool``), that pool's Schema, its identity
providers and resource servers, and the client's ``DependsOn``.  A pool that is not defined in the
template (a literal ID, a parameter, an ImportValue) is *imported*: its providers, servers and
attributes are unknown, and the rules that need them stay silent.
"""
from __future__ import annotations

import re
from typing import Any, Callable, Optional

from linter.model import IdentityProviderInfo, ResourceServerInfo, TemplateContext, Unknown, UserPoolInfo
from linter.model.service import STANDARD_ATTRIBUTES

POOL_TYPE = "AWS::Cognito::UserPool"
PROVIDER_TYPE = "AWS::Cognito::UserPoolIdentityProvider"
SERVER_TYPE = "AWS::Cognito::UserPoolResourceServer"
_UNKNOWN_POOL = object()
_SUB_NAMES = re.compile(r"\$\{([^}!]+)\}")


class TemplateIndex:
    """Pools, providers and resource servers of one template, read once."""

    def __init__(self, template: dict, evaluator: Callable[[], Any]):
        self._evaluator = evaluator
        resources = template.get("Resources") or {}
        self.resources = {k: v for k, v in resources.items() if isinstance(v, dict)}
        self.pools = {k: self._pool(k, v) for k, v in self.resources.items() if v.get("Type") == POOL_TYPE}
        #: Resource → what it waits for (DependsOn and references), for transitive dependencies.
        self.dependencies = {k: set(_names(v.get("DependsOn"))) | _referenced(v.get("Properties"), self.resources)
                             for k, v in self.resources.items()}
        #: Pools that a nested stack, SAR application or custom resource is handed: it may create
        #: identity providers or resource servers this template does not show.
        self.foreign_creators = {ref for k, v in self.resources.items() if _may_create_resources(v.get("Type"))
                                 for ref in _referenced(v.get("Properties"), self.resources)}
        self.providers: list[tuple[Any, IdentityProviderInfo]] = []
        self.servers: list[tuple[Any, ResourceServerInfo]] = []
        for logical_id, resource in self.resources.items():
            if resource.get("Type") == PROVIDER_TYPE:
                props = self._props(resource)
                self.providers.append((self._pool_id(props.get("UserPoolId")),
                                       provider_info(logical_id, props.get("ProviderName"), props.get("AttributeMapping"))))
            elif resource.get("Type") == SERVER_TYPE:
                props = self._props(resource)
                self.servers.append((self._pool_id(props.get("UserPoolId")),
                                     server_info(logical_id, props.get("Identifier"), props.get("Scopes"), "ScopeName")))

    def context_for(self, user_pool_id: Any, depends_on: Any, references: set[str]) -> TemplateContext:
        pool_id = self._pool_id(user_pool_id)
        pool = self.pools.get(pool_id) if isinstance(pool_id, str) else None
        providers = [info for owner, info in self.providers if pool is not None and owner == pool_id]
        servers = [info for owner, info in self.servers if pool is not None and owner == pool_id]
        all_known = (all(owner is not _UNKNOWN_POOL for owner, _ in self.providers + self.servers)
                     and not (pool is not None and pool_id in self.foreign_creators))
        direct = set(_names(depends_on)) | set(references)
        return TemplateContext(pool=pool, identity_providers=providers, resource_servers=servers,
                               all_known=all_known, depends_on=frozenset(_names(depends_on)),
                               references=frozenset(self._closure(direct)))

    def _closure(self, start: set[str]) -> set[str]:
        """Everything ``start`` waits for, directly or through other resources' dependencies."""
        seen: set[str] = set()
        todo = list(start)
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            todo.extend(self.dependencies.get(name, ()))
        return seen

    # -- reading resources ------------------------------------------------------------------

    def _props(self, resource: dict) -> dict:
        props = resource.get("Properties")
        if not isinstance(props, dict):
            return {}
        resolved = self._evaluator().resolve(props, (), ())
        return resolved if isinstance(resolved, dict) else {}

    def _pool_id(self, value: Any) -> Any:
        """The logical ID of the template pool a UserPoolId refers to, None if imported, or unknown."""
        if isinstance(value, Unknown):
            if value.ref in self.pools or value.ref in self.resources:
                return value.ref
            return None if value.source.startswith(("Ref ", "ImportValue")) else _UNKNOWN_POOL
        return None  # a literal pool ID: imported

    def _pool(self, logical_id: str, resource: dict) -> UserPoolInfo:
        schema = self._props(resource).get("Schema")
        if schema is None:
            return UserPoolInfo(logical_id=logical_id)
        if not isinstance(schema, list):
            return UserPoolInfo(logical_id=logical_id, schema_known=False)
        attributes, known = schema_attributes(schema, "Name", "Mutable")
        return UserPoolInfo(logical_id=logical_id, attributes=attributes, schema_known=known)


def schema_attributes(schema: list, name_key: str, mutable_key: str) -> tuple[dict[str, Optional[bool]], bool]:
    """(attribute → mutable (None: unknown), every name known) of a pool's schema entries.

    A name that is not a standard attribute is a custom one (``tenantId`` → ``custom:tenantId``);
    an omitted Mutable is the service's default, mutable."""
    attributes: dict[str, Optional[bool]] = {}
    known = True
    for item in schema:
        name = item.get(name_key) if isinstance(item, dict) else None
        if not isinstance(name, str):
            known = False
            continue
        mutable = item.get(mutable_key)
        if isinstance(mutable, str) and mutable.lower() in ("true", "false"):
            mutable = mutable.lower() == "true"
        key = name if name in STANDARD_ATTRIBUTES or name.startswith("custom:") else f"custom:{name}"
        attributes[key] = mutable if isinstance(mutable, bool) else (True if mutable is None else None)
    return attributes, known


def provider_info(logical_id: str, provider_name: Any, mapping: Any) -> IdentityProviderInfo:
    """A provider as read from any format (a value that is not literal is unknown: None)."""
    return IdentityProviderInfo(
        logical_id=logical_id, provider_name=provider_name if isinstance(provider_name, str) else None,
        attribute_mapping=mapping if isinstance(mapping, dict) and all(isinstance(k, str) for k in mapping) else None)


def server_info(logical_id: str, identifier: Any, scopes: Any, name_key: str) -> ResourceServerInfo:
    """A resource server as read from any format: its scopes' names (under ``name_key``), None
    when any is unknown."""
    names: Optional[list] = [] if scopes is None else None
    if isinstance(scopes, list):
        names = [item.get(name_key) if isinstance(item, dict) else None for item in scopes]
        names = names if all(isinstance(n, str) for n in names) else None
    return ResourceServerInfo(logical_id=logical_id, identifier=identifier if isinstance(identifier, str) else None,
                              scopes=names)


def _may_create_resources(resource_type: Any) -> bool:
    return isinstance(resource_type, str) and (
        resource_type in ("AWS::CloudFormation::Stack", "AWS::Serverless::Application")
        or resource_type.startswith("Custom::") or resource_type == "AWS::CloudFormation::CustomResource")


def _referenced(value: Any, resources: dict) -> set[str]:
    """Logical IDs of resources that ``value`` refers to (Ref, GetAtt, ${Sub} variables), unevaluated."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "Ref" and isinstance(item, str) and item in resources:
                found.add(item)
            elif key == "Fn::GetAtt":
                target = item[0] if isinstance(item, list) and item else item.split(".", 1)[0] if isinstance(item, str) else None
                if isinstance(target, str) and target in resources:
                    found.add(target)
            elif key == "Fn::Sub":
                text = item[0] if isinstance(item, list) and item else item
                if isinstance(text, str):
                    found.update(n.split(".", 1)[0] for n in _SUB_NAMES.findall(text) if n.split(".", 1)[0] in resources)
            found |= _referenced(item, resources)
    elif isinstance(value, list):
        for item in value:
            found |= _referenced(item, resources)
    return found


def _names(depends_on: Any) -> list[str]:
    if isinstance(depends_on, str):
        return [depends_on]
    if isinstance(depends_on, list):
        return [d for d in depends_on if isinstance(d, str)]
    return []
