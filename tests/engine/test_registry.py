"""Rules come from the built-in rules package (listed), the cognito_lint.rules entry points (plugins),
--rules-dir folders and policies."""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys

import pytest

from linter.engine import rule_registry as registry
from linter.rule import DOC_SECTIONS
from support import ROOT, TESTS, builtin_rules, run_cli as run

CLIENT = """\
Resources:
  WebClient:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: us-east-1_abc
      ClientName: web
      AllowedOAuthFlowsUserPoolClient: true
"""


def test_builtin_rules_are_found_by_listing_their_package():
    rule_files = {path.name.split("_", 1)[0].upper() for path in (ROOT / "rules").glob("cg*.py")}
    assert set(registry.builtin_rules()) == rule_files == set(builtin_rules())
    loaded = registry.load_rules()
    assert all(loaded[rule_id].origin == "built-in" for rule_id in builtin_rules())
    assert loaded["CG201"].module.__name__ == "linter.rules.cg201_default_redirect_not_in_callbacks"


def test_a_new_file_in_the_rules_package_is_a_new_rule(tmp_path, monkeypatch):
    """What an editable install does: the package's folder is listed at each run, nothing is registered."""
    import linter.rules

    (tmp_path / "cg999_team_prefix.py").write_text(
        '''"""Client names carry the team prefix.\n\n## What it does\nx\n"""\nID = "CG999"\nNAME = "team-prefix"\n'''
        '''LEVEL = "note"\n\ndef check(client, options):\n    yield ("ClientName",), "no prefix"\n''')
    monkeypatch.setattr(linter.rules, "__path__", [*linter.rules.__path__, str(tmp_path)])
    rules = registry.load_rules()
    assert "CG999" in rules and rules["CG999"].name == "team-prefix"


def test_a_rule_file_named_for_another_id_is_an_error(tmp_path, monkeypatch):
    import linter.rules

    (tmp_path / "cg998_misnamed.py").write_text('ID = "CG997"\nNAME = "x"\nLEVEL = "note"\n')
    monkeypatch.setattr(linter.rules, "__path__", [*linter.rules.__path__, str(tmp_path)])
    with pytest.raises(registry.RuleError, match="the file name says CG998 but the module's ID is CG997"):
        registry.load_rules()["CG998"]


@pytest.fixture
def outside_the_test_tree(monkeypatch):
    """sys.path without tests/ and its folders. pytest puts them there (and pyproject.toml's
    ``pythonpath``, for support.py), and from there tests/rules/ would be found as a namespace package
    ``rules``: a folder of the test suite, not an installed package."""
    def in_tests(entry: str) -> bool:
        return os.path.commonpath([os.path.realpath(entry or os.curdir), str(TESTS)]) == str(TESTS)

    monkeypatch.setattr(sys, "path", [entry for entry in sys.path if not in_tests(entry)])


@pytest.mark.usefixtures("outside_the_test_tree")
def test_no_top_level_rules_package_is_installed():
    spec = importlib.util.find_spec("rules")
    if spec is not None:
        # Only acceptable when the test runs from the source tree (the current directory on sys.path).
        assert os.path.dirname(spec.origin or "") == str(ROOT / "rules")
        assert os.path.abspath(os.getcwd()) == str(ROOT)


def test_every_rule_module_follows_the_contract():
    for rule in builtin_rules().values():
        sections = rule.doc_sections()
        for heading in DOC_SECTIONS:
            assert sections.get(heading), f"{rule.id}: docstring lacks '## {heading}'"
        assert rule.summary and not rule.summary.startswith("#"), rule.id


def test_rules_dir_adds_rules_and_skips_helper_modules(tmp_path):
    (tmp_path / "c.yaml").write_text(CLIENT)
    rules_dir = str(ROOT / "tests" / "user_rules")
    listing = json.loads(run("rules", "--format", "json").stdout)
    assert "TEAM001" not in {r["id"] for r in listing}
    result = run("lint", "--rules-dir", rules_dir, "--select", "TEAM", "--format", "json", str(tmp_path / "c.yaml"))
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["line"], f["column"]) for f in findings] == [("TEAM001", 2, 3)]
    assert result.returncode == 1


def test_a_rules_dir_given_twice_is_read_once(tmp_path):
    (tmp_path / "c.yaml").write_text(CLIENT)
    rules_dir = ROOT / "tests" / "user_rules"
    (tmp_path / "link").symlink_to(rules_dir)
    result = run("lint", "--rules-dir", str(rules_dir), "--rules-dir", f"{rules_dir}/", "--rules-dir",
                 str(tmp_path / "link"), "--select", "TEAM", "--format", "json", str(tmp_path / "c.yaml"))
    assert result.returncode == 1, result.stderr
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["TEAM001"]


def test_broken_rules_dir_is_a_usage_error(tmp_path):
    (tmp_path / "broken.py").write_text("ID = 'X1'\nNAME = 'x'\nLEVEL = 'fatal'\n")
    result = run("lint", "--rules-dir", str(tmp_path), str(tmp_path))
    assert result.returncode == 2
    assert "LEVEL must be one of error, warning, note" in result.stderr and "Traceback" not in result.stderr


def test_a_rules_dir_rule_cannot_take_a_built_in_id(tmp_path):
    """A folder's rule with a built-in's ID would switch that check off without a word."""
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "quiet.py").write_text('"""Quiet."""\nID = "CG201"\nNAME = "quiet"\nLEVEL = "note"\n'
                                                 "def check(client, options):\n    return []\n")
    (tmp_path / "c.yaml").write_text(CLIENT)
    for command in (["lint", str(tmp_path / "c.yaml")], ["rules"], ["explain", "CG201"]):
        result = run(*command, "--rules-dir", str(tmp_path / "rules"))
        assert result.returncode == 2, command
        assert result.stderr == (f"cognito-lint: error: {tmp_path / 'rules' / 'quiet.py'}: rule CG201 has the ID of "
                                 "a built-in or plugin rule; choose another ID\n")


def test_a_policy_with_a_rule_id_is_an_error_before_any_file_is_read(tmp_path):
    (tmp_path / ".cognito-lint.yaml").write_text("policies:\n  - id: CG202\n    name: x\n    summary: s\n"
                                                 "    require: {ClientName: {equals: a}}\n")
    (tmp_path / "empty").mkdir()
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "a.yaml").write_text(CLIENT)
    for folder in ("empty", "files"):
        result = run("lint", folder, cwd=tmp_path)
        assert result.returncode == 2, folder
        assert result.stderr.count("policy CG202 has the ID of a rule") == 1 and "a.yaml" not in result.stderr


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory):
    """The example plugin package, really installed (pip) into a folder put on PYTHONPATH."""
    target = tmp_path_factory.mktemp("site")
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                             "--target", str(target), str(ROOT / "tests" / "plugin_example")],
                            capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        pytest.fail(f"cannot install the example plugin: {result.stderr[-2000:]}")
    return str(target)


def test_installed_plugin_rules_run_and_take_options(plugin_site, tmp_path):
    (tmp_path / "c.yaml").write_text(CLIENT)
    env = {"PYTHONPATH": plugin_site}
    listing = json.loads(run("rules", "--format", "json", env=env).stdout)
    acme = next(r for r in listing if r["id"] == "ACME001")
    assert acme["origin"] == "cognito-lint-example-plugin"
    result = run("lint", "--select", "ACME", "--format", "json", str(tmp_path / "c.yaml"), env=env)
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["line"], f["column"], f["level"]) for f in findings] == [("ACME001", 6, 19, "warning")]
    passing = run("lint", "--select", "ACME", "--option", "ACME001.prefix=we", str(tmp_path / "c.yaml"), env=env)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "Acme's inventory tooling" in run("explain", "ACME001", env=env).stdout


def _entry_point_table(reader) -> list[tuple[str, str, str]]:
    return sorted((ep.name, ep.value, ep.dist_name()) for ep in reader())


def test_fast_entry_point_reader_agrees_with_importlib_metadata():
    fast = _entry_point_table(registry._entry_points_from_folders)
    assert fast == _entry_point_table(registry._entry_points_from_importlib)
    assert not any(ep[1].startswith("linter.rules.") for ep in fast)  # built-in rules are listed, not registered


def test_fast_entry_point_reader_agrees_with_importlib_metadata_on_a_plugin(plugin_site, monkeypatch):
    monkeypatch.syspath_prepend(plugin_site)
    fast = _entry_point_table(registry._entry_points_from_folders)
    assert fast == _entry_point_table(registry._entry_points_from_importlib)
    assert ("ACME001", "acme_cognito_rules.client_name_prefix",
            "cognito-lint-example-plugin") in fast


def test_entry_points_fall_back_to_importlib_metadata_for_a_zip_on_sys_path(tmp_path, monkeypatch):
    archive = tmp_path / "plugins.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\0" * 18)  # an empty zip archive
    monkeypatch.syspath_prepend(str(archive))
    assert registry._entry_points_from_folders() is None
    assert _entry_point_table(registry._entry_points) == _entry_point_table(registry._entry_points_from_importlib)
