"""Every real-world file lints without a crash (exit 0 or 1, never 2)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from support import PEER, REAL

DIRS = [REAL, PEER]


@pytest.mark.shared("corpus/real")
@pytest.mark.shared("corpus/peer-cdk-preflight")
@pytest.mark.parametrize("folder", DIRS, ids=lambda d: d.name)
def test_corpus_folder_lints_without_crash(folder):
    files = sorted(str(p) for p in folder.rglob("*") if p.is_file())
    result = subprocess.run([sys.executable, "-P", "-m", "linter", "lint", "-q", "--format", "json", *files],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
