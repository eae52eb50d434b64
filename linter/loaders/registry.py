"""The input formats: which loader reads a file, how it is parsed, and a cheap sniff before that.

Each loader module declares its ``FORMAT`` (:class:`~linter.loaders.source.InputFormat`); this
list names them, in the order they claim a JSON or YAML document (a Terraform plan is JSON too, a
serverless.yml with inline resources is read as CloudFormation).  Adding an input kind is a loader
module and one line here.
"""
from __future__ import annotations

import functools
import importlib
import os
import re
from typing import Optional

from linter.loaders import secrets as secret_text
from linter.loaders.secrets import SecretText
from linter.loaders.source import ClientSource, InputFormat
from linter.parsers import json_or_yaml
from linter.parsers.document import Document, decode

LOADERS = (
    "linter.loaders.terraform",
    "linter.loaders.pulumi_yaml",  # before CloudFormation: a program may name a resource "Resources"
    "linter.loaders.cloudformation",
    "linter.loaders.serverless",
    "linter.loaders.api",
    "linter.loaders.powershell",
)


@functools.lru_cache(maxsize=None)
def formats() -> tuple[InputFormat, ...]:
    return tuple(importlib.import_module(name).FORMAT for name in LOADERS)


@functools.lru_cache(maxsize=None)
def extensions() -> frozenset[str]:
    """Every extension a folder walk lints."""
    return frozenset(extension for f in formats() for extension in f.extensions)


def own_format(path: str) -> Optional[InputFormat]:
    """The format whose own syntax a file's extension names (``.tf``: Terraform), else None (JSON/YAML)."""
    extension = os.path.splitext(path)[1].lower()
    return next((f for f in formats() if extension in f.parsers), None)


@functools.lru_cache(maxsize=None)
def _markers(format_name: Optional[str]) -> re.Pattern:
    """The sniff for files of one format's own syntax, or (None) for JSON and YAML files."""
    chosen = [f for f in formats() if (f.name == format_name if format_name else f.recognise is not None)]
    words = sorted({marker for f in chosen for marker in f.markers})
    any_case = any(f.markers_any_case for f in chosen)
    return re.compile(b"|".join(re.escape(w) for w in words), re.IGNORECASE if any_case else 0)


def may_hold_client(data: bytes, path: str) -> bool:
    """False when the file certainly holds no app client (a substring test, before any parsing)."""
    own = own_format(path)
    return _markers(own.name if own else None).search(data) is not None


def parse(path: str, data: bytes) -> Document:
    """A file's content parsed in its syntax; raises ParseError."""
    text = decode(data)
    own = own_format(path)
    if own is not None:
        parser = importlib.import_module(own.parsers[os.path.splitext(path)[1].lower()])
        return parser.parse(path, text)
    return json_or_yaml.parse(path, text)


def format_of(doc: Document) -> Optional[InputFormat]:
    """The format a parsed document is of (None when no format recognises it)."""
    own = own_format(doc.path)
    if own is not None:
        return own
    return next((f for f in formats() if f.recognise is not None and f.recognise(doc.data)), None)


def load(doc: Document) -> list[ClientSource]:
    """The app clients of a parsed document."""
    input_format = format_of(doc)
    return input_format.load(doc) if input_format is not None else []


@functools.lru_cache(maxsize=None)
def names() -> frozenset[str]:
    """Every word of every format, in lower case: what a line of an unparsable file may show."""
    return frozenset(name.lower() for f in formats() for name in f.names)


def secrets(doc: Document) -> SecretText:
    """Where the document's secrets are written, by its format's reading (by key names at least)."""
    input_format = format_of(doc)
    if input_format is not None and input_format.secrets is not None:
        return input_format.secrets(doc)
    return secret_text.collect(doc, secret_text.keyed(doc.data))
