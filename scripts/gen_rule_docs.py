"""Generate docs/rules.md and the README's rule list from the built-in rules' docstrings.

The docstring is the one place each rule is documented.

    python scripts/gen_rule_docs.py          # rewrite docs/rules.md and the README's rule list
    python scripts/gen_rule_docs.py --check  # exit 1 when either is stale (tests run this)
"""
from __future__ import annotations

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "rules.md"
README = ROOT / "README.md"
START, END = "<!-- rules:start -->", "<!-- rules:end -->"


def builtin_rules():
    from linter.engine.rule_registry import load_rules

    return [r for r in sorted(load_rules().values(), key=lambda r: r.id) if r.origin == "built-in"]


def readme_with_rule_list(readme: str) -> str:
    listing = "\n".join(f"- [{r.id}](docs/rules.md#{r.id.lower()}) `{r.level}` {r.name}: {r.summary}"
                        for r in builtin_rules())
    head, rest = readme.split(START, 1)
    return head + START + "\n" + listing + "\n" + END + rest.split(END, 1)[1]


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
