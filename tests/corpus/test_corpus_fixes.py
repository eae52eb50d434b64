"""``--fix`` and ``--fix --unsafe-fixes`` on copies of every file of the real corpus: the files still
parse, each has no more findings than before (the corpus as a whole fewer), a second run changes
nothing, and the findings by rule are the reviewed counts below.

Safe fixes: CG402 (two findings on one list are one fix: the whole list in ALLOW_ names, with the
SRP and refresh-token flows a legacy list allows) and CG502.  Unsafe fixes: CG405 and CG406 are
fixed everywhere; CG106 stays where `implicit` is behind an `!If` (the same edit does not fix
every combination of conditions); CG307's fix does not apply where ALLOW_REFRESH_TOKEN_AUTH is
enabled (rotation is then CG306's problem); CG105's client has OAuth switched off explicitly.
"""
from __future__ import annotations

import collections
import shutil

import pytest

from linter.engine.discovery import is_foreign
from linter.engine.lint import LintConfig, lint_text
from linter.engine.run import collect, lint_paths
from linter.fixes.apply import fix_files
from support import REAL, rules_by_id

#: Findings by rule: before, after --fix, after --fix --unsafe-fixes.
COUNTS = {
    # the serverless.yml whose includes the flat corpus does not hold (tests/corpus/test_real_corpus.py)
    "CG001": (5, 5, 5),
    "CG007": (1, 1, 1),
    "CG105": (1, 1, 1),
    "CG106": (9, 9, 1),
    "CG107": (11, 11, 11),
    "CG207": (4, 4, 4),
    "CG208": (3, 3, 3),
    "CG307": (30, 30, 30),
    "CG402": (6, 0, 0),
    "CG403": (7, 7, 7),
    "CG404": (6, 6, 6),
    "CG405": (23, 23, 0),
    "CG406": (32, 32, 0),
    "CG407": (2, 2, 2),
    "CG502": (2, 0, 0),
    "CG507": (4, 4, 4),
    "CG508": (26, 26, 26),
}


def corpus_files():
    if not REAL.is_dir():
        return []
    return sorted(p.name for p in REAL.iterdir() if not is_foreign(str(p)) and p.suffix != ".md")


def _fixed(tmp_path, unsafe: bool):
    config = LintConfig(rules=rules_by_id())
    names = corpus_files()
    for name in names:
        shutil.copy(REAL / name, tmp_path / name)
    files = [str(tmp_path / name) for name in names]
    before = collect(lint_paths(files, config, jobs=1))

    def relint(path, text):
        return [f for f in lint_text(path, text.encode(), config).findings if f.file == path]

    outcome = fix_files(before.findings, before.digests, unsafe=unsafe, relint=relint)
    assert outcome.errors == []
    after = collect(lint_paths(files, config, jobs=1))
    again = fix_files(after.findings, after.digests, unsafe=unsafe, relint=relint, write=False)
    assert again.changes == [] and again.errors == [], "a second run would change something"
    return before.findings, after.findings


def _by_rule(findings):
    return collections.Counter(f.rule_id for f in findings)


def _by_file(findings):
    return collections.Counter(f.file for f in findings)


@pytest.mark.shared("corpus/real")
@pytest.mark.parametrize("unsafe", [False, True], ids=["fix", "unsafe-fixes"])
def test_fixing_the_real_corpus(tmp_path, unsafe):
    before, after = _fixed(tmp_path, unsafe)
    parse_errors = [(f.file, f.span.line, f.message) for f in before if f.rule_id == "CG001"]
    assert all(message.startswith("the included file ") for _, _, message in parse_errors)
    assert [(f.file, f.span.line, f.message) for f in after if f.rule_id == "CG001"] == parse_errors, \
        "a fixed file no longer parses"
    column = 2 if unsafe else 1
    assert dict(_by_rule(before)) == {rule: counts[0] for rule, counts in COUNTS.items() if counts[0]}
    assert dict(_by_rule(after)) == {rule: counts[column] for rule, counts in COUNTS.items() if counts[column]}
    more = {file: (_by_file(before)[file], count) for file, count in _by_file(after).items()
            if count > _by_file(before)[file]}
    assert not more, f"files with more findings after fixing: {more}"
    assert len(after) < len(before)
