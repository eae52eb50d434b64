"""API payloads: CreateUserPoolClient / UpdateUserPoolClient requests (as ``aws cognito-idp ...
--cli-input-json`` or ``--cli-input-yaml`` takes them) and DescribeUserPoolClient output.

The property names are the API's own, so the document maps onto the model one to one; a
Describe response holds the client under its top-level ``UserPoolClient`` key; one that ``cognito-lint
audit --save`` wrote, beside its pool's context, is read with that context (:mod:`.deployed`).  A request is
recognised by ``UserPoolId``/``ClientName`` (Update: with ``ClientId``), unless it is only a
front-end configuration (``{"UserPoolId": ..., "ClientId": ..., "Region": ...}``).
"""
from __future__ import annotations

import os
from typing import Any, Optional

from linter.loaders import deployed
from linter.loaders.source import ClientSource, InputFormat, Settings, Variant
from linter.model import CLIENT_FIELDS, build_client
from linter.model.service import STRUCTURE_MEMBERS
from linter.model.constraints import kind_table
from linter.parsers.document import Document

_IDENTITY_FIELDS = {"UserPoolId", "ClientId", "ClientName"}


def kind_of(data: Any) -> Optional[str]:
    """``api-describe``, ``api-update``, ``api-create`` or None for other documents."""
    if not isinstance(data, dict):
        return None
    if isinstance(data.get("UserPoolClient"), dict):
        return "api-describe"
    if ("UserPoolId" in data or "ClientName" in data) and _looks_like_client_request(data):
        return "api-update" if "ClientId" in data else "api-create"
    return None


def _looks_like_client_request(data: dict) -> bool:
    """A request names the client, sets a client setting, or holds nothing but identity fields."""
    if "ClientName" in data or set(data) <= _IDENTITY_FIELDS:
        return True
    fields = set(kind_table("api-create")["properties"])
    return bool((set(data) & fields) - _IDENTITY_FIELDS)


def load(doc: Document) -> list[ClientSource]:
    kind = kind_of(doc.data)
    if kind is None:
        return []
    prefix = ("UserPoolClient",) if kind == "api-describe" else ()
    raw = doc.data["UserPoolClient"] if prefix else doc.data
    if prefix:  # saved by `cognito-lint audit --save`: with its pool's context, as the audit read it
        pool = deployed.saved_pool(doc.path, raw.get("UserPoolId"))
        if pool is not None:
            return [deployed.client_source(doc, pool)]
    name = raw.get("ClientName")
    if not isinstance(name, str) or not name:
        name = os.path.basename(doc.path)
    client = build_client(kind, name, dict(raw))
    return [ClientSource(kind=kind, name=name, anchor=prefix, variants=[Variant(client, {(): prefix})],
                         settings=Settings(prefix))]


FORMAT = InputFormat(
    name="api",
    extensions=(".json", ".yaml", ".yml"),
    parsers={},
    markers=(b"UserPoolClient", b"UserPoolId", b"ClientName", b"AuthFlows", b"OAuthFlows", b"CallbackURLs"),
    recognise=lambda data: kind_of(data) is not None,
    load=load,
    names=frozenset(CLIENT_FIELDS) | {m for ms in STRUCTURE_MEMBERS.values() for m in ms}
    | {"UserPoolClient", "CreationDate", "LastModifiedDate"},
)
