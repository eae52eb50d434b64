"""Client-secret facts for the CG6xx rules: "certainly no secret", "a literal secret in the file".

Never put a secret into a message: :func:`masked` shows at most its first four characters.
"""
from __future__ import annotations

import re
from typing import Any, Optional

from linter.model import Template, Unknown

#: Values that stand for a secret instead of being one: CloudFormation dynamic references
#: (``{{resolve:secretsmanager:...}}``), shell/envsubst/Terraform-style variables, ``<placeholders>``.
_INDIRECT = re.compile(r"\{\{|\$\{|^\$[A-Za-z_]|^<[^<>]*>$|^%[A-Za-z_]+%$")


def literal_secret(client) -> Optional[str]:
    """The client secret written literally in the file (a parameter's Default counts), else None."""
    value: Any = client.ClientSecret
    if isinstance(value, Unknown) and not isinstance(value, Template):
        value = value.default  # `!Ref Param` whose Default holds the secret: it is in the file too
    if not isinstance(value, str) or not value.strip() or _INDIRECT.search(value.strip()):
        return None
    return value


def masked(secret: str) -> str:
    """``'abcd…' (52 characters)``: at most the first 4 characters, fewer for short values."""
    keep = min(4, len(secret) // 4)
    return f"'{secret[:keep]}…' ({len(secret)} characters)"
