"""The values of the hand-written readers (Terraform's HCL, PowerShell) as the model's: an
expression the reader did not evaluate is unknown, a string that embeds expressions a template.
"""
from __future__ import annotations

from typing import Any

from linter.model import Template, Unknown
from linter.parsers.scanner import Expression


def to_value(value: Any) -> Any:
    """A reader's value as the model's (recursively for lists and mappings)."""
    if isinstance(value, Expression):
        if value.parts is None:
            return Unknown(value.text, ref=value.reference)
        parts = [p if isinstance(p, str) else Unknown(p.text, ref=p.reference) for p in value.parts]
        return Template(parts, source="interpolation")
    if isinstance(value, list):
        return [to_value(v) for v in value]
    if isinstance(value, dict):
        return {k: to_value(v) for k, v in value.items()}
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
