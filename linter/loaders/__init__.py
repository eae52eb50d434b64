"""Loaders: a parsed document → the app clients in it, each with a map back to the document.

Each input kind has one loader module.  ``load_clients`` decides the kind from the document's
shape (``inputs.md``, "Kinds") and returns :class:`ClientSource` objects: a client, every variant
that CloudFormation conditions allow, and how to turn a client path into a document path.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from linter.document import DocPath, Document
from linter.model import AppClient

ClientPath = tuple  # tuple[str | int, ...], e.g. ("CallbackURLs", 2)


@dataclass
class Variant:
    """The client as it is under one choice of Fn::If conditions (the only one elsewhere)."""

    client: AppClient
    #: client path → document path of the value it came from (longest prefix wins).
    origin: dict[ClientPath, DocPath]

    def locate(self, path: ClientPath, anchor: DocPath) -> tuple[DocPath, bool]:
        """(document path, point-at-key) for a rule's client path.

        A top-level property that is absent points at the client's anchor (the logical ID)."""
        if not path or path[0] not in self.client.present:
            return anchor, True
        for n in range(len(path), -1, -1):
            doc_path = self.origin.get(path[:n])
            if doc_path is not None:
                return doc_path + tuple(path[n:]), False
        return anchor, True


@dataclass
class ClientSource:
    """One app client found in a document."""

    kind: str
    name: str
    #: Where findings about the client as a whole point (a resource's logical ID, a key).
    anchor: DocPath
    variants: list[Variant] = field(default_factory=list)
    #: CloudFormation logical ID, when there is one.
    resource: Optional[str] = None
    #: CDK: the stack (from the cloud assembly's manifest) and the construct path of the client.
    stack: Optional[str] = None
    construct: Optional[str] = None
    #: The document the client's paths refer to, when not the one linted (a serverless ${file()} include).
    document: Optional[Document] = None
    #: Rewrites the API names in a message to the input's own (Terraform: ``callback_urls``).
    rename: Optional[Callable[[str], str]] = None

    def label(self) -> str:
        """How messages name the client's origin in CDK output: ' (stack AuthStack, AuthStack/WebClient)'."""
        if self.stack:
            return f" (stack {self.stack}, {self.construct or self.name})"
        if self.construct:
            return f" ({self.construct})"
        return ""


_INSTRUCTION = re.compile(r"((?:\b[Ss]et|\b[Aa]dd|e\.g\.) )(\S+): (?=\S)")


def message_renamer(names: dict[str, str], assignment: str) -> Callable[[str], str]:
    """A function that rewrites a rule's message in an input's own names (``names``: API name →
    the input's) and its YAML-style instructions (``Set X: value``, ``e.g. X: value``) in the
    input's syntax (``assignment``: ``" = "`` for Terraform, ``" "`` for PowerShell)."""
    api_name = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")(?!\w)")
    own = set(names.values())

    def rename(message: str) -> str:
        renamed = api_name.sub(lambda m: names[m.group(1)], message)
        return _INSTRUCTION.sub(lambda m: m.group(1) + m.group(2) + assignment if m.group(2) in own else m.group(0),
                                renamed)

    return rename


def detect_kind(data: Any) -> Optional[str]:
    """The input kind of a parsed document, or None when it cannot hold an app client."""
    if not isinstance(data, dict):
        return None
    terraform = data.get("resource")
    if isinstance(terraform, dict) and "aws_cognito_user_pool_client" in terraform:
        return "terraform"  # a .tf file, or the JSON syntax (.tf.json)
    if "format_version" in data and isinstance(data.get("planned_values"), dict):
        return "terraform"  # a plan: terraform show -json PLANFILE
    resources = data.get("Resources")
    if isinstance(resources, dict) and any(isinstance(r, dict) and "Type" in r for r in resources.values()):
        return "cloudformation"
    serverless = data.get("resources")
    if isinstance(serverless, dict) and isinstance(serverless.get("Resources"), dict):
        return "cloudformation"
    if isinstance(serverless, (list, str)) and "service" in data:
        return "serverless"
    if isinstance(data.get("UserPoolClient"), dict):
        return "api-describe"
    if ("UserPoolId" in data or "ClientName" in data) and _looks_like_client_request(data):
        return "api-update" if "ClientId" in data else "api-create"
    return None


_IDENTITY_FIELDS = {"UserPoolId", "ClientId", "ClientName"}


def _looks_like_client_request(data: dict) -> bool:
    """A request names the client, sets a client setting, or holds nothing but identity fields;
    a front-end config such as ``{"UserPoolId": ..., "ClientId": ..., "Region": ...}`` does not."""
    from linter import service_model

    if "ClientName" in data or set(data) <= _IDENTITY_FIELDS:
        return True
    fields = set(service_model.kind_table("api-create")["properties"])
    return bool((set(data) & fields) - _IDENTITY_FIELDS)


def load_clients(doc: Document) -> list[ClientSource]:
    if getattr(doc, "format", None) == "powershell":
        from linter.loaders import powershell

        return powershell.load(doc)
    kind = detect_kind(doc.data)
    if kind is None:
        return []
    if kind == "cloudformation":
        from linter.loaders import cloudformation

        base = () if "Resources" in doc.data else ("resources",)
        return cloudformation.load(doc, base)
    if kind == "terraform":
        from linter.loaders import terraform

        return terraform.load(doc)
    if kind == "serverless":
        from linter.loaders import serverless

        return serverless.load(doc)
    from linter.loaders import api

    return api.load(doc, kind)
