"""`cognito-lint audit` against a local Cognito API (moto's server; tests/audit/conftest.py), run as a
user runs it: what it reads (every page, two regions, three pools), the rules it applies with the
pools' context, where findings are, failures as lines, secrets, --save, baselines, read-only."""
from __future__ import annotations

import collections
import json
import os
import pty
import re
import subprocess
import sys

import pytest

from support import AUDIT_EXPECTED, AUDIT_FAULTS, BIG_POOL_CLIENTS, ROOT, RULE_CLIENTS, SHARED, run_audit, run_cli

READ_ONLY = {"ListUserPools", "ListUserPoolClients", "DescribeUserPoolClient", "DescribeUserPool",
             "ListResourceServers", "ListIdentityProviders"}
ACCOUNT = "123456789012"
READABLE = ["us-east-1", "eu-west-1"]
#: Clients in the readable regions: pool shop (a clean one and the rule clients), big, partners (3).
CLIENTS = 1 + len(RULE_CLIENTS) + BIG_POOL_CLIENTS + 3


def _json(done: subprocess.CompletedProcess) -> dict:
    assert "Traceback" not in done.stderr, done.stderr
    return json.loads(done.stdout)


def _by_client(findings: list) -> dict:
    found = collections.defaultdict(set)
    for f in findings:
        found[f["client"]].add(f["rule"])
    return dict(found)


def _same(findings: list) -> list:
    """What two runs must agree on, whatever the finding's location."""
    return sorted((f["rule"], f["level"], f["message"], f["client"], f["fingerprint"]) for f in findings)


@pytest.fixture(scope="module")
def full_audit(cognito, tmp_path_factory):
    """One JSON audit of the four regions, saved: the tests below read it."""
    saved = tmp_path_factory.mktemp("saved") / "audit"
    done = run_audit(cognito, "--format", "json", "--save", saved, "--verbose")
    return done, _json(done), saved


# --- what is read and found ------------------------------------------------------------------------

def test_every_client_is_checked_with_its_pools_context(full_audit, world):
    done, report, _ = full_audit
    assert _by_client(report["findings"]) == AUDIT_EXPECTED  # each rule client breaks its rule, no other
    assert {"CG108", "CG501", "CG503", "CG504"} <= {f["rule"] for f in report["findings"]}  # the pool context
    assert report["summary"]["clients"] == CLIENTS and report["summary"]["user_pools"] == 3
    assert done.returncode == 2  # ap-southeast-2 denied access


def test_a_pool_of_more_than_60_clients_is_read_to_the_last_page(full_audit, world):
    _, report, saved = full_audit
    assert "big-last" in _by_client(report["findings"])  # the 65th client, on the second page
    big = saved / ACCOUNT / "us-east-1" / world.pools["big"]
    assert len(list(big.glob("*.json"))) == BIG_POOL_CLIENTS + 1  # + user-pool.json


def test_findings_are_located_by_account_region_pool_and_client(full_audit, world):
    _, report, _ = full_audit
    finding = next(f for f in report["findings"] if f["client"] == "stale-scope")
    pool_id, client_id = world.clients["stale-scope"]
    assert finding | {"message": ""} == finding | {
        "rule": "CG108", "level": "error", "message": "", "file": None, "line": None, "kind": "api-describe",
        "account": ACCOUNT, "region": "us-east-1", "user_pool": pool_id, "client_id": client_id,
        "user_pool_arn": world.pool_arn("shop"), "setting": "AllowedOAuthScopes[1]"}
    assert "orders.write" in finding["message"] and "'https://api.acme-corp.io'" in finding["message"]


def test_text_output_names_the_pool_arn_and_the_client(cognito, world):
    done = run_audit(cognito, "--select", "CG1,CG5", regions=READABLE)
    assert done.returncode == 1, done.stderr
    pool_id, client_id = world.clients["gone-idp"]
    line = (f"arn:aws:cognito-idp:us-east-1:{ACCOUNT}:userpool/{pool_id} client gone-idp ({client_id}) "
            "SupportedIdentityProviders[2]: CG501 [error] SupportedIdentityProviders lists 'Facebook'")
    assert any(out.startswith(line) for out in done.stdout.splitlines()), done.stdout
    assert done.stdout.splitlines()[-1] == (f"Found 6 problems (4 errors, 2 warnings) in 6 of {CLIENTS} app clients "
                                            "in 3 user pools.")
    assert done.stderr == ""


def test_rules_for_files_do_not_run(full_audit):
    _, report, _ = full_audit
    assert not {"CG001", "CG009", "CG109", "CG502", "CG604", "CG701", "CG702"} & {f["rule"] for f in report["findings"]}


# --- failures: one line each, the rest goes on -----------------------------------------------------

def test_access_denied_on_a_region_is_a_line_and_exit_2(full_audit):
    done, report, _ = full_audit
    lines = done.stderr.splitlines()
    denied = [line for line in lines if "access denied" in line]
    assert denied == [f"cognito-lint: error: access denied to cognito-idp:ListUserPools on region ap-southeast-2 "
                      f"of account {ACCOUNT}: {AUDIT_FAULTS[0]['message']}"]
    assert "hidden" not in _by_client(report["findings"])


def test_access_denied_can_be_ignored(cognito):
    done = run_audit(cognito, "--select", "CG406")
    ignored = run_audit(cognito, "--select", "CG406", "--ignore-access-denied")
    assert (done.returncode, ignored.returncode) == (2, 1)
    assert ignored.stdout == done.stdout
    assert "cognito-lint: note: access denied to cognito-idp:ListUserPools on region ap-southeast-2" in ignored.stderr


def test_access_denied_on_one_pool_reads_the_others(cognito, world):
    faults = [{"operation": "ListUserPoolClients", "pool": world.pools["big"], "code": "AccessDeniedException",
               "message": "not authorized"},
              {"operation": "DescribeUserPool", "pool": world.pools["shop"], "code": "AccessDeniedException",
               "message": "not authorized"}]
    done = run_audit(cognito, "--format", "json", regions=READABLE, faults=faults)
    assert done.returncode == 2
    found = _by_client(_json(done)["findings"])
    assert "big-last" not in found and "duplicate-url" in found
    # Without DescribeUserPool the schema is unknown: the attribute rules that need it stay silent,
    # the scope and provider rules (resource servers and providers were read) still run.
    assert "unknown-read" not in found and "immutable-write" not in found
    assert found["stale-scope"] == {"CG108"} and found["gone-idp"] == {"CG501"}
    assert sorted(line.split(" on ")[0] for line in done.stderr.splitlines()) == [
        "cognito-lint: error: access denied to cognito-idp:DescribeUserPool",
        "cognito-lint: error: access denied to cognito-idp:ListUserPoolClients"]
    assert f"userpool/{world.pools['big']}: not authorized" in done.stderr


def test_a_region_not_enabled_is_skipped(cognito):
    done = run_audit(cognito, "--select", "CG406", regions=["us-east-1", "ap-east-1"])
    assert done.returncode == 1, done.stderr
    assert done.stderr == (f"cognito-lint: note: region ap-east-1 is not enabled for account {ACCOUNT} "
                           "(The security token included in the request is invalid.): skipped\n")


def test_throttling_is_retried(cognito, world):
    _, client_id = world.clients["big-last"]
    faults = [{"operation": "DescribeUserPoolClient", "client": client_id, "code": "TooManyRequestsException",
               "times": 3},
              {"operation": "ListUserPools", "region": "eu-west-1", "code": "ThrottlingException", "times": 1}]
    cognito.hits.clear()
    done = run_audit(cognito, "--format", "json", "--verbose", regions=READABLE, faults=faults)
    assert done.returncode == 1, done.stderr
    assert _by_client(_json(done)["findings"]) == AUDIT_EXPECTED
    assert len(cognito.hits) == 4
    calls, requests = re.search(r"with (\d+) API calls \((\d+) HTTP requests\)", done.stderr).groups()
    assert int(requests) == int(calls) + 4  # the retries were sent


def test_throttling_that_never_stops_is_a_line(cognito, world):
    _, client_id = world.clients["big-last"]
    faults = [{"operation": "DescribeUserPoolClient", "client": client_id, "code": "TooManyRequestsException",
               "message": "Rate exceeded"}]
    done = run_audit(cognito, "--format", "json", "--max-attempts", "2", regions=READABLE, faults=faults)
    assert done.returncode == 2
    assert done.stderr == (f"cognito-lint: error: cognito-idp:DescribeUserPoolClient on {world.pool_arn('big')}"
                           f"/client/{client_id}: TooManyRequestsException after 2 attempts: Rate exceeded\n")
    assert "big-last" not in _by_client(_json(done)["findings"])


def test_aws_endpoint_url_is_taken_as_botocore_takes_it(cognito):
    done = run_cli("audit", "--select", "CG209", "--verbose",
                   env=cognito.env(AWS_ENDPOINT_URL=cognito.url, AWS_DEFAULT_REGION="eu-west-1"))
    assert done.returncode == 0, done.stderr  # CG209 is a note
    assert "client duplicate-url" in done.stdout
    assert done.stderr.startswith("Read 3 app clients in 1 user pool, 1 region and 1 account with ")  # the profile's region


def test_no_credentials_is_one_line(cognito):
    done = run_audit(cognito, env={"AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": ""}, regions=READABLE)
    assert done.returncode == 2
    assert done.stderr.startswith("cognito-lint: error: no AWS credentials found: ") and done.stderr.count("\n") == 1
    assert done.stdout == ""


def test_an_unknown_profile_is_one_line(cognito):
    done = run_audit(cognito, "--profile", "nope", regions=READABLE)
    assert (done.returncode, done.stderr) == (2, "cognito-lint: error: AWS profile 'nope' not found "
                                                 "(aws configure list-profiles shows the profiles)\n")


def test_without_boto3_audit_says_what_to_install(tmp_path):
    code = ("import sys; sys.modules['boto3'] = None; sys.modules['botocore'] = None; "
            "from linter.console import main; sys.argv = ['cognito-lint', 'audit']; main()")
    done = subprocess.run([sys.executable, "-P", "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == ("cognito-lint: error: `cognito-lint audit` reads AWS accounts with boto3, which is not "
                           "installed: pip install 'cognito-lint[aws]'\n")


def test_linting_files_never_imports_boto3():
    done = subprocess.run([sys.executable, "-P", "-X", "importtime", "-m", "linter", "lint",
                           "sample_configs/good/web-client.template.yaml"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "boto" not in done.stderr.lower()


# --- secrets ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "github"])
def test_the_client_secret_is_never_shown(cognito, world, output_format):
    done = run_audit(cognito, "--format", output_format, "--verbose", regions=READABLE)
    assert world.secret and "partner-backend" in done.stdout
    for text in (done.stdout, done.stderr):
        assert world.secret not in text
        assert "provider-secret-value" not in text


def test_saved_files_hold_no_secret_but_know_which_client_has_one(full_audit, world):
    _, _, saved = full_audit
    for text in _texts(saved):
        assert world.secret not in text and "ClientSecret\"" not in text
    pool_id, client_id = world.clients["partner-backend"]
    context = json.loads((saved / ACCOUNT / "eu-west-1" / pool_id / "user-pool.json").read_text())
    assert context["ClientsWithSecret"] == [client_id]


def _texts(folder):
    return [path.read_text(encoding="utf-8") for path in folder.rglob("*") if path.is_file()]


# --- --save, baselines -----------------------------------------------------------------------------

def test_lint_of_the_saved_folder_reproduces_the_findings(full_audit, tmp_path):
    _, report, saved = full_audit
    done = run_cli("lint", saved, "--format", "json", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    linted = _json(done)
    assert _same(linted["findings"]) == _same(report["findings"])
    assert linted["summary"]["clients"] == CLIENTS


def test_save_replaces_an_earlier_save(cognito, full_audit, world, tmp_path):
    _, _, saved = full_audit
    copy = tmp_path / "audit"
    subprocess.run(["cp", "-r", str(saved), str(copy)], check=True)
    stale = copy / ACCOUNT / "us-east-1" / world.pools["big"] / "deletedclient123.json"
    stale.write_text((copy / ACCOUNT / "us-east-1" / world.pools["big"] / f"{world.clients['big-last'][1]}.json").read_text())
    (copy / "README.md").write_text("kept")
    done = run_audit(cognito, "--select", "CG406", "--save", copy, regions=READABLE)
    assert done.returncode == 1, done.stderr
    assert not stale.exists() and (copy / "README.md").read_text() == "kept"
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    refused = run_audit(cognito, "--save", other, regions=READABLE)
    assert refused.returncode == 2 and "is not empty and holds no saved audit" in refused.stderr


def test_a_baseline_identity_does_not_depend_on_files(cognito, full_audit, tmp_path):
    _, _, saved = full_audit
    baseline = tmp_path / "baseline.json"
    written = run_audit(cognito, "--write-baseline", baseline, regions=READABLE)
    assert written.returncode == 0, written.stderr
    assert cognito.world.secret not in baseline.read_text()
    again = run_audit(cognito, "--baseline", baseline, regions=READABLE)
    assert (again.returncode, again.stdout) == (0, f"No problems found ({CLIENTS} app clients in 3 user pools checked).\n")
    linted = run_cli("lint", saved, "--baseline", baseline, cwd=tmp_path)  # the saved files: the same identities
    assert linted.returncode == 0, linted.stdout


def test_no_baseline_of_an_audit_that_could_not_read_everything(cognito, tmp_path):
    done = run_audit(cognito, "--write-baseline", tmp_path / "baseline.json")
    assert done.returncode == 2 and not (tmp_path / "baseline.json").exists()
    assert done.stderr.splitlines()[-1] == (f"cognito-lint: error: baseline {tmp_path / 'baseline.json'} not written: "
                                            "1 part of the accounts could not be read (see the errors above)")


# --- read-only -------------------------------------------------------------------------------------

def test_the_account_is_unchanged_and_only_read(cognito, world, tmp_path):
    def describe_all():
        return {name: cognito.client(region=world.regions[pool]).describe_user_pool_client(
                    UserPoolId=pool_id, ClientId=client_id)["UserPoolClient"]
                for name, (pool_id, client_id) in world.clients.items()
                for pool in [next(p for p, i in world.pools.items() if i == pool_id)]}

    before = describe_all()
    cognito.operations.clear()
    done = run_audit(cognito, "--save", tmp_path / "saved")
    assert done.returncode == 2, done.stderr
    received = set(cognito.operations)
    assert received <= READ_ONLY | {"GetCallerIdentity"} and READ_ONLY <= received
    assert describe_all() == before


# --- several accounts, progress --------------------------------------------------------------------

def test_several_profiles_are_several_accounts(cognito, tmp_path):
    sts = cognito.client("sts")
    keys = sts.assume_role(RoleArn="arn:aws:iam::210987654321:role/auditor", RoleSessionName="audit")["Credentials"]
    other = cognito.client(region="eu-west-1", aws_access_key_id=keys["AccessKeyId"],
                           aws_secret_access_key=keys["SecretAccessKey"], aws_session_token=keys["SessionToken"])
    pool_id = other.create_user_pool(PoolName="second-account")["UserPool"]["Id"]
    other.create_user_pool_client(UserPoolId=pool_id, ClientName="other-legacy", PreventUserExistenceErrors="LEGACY")
    (tmp_path / "credentials").write_text(
        "[first]\naws_access_key_id = testing\naws_secret_access_key = testing\n"
        f"[second]\naws_access_key_id = {keys['AccessKeyId']}\naws_secret_access_key = {keys['SecretAccessKey']}\n"
        f"aws_session_token = {keys['SessionToken']}\n")
    env = {"AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "credentials"), "AWS_ACCESS_KEY_ID": "",
           "AWS_SECRET_ACCESS_KEY": ""}
    done = run_audit(cognito, "--profile", "first", "--profile", "second", "--select", "CG406", "--format", "json",
                     regions=["eu-west-1"], env=env)
    assert done.returncode == 1, done.stderr
    accounts = {f["client"]: f["account"] for f in _json(done)["findings"]}
    assert accounts == {"other-legacy": "210987654321", "partner-backend": ACCOUNT, "partner-public": ACCOUNT}


def test_progress_is_shown_on_a_terminal_only(cognito):
    primary, secondary = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-P", "-m", "linter", "audit", "--endpoint-url", cognito.url,
                               "--region", "eu-west-1", "--fail-on", "never"],
                              stdout=subprocess.PIPE, stderr=secondary, env=cognito.env(), timeout=120)
        os.close(secondary)
        secondary = None
        shown = b""
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        if secondary is not None:
            os.close(secondary)
        os.close(primary)
    assert done.returncode == 0
    assert shown.startswith(b"\r\x1b[KAuditing: ") and shown.endswith(b"\r\x1b[K")  # cleared at the end
    quiet = run_audit(cognito, "--fail-on", "never", regions=["eu-west-1"])
    assert quiet.stderr == ""


# --- SARIF -----------------------------------------------------------------------------------------

def test_sarif_uses_logical_locations(cognito, world, tmp_path):
    done = run_audit(cognito, "--format", "sarif", "--output", tmp_path / "audit.sarif", regions=READABLE)
    assert done.returncode == 1, done.stderr
    log = json.loads((tmp_path / "audit.sarif").read_text())
    results = log["runs"][0]["results"]
    assert len(results) == sum(len(rules) for rules in AUDIT_EXPECTED.values())
    pool_id, client_id = world.clients["stale-scope"]
    result = next(r for r in results if r["ruleId"] == "CG108")
    assert result["locations"] == [{
        "logicalLocations": [{"name": "stale-scope", "kind": "resource",
                              "fullyQualifiedName": f"{world.pool_arn('shop')}/client/{client_id}"}],
        "properties": {"account": ACCOUNT, "region": "us-east-1", "userPool": pool_id, "clientId": client_id,
                       "setting": "AllowedOAuthScopes[1]"}}]
    schema = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if schema.is_file():
        jsonschema = pytest.importorskip("jsonschema")
        validator = jsonschema.validators.validator_for(json.loads(schema.read_text()))
        errors = list(validator(json.loads(schema.read_text())).iter_errors(log))
        assert not errors, errors[0]
