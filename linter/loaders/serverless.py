"""serverless.yml: CloudFormation resources under ``resources``, inline or ``${file(...)}`` includes.

``resources`` may be a mapping with ``Resources`` (read as CloudFormation with that base path, by
:mod:`linter.loaders.cloudformation`) or a list whose items are such mappings or
``${file(resources/cognito.yml)}`` includes.  Included files are followed when they exist; their
clients' findings point into the included file.
"""
from __future__ import annotations

import os
import re
from typing import Any, Optional

from linter.loaders import cloudformation
from linter.loaders.source import ClientSource, InputFormat
from linter.parsers import json_or_yaml
from linter.parsers.document import Document, ParseError, decode
from linter.parsers.reading import Unreadable, read_file

_FILE_INCLUDE = re.compile(r"^\$\{file\(([^)]+)\)(?::[^}]*)?\}$")


def is_serverless(data: Any) -> bool:
    """A serverless.yml whose ``resources`` is a list or an include (inline ones are CloudFormation's)."""
    return isinstance(data, dict) and isinstance(data.get("resources"), (list, str)) and "service" in data


def load(doc: Document) -> list[ClientSource]:
    resources = doc.data.get("resources")
    items = resources if isinstance(resources, list) else [resources]
    sources: list[ClientSource] = []
    for index, item in enumerate(items):
        base = ("resources", index) if isinstance(resources, list) else ("resources",)
        if isinstance(item, dict) and isinstance(item.get("Resources"), dict):
            sources.extend(cloudformation.load(doc, base))
        elif isinstance(item, str):
            included = _include(doc.path, item.strip())
            if included is not None:
                for source in cloudformation.load(included):
                    source.document = included
                    sources.append(source)
    return sources


def _include(path: str, reference: str) -> Optional[Document]:
    """The parsed document a ``${file(...)}`` include names, or None when absent or unparsable."""
    match = _FILE_INCLUDE.match(reference)
    if not match:
        return None
    target = os.path.join(os.path.dirname(path), match.group(1).strip().strip("'\""))
    try:  # as an input is read: a FIFO or /dev/zero would block or fill memory
        included = json_or_yaml.parse(target, decode(read_file(target)))
    except (Unreadable, ParseError):
        return None  # linting the included file itself reports its parse errors
    if not isinstance(included.data, dict) or not isinstance(included.data.get("Resources"), dict):
        return None
    return included


FORMAT = InputFormat(
    name="serverless",
    extensions=(".yml", ".yaml"),
    parsers={},
    markers=(b"${file(", b"UserPoolClient"),
    recognise=is_serverless,
    load=load,
    names=frozenset({"service", "provider", "functions", "resources", "custom", "plugins", "Resources", "Outputs"}),
)
