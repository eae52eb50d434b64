"""serverless.yml: CloudFormation resources under ``resources``, inline or ``${file(...)}`` includes.

``resources`` may be a mapping with ``Resources`` (handled as CloudFormation with that base path)
or a list whose items are such mappings or ``${file(resources/cognito.yml)}`` includes.  Included
files are followed when they exist; their clients' findings point into the included file.
"""
from __future__ import annotations

import os
import re

from linter.document import Document, ParseError, parse_bytes
from linter.loaders import ClientSource, cloudformation

_FILE_INCLUDE = re.compile(r"^\$\{file\(([^)]+)\)(?::[^}]*)?\}$")


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


def _include(path: str, reference: str):
    """The parsed document a ``${file(...)}`` include names, or None when absent or unparsable."""
    match = _FILE_INCLUDE.match(reference)
    if not match:
        return None
    target = os.path.join(os.path.dirname(path), match.group(1).strip().strip("'\""))
    try:
        with open(target, "rb") as handle:
            data = handle.read()
        included = parse_bytes(target, data)
    except (OSError, ParseError):
        return None  # linting the included file itself reports its parse errors
    if not isinstance(included.data, dict) or not isinstance(included.data.get("Resources"), dict):
        return None
    return included
