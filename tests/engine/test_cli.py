"""The command line as a user runs it: a subprocess, its output and its exit code."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from linter.rule import DOC_SECTIONS
from support import ROOT, run_cli as run

BAD_YAML = """\
Resources:
  WebClient:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: us-east-1_abc
      CallbackURLs: [http://app.example.com/cb]
      EnableTokenRevocation: false
"""
GOOD_JSON = (ROOT / "sample_configs" / "good" / "create-web-client.json").read_text()


@pytest.fixture
def files(tmp_path):
    (tmp_path / "bad.yaml").write_text(BAD_YAML)
    (tmp_path / "good.json").write_text(GOOD_JSON)
    return tmp_path


def test_findings_exit_1_with_ruff_style_lines(files):
    result = run("lint", "--select", "CG202,CG304", str(files / "bad.yaml"))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (f"{files / 'bad.yaml'}:6:22: CG202 [~] [error] CallbackURLs entry 'http://app.example.com/cb' "
                        "uses http://; the service allows http only for localhost, 127.0.0.1 and [::1]. Use https://.")
    assert lines[1] == "6 |       CallbackURLs: [http://app.example.com/cb]"
    assert lines[2] == "  |                      " + "^" * len("http://app.example.com/cb")
    assert "\033[" not in result.stdout  # no colour when not a terminal
    assert result.stderr == ""


def test_clean_file_exits_0(files):
    result = run("lint", str(files / "good.json"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No problems found (1 file, 1 app client checked)." in result.stdout


def test_skipped_files_are_not_counted_as_checked(files):
    """A file named on the command line or found in a folder but not linted (another language, no
    app client, empty) is counted apart, and --verbose names it."""
    (files / "deploy.sh").write_text("aws cognito-idp list-user-pools\n")
    (files / "other.yaml").write_text("foo: bar\n")
    (files / "empty.json").write_text("")
    result = run("lint", str(files / "deploy.sh"), str(files / "other.yaml"))
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout == "No problems found (0 files, 0 app clients checked; 2 files skipped: --verbose names them).\n"
    one = run("lint", str(files / "other.yaml"), str(files / "good.json"))
    assert one.stdout == "No problems found (1 file, 1 app client checked; 1 file skipped: --verbose names it).\n"
    verbose = run("lint", "-v", str(files / "deploy.sh"), str(files / "other.yaml"), str(files / "good.json"))
    assert verbose.stdout == "No problems found (1 file, 1 app client checked; 2 files skipped).\n"
    assert verbose.stderr.splitlines() == [f"{files / 'deploy.sh'}: skipped: not a JSON/YAML input",
                                           f"{files / 'other.yaml'}: skipped: holds no app client"]
    said = run("lint", str(files / "empty.json"), str(files / "deploy.sh"))  # an empty file named is said at once
    assert said.stderr == f"{files / 'empty.json'}: skipped: the file is empty\n"
    assert said.stdout == "No problems found (0 files, 0 app clients checked; 2 files skipped: --verbose names the other).\n"
    assert run("lint", str(files / "empty.json")).stdout == "No problems found (0 files, 0 app clients checked; 1 file skipped).\n"
    (files / "bad.yaml").unlink()
    folder = run("lint", "-v", str(files))  # found by walking: other.yaml, the empty empty.json
    assert folder.stdout == "No problems found (1 file, 1 app client checked; 2 files skipped).\n"
    assert sorted(folder.stderr.splitlines()) == [f"{files / 'empty.json'}: skipped: the file is empty",
                                                  f"{files / 'other.yaml'}: skipped: holds no app client"]
    report = json.loads(run("lint", "--format", "json", str(files)).stdout)
    assert report["summary"] == {"files": 3, "clients": 1, "findings": 0, "errors": 0, "warnings": 0, "notes": 0,
                                 "skipped": 2}


def test_fail_on_thresholds(files):
    bad = str(files / "bad.yaml")
    assert run("lint", bad, "--select", "CG304").returncode == 1  # a warning fails by default
    assert run("lint", bad, "--select", "CG304", "--fail-on", "error").returncode == 0
    assert run("lint", bad, "--fail-on", "never").returncode == 0
    assert run("lint", bad, "--select", "CG307").returncode == 0  # a note does not fail by default
    assert run("lint", bad, "--fail-on", "sometimes").returncode == 2


def test_select_and_ignore_by_prefix(files):
    bad = str(files / "bad.yaml")
    ids = lambda r: {json.loads(r.stdout)["findings"][i]["rule"] for i in range(len(json.loads(r.stdout)["findings"]))}
    assert ids(run("lint", bad, "--format", "json", "--select", "CG30", "--ignore", "CG307")) == {"CG304"}
    assert ids(run("lint", bad, "--format", "json", "--select", "CG2,CG304", "--ignore", "CG30,CG208")) == {"CG202"}


def test_usage_errors_exit_2_with_one_line(files):
    for args, expected in [
        (("lint", str(files / "missing.yaml")), "path not found"),
        (("lint", "--select", "CG999", str(files)), "unknown rule ID or prefix: CG999"),
        (("lint", "--format", "xml", str(files)), "unknown --format"),
        (("explain", "CG999"), "unknown rule ID: CG999"),
        (("lint", "--option", "CG304=1", str(files)), "expected RULE.option=value"),
    ]:
        result = run(*args)
        assert result.returncode == 2, args
        assert result.stderr.count("\n") == 1 and expected in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    result = run("lint", "--no-such-option")
    assert result.returncode == 2 and "No such option" in result.stderr and "Traceback" not in result.stderr


def test_bad_inputs_each_give_one_clear_line_and_others_are_still_linted(tmp_path):
    (tmp_path / "tabs.yaml").write_text("Resources:\n  C:\n    Type: AWS::Cognito::UserPoolClient\n\tProperties: {}\n")
    (tmp_path / "empty.yaml").write_text("")
    (tmp_path / "blob.json").write_bytes(b"\x00\x01\x02UserPoolClient\xff")
    (tmp_path / "latin1.json").write_bytes(b'{"UserPoolId": "caf\xe9", "ClientName": "x"}')
    (tmp_path / "bad.yaml").write_text(BAD_YAML)
    names = ["tabs.yaml", "empty.yaml", "blob.json", "latin1.json", "bad.yaml"]
    result = run("lint", "-q", "--select", "CG0,CG202", *[str(tmp_path / n) for n in names])
    assert result.returncode == 1
    out = result.stdout.splitlines()
    assert f"{tmp_path / 'tabs.yaml'}:4:1: CG001 [error] invalid YAML: a tab character cannot indent YAML; indent with spaces" in out
    assert f"{tmp_path / 'latin1.json'}:1:20: CG001 [error] not UTF-8 text: byte 0xe9 cannot be decoded" in out
    assert any(line.startswith(f"{tmp_path / 'bad.yaml'}:6:22: CG202") for line in out)
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'empty.yaml'}: skipped: the file is empty",
        f"{tmp_path / 'blob.json'}: skipped: binary file, not JSON or YAML",
    ]


def test_directories_are_walked_skipping_hidden_vendor_and_excluded(tmp_path):
    for folder in ("app", ".git", "node_modules", "venv-x", "build"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "client.yaml").write_text(BAD_YAML)
    (tmp_path / "venv-x" / "pyvenv.cfg").write_text("home = /usr\n")
    (tmp_path / "app" / "notes.txt").write_text(BAD_YAML)  # not a config extension
    result = run("lint", "-q", "--select", "CG304", "--exclude", "build", str(tmp_path))
    files = {line.split(":")[0] for line in result.stdout.splitlines()}
    assert files == {str(tmp_path / "app" / "client.yaml")}


def test_default_path_is_current_directory(files):
    result = run("lint", "-q", "--select", "CG304", cwd=files)
    assert result.stdout.startswith("bad.yaml:7:30: CG304") or result.stdout.startswith("./bad.yaml:7:30: CG304")


def test_output_file_and_formats(files, tmp_path):
    out = tmp_path / "report" / "result.json"
    result = run("lint", str(files), "--format", "json", "--output", str(out), "--select", "CG202,CG304")
    assert result.returncode == 1 and result.stdout == ""
    report = json.loads(out.read_text())
    assert report["summary"] == {"files": 2, "clients": 2, "findings": 2, "errors": 1, "warnings": 1, "notes": 0,
                                 "skipped": 0}
    first = report["findings"][0]
    assert set(first) == {"rule", "name", "level", "message", "file", "line", "column", "end_line", "end_column",
                          "client", "kind", "fingerprint", "suppressed", "fixable", "fix"}
    assert (first["rule"], first["line"], first["column"], first["end_column"], first["client"], first["kind"]) == (
        "CG202", 6, 22, 47, "WebClient", "cloudformation")
    github = run("lint", str(files / "bad.yaml"), "--format", "github", "--select", "CG2").stdout.splitlines()
    assert github[0].startswith(f"::error file={files / 'bad.yaml'},line=6,col=22,endLine=6,endColumn=47,title=CG202 insecure-url-scheme::")


def test_help_version_rules_explain():
    assert run("--version").stdout.strip().startswith("cognito-lint ")
    help_text = run("lint", "--help").stdout
    for option in ("--format", "--select", "--ignore", "--fail-on", "--exclude", "--rules-dir", "--output", "--jobs"):
        assert option in help_text
    listing = run("rules").stdout
    assert "CG201  error    default-redirect-not-in-callbacks" in listing
    explained = run("explain", "cg201").stdout
    for section in (f"## {heading}" for heading in DOC_SECTIONS):
        assert section in explained


def test_python_m_linter_matches_console_script(files):
    script = os.path.join(os.path.dirname(sys.executable), "cognito-lint")
    if not os.path.exists(script):
        pytest.skip("console script not installed next to the interpreter")
    a = subprocess.run([script, "lint", "-q", str(files)], capture_output=True, text=True, timeout=120)
    b = run("lint", "-q", str(files))
    assert (a.returncode, a.stdout) == (b.returncode, b.stdout)


def test_samples_give_findings_only_in_bad_folder():
    result = run("lint", "-q", "--format", "json", "--fail-on", "warning", "sample_configs", cwd=ROOT)
    report = json.loads(result.stdout)
    files = {f["file"] for f in report["findings"] if f["level"] != "note"}
    assert files and all(f.startswith(os.path.join("sample_configs", "bad")) for f in files), files
    assert result.returncode == 1


def test_a_template_run_imports_no_other_syntaxs_reader():
    """Start-up counts (every pre-commit): a CloudFormation file does not load the PowerShell reader
    or the Pulumi program context; they come with the first script or program."""
    result = subprocess.run([sys.executable, "-P", "-X", "importtime", "-m", "linter", "lint",
                             "sample_configs/good/web-client.template.yaml"],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "linter.engine.lint" in result.stderr  # importtime did list the imports
    assert "linter.parsers.powershell" not in result.stderr and "linter.loaders.pulumi_context" not in result.stderr
