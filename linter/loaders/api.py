"""API payloads: CreateUserPoolClient / UpdateUserPoolClient requests and Describe output.

The property names are the API's own, so the document maps onto the model one to one; a
Describe response holds the client under its top-level ``UserPoolClient`` key.
"""
from __future__ import annotations

import os

from linter.document import Document
from linter.loaders import ClientSource, Variant
from linter.model import build_client


def load(doc: Document, kind: str) -> list[ClientSource]:
    prefix = ("UserPoolClient",) if kind == "api-describe" else ()
    raw = doc.data["UserPoolClient"] if prefix else doc.data
    name = raw.get("ClientName")
    if not isinstance(name, str) or not name:
        name = os.path.basename(doc.path)
    client = build_client(kind, name, dict(raw))
    return [ClientSource(kind=kind, name=name, anchor=prefix, variants=[Variant(client, {(): prefix})])]
