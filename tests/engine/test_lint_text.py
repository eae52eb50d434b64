"""lint_text: a buffer linted for a path, the file never read, through lint_file's own code path."""
from __future__ import annotations

import pytest

from linter.engine import lint as engine
from linter.engine.lint import LintConfig, lint_file, lint_text
from support import ROOT, cfn, lint_buffer, rules_by_id

SAMPLES = sorted(p for p in (ROOT / "sample_configs").rglob("*") if p.is_file() and p.suffix != ".md")


def config() -> LintConfig:
    return LintConfig(rules=rules_by_id())


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_buffer_gets_the_findings_of_the_same_file(path):
    on_disk = lint_file(str(path), config())
    assert lint_text(str(path), path.read_bytes(), config()) == on_disk
    assert lint_text(str(path), path.read_text(encoding="utf-8"), config()).findings == on_disk.findings


def test_the_buffer_is_linted_not_the_file(tmp_path):
    path = tmp_path / "app.yaml"
    path.write_text(cfn("CallbackURLs: [https://app.acme-corp.io/cb]"))
    buffer = cfn("CallbackURLs:\n  - http://app.acme-corp.io/cb")
    assert [f.rule_id for f in lint_buffer(buffer, str(path), ["CG202"])] == ["CG202"]
    assert [f.rule_id for f in lint_buffer(buffer, str(tmp_path / "never-saved.yaml"), ["CG202"])] == ["CG202"]


def test_the_name_decides_the_kind_as_for_files():
    text = 'resource "aws_cognito_user_pool_client" "c" {\n  callback_urls = ["http://app.acme-corp.io/cb"]\n}\n'
    assert [f.rule_id for f in lint_buffer(text, "/b/main.tf", ["CG202"])] == ["CG202"]
    assert lint_buffer(text, "/b/main.yaml", ["CG202"]) == []  # not YAML holding a client
    assert lint_buffer(cfn("CallbackURLs: [http://a/cb]"), "/b/notes.md") == []  # another language


def test_empty_too_large_and_byte_order_marked_buffers(monkeypatch):
    result = lint_text("/b/t.yaml", "  \n", config())
    assert result.findings == [] and result.notices == ["/b/t.yaml: skipped: the file is empty"]
    text = cfn("CallbackURLs:\n  - http://app.acme-corp.io/cb")
    assert [(f.rule_id, f.span.line) for f in lint_buffer("\ufeff" + text, select=["CG202"])] == [("CG202", 9)]
    monkeypatch.setattr(engine, "MAX_FILE_BYTES", 100)
    [finding] = lint_buffer(text)
    assert finding.rule_id == "CG001" and "files over 100 bytes are not read" in finding.message
