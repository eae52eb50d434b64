"""--fix: safe fixes written in each file's own syntax, nothing else touched, never a broken file."""
from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.loaders.registry import parse as parse_bytes
from support import REAL, ROOT, lint_text, run_cli

CREATE_JSON = """\
{
  "UserPoolId": "us-east-1_Ab12Cd34E",
  "ClientName": "web",
  "GenerateSecret": "false",
  "AccessTokenValidity": "60",
  "AllowedOAuthFlows": ["Code"],
  "AllowedOAuthFlowsUserPoolClient": true,
  "AllowedOAuthScopes": ["openid"],
  "CallbackURLs": ["http://app.acme-corp.io/cb"],
  "TokenValidityUnits": {"AccessToken": "Minutes"}
}
"""
UPDATE_YAML = """\
# the update we run after each release
UserPoolId: us-east-1_Ab12Cd34E   # prod pool
ClientId: abc123
AllowedOAuthFlows:
  - CODE        # keep
ExplicitAuthFlows: ['allow_user_srp_auth', "ALLOW_REFRESH_TOKEN_AUTH"]
RefreshTokenValidity: '30'
"""
TERRAFORM = """\
resource "aws_cognito_user_pool_client" "web" {
  name         = "web" # the SPA
  user_pool_id = aws_cognito_user_pool.users.id
  allowed_oauth_flows = ["Code", "implicit"]
  prevent_user_existence_errors = "enabled"
}
"""
POWERSHELL = ("New-CGIPUserPoolClient -UserPoolId p -ClientName web -AllowedOAuthFlow Code "
              "-GenerateSecret 'true' -PreventUserExistenceError \"enabled\"\n")


def run(folder, *args):
    return run_cli("lint", *args, cwd=folder)


def test_fix_rewrites_only_the_values_and_reports_what_is_left(tmp_path):
    files = {"create.json": CREATE_JSON, "update.yaml": UPDATE_YAML, "main.tf": TERRAFORM, "deploy.ps1": POWERSHELL}
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    result = run(tmp_path, "--fix", "--select", "CG003,CG005,CG202", "--format", "json", ".")
    assert "Fixed 12 problems in 4 files." in result.stderr
    assert (tmp_path / "create.json").read_text() == (
        CREATE_JSON.replace('"false"', "false").replace('"60"', "60").replace('"Code"', '"code"')
        .replace('"Minutes"', '"minutes"'))
    assert (tmp_path / "update.yaml").read_text() == (
        UPDATE_YAML.replace("CODE ", "code ").replace("'allow_user_srp_auth'", "'ALLOW_USER_SRP_AUTH'")
        .replace("'30'", "30"))
    assert (tmp_path / "main.tf").read_text() == TERRAFORM.replace('"Code"', '"code"').replace('"enabled"', '"ENABLED"')
    assert (tmp_path / "deploy.ps1").read_text() == (
        POWERSHELL.replace("Code", "code").replace("'true'", "$true").replace('"enabled"', '"ENABLED"'))
    left = json.loads(result.stdout)["findings"]
    assert [(f["file"], f["rule"], f["fixable"]) for f in left] == [("create.json", "CG202", False)]
    assert result.returncode == 1


def test_text_output_marks_fixable_findings(tmp_path):
    (tmp_path / "create.json").write_text(CREATE_JSON)
    result = run(tmp_path, "--select", "CG005", "create.json")
    assert "create.json:6:25: CG005 [*] [error]" in result.stdout
    assert "2 fixable with --fix (marked [*])." in result.stdout
    assert (tmp_path / "create.json").read_text() == CREATE_JSON  # no --fix: nothing written


def test_suppressed_findings_are_not_fixed(tmp_path):
    text = UPDATE_YAML.replace("  - CODE        # keep", "  - CODE        # cognito-lint: ignore=CG005")
    (tmp_path / "update.yaml").write_text(text)
    run(tmp_path, "--fix", "--select", "CG005", "update.yaml")
    assert "  - CODE        # cognito-lint: ignore=CG005" in (tmp_path / "update.yaml").read_text()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_file_that_cannot_be_written_is_left_alone(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "create.json").write_text(CREATE_JSON)
    folder.chmod(0o555)
    try:
        result = run(folder, "--fix", "create.json")
    finally:
        folder.chmod(0o755)
    assert result.returncode == 2 and "create.json: not fixed: cannot write next to it" in result.stderr
    assert (folder / "create.json").read_text() == CREATE_JSON


def _linted(path, select):
    """(findings, digests) of linting ``path`` with the ``select``ed rules, as the CLI gets them."""
    from linter.engine.lint import LintConfig, lint_file
    from support import rules_by_id

    result = lint_file(str(path), LintConfig(rules=rules_by_id(select)))
    return result.findings, result.digests


def test_a_fix_that_would_not_read_back_is_not_written(tmp_path):
    import dataclasses

    from linter.fixes import apply as fixer

    path = tmp_path / "create.json"
    path.write_text(CREATE_JSON)
    findings, digests = _linted(path, ["CG005"])

    def rewritten(new_text):
        return [dataclasses.replace(f, fix=dataclasses.replace(f.fix, edits=tuple(
            dataclasses.replace(e, new_text=new_text) for e in f.fix.edits))) for f in findings]

    with pytest.raises(fixer.FixError, match="would not read back as intended"):
        fixer.fix_file(str(path), rewritten('"codex"'), digests[str(path)])
    with pytest.raises(fixer.FixError, match="would not parse"):
        fixer.fix_file(str(path), rewritten('"code'), digests[str(path)])
    assert path.read_text() == CREATE_JSON
    assert sorted(p.name for p in tmp_path.iterdir()) == ["create.json"]  # no temporary file left


ENUMS = {"AllowedOAuthFlows": ["code", "implicit", "client_credentials"],
         "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_CUSTOM_AUTH"]}


@settings(max_examples=60, deadline=None)
@given(flows=st.lists(st.sampled_from(ENUMS["AllowedOAuthFlows"]), min_size=1, max_size=2, unique=True),
       auth=st.lists(st.sampled_from(ENUMS["ExplicitAuthFlows"]), min_size=1, max_size=3, unique=True),
       mangle=st.lists(st.booleans(), min_size=5, max_size=5), yaml_style=st.booleans(),
       validity=st.integers(5, 60), quote_validity=st.booleans(), secret=st.booleans(), quote_secret=st.booleans())
def test_fixing_a_generated_payload_gives_the_correct_values_and_keeps_the_rest(
        tmp_path_factory, flows, auth, mangle, yaml_style, validity, quote_validity, secret, quote_secret):
    def case(word, flip):
        return word.swapcase() if flip else word

    wrong_flows = [case(f, mangle[i]) for i, f in enumerate(flows)]
    wrong_auth = [case(a, mangle[2 + i]) for i, a in enumerate(auth)]
    fields = {"UserPoolId": "us-east-1_Ab12Cd34E", "ClientName": "web",
              "AllowedOAuthFlows": wrong_flows, "ExplicitAuthFlows": wrong_auth,
              "AccessTokenValidity": str(validity) if quote_validity else validity,
              "GenerateSecret": str(secret).lower() if quote_secret else secret}
    if yaml_style:
        text = "# generated\n" + "".join(f"{k}: {json.dumps(v)}  # {k}\n" for k, v in fields.items())
        name = "payload.yaml"
    else:
        text = json.dumps(fields, indent=2) + "\n"
        name = "payload.json"
    folder = tmp_path_factory.mktemp("fix")
    (folder / name).write_text(text)
    result = run(folder, "--fix", "--select", "CG003,CG005", "--format", "json", name)
    assert json.loads(result.stdout)["findings"] == [], result.stdout
    fixed = (folder / name).read_text()
    data = parse_bytes(name, fixed.encode()).data
    assert data == {**fields, "AllowedOAuthFlows": flows, "ExplicitAuthFlows": auth,
                    "AccessTokenValidity": validity, "GenerateSecret": secret}
    assert fixed.count("\n") == text.count("\n")
    if yaml_style:  # every comment survives
        assert [line.split("#")[1] for line in fixed.splitlines()] == [line.split("#")[1] for line in text.splitlines()]


def test_clean_files_are_never_touched(tmp_path):
    for sample in (ROOT / "sample_configs" / "good").iterdir():
        (tmp_path / sample.name).write_bytes(sample.read_bytes())
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()}
    result = run(tmp_path, "--fix", ".")
    assert result.returncode == 0 and "Fixed 0 problems in 0 files." in result.stderr
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()} == before
    assert lint_text((ROOT / "sample_configs" / "good" / "create-web-client.json").read_text(), "c.json") == []


def test_a_failed_write_leaves_the_file_and_no_temporary(tmp_path, monkeypatch):
    """Root may write anywhere, so the failure is simulated: the rename fails after the write."""
    from linter.fixes import apply as fixer

    path = tmp_path / "create.json"
    path.write_text(CREATE_JSON)
    findings, digests = _linted(path, ["CG005"])

    def refuse(source, target):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(fixer.os, "replace", refuse)
    with pytest.raises(fixer.FixError, match="cannot replace it: Permission denied"):
        fixer.fix_file(str(path), findings, digests[str(path)])
    assert path.read_text() == CREATE_JSON
    assert sorted(p.name for p in tmp_path.iterdir()) == ["create.json"]


def test_a_fix_in_a_terraform_conditional_rewrites_its_branch_only(tmp_path):
    """A branch of a .tf conditional is a value of its own; in .tf.json it is inside a "${...}"
    string, which no fix rewrites (the finding is not fixable)."""
    text = ('resource "aws_cognito_user_pool_client" "web" {\n  name = "web"\n  user_pool_id = "us-east-1_Ab12Cd34E"\n'
            '  prevent_user_existence_errors = var.strict ? "enabled" : (var.x ? "LEGACY" : "legacy") # keep\n}\n')
    (tmp_path / "main.tf").write_text(text)
    as_json = json.dumps({"resource": {"aws_cognito_user_pool_client": {"web": {
        "name": "web", "user_pool_id": "us-east-1_Ab12Cd34E",
        "prevent_user_existence_errors": '${var.strict ? "enabled" : "LEGACY"}'}}}})
    (tmp_path / "other.tf.json").write_text(as_json)
    result = run(tmp_path, "--fix", "--select", "CG005", "--format", "json", ".")
    assert "Fixed 2 problems in 1 file." in result.stderr
    assert (tmp_path / "main.tf").read_text() == text.replace('"enabled"', '"ENABLED"').replace('"legacy"', '"LEGACY"')
    assert (tmp_path / "other.tf.json").read_text() == as_json
    left = json.loads(result.stdout)["findings"]
    assert [(f["file"], f["rule"], f["fixable"]) for f in left] == [("other.tf.json", "CG005", False)]


TERRAFORM_CLI = shutil.which("terraform")


def _terraform_fmt_check(folder) -> subprocess.CompletedProcess:
    return subprocess.run([TERRAFORM_CLI, "fmt", "-check", "-recursive", "-no-color", str(folder)], capture_output=True,
                          text=True, timeout=60,
                          env={**os.environ, "TF_CLI_CONFIG_FILE": os.devnull, "CHECKPOINT_DISABLE": "1"})


@pytest.mark.skipif(TERRAFORM_CLI is None, reason="terraform is not installed")
@pytest.mark.shared("corpus/real")
def test_fixed_terraform_files_stay_formatted(tmp_path):
    """Every .tf of the corpus and the samples that `terraform fmt` leaves as it is still passes
    `terraform fmt -check` after --fix --unsafe-fixes (several new arguments in one block included)."""
    sources = sorted(REAL.rglob("*.tf")) + sorted((ROOT / "sample_configs").rglob("*.tf"))
    for index, source in enumerate(sources):
        (tmp_path / f"m{index}").mkdir()
        (tmp_path / f"m{index}" / "main.tf").write_bytes(source.read_bytes())
        if _terraform_fmt_check(tmp_path / f"m{index}").returncode:  # not formatted to start with
            shutil.rmtree(tmp_path / f"m{index}")
    before = {p: p.read_text() for p in tmp_path.rglob("*.tf")}
    run(tmp_path, "--fix", "--unsafe-fixes", ".")
    changed = [p for p, text in before.items() if p.read_text() != text]
    assert len(changed) >= 5
    assert _terraform_fmt_check(tmp_path).stdout == ""  # the files it would reformat: none
