"""What a loader returns: each app client it found (:class:`ClientSource`), every variant of it
that CloudFormation conditions allow (:class:`Variant`), and how to turn a client path into a
document path; and what a loader declares about its input format (:class:`InputFormat`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from linter.model import AppClient, Unknown
from linter.parsers.document import DocPath, Document, value_at
from linter.parsers.edits import INSERT, DocEdit

class Settings:
    """Where and how a client's settings are written in its document, for the fixes that add a
    setting or a dependency (``linter/loaders/fixes.py``).  This one: the API's names, as keys of
    the mapping at ``container`` (an API payload).  Each format that can be fixed gives its
    clients one (:class:`ClientSource` ``settings``); None means its files are not fixed (a
    Terraform plan, a CDK assembly: the next plan or synth writes them again)."""

    def __init__(self, container: DocPath):
        self.container = tuple(container)

    def key(self, field: str) -> str:
        """The document's name for a top-level API field."""
        return field

    def structure(self, structure: str, members: dict) -> list[tuple[str, Any]]:
        """(key, value) entries that add a structure with ``members`` to the settings."""
        return [(self.key(structure), dict(members))]

    def member_key(self, structure: str, member: str) -> str:
        """The document's name of a structure member, inside the structure's mapping."""
        return member

    def value(self, field: str, value: Any) -> Any:
        """A value as the document holds it."""
        return value

    def add_field(self, doc: Document, field: str, value: Any) -> Optional[list[DocEdit]]:
        """Edits that add an omitted top-level field."""
        entries = self.structure(field, value) if isinstance(value, dict) else [(self.key(field), self.value(field, value))]
        return self.add_entries(doc, entries)

    def add_entries(self, doc: Document, entries: list[tuple[str, Any]]) -> Optional[list[DocEdit]]:
        settings = value_at(doc.data, self.container)
        if not isinstance(settings, dict) or any(key in settings for key, _ in entries):
            return None
        return [DocEdit(INSERT, self.container, value, key=key) for key, value in entries]

    def add_member(self, doc: Document, structure_path: DocPath, structure: str, member: str,
                   value: Any) -> Optional[list[DocEdit]]:
        """Edits that add an omitted member to a structure written at ``structure_path``."""
        mapping = value_at(doc.data, structure_path)
        key = self.member_key(structure, member)
        if not isinstance(mapping, dict) or key in mapping:
            return None
        return [DocEdit(INSERT, tuple(structure_path), self.value(f"{structure}.{member}", value), key=key)]

    def dependency(self, doc: Document, resource: str) -> Optional[list[DocEdit]]:
        """Edits that make the client wait for ``resource`` (None: the format has no such thing)."""
        return None

ClientPath = tuple  # tuple[str | int, ...], e.g. ("CallbackURLs", 2)


@dataclass
class Variant:
    """The client as it is under one choice of conditions (CloudFormation's Fn::If, Terraform's
    conditionals; the only one elsewhere)."""

    client: AppClient
    #: client path → document path of the value it came from (longest prefix wins).
    origin: dict[ClientPath, DocPath]

    def locate(self, path: ClientPath, anchor: DocPath) -> tuple[DocPath, bool]:
        """(document path, point-at-key) for a rule's client path.

        A top-level property that is absent points at the client's anchor (the logical ID); a part
        of an unknown value (an item of a parameter's default list) at that value."""
        if not path or path[0] not in self.client.present:
            return anchor, True
        for n in range(len(path), -1, -1):
            doc_path = self.origin.get(path[:n])
            if doc_path is not None:
                if n < len(path) and isinstance(value_at(self.client.raw, path[:n], None), Unknown):
                    return doc_path, False
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
    #: CloudFormation logical ID (Terraform address, PowerShell call), when there is one: suppression
    #: comments on its line cover the whole client.
    resource: Optional[str] = None
    #: CDK: the stack (from the cloud assembly's manifest) and the construct path of the client.
    stack: Optional[str] = None
    construct: Optional[str] = None
    #: The document the client's paths refer to, when not the one linted (a serverless ${file()} include).
    document: Optional[Document] = None
    #: How fixes add settings to the client (None: its file is not fixed).
    settings: Optional[Settings] = None
    #: What names a deployed client in finding identities instead of its file (``cognito-lint
    #: audit``: the pool ARN + ``/client/ID``), so that a baseline holds wherever the client was read.
    identity: Optional[str] = None

    def label(self) -> str:
        """How messages name the client's origin in CDK output: ' (stack AuthStack, AuthStack/WebClient)'."""
        if self.stack:
            return f" (stack {self.stack}, {self.construct or self.name})"
        if self.construct:
            return f" ({self.construct})"
        return ""


@dataclass(frozen=True)
class InputFormat:
    """What a loader module declares about the files it reads, in one place (its ``FORMAT``)."""

    name: str
    #: Extensions (lower case, with the dot) a folder walk lints for this format.
    extensions: tuple[str, ...]
    #: Extension → parser module (``linter.parsers.hcl``) of the format's own syntax; files with
    #: any other extension are read as JSON or YAML.
    parsers: dict[str, str]
    #: Byte strings, at least one of which every file of this format holding a client contains:
    #: a file without any of them is skipped unparsed (what a pre-commit hook mostly sees).
    markers: tuple[bytes, ...]
    #: Whether a JSON/YAML document is of this format (None: the format reads only its own syntax).
    recognise: Optional[Callable[[Any], bool]]
    #: The app clients of a document of this format.
    load: Callable[[Document], list[ClientSource]]
    #: The words of the format (its keys, keywords and tags): the only words a line of a file that
    #: could not be parsed shows (everything else could be a secret).
    names: frozenset = frozenset()
    #: Where the document's secrets are written (``linter/loaders/secrets.py``): never shown.
    secrets: Optional[Callable[[Document], Any]] = None
    #: Match ``markers`` in any letter case (PowerShell's cmdlet names).
    markers_any_case: bool = False
