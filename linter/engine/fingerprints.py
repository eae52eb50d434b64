"""Finding identities that survive edits: for baselines and SARIF's partialFingerprints.

No positions and no list indexes: the file (relative to its repository), the client, the rule,
the property the rule names and the offending value (none for a missing property, so unrelated
additions keep the identity).
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
from typing import Any, Optional


def fingerprint(path: str, client: str, rule_id: str, client_path: tuple, value: Any,
                resource: Optional[str] = None) -> str:
    """``resource`` (a deployed client's ARN) stands for the file when the client has one."""
    where = "/".join(str(step) for step in client_path if not isinstance(step, int))
    text = json.dumps(value, sort_keys=True, default=str)
    return _digest(resource or repository_path(path), client, rule_id, where, text)


def file_fingerprint(path: str, rule_id: str, message: str) -> str:
    """For a finding with no value in a document (a file that does not parse): file (relative to
    its repository, however the path was typed), rule, message."""
    return _digest(repository_path(path), rule_id, message)


def _digest(*parts: str) -> str:
    # surrogatepass: a file name that is not UTF-8 (its bytes as \udcXX) hashes as what it is
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def repository_path(path: str) -> str:
    """``path`` relative to the root of its git repository (else the current directory)."""
    absolute = os.path.abspath(path)
    root = _repository_root(os.path.dirname(absolute))
    return os.path.relpath(absolute, root or os.getcwd()).replace(os.sep, "/")


@functools.lru_cache(maxsize=256)
def _repository_root(directory: str) -> Optional[str]:
    if os.path.exists(os.path.join(directory, ".git")):
        return directory
    parent = os.path.dirname(directory)
    return None if parent == directory else _repository_root(parent)
