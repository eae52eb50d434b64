"""Baselines: adopt the linter on a repository that already has findings.

``--write-baseline FILE`` records today's findings by identity (file, client, rule, property and
offending value; no line numbers, so lines moving or reformatting keep the identity);
``--baseline FILE`` then reports only findings that are not in it.  Identities are counted, so
a second identical problem added later is still reported.
"""
from __future__ import annotations

import json
import os
from collections import Counter

from linter import __version__

FORMAT_VERSION = 1


class BaselineError(Exception):
    pass


def write(path: str, findings) -> None:
    entries = [{"fingerprint": f.identity(), "rule": f.rule_id, "file": f.file, "client": f.client,
                "message": f.message} for f in findings]
    document = {"version": FORMAT_VERSION, "tool": f"cognito-lint {__version__}", "findings": entries}
    directory = os.path.dirname(os.path.abspath(path))
    temporary = os.path.join(directory, f".{os.path.basename(path)}.tmp")
    try:
        os.makedirs(directory, exist_ok=True)
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(document, handle, indent=2)
            handle.write("\n")
        os.replace(temporary, path)
    except OSError as exc:
        raise BaselineError(f"cannot write baseline {path}: {exc.strerror or exc}") from None


def load(path: str) -> Counter:
    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
        if not isinstance(document, dict) or "findings" not in document:
            raise TypeError
        version = document.get("version")
        if version != FORMAT_VERSION:
            raise BaselineError(f"{path}: baseline format version {version!r}; this cognito-lint reads version "
                                f"{FORMAT_VERSION} (write a new one with --write-baseline)")
        fingerprints = [entry["fingerprint"] for entry in document["findings"]]
        if not all(isinstance(f, str) for f in fingerprints):
            raise TypeError
        return Counter(fingerprints)
    except OSError as exc:
        raise BaselineError(f"cannot read baseline {path}: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError, RecursionError):
        raise BaselineError(f"{path}: not a cognito-lint baseline (expected JSON with findings[].fingerprint)") from None


def new_findings(findings, known: Counter) -> list:
    remaining = Counter(known)
    fresh = []
    for finding in findings:
        identity = finding.identity()
        if remaining[identity] > 0:
            remaining[identity] -= 1
        else:
            fresh.append(finding)
    return fresh
