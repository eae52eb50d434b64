"""The SARIF the CLI writes, validated twice: against the SARIF 2.1.0 JSON schema
(../shared/schemas/sarif-schema-2.1.0.json, with jsonschema) and by Microsoft's SARIF validator
(`@microsoft/sarif-multitool` from npm, ``validate --rule-kind "Sarif;Ghas"``: the SARIF rules plus
GitHub Advanced Security's ingestion rules), plus the requirements GitHub's "SARIF support for code
scanning" page states that neither validator checks.

The multitool is found at $SARIF_MULTITOOL, else under the prefix that .ci/install-tools.sh installs
into ($COGNITO_LINT_TOOLS/npm, default ~/.cache/cognito-lint-ci/npm); the tests that need it are
skipped, saying where they looked, when it is absent. The npm package's `sarif-multitool` command is
a Node wrapper that runs the platform binary through a shell (`spawnSync(..., {shell: true})`), so
the shell would split `Sarif;Ghas` at the semicolon; these tests run the platform binary
(`@microsoft/sarif-multitool-<platform>/Sarif.Multitool`, a self-contained .NET program: no .NET
runtime needed) directly, and resolve the wrapper to it when $SARIF_MULTITOOL names the wrapper.

The multitool exits 0 even when it reports errors, so the tests read its output log: no result of
level error, and the run itself successful. Its warnings and notes are reported as pytest warnings
(SarifValidatorWarning) in the warnings summary.
"""
from __future__ import annotations

import collections
import gzip
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from support import PEER as PEER_CORPUS, ROOT, SHARED, deployed_finding, rules_by_id, run_cli

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is a test dependency: pip install '.[test]'")

SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"
TOOLS_PREFIX = Path(os.environ.get("COGNITO_LINT_TOOLS") or Path.home() / ".cache" / "cognito-lint-ci") / "npm"
RULE_KINDS = "Sarif;Ghas"

#: A CreateUserPoolClient payload without problems; linted with --select CG202 only, so that it
#: stays a zero-findings run whatever rules are added later (`rules` still lists every rule).
CLEAN_PAYLOAD = {
    "UserPoolId": "eu-west-1_Ab12Cd34E",
    "ClientName": "web",
    "AllowedOAuthFlowsUserPoolClient": True,
    "AllowedOAuthFlows": ["code"],
    "AllowedOAuthScopes": ["openid"],
    "SupportedIdentityProviders": ["COGNITO"],
    "CallbackURLs": ["https://app.example.com/callback"],
}


class SarifValidatorWarning(UserWarning):
    """A warning or note from Microsoft's SARIF validator about our SARIF (not a failure)."""


# --- the SARIF logs under test -------------------------------------------------------------------

def _cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    done = run_cli(*args, cwd=cwd, timeout=600)
    assert done.returncode in (0, 1), f"cognito-lint {' '.join(args)} exited {done.returncode}:\n{done.stderr}"
    return done


@pytest.fixture(scope="session")
def sarif_logs(tmp_path_factory) -> dict[str, Path]:
    """name → SARIF file written by the CLI (run as a subprocess)."""
    out = tmp_path_factory.mktemp("sarif")
    logs = {}

    # The samples and the peer corpus (the README's command; findings of every level, a parse
    # error, files inside the working directory and outside it).
    paths = ["sample_configs/"] + ([os.path.relpath(PEER_CORPUS, ROOT)] if PEER_CORPUS.is_dir() else [])
    logs["samples"] = out / "samples.sarif"
    _cli(["lint", *paths, "--format", "sarif", "--output", str(logs["samples"])], cwd=ROOT)

    # Zero findings: `results` must still be there, as an empty array.
    clean = tmp_path_factory.mktemp("clean")
    (clean / "create-client.json").write_text(json.dumps(CLEAN_PAYLOAD, indent=2), encoding="utf-8")
    logs["zero-findings"] = out / "zero-findings.sarif"
    done = _cli(["lint", ".", "--select", "CG202", "--format", "sarif", "--output", str(logs["zero-findings"])],
                cwd=clean)
    assert done.returncode == 0, f"the clean payload has findings:\n{logs['zero-findings'].read_text()}"

    # Findings about deployed clients (cognito-lint audit): logical locations, no file.
    from linter.reporters import RunInfo, render

    logs["audit"] = out / "audit.sarif"
    findings = [deployed_finding(), deployed_finding("CG508", "note", setting="", message="WriteAttributes is not set.")]
    logs["audit"].write_text(render("sarif", findings, rules_by_id(), RunInfo(sarif_category="cognito-lint-audit")),
                             encoding="utf-8")
    return logs


LOG_NAMES = ["samples", "zero-findings", "audit"]


@pytest.fixture(params=LOG_NAMES)
def log_path(request, sarif_logs) -> Path:
    if request.param == "samples" and not PEER_CORPUS.is_dir():
        warnings.warn(SarifValidatorWarning(f"{PEER_CORPUS} not found: validating sample_configs/ only"))
    return sarif_logs[request.param]


def test_zero_findings_log_has_an_empty_results_array(sarif_logs):
    log = json.loads(sarif_logs["zero-findings"].read_text(encoding="utf-8"))
    assert len(log["runs"]) == 1 and log["runs"][0]["results"] == []


def test_samples_log_has_results(sarif_logs):
    log = json.loads(sarif_logs["samples"].read_text(encoding="utf-8"))
    assert len(log["runs"]) == 1 and log["runs"][0]["results"], "expected findings in the samples' SARIF"


def test_samples_log_carries_fixes_for_both_validators(sarif_logs):
    """Safe and unsafe fixes (insertions, with an empty deleted region, and replacements) are in
    the log the two validators below check."""
    results = json.loads(sarif_logs["samples"].read_text(encoding="utf-8"))["runs"][0]["results"]
    fixes = [fix for result in results for fix in result.get("fixes", [])]
    assert {fix["properties"]["safety"] for fix in fixes} == {"safe", "unsafe"}
    regions = [r["deletedRegion"] for fix in fixes for change in fix["artifactChanges"] for r in change["replacements"]]
    assert any(r["startColumn"] == r["endColumn"] and r["startLine"] == r["endLine"] for r in regions)
    assert any(r["startColumn"] != r["endColumn"] for r in regions)


# --- 1. the JSON schema --------------------------------------------------------------------------

@pytest.fixture(scope="session")
def schema_validator():
    if not SCHEMA.is_file():
        pytest.skip(f"SARIF schema not found at {SCHEMA} (../shared/schemas)")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)  # draft-04
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.mark.shared("schemas/sarif-schema-2.1.0.json")
def test_schema_valid(log_path, schema_validator):
    log = json.loads(log_path.read_text(encoding="utf-8"))
    errors = sorted(schema_validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in errors)


# --- 2. Microsoft's SARIF validator --------------------------------------------------------------

def _platform_binary(node_modules: Path) -> Path:
    platform = {"linux": "linux", "darwin": "darwin", "win32": "win32", "cygwin": "win32"}.get(sys.platform, sys.platform)
    name = "Sarif.Multitool.exe" if platform == "win32" else "Sarif.Multitool"
    return node_modules / "@microsoft" / f"sarif-multitool-{platform}" / name


def _find_multitool() -> Path:
    configured = os.environ.get("SARIF_MULTITOOL")
    if configured:
        path = Path(configured).expanduser()
        if path.name == "sarif-multitool" and path.parent.name == ".bin" and not path.is_symlink():
            path = _platform_binary(path.parent.parent)   # npm's command shim: node_modules/.bin/
        path = path.resolve()
        if path.suffix == ".js":                           # the npm wrapper, .../@microsoft/sarif-multitool/bin.js
            path = _platform_binary(path.parents[2])
        if not (path.is_file() and os.access(path, os.X_OK)):
            pytest.fail(f"SARIF_MULTITOOL={configured} does not lead to an executable Sarif.Multitool ({path})")
        return path
    path = _platform_binary(TOOLS_PREFIX / "node_modules")
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.skip(f"Microsoft's SARIF validator is not installed: no SARIF_MULTITOOL and no {path} "
                    "(run `bash .ci/install-tools.sh`)")
    return path


@pytest.fixture(scope="session")
def multitool() -> Path:
    return _find_multitool()


def _validate(multitool: Path, sarif: Path, workdir: Path) -> dict:
    """Run `Sarif.Multitool validate` and return its output log (it exits 0 even on errors)."""
    output = workdir / f"{sarif.stem}.validation.sarif"
    if output.exists():
        output.unlink()
    argv = [str(multitool), "validate", "--rule-kind", RULE_KINDS, "--level", "Error;Warning;Note",
            "--output", str(output), str(sarif)]
    # SARIF2006 (a note) GETs every URI of the log; without network each run waited ~10 s for that.
    # A proxy that refuses at once (port 9, discard) gives the same note in 1.6 s.
    env = dict(os.environ, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT="1", DOTNET_CLI_TELEMETRY_OPTOUT="1",
               HTTP_PROXY="http://127.0.0.1:9", HTTPS_PROXY="http://127.0.0.1:9", NO_PROXY="")
    done = subprocess.run(argv, cwd=workdir, env=env, capture_output=True, text=True, timeout=300)
    assert output.is_file(), (f"the validator wrote no output log (exit {done.returncode}):\n"
                              f"{done.stdout}\n{done.stderr}")
    log = json.loads(output.read_text(encoding="utf-8-sig"))
    log["_console"] = done.stdout + done.stderr
    return log


def _effective_level(result: dict, rules: list) -> str:
    if "level" in result:
        return result["level"]
    index = result.get("ruleIndex", -1)
    if 0 <= index < len(rules):
        return rules[index].get("defaultConfiguration", {}).get("level", "warning")
    return "warning"


def _message(result: dict, rules: list) -> str:
    """message.text, or the rule's messageStrings[message.id] with message.arguments filled in."""
    message = result.get("message", {})
    if "text" in message:
        return message["text"]
    index = result.get("ruleIndex", -1)
    strings = rules[index].get("messageStrings", {}) if 0 <= index < len(rules) else {}
    template = strings.get(message.get("id"), {}).get("text", message.get("id", ""))
    for i, argument in enumerate(message.get("arguments", [])):
        template = template.replace("{%d}" % i, str(argument))
    return template


def _findings(log: dict) -> list[tuple[str, str, str, str]]:
    """(level, ruleId, where, message) for every result and every execution/configuration notification."""
    found = []
    for run in log.get("runs", []):
        rules = run.get("tool", {}).get("driver", {}).get("rules", [])
        for result in run.get("results", []):
            where = ""
            for location in result.get("locations", [])[:1]:
                physical = location.get("physicalLocation", {})
                region = physical.get("region", {})
                where = f"{Path(physical.get('artifactLocation', {}).get('uri', '')).name}({region.get('startLine', '?')},{region.get('startColumn', '?')})"
            found.append((_effective_level(result, rules), result.get("ruleId", "?"), where,
                          _message(result, rules)))
        for invocation in run.get("invocations", []):
            for key in ("toolExecutionNotifications", "toolConfigurationNotifications"):
                for note in invocation.get(key, []):
                    rule = note.get("descriptor", {}).get("id") or note.get("associatedRule", {}).get("id") or key
                    found.append((note.get("level", "warning"), rule, "(tool)", note.get("message", {}).get("text", "")))
            if invocation.get("executionSuccessful") is False:
                found.append(("error", "executionSuccessful", "(tool)", "the validator's run was not successful"))
    return found


def _report_non_errors(name: str, found) -> None:
    by_rule = collections.defaultdict(list)
    for level, rule, where, message in found:
        if level != "error":
            by_rule[(level, rule)].append((where, message))
    for (level, rule), items in sorted(by_rule.items()):
        where, message = items[0]
        warnings.warn(SarifValidatorWarning(
            f"sarif-multitool on the {name} log: {len(items)} x {level} {rule}, e.g. {where}: {message}"))


def test_multitool_reports_no_errors(log_path, multitool, tmp_path):
    log = _validate(multitool, log_path, tmp_path)
    found = _findings(log)
    _report_non_errors(log_path.stem, found)
    errors = [f for f in found if f[0] == "error"]
    assert not errors, "SARIF validator errors:\n" + "\n".join(
        f"  {rule} {where}: {message}" for _, rule, where, message in errors)


def test_multitool_does_report_errors(multitool, sarif_logs, tmp_path):
    """Canary: the GHAS rules really run (a misquoted --rule-kind would silently drop them) and the
    output log is read correctly — a log with an empty `locations` array and a rule without an id
    gets errors."""
    log = json.loads(sarif_logs["samples"].read_text(encoding="utf-8"))
    run = log["runs"][0]
    run["results"][0]["locations"] = []
    del run["tool"]["driver"]["rules"][0]["id"]
    broken = tmp_path / "broken.sarif"
    broken.write_text(json.dumps(log, indent=2), encoding="utf-8")
    errors = {rule for level, rule, _, _ in _findings(_validate(multitool, broken, tmp_path)) if level == "error"}
    assert any(rule.startswith("GH") for rule in errors), errors   # the GitHub (Ghas) rules ran
    assert "JSON1002" in errors, errors                            # the schema check ran: 'id' missing


# --- 3. GitHub code scanning's documented requirements -------------------------------------------
# From GitHub's "SARIF support for code scanning" page (required properties, their limits) and its
# upload limits. The two validators above do not check these.

def _github_problems(log: dict, size: int) -> list[str]:
    problems = []

    def need(ok, text):
        if not ok:
            problems.append(text)

    need(log.get("$schema"), "$schema is required")
    need(log.get("version") == "2.1.0", "version must be 2.1.0")
    runs = log.get("runs") or []
    need(1 <= len(runs) <= 20, f"1..20 runs per file, got {len(runs)}")
    need(size <= 10 * 1024 * 1024, f"the gzip-compressed file must be at most 10 MB, is {size} bytes")
    for r, run in enumerate(runs):
        driver = run.get("tool", {}).get("driver", {})
        need(driver.get("name"), f"runs[{r}].tool.driver.name is required")
        rules = driver.get("rules")
        need(isinstance(rules, list), f"runs[{r}].tool.driver.rules[] is required")
        need(len(rules or []) <= 25000, f"runs[{r}]: at most 25,000 rules")
        for i, rule in enumerate(rules or []):
            at = f"runs[{r}].tool.driver.rules[{i}] ({rule.get('id')})"
            need(rule.get("id"), f"{at}.id is required")
            need(len(rule.get("name", "")) <= 255, f"{at}.name is limited to 255 characters")
            for key in ("shortDescription", "fullDescription"):
                text = rule.get(key, {}).get("text", "")
                need(text, f"{at}.{key}.text is required")
                need(len(text) <= 1024, f"{at}.{key}.text is limited to 1024 characters, has {len(text)}")
            need(rule.get("help", {}).get("text"), f"{at}.help.text is required")
            level = rule.get("defaultConfiguration", {}).get("level", "warning")
            need(level in ("note", "warning", "error"), f"{at}.defaultConfiguration.level {level!r}")
            props = rule.get("properties", {})
            if "precision" in props:
                need(props["precision"] in ("very-high", "high", "medium", "low"), f"{at} precision {props['precision']!r}")
            if "security-severity" in props:
                try:
                    score = float(props["security-severity"])
                except (TypeError, ValueError):
                    score = -1.0
                need(isinstance(props["security-severity"], str) and 0.0 < score <= 10.0,
                     f"{at} security-severity must be a string scoring 0.1..10.0, is {props['security-severity']!r}")
                need("security" in props.get("tags", []), f"{at} has security-severity but no 'security' tag")
        results = run.get("results")
        need(isinstance(results, list), f"runs[{r}].results[] is required (even when empty)")
        need(len(results or []) <= 25000, f"runs[{r}]: at most 25,000 results")
        for j, result in enumerate(results or []):
            at = f"runs[{r}].results[{j}]"
            need(result.get("message", {}).get("text"), f"{at}.message.text is required")
            index = result.get("ruleIndex", 0)
            need(0 <= index < len(rules or []), f"{at}.ruleIndex {index} is out of range")
            if "ruleIndex" in result and "ruleId" in result and 0 <= index < len(rules or []):
                need(rules[index].get("id") == result["ruleId"], f"{at}.ruleIndex does not point at {result['ruleId']}")
            locations = result.get("locations") or []
            need(1 <= len(locations) <= 10, f"{at}: 1..10 locations, got {len(locations)}")
            for k, location in enumerate(locations):
                if "id" in location:
                    need(0 <= location["id"] <= 2 ** 63 - 1, f"{at}.locations[{k}].id must be 0..2^63-1, is {location['id']}")
                physical = location.get("physicalLocation", {})
                need(physical.get("artifactLocation", {}).get("uri"), f"{at}.locations[{k}] artifactLocation.uri is required")
                region = physical.get("region", {})
                for key in ("startLine", "startColumn", "endLine", "endColumn"):
                    need(isinstance(region.get(key), int) and region[key] >= 1,
                         f"{at}.locations[{k}].region.{key} is required (a positive integer)")
            need(isinstance(result.get("partialFingerprints"), dict), f"{at}.partialFingerprints is required")
    return problems


def test_github_code_scanning_requirements(log_path):
    if log_path.stem == "audit":
        pytest.skip("GitHub code scanning needs file locations; an audit's SARIF has logical ones (README, "
                    "\"Audit deployed clients\": upload the SARIF of `lint` on the --save folder instead)")
    data = log_path.read_bytes()
    problems = _github_problems(json.loads(data), len(gzip.compress(data)))
    assert not problems, "\n".join(problems)
