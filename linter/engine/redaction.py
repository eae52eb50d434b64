"""Secrets are never shown: every finding's text is redacted before it leaves the engine.

The secrets of a file are the strings under keys that name a secret (``ClientSecret``,
``client_secret``, ...), however deep; a shown text keeps at most their first four characters.
"""
from __future__ import annotations

import dataclasses
import re
from typing import Any

from linter.engine.findings import Finding

_SECRET_KEY = re.compile(r"secret", re.I)
#: Keys that mention secrets but hold none: flags, ARNs, and the names intrinsics refer to.
_NOT_SECRET_KEY = re.compile(r"generate_?secret|publish_?secrets|secret_?arn|^(Ref|Fn::GetAtt|Condition)$", re.I)
_SECRET_ASSIGNMENT = re.compile(r"""(?<!generate)(?<!generate_)(secret["']?\s*[:=]\s*["']?)([^\s"',}\]]{5,})""", re.I)


def secret_values(data: Any) -> set[str]:
    """Every string under a key that names a secret (``ClientSecret: !Sub "..."`` and lists included)."""
    found: set[str] = set()
    stack: list[tuple[bool, Any]] = [(False, data)]
    while stack:
        secret, value = stack.pop()
        if isinstance(value, dict):
            stack.extend(((secret or bool(_SECRET_KEY.search(k))) and not _NOT_SECRET_KEY.search(k), v)
                         for k, v in value.items() if isinstance(k, str))
        elif isinstance(value, list):
            stack.extend((secret, item) for item in value)
        elif secret and isinstance(value, str) and len(value) > 4:
            found.add(value)
    return found


def redacted(finding: Finding, secrets: set[str]) -> Finding:
    return dataclasses.replace(finding, message=redact(finding.message, secrets),
                               source_line=redact(finding.source_line, secrets))


def redact(text: str, secrets: set[str]) -> str:
    """Keep at most the first 4 characters of a secret."""
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, secret[:4] + "…")
    return _SECRET_ASSIGNMENT.sub(lambda m: m.group(1) + m.group(2)[:4] + "…", text)
