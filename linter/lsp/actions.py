"""The edits of the "suppress" code actions, in the file's own syntax.

* YAML, Terraform and PowerShell: ``# cognito-lint: ignore=CG202`` at the end of the finding's
  line (a directive already there gets the ID added: ``ignore=CG106,CG202``).
* JSON has no comments.  A CloudFormation template in JSON gets the resource's
  ``"Metadata": {"cognito-lint": {"ignore": ["CG202"]}}`` instead, which silences the rule for
  the whole client; other JSON inputs (API payloads, Terraform JSON) get no suppress action.

An edit is offered only when the edited text parses back to the same data (plus the Metadata
entry): a comment that would land inside a multi-line string, a heredoc or after a PowerShell
line continuation is never offered.
"""
from __future__ import annotations

import copy
import json
from typing import Any, Optional

from linter.engine.suppressions import DIRECTIVE
from linter.loaders import registry
from linter.parsers.document import Document, ParseError
from linter.reporters.edits import Edit, apply

#: Findings no suppression can silence: a file that does not parse, and an unused suppression.
UNSUPPRESSIBLE = ("CG001", "CG009")


def suppression(document: Document, finding: Any) -> Optional[tuple[str, Edit]]:
    """(title, edit) of the action that suppresses ``finding``, or None."""
    if finding.rule_id in UNSUPPRESSIBLE or finding.file != document.path:
        return None
    if document.comment_markers:
        edit = _comment(document, finding)
        if edit is not None and _parses_to(document, edit, document.data):
            return f"Suppress {finding.rule_id} on line {finding.span.line}", edit
        return None
    if finding.kind == "cloudformation" and finding.client:
        found = _metadata(document, finding)
        if found is not None and _parses_to(document, *found):
            return f"Suppress {finding.rule_id} for {finding.client} (resource Metadata)", found[0]
    return None


def _comment(document: Document, finding: Any) -> Optional[Edit]:
    line = finding.span.line
    start = document.offset(line, 1)
    end = document.text.find("\n", start)
    end = len(document.text) if end < 0 else end
    if end > start and document.text[end - 1] == "\r":
        end -= 1
    text = document.text[start:end]
    existing = DIRECTIVE.search(text)
    if existing and text.startswith(document.comment_markers, existing.start()):
        if existing.group(1) != "ignore":  # one directive a line: an ignore-file one is there
            return None
        at = start + existing.end(2)
        return Edit(at, at, f",{finding.rule_id}")
    content = len(text.rstrip())
    return Edit(start + content, end, f"  {document.comment_markers[0]} cognito-lint: ignore={finding.rule_id}")


def _metadata(document: Document, finding: Any) -> Optional[tuple[Edit, Any]]:
    """The edit adding the rule to the resource's Metadata suppression, and the data it gives."""
    resources = document.data.get("Resources") if isinstance(document.data, dict) else None
    resource = resources.get(finding.client) if isinstance(resources, dict) else None
    if not isinstance(resource, dict):
        return None
    rule = json.dumps(finding.rule_id)
    expected = copy.deepcopy(document.data)
    target = expected["Resources"][finding.client]
    path: tuple = ("Resources", finding.client)
    metadata = resource.get("Metadata")
    if "Metadata" not in resource:
        target["Metadata"] = {"cognito-lint": {"ignore": [finding.rule_id]}}
        edit = _add_entry(document, path, resource, f'"Metadata": {{"cognito-lint": {{"ignore": [{rule}]}}}}')
    elif not isinstance(metadata, dict):
        return None
    elif "cognito-lint" not in metadata:
        target["Metadata"]["cognito-lint"] = {"ignore": [finding.rule_id]}
        edit = _add_entry(document, path + ("Metadata",), metadata, f'"cognito-lint": {{"ignore": [{rule}]}}')
    elif not isinstance(metadata["cognito-lint"], dict):
        return None
    elif "ignore" not in metadata["cognito-lint"]:
        target["Metadata"]["cognito-lint"]["ignore"] = [finding.rule_id]
        edit = _add_entry(document, path + ("Metadata", "cognito-lint"), metadata["cognito-lint"], f'"ignore": [{rule}]')
    elif isinstance(metadata["cognito-lint"]["ignore"], list):
        target["Metadata"]["cognito-lint"]["ignore"].insert(0, finding.rule_id)
        edit = _add_item(document, path + ("Metadata", "cognito-lint", "ignore"), metadata["cognito-lint"]["ignore"], rule)
    else:
        return None
    return (edit, expected) if edit is not None else None


def _add_entry(document: Document, path: tuple, mapping: dict, entry: str) -> Optional[Edit]:
    """Insert ``entry`` as the first member of the JSON object at ``path``, spaced like the next."""
    start, end = _offsets(document, path)
    if not mapping:
        return Edit(start, end, "{" + entry + "}")
    first = document.span(path + (next(iter(mapping)),), key=True)
    at = document.offset(first.line, first.column)
    space = document.text[start + 1:at]
    if space.strip():
        return None
    return Edit(at, at, entry + "," + (space or " "))


def _add_item(document: Document, path: tuple, items: list, item: str) -> Optional[Edit]:
    start, end = _offsets(document, path)
    if not items:
        return Edit(start, end, "[" + item + "]")
    first = document.span(path + (0,))
    at = document.offset(first.line, first.column)
    return Edit(at, at, item + ", ")


def _offsets(document: Document, path: tuple) -> tuple[int, int]:
    span = document.span(path)
    return document.offset(span.line, span.column), document.offset(span.end_line, span.end_column)


def _parses_to(document: Document, edit: Edit, expected: Any) -> bool:
    try:
        edited = registry.parse(document.path, apply(document.text, [edit]).encode("utf-8", "surrogatepass"))
    except (ParseError, UnicodeError, RecursionError):
        return False
    return edited.data == expected
