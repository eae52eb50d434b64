"""Generate docs/rules.md, the README's rule list and its list of fixes from the built-in rules'
docstrings (a fix is the "Automatic fix (safe|unsafe): ..." paragraph of a rule's ``## Fix``).

The docstring is the one place each rule is documented.

    python scripts/gen_rule_docs.py          # rewrite docs/rules.md and the README's rule list
    python scripts/gen_rule_docs.py --check  # exit 1 when either is stale (tests run this)
"""
from __future__ import annotations

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "rules.md"
README = ROOT / "README.md"
START, END = "<!-- rules:start -->", "<!-- rules:end -->"
FIXES_START, FIXES_END = "<!-- fixes:start -->", "<!-- fixes:end -->"
#: The paragraph of a rule's ``## Fix`` that says what ``--fix`` does.
AUTOMATIC = re.compile(r"^Automatic fix \((safe|unsafe)\): (.*?)(?:\n\n|\n```|\Z)", re.S | re.M)


def builtin_rules():
    from linter.engine.rule_registry import load_rules

    return [r for r in sorted(load_rules().values(), key=lambda r: r.id) if r.origin == "built-in"]


def automatic_fix(rule):
    """(safety, what it does) of a rule's automatic fix, or None."""
    match = AUTOMATIC.search(rule.doc_sections().get("Fix", ""))
    return (match.group(1), " ".join(match.group(2).split())) if match else None


def readme_with_rule_list(readme: str) -> str:
    rules = builtin_rules()
    listing = "\n".join(f"- [{r.id}](docs/rules.md#{r.id.lower()}) `{r.level}` {r.name}: {r.summary}"
                        for r in rules)
    head, rest = readme.split(START, 1)
    readme = head + START + "\n" + listing + "\n" + END + rest.split(END, 1)[1]
    fixes = ["| rule | safety | what the fix does |", "|---|---|---|"]
    for rule in rules:
        found = automatic_fix(rule)
        if found:
            fixes.append(f"| [{rule.id}](docs/rules.md#{rule.id.lower()}) {rule.name} | {found[0]} | {found[1]} |")
    head, rest = readme.split(FIXES_START, 1)
    return head + FIXES_START + "\n" + "\n".join(fixes) + "\n" + FIXES_END + rest.split(FIXES_END, 1)[1]


def render() -> str:
    rules = builtin_rules()
    lines = ["# cognito-lint rules", "",
             "Generated from the rule modules in `rules/` by `scripts/gen_rule_docs.py`; "
             "`cognito-lint explain ID` prints the same text.", "",
             "Levels: **error** = AWS rejects the configuration (the deploy or API call fails); "
             "**warning** = accepted but a security risk; **note** = hygiene. "
             "Every level can be changed in the configuration.", "",
             "| ID | name | level | summary |", "|---|---|---|---|"]
    lines += [f"| [{r.id}](#{r.id.lower()}) | {r.name} | {r.level} | {r.summary} |" for r in rules]
    for r in rules:
        body = r.docs.split("\n", 1)[1].strip() if "\n" in r.docs else ""
        lines += ["", f"## {r.id}", "", f"**{r.name}** · level `{r.level}`"
                  + (f" · tags: {', '.join(r.tags)}" if r.tags else ""), "", r.summary, ""]
        lines += [("#" + line) if line.startswith("## ") else line for line in body.splitlines()]
        if r.options:
            lines += ["", "### Options", ""]
            lines += [f"- `{k}` (default `{v!r}`): set with `--option {r.id}.{k}=...` or "
                      f"`[tool.cognito-lint.rules.{r.id}]`" for k, v in r.options.items()]
    return "\n".join(lines).rstrip() + "\n"


def main() -> int:
    text = render()
    readme = README.read_text(encoding="utf-8")
    if "--check" in sys.argv:
        if not OUTPUT.exists() or OUTPUT.read_text(encoding="utf-8") != text:
            print("docs/rules.md is stale: run python scripts/gen_rule_docs.py")
            return 1
        if readme_with_rule_list(readme) != readme:
            print("README.md's rule list is stale: run python scripts/gen_rule_docs.py")
            return 1
        return 0
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(text, encoding="utf-8")
    README.write_text(readme_with_rule_list(readme), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
