"""No crash or hang whatever the input, plugin or signal; configuration and baselines fail early and
clearly; output cannot be used against its reader."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from support import run_cli

CLIENT = '{"UserPoolId": "us-east-1_abc", "ClientName": "c%d", "AllowedOAuthFlows": ["implicit"]}'


def lint(*args, cwd=None, timeout=60):
    return run_cli("lint", *args, cwd=cwd, timeout=timeout)


# --- no crash, no hang --------------------------------------------------------------------------

@pytest.mark.parametrize("name, text", [
    ("flow.yaml", "UserPoolId: p\nClientName: a\nX: " + "[" * 30000 + "]" * 30000 + "\n"),
    ("block.yaml", "UserPoolId: p\nClientName: a\nX:\n" + "- " * 30000 + "x\n"),
    ("map.yaml", "UserPoolId: p\nClientName: a\nX: " + "{a: " * 30000 + "b" + "}" * 30000 + "\n"),
])
def test_yaml_nested_beyond_what_the_c_parser_survives_is_cg001(tmp_path, name, text):
    (tmp_path / name).write_text(text)
    result = lint("--format", "json", name, cwd=tmp_path)
    assert result.returncode == 1, result.stderr  # not 139 (a crash)
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["CG001"]


@pytest.mark.parametrize("name, text", [
    ("trailing-comma.ps1", "New-CGIPUserPoolClient -UserPoolId p -ClientName c -AllowedOAuthFlow code,"),
    ("units.ps1", "New-CGIPUserPoolClient -UserPoolId p -ClientName c -TokenValidityUnits $u "
                  "-TokenValidityUnits_AccessToken minutes\n"),
    ("join.json", '{"Resources": {"C": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": "x", '
                  '"ClientName": ' + '{"Fn::Join": ["", [' * 200 + '"a"' + "]]}" * 200 + "}}}}"),
    ("big.yaml", "UserPoolId: p\nClientName: c\nAccessTokenValidity: " + "9" * 5000 + "\n"),
    ("big.tf", 'resource "aws_cognito_user_pool_client" "c" {\n  user_pool_id = "p"\n  access_token_validity = '
               + "9" * 5000 + "\n}\n"),
    ("big.ps1", "New-CGIPUserPoolClient -UserPoolId p -ClientName c -AccessTokenValidity " + "9" * 5000 + "\n"),
])
def test_inputs_that_were_internal_errors_are_findings(tmp_path, name, text):
    (tmp_path / name).write_text(text)
    result = lint("--format", "json", name, cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "internal error" not in result.stderr and json.loads(result.stdout)["findings"]


def test_fifos_and_devices_named_on_the_command_line_are_skipped(tmp_path):
    os.mkfifo(tmp_path / "pipe.json")
    result = lint("pipe.json", "/dev/zero", cwd=tmp_path, timeout=20)
    assert result.returncode == 0
    assert result.stderr.count("skipped: not a regular file") == 2


PLUGIN = textwrap.dedent('''\
    """Ends the process from inside a rule."""
    import os, sys
    ID = "ZZ001"
    NAME = "ends-the-process"
    LEVEL = "error"

    def check(client, options):
        if client.ClientName == "boom":
            {how}
        return []
''')


@pytest.mark.parametrize("how, jobs", [("sys.exit(0)", "1"), ("sys.exit(0)", "2"), ("os._exit(3)", "2")])
def test_a_rule_that_ends_its_process_is_that_files_error(tmp_path, how, jobs):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "zz001.py").write_text(PLUGIN.format(how=how))
    (tmp_path / "files").mkdir()
    for i in range(12):
        (tmp_path / "files" / f"c{i:02d}.json").write_text(CLIENT % i)
    (tmp_path / "files" / "c05.json").write_text(CLIENT.replace("c%d", "boom"))
    result = lint("--rules-dir", "rules", "--jobs", jobs, "--format", "json", "files", cwd=tmp_path, timeout=60)
    assert result.returncode == 2
    assert "files/c05.json" in result.stderr
    linted = {f["file"] for f in json.loads(result.stdout)["findings"]}
    assert {f"files/c{i:02d}.json" for i in range(12)} - {"files/c05.json"} <= linted


def _busy_templates(folder, count=600):
    """Templates of 20 clients each: several seconds of work, so that Ctrl-C lands mid-run."""
    clients = {f"C{j}": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {
        "UserPoolId": "p", "AllowedOAuthFlowsUserPoolClient": True, "AllowedOAuthFlows": ["implicit"],
        "AllowedOAuthScopes": ["openid"], "CallbackURLs": [f"http://h{j}.contoso.io/cb"]}} for j in range(20)}
    text = json.dumps({"Resources": clients}, indent=1)
    for i in range(count):
        (folder / f"t{i:04d}.json").write_text(text)


@pytest.mark.parametrize("delay", [0.6, 1.2, 1.8, 2.4, 3.0])  # the moment decides which part is interrupted
def test_ctrl_c_during_a_parallel_run_stops_every_process_at_once(tmp_path, delay):
    _busy_templates(tmp_path)
    process = subprocess.Popen([sys.executable, "-P", "-m", "linter", "lint", "--jobs", "2", "."], cwd=tmp_path,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    time.sleep(delay)
    os.killpg(process.pid, signal.SIGINT)  # what a terminal does: the whole process group
    try:
        _, stderr = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail("the run hung after Ctrl-C")
    assert process.returncode in (0, 1, 130)  # finished already, or interrupted
    assert b"Traceback" not in stderr and b"Exception ignored" not in stderr, stderr.decode()
    for _ in range(50):  # no worker outlives the run (give a loaded machine a moment to reap them)
        leftover = subprocess.run(["pgrep", "-g", str(process.pid)], capture_output=True)
        if leftover.stdout == b"":
            break
        time.sleep(0.1)
    assert leftover.stdout == b""


def test_jobs_are_capped_at_the_cpus(tmp_path, monkeypatch):
    from linter.engine import run

    files = [(str(tmp_path / f"{i}.json"), True) for i in range(4000)]
    assert run._processes(files, 1000) == (os.cpu_count() or 1)
    assert run._processes(files[:20], None) == 1  # too little work to pay for forking


def test_a_policy_pattern_that_backtracks_is_stopped(tmp_path):
    (tmp_path / ".cognito-lint.yaml").write_text(
        "policies:\n  - id: ACME001\n    name: n\n    summary: s.\n    require:\n"
        "      ClientName: {matches: '(?:(?:a*)*)*(?:b|c)+d'}\n")
    (tmp_path / "c.json").write_text(CLIENT.replace("c%d", "a" * 5000 + "b" * 30 + "e"))
    started = time.monotonic()
    result = lint("--select", "ACME", "c.json", cwd=tmp_path, timeout=60)
    assert time.monotonic() - started < 20
    assert result.returncode in (0, 1, 2) and "Traceback" not in result.stderr


# --- configuration and baselines --------------------------------------------------------------

@pytest.mark.parametrize("config, error", [
    ("policies:\n  - {id: A1, name: n, summary: s., require: {AuthSessionValidity: {max: '5'}}}\n",
     "require.AuthSessionValidity.max: give a number, not '5'"),
    ("rules:\n  CG210:\n    allowed-url-hosts: [1]\n", "rules.CG210.allowed-url-hosts: expected list"),
    ("policies:\n  - {id: A1, name: n, summary: s., require: {ClientName: {present: true}}}\n"
     "  - {id: A1, name: m, summary: t., require: {ClientName: {present: true}}}\n", "policy ID A1 is used twice"),
    ("policies:\n  - {id: A1, name: n, summary: s., require: {ClientName: {matches: 'a{4294967295}'}}}\n",
     "not a regular expression"),
])
def test_bad_configuration_is_a_usage_error_before_linting(tmp_path, config, error):
    (tmp_path / ".cognito-lint.yaml").write_text(config)
    (tmp_path / "c.json").write_text(CLIENT % 1)
    result = lint("c.json", cwd=tmp_path)
    assert result.returncode == 2 and error in result.stderr, result.stderr
    assert result.stdout == ""


def test_a_baseline_is_not_written_when_a_file_could_not_be_linted(tmp_path):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "zz001.py").write_text(PLUGIN.format(how="raise RuntimeError('bug')"))
    (tmp_path / "ok.json").write_text(CLIENT % 1)
    (tmp_path / "bad.json").write_text(CLIENT.replace("c%d", "boom"))
    result = lint("--rules-dir", "rules", "--write-baseline", "b.json", ".", cwd=tmp_path)
    assert result.returncode == 2 and "not written" in result.stderr
    assert not (tmp_path / "b.json").exists()


def test_a_parse_error_keeps_its_baseline_identity_however_the_path_is_typed(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "x.yaml").write_text("UserPoolId: p\nClientName: [\n")
    assert lint("--write-baseline", "b.json", "bad/x.yaml", cwd=tmp_path).returncode == 0
    for spelling, cwd in (("./bad/x.yaml", tmp_path), (str(tmp_path / "bad" / "x.yaml"), tmp_path),
                          ("x.yaml", tmp_path / "bad")):
        result = lint("--baseline", str(tmp_path / "b.json"), spelling, cwd=cwd)
        assert result.returncode == 0, (spelling, result.stdout)


@pytest.mark.parametrize("content, error", [
    ('{"version": 99, "findings": []}', "format version 99"),
    ('{"version": 1, "findings": ' + "[" * 100000 + "]" * 100000 + "}", "not a cognito-lint baseline"),
    ('{"version": 1, "findings": [{"fingerprint": ["x"]}]}', "not a cognito-lint baseline"),
])
def test_a_baseline_of_another_version_or_shape_is_refused(tmp_path, content, error):
    (tmp_path / "b.json").write_text(content)
    (tmp_path / "c.json").write_text(CLIENT % 1)
    result = lint("--baseline", "b.json", "c.json", cwd=tmp_path)
    assert result.returncode == 2 and error in result.stderr, result.stderr


# --- output cannot be used against its reader ---------------------------------------------------

def test_file_names_cannot_inject_workflow_commands_or_terminal_escapes(tmp_path):
    names = ["a\n::add-mask::x.json", "::error::forged.json", "t\x1b]0;TITLE\x07.json"]
    for name in names:
        (tmp_path / name).write_text("")  # empty: a notice on stderr names the file
        (tmp_path / (name + ".yaml")).write_text('UserPoolId: p\nClientName: c\nAllowedOAuthFlows: [implicit]\n')
    for fmt in ("text", "github"):
        result = lint("--format", fmt, *names, *[n + ".yaml" for n in names], cwd=tmp_path)
        for line in (result.stdout + result.stderr).splitlines():
            assert not line.startswith("::add-mask") and not line.startswith("::error::forged"), line
        assert "\x1b" not in result.stdout + result.stderr and "\x07" not in result.stdout + result.stderr


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="file names there are always Unicode")
def test_a_file_name_that_is_not_utf8_is_linted_shown_and_fixed(tmp_path):
    """Its bytes reach Python as \\udcXX: each format shows them as it can (\\xff in text, %FF in a
    SARIF URI, an escape in JSON), fingerprints hash them, and --fix writes the file."""
    folder = os.fsencode(str(tmp_path))
    for name in (b"a\xff.yaml", b"b\xfe\x80.yaml"):
        with open(os.path.join(folder, name), "wb") as handle:
            handle.write(b"UserPoolId: p\nClientName: c\nPreventUserExistenceErrors: enabled\n")
    shown = {"text": "a\\xff.yaml:3:29: CG005", "github": "file=a\\xff.yaml", "junit": 'file="a\\xff.yaml"',
             "sarif": '"uri": "a%FF.yaml"', "json": '"file": "a\\udcff.yaml"', "gitlab": '"path": "a\\udcff.yaml"',
             "rdjson": '"path": "a\\udcff.yaml"'}
    for fmt, expected in shown.items():
        result = lint("--format", fmt, "--select", "CG005", ".", cwd=tmp_path)
        assert (result.returncode, result.stderr) == (1, ""), fmt
        assert expected in result.stdout, fmt
    baseline = str(tmp_path.parent / f"{tmp_path.name}-baseline.json")  # not in the folder linted
    assert lint("--write-baseline", baseline, ".", cwd=tmp_path).returncode == 0
    assert lint("--baseline", baseline, ".", cwd=tmp_path).returncode == 0
    assert lint("--fix", "--select", "CG005", ".", cwd=tmp_path).returncode == 0
    with open(os.path.join(folder, b"a\xff.yaml"), "rb") as handle:
        assert handle.read().endswith(b"PreventUserExistenceErrors: ENABLED\n")


def test_values_cannot_send_terminal_escapes(tmp_path):
    (tmp_path / "c.yaml").write_text('UserPoolId: p\nClientName: c\nCallbackURLs: ["http://a.io/\\e]0;PWN\\a\\e[2J"]\n')
    result = lint("c.yaml", cwd=tmp_path)
    assert "CG202" in result.stdout and "\x1b" not in result.stdout and "\\e]0;PWN" in result.stdout


def test_a_file_whose_name_starts_with_two_dots_is_inside_the_working_directory(tmp_path, monkeypatch):
    from linter.reporters import sarif_format

    monkeypatch.chdir(tmp_path)
    assert sarif_format._artifact_uri(str(tmp_path / "..dotdot.json"), str(tmp_path)) == ("..dotdot.json", "%SRCROOT%")
    assert sarif_format._artifact_uri(str(tmp_path.parent / "x.json"), str(tmp_path))[1] is None


@pytest.mark.git
def test_diff_base_is_checked_in_each_files_repository(tmp_path):
    for repo in ("a", "b"):
        subprocess.run(["git", "init", "-q", str(tmp_path / repo)], check=True)
        (tmp_path / repo / "c.json").write_text(CLIENT % 1)
        git = ["git", "-C", str(tmp_path / repo), "-c", "user.email=t@t", "-c", "user.name=t"]
        subprocess.run([*git, "add", "."], check=True)
        subprocess.run([*git, "commit", "-qm", "x"], check=True)
    subprocess.run(["git", "-C", str(tmp_path / "b"), "tag", "only-in-b"], check=True)
    in_b = lint("--diff-base", "only-in-b", str(tmp_path / "b" / "c.json"), cwd=tmp_path / "a")
    assert in_b.returncode == 1, in_b.stderr  # accepted: the ref is checked where the file is
    in_a = lint("--diff-base", "only-in-b", str(tmp_path / "a" / "c.json"), cwd=tmp_path / "b")
    assert in_a.returncode == 2 and "unknown git revision in the repository" in in_a.stderr
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "c.json").write_text(CLIENT % 1)
    outside = lint("--diff-base", "HEAD", "c.json", cwd=tmp_path / "plain")
    assert outside.returncode == 2 and "not in a git repository" in outside.stderr
