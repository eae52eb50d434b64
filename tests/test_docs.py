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


def test_architecture_names_every_module():
    """docs/architecture.md's table names each module of each folder (`name`; an output format by
    its format, `sarif` for sarif_format.py), and each top-level module by its path: a module
    added or renamed cannot leave the map of the code behind."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    unnamed = []
    for path in sorted((ROOT / "linter").rglob("*.py")):
        if path.name == "__init__.py" or "__pycache__" in path.parts:
            continue
        if path.parent.name == "linter":
            named = path.name == "__main__.py" or f"linter/{path.name}" in text or f"`{path.name}`" in text
        else:
            named = f"`{path.stem}`" in text or f"`{path.stem.removesuffix('_format')}`" in text
        if not named:
            unnamed.append(str(path.relative_to(ROOT)))
    assert unnamed == []
