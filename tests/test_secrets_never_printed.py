"""A client secret found in a file never reaches any output format (at most its first 4 characters)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from support import ROOT

SECRET = "fakeSecretValue0123456789abcdefghijklmnopqrstu"
SAMPLE = ROOT / "sample_configs" / "bad" / "describe-output.json"


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_secret_is_not_printed(fmt):
    assert SECRET in SAMPLE.read_text()
    result = subprocess.run([sys.executable, "-m", "linter", "lint", "--format", fmt, "--fail-on", "never", str(SAMPLE)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert SECRET[4:12] not in output
    if fmt == "text" and "ClientSecret" in output:
        assert "fake****" in output
