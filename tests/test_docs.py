"""The generated rule documentation (docs/rules.md, the README's rule list) matches the rule modules."""
import subprocess
import sys

from support import ROOT


def test_rule_docs_are_in_sync():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_rule_docs.py"), "--check"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
