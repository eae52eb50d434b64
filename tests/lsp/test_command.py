"""`cognito-lint lsp` without its extra, and a lint run that never imports the server's libraries."""
from __future__ import annotations

import subprocess
import sys

from support import ROOT, run_cli


def test_without_the_extra_the_command_says_what_to_install():
    code = "import sys; sys.modules['pygls'] = None; sys.argv = ['cognito-lint', 'lsp']; from linter.console import main; main()"
    result = subprocess.run([sys.executable, "-P", "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "cognito-lint: error: the language server needs pygls: pip install 'cognito-lint[lsp]'"]


def test_linting_never_imports_pygls_or_lsprotocol():
    result = subprocess.run([sys.executable, "-P", "-X", "importtime", "-m", "linter", "lint",
                             "sample_configs/good/web-client.template.yaml"],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "linter.engine.lint" in result.stderr  # importtime did list the imports
    assert "pygls" not in result.stderr and "lsprotocol" not in result.stderr


def test_help_lists_the_server():
    assert "lsp" in run_cli("--help").stdout
