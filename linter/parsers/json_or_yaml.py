"""JSON or YAML: the syntax of every input kind but Terraform's HCL and PowerShell.  JSON when the
extension says so or the text starts with ``{`` or ``[``; YAML otherwise."""
from __future__ import annotations

import os

from linter.parsers import json_document, yaml_document
from linter.parsers.document import Document


def parse(path: str, text: str) -> Document:
    extension = os.path.splitext(path)[1].lower()
    if extension == ".json" or (extension not in (".yaml", ".yml") and text.lstrip()[:1] in ("{", "[")):
        return json_document.parse(path, text)
    return yaml_document.parse(path, text)
