"""Deployed app clients: a DescribeUserPoolClient response read by ``cognito-lint audit``, live or
as ``audit --save DIR`` wrote it, together with the context of its user pool.

A saved audit is one folder per account, region and pool::

    DIR/123456789012/eu-west-1/eu-west-1_AbCdEf123/user-pool.json     the pool's context
    DIR/123456789012/eu-west-1/eu-west-1_AbCdEf123/<client ID>.json    DescribeUserPoolClient output

The client files are the responses as the API returns them, without ``ClientSecret`` (a secret is
never written).  ``user-pool.json`` holds what the cross-resource rules need, as the API returned
it: the pool's ``SchemaAttributes`` (DescribeUserPool), its ``ResourceServers``
(ListResourceServers) and ``IdentityProviders`` (ListIdentityProviders), ``null`` where the audit
could not read them, and which clients have a secret.  The api loader hands a Describe file with
such a pool file beside it (same pool ID) to :func:`client_source`, which the audit calls on the
live response too: the same client, context, words and finding identities either way, so ``lint
DIR`` reports what the audit reported.

Identity providers come from ListIdentityProviders, which does not return attribute mappings
(that takes DescribeIdentityProvider, outside the audit's read-only set): CG505 stays silent.
"""
from __future__ import annotations

import json
import os
from dataclasses import replace
from typing import Any, Optional

from linter.loaders.source import ClientSource, Variant
from linter.loaders.template_context import schema_attributes
from linter.model import IdentityProviderInfo, ResourceServerInfo, TemplateContext, UserPoolInfo, build_client
from linter.model.wording import TARGETS, Wording
from linter.parsers.document import Document
from linter.parsers.reading import Unreadable, read_file

#: The name of the pool-context file in each pool's folder.
POOL_FILE = "user-pool.json"
#: The key that marks a pool-context file, and its format version.
MARKER = "CognitoLintAudit"
VERSION = 1
#: The key of the client in a DescribeUserPoolClient response.
ANCHOR = ("UserPoolClient",)


class DeployedWording(Wording):
    """A deployed client's words: the API's names; the pool's resources by what the API calls them.

    No deployer (CG109/CG502, creation order, and CG702, replacement, are about files)."""

    container = "account"
    _TYPES = {"AWS::Cognito::UserPoolIdentityProvider": "identity provider",
              "AWS::Cognito::UserPoolResourceServer": "resource server",
              "AWS::Cognito::UserPool": "user pool"}

    def __init__(self) -> None:
        super().__init__(TARGETS["api-describe"])

    def resource_type(self, cloudformation_type: str) -> str:
        return self._TYPES.get(cloudformation_type, cloudformation_type)

    def declare_scope(self, server: str, scope: str) -> str:
        return f"Add the scope '{scope}' to resource server {server} (UpdateResourceServer)"


WORDING = DeployedWording()


def pool_arn(meta: dict, pool_id: str) -> str:
    return f"arn:{meta.get('partition', 'aws')}:cognito-idp:{meta['region']}:{meta['account']}:userpool/{pool_id}"


def pool_document(account: str, region: str, partition: str, pool_id: str, user_pool: Optional[dict],
                  servers: Optional[list], providers: Optional[list], with_secret: list[str]) -> dict:
    """The content of a pool-context file (also what the audit lints with): ``None`` parts are unknown."""
    return {MARKER: {"version": VERSION, "account": account, "region": region, "partition": partition,
                     "user_pool_id": pool_id},
            "UserPool": user_pool, "ResourceServers": servers, "IdentityProviders": providers,
            "ClientsWithSecret": sorted(with_secret)}


def is_pool_document(data: Any) -> bool:
    meta = data.get(MARKER) if isinstance(data, dict) else None
    return (isinstance(meta, dict) and meta.get("version") == VERSION
            and all(isinstance(meta.get(k), str) for k in ("account", "region", "user_pool_id")))


def context(pool: dict) -> TemplateContext:
    """What the cross-resource rules know of the pool: every resource server and identity provider
    (the audit read them all), and its schema; the parts the audit could not read are unknown."""
    pool_id = pool[MARKER]["user_pool_id"]
    described = pool.get("UserPool")
    schema = described.get("SchemaAttributes") if isinstance(described, dict) else None
    if isinstance(schema, list):
        attributes, known = schema_attributes(schema, "Name", "Mutable")
        info = UserPoolInfo(logical_id=pool_id, attributes=attributes, schema_known=known)
    else:
        info = UserPoolInfo(logical_id=pool_id, schema_known=False)
    servers, providers = pool.get("ResourceServers"), pool.get("IdentityProviders")
    return TemplateContext(
        pool=info,
        resource_servers=[_server(s) for s in servers or [] if isinstance(s, dict)],
        identity_providers=[_provider(p) for p in providers or [] if isinstance(p, dict)],
        all_known=isinstance(servers, list) and isinstance(providers, list))


def _server(server: dict) -> ResourceServerInfo:
    identifier = server.get("Identifier") if isinstance(server.get("Identifier"), str) else None
    scopes = server.get("Scopes") or []
    names = [s.get("ScopeName") for s in scopes if isinstance(s, dict)] if isinstance(scopes, list) else None
    if names is not None and not all(isinstance(n, str) for n in names):
        names = None
    return ResourceServerInfo(logical_id=repr(identifier) if identifier else "(unnamed)", identifier=identifier,
                              scopes=names)


def _provider(provider: dict) -> IdentityProviderInfo:
    name = provider.get("ProviderName") if isinstance(provider.get("ProviderName"), str) else None
    return IdentityProviderInfo(logical_id=repr(name) if name else "(unnamed)", provider_name=name,
                                attribute_mapping=None)  # ListIdentityProviders does not return mappings


def client_source(doc: Document, pool: dict) -> ClientSource:
    """The deployed client in ``doc`` (a DescribeUserPoolClient response) with its pool's context."""
    raw = doc.data["UserPoolClient"]
    client_id = raw.get("ClientId") if isinstance(raw.get("ClientId"), str) else ""
    name = raw.get("ClientName") if isinstance(raw.get("ClientName"), str) and raw.get("ClientName") else client_id
    client = build_client("api-describe", name, dict(raw), template=context(pool), wording=WORDING)
    # Whether the client has a secret: the audit saw it (and did not keep it).
    client = replace(client, GenerateSecret=client_id in (pool.get("ClientsWithSecret") or []))
    meta = pool[MARKER]
    return ClientSource(kind="api-describe", name=name, anchor=ANCHOR, variants=[Variant(client, {(): ANCHOR})],
                        identity=f"{pool_arn(meta, meta['user_pool_id'])}/client/{client_id}")


# --- saved audits: the pool file beside a Describe file -------------------------------------------

#: The pool files read last (path → (stat key, data)): a folder of clients reads its pool file once.
_read: dict[str, tuple[tuple, Optional[dict]]] = {}


def saved_pool(path: str, user_pool_id: Any) -> Optional[dict]:
    """The pool-context file beside a saved Describe file, when it is one for the client's pool."""
    if not isinstance(user_pool_id, str):
        return None
    pool_path = os.path.join(os.path.dirname(os.path.abspath(path)), POOL_FILE)
    try:
        status = os.stat(pool_path)
    except OSError:
        return None
    key = (status.st_mtime_ns, status.st_size)
    cached = _read.get(pool_path)
    if cached is None or cached[0] != key:
        try:  # as an input is read: never a FIFO or a device
            data = json.loads(read_file(pool_path))
        except (Unreadable, ValueError, RecursionError):
            data = None
        if len(_read) > 64:
            _read.clear()
        _read[pool_path] = cached = (key, data if is_pool_document(data) else None)
    data = cached[1]
    return data if data is not None and data[MARKER]["user_pool_id"] == user_pool_id else None
