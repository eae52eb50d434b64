"""serverless.yml: CloudFormation resources under ``resources``, inline or ``${file(...)}`` includes.

``resources`` may be a mapping with ``Resources`` (read as CloudFormation with that base path, by
:mod:`linter.loaders.cloudformation`) or a list whose items are such mappings or
``${file(resources/cognito.yml)}`` includes.  Included files are followed; their clients' findings
point into the included file, and an include that names no file is a CG001 at the include.
"""
from __future__ import annotations

import os
import re
from typing import Any, Optional

from linter.loaders import cloudformation, secrets
from linter.loaders.source import ClientSource, InputFormat
from linter.parsers import json_or_yaml
from linter.parsers.document import DocPath, Document, ParseError, decode, value_at
from linter.parsers.reading import Unreadable, read_file

_FILE_INCLUDE = re.compile(r"^\$\{file\(([^)]+)\)(?::[^}]*)?\}$")


def is_serverless(data: Any) -> bool:
    """A serverless.yml whose ``resources`` is a list or an include (inline ones are CloudFormation's)."""
    return isinstance(data, dict) and isinstance(data.get("resources"), (list, str)) and "service" in data


def _resources(doc: Document) -> list[tuple[DocPath, Any]]:
    """(document path, item) of each item of ``resources`` (the mapping itself when it is one)."""
    resources = doc.data.get("resources")
    if isinstance(resources, list):
        return [(("resources", index), item) for index, item in enumerate(resources)]
    return [(("resources",), resources)]


def load(doc: Document) -> list[ClientSource]:
    sources: list[ClientSource] = []
    for base, item in _resources(doc):
        if isinstance(item, dict) and isinstance(item.get("Resources"), dict):
            sources.extend(cloudformation.load(doc, base))
        elif isinstance(item, str):
            included = _include(doc, item.strip(), base)
            if included is not None:
                for source in cloudformation.load(included):
                    source.document = included
                    sources.append(source)
    return sources


def _include(doc: Document, reference: str, at: tuple) -> Optional[Document]:
    """The parsed document a ``${file(...)}`` include names, or None.  An include that names no
    file (missing, not a regular file, too large) or one that does not parse is a problem of ``doc``
    at ``at`` (a CG001: its clients go unlinted; the included file's own linting says what does not
    parse); one with variables in its name cannot be known."""
    match = _FILE_INCLUDE.match(reference)
    if not match:
        return None
    name = match.group(1).strip().strip("'\"")
    if "${" in name:
        return None
    target = os.path.join(os.path.dirname(doc.path), name)
    if target not in doc.included:
        doc.included[target] = _read_include(doc, name, target, at)
    return doc.included[target]


def _read_include(doc: Document, name: str, target: str, at: DocPath) -> Optional[Document]:
    """The included file at ``target``, read as an input is; None (and a problem at ``at``) if not."""
    try:  # as an input is read: a FIFO or /dev/zero would block or fill memory
        included = json_or_yaml.parse(target, decode(read_file(target)))
    except Unreadable as exc:
        _problem(doc, at, f"the included file '{name}' does not exist: serverless cannot resolve the include, and its "
                          f"resources are not linted" if not os.path.lexists(target) else
                          f"the included file '{name}' is not read ({exc.message}): its resources are not linted")
        return None
    except ParseError as exc:  # where, not what: the error's own words may quote the file (a secret)
        _problem(doc, at, f"the included file '{name}' does not parse (its line {exc.line}, column {exc.column}): "
                          f"its resources are not linted; lint it for the error")
        return None
    if not isinstance(included.data, dict) or not isinstance(included.data.get("Resources"), dict):
        return None
    return included


def _problem(doc: Document, at: DocPath, message: str) -> None:
    """A CG001 of ``doc`` at ``at``."""
    doc.problems.append((message, doc.span(at)))


def _secrets(doc: Document) -> secrets.SecretText:
    """Values under secret keys, what the inline resources' intrinsics read, and what
    ``${self:...}`` variables read, in this file's secret values and in those of the files it
    includes (``custom.appKey`` is written here when an included template reads it)."""
    roots = list(secrets.keyed(doc.data))
    for base, item in _resources(doc):
        included = _include(doc, item.strip(), base) if isinstance(item, str) else None
        if included is not None:
            roots += [read for path in secrets.keyed(included.data)
                      for text in _strings(value_at(included.data, path))
                      for read in secrets.serverless_self_references(doc.data, text)]

    def references(value: Any, path: DocPath) -> "list[DocPath] | None":
        template_path = path[:2] if len(path) > 1 and path[0] == "resources" and isinstance(path[1], int) else ()
        template = value_at(doc.data, template_path) if template_path else {}
        return secrets.cloudformation_references(template_path, template, doc.data)(value, path)

    return secrets.collect(doc, roots, references)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return [text for item in items for text in _strings(item)]


FORMAT = InputFormat(
    name="serverless",
    extensions=(".yml", ".yaml"),
    parsers={},
    markers=(b"${file(", b"UserPoolClient"),
    recognise=is_serverless,
    load=load,
    secrets=_secrets,
    names=frozenset({"service", "provider", "functions", "resources", "custom", "plugins", "Resources", "Outputs"}),
)
