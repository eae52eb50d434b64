"""Rewrite pyproject.toml's ``cognito_lint.rules`` entry-point table from the rules/ folder.

Run after adding a rule module: ``python scripts/sync_entry_points.py`` (``--check`` exits 1 when
the table is stale; tests/test_registry.py runs that check).
"""
from __future__ import annotations

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
HEADER = '[project.entry-points."cognito_lint.rules"]'
_ID = re.compile(r'^ID\s*=\s*"([A-Z]+[0-9]+)"', re.M)


def expected_table() -> str:
    lines = [HEADER]
    for path in sorted((ROOT / "rules").glob("cg*.py")):
        match = _ID.search(path.read_text(encoding="utf-8"))
        if match:
            lines.append(f'{match.group(1)} = "linter.rules.{path.stem}"')
    return "\n".join(lines) + "\n"


def synced(pyproject: str) -> str:
    start = pyproject.index(HEADER)
    end = pyproject.find("\n[", start + len(HEADER))
    end = len(pyproject) if end < 0 else end + 1
    return pyproject[:start] + expected_table() + ("\n" if end < len(pyproject) else "") + pyproject[end:]


def main() -> int:
    path = ROOT / "pyproject.toml"
    current = path.read_text(encoding="utf-8")
    wanted = synced(current)
    if "--check" in sys.argv:
        if wanted != current:
            print("pyproject.toml's rule entry points are stale: run python scripts/sync_entry_points.py")
            return 1
        return 0
    if wanted != current:
        path.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
