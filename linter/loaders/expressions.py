"""The values of the hand-written readers (Terraform's HCL, PowerShell) as the model's: an
expression the reader did not evaluate is unknown, a string that embeds expressions a template.
"""
from __future__ import annotations

from typing import Any, Mapping, Optional

from linter.model import Template, Unknown
from linter.parsers.scanner import Expression

#: An expression's text (``var.site_host``) → (the name of the variable it reads, its default).
Defaults = Mapping[str, tuple[str, Any]]


def to_value(value: Any, defaults: Optional[Defaults] = None) -> Any:
    """A reader's value as the model's (recursively for lists and mappings); an expression that
    ``defaults`` knows (a Terraform variable with a ``default``) is an unknown carrying it."""
    if isinstance(value, Expression):
        if value.parts is None:
            return unknown(value.text, value.reference, defaults)
        parts = [p if isinstance(p, str) else unknown(p.text, p.reference, defaults) for p in value.parts]
        return Template(parts, source="interpolation")
    if isinstance(value, list):
        return [to_value(v, defaults) for v in value]
    if isinstance(value, dict):
        return {k: to_value(v, defaults) for k, v in value.items()}
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def unknown(text: str, ref: Optional[str], defaults: Optional[Defaults]) -> Unknown:
    """The unknown value of an expression, with its variable's default when ``defaults`` has one."""
    known = defaults.get(text) if defaults else None
    if known is None:
        return Unknown(text, ref=ref)
    name, default = known
    return Unknown(text, default=to_value(default), ref=ref, parameter=name)
