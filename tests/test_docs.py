"""The generated rule documentation (docs/rules.md, the README's rule list) matches the rule modules."""
import subprocess
import sys

from support import ROOT


def test_rule_docs_are_in_sync():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_rule_docs.py"), "--check"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_lint_examples_show_the_real_output():
    """Each README example of `cognito-lint lint` (a fenced block opening with `$ cognito-lint lint ...`)
    is what the command prints, run from the checkout: an example cannot go stale."""
    import re
    import shlex

    from support import run_cli

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```\n\$ cognito-lint (lint [^\n]*)\n(.*?)^```$", readme, re.M | re.S)
    assert blocks, "the README's Quick start example is gone"
    for command, shown in blocks:
        result = run_cli(*shlex.split(command), cwd=ROOT, env={"NO_COLOR": "1"})
        assert result.returncode in (0, 1), result.stderr
        assert shown == result.stdout, f"README example `cognito-lint {command}` differs from the real output"
