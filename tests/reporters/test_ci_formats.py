"""The CI formats: GitLab Code Quality (its required fields one by one), JUnit XML (valid against
junit-10.xsd) and reviewdog's rdjson (valid against its DiagnosticResult schema, UTF-8 byte
columns, rule URLs, fixes as suggestions)."""
from __future__ import annotations

import json

import pytest

from linter.engine.findings import Finding
from linter.parsers.document import Span
from linter.reporters import RunInfo, render
from support import SHARED, cfn, run_cli, rules_by_id

SCHEMAS = SHARED / "schemas"
BAD = cfn("""\
CallbackURLs:
  - http://staging.acme-corp.io/callback
AllowedOAuthFlows: [code, implicit]
AllowedOAuthFlowsUserPoolClient: true
AllowedOAuthScopes: [openid]
""")
DOCS = "https://github.com/cognito-lint/cognito-lint/blob/main/docs/rules.md#"


def lint(folder, *args) -> str:
    result = run_cli("lint", "--fail-on", "never", *args, cwd=folder)
    assert result.returncode == 0, result.stderr
    return result.stdout


def finding(rule_id="CG202", message="CG202 message", file="app.yaml", line=3, **fields) -> Finding:
    return Finding(rule_id, "error", message, file, Span(line, 7, line, 20), client="WebClient",
                   kind="cloudformation", source_line="      x: y", **fields)


# --- GitLab Code Quality -------------------------------------------------------------------------

def test_gitlab_has_every_required_field(tmp_path):
    (tmp_path / ".git").mkdir()  # the repository root
    (tmp_path / "infra").mkdir()
    (tmp_path / "infra" / "app.yaml").write_text(BAD)
    output = lint(tmp_path / "infra", "--format", "gitlab", "app.yaml")
    assert not output.startswith("\ufeff")
    issues = json.loads(output)
    assert isinstance(issues, list) and len(issues) >= 2
    for issue in issues:
        assert isinstance(issue["description"], str) and issue["description"].startswith(issue["check_name"] + ": ")
        assert issue["check_name"] in rules_by_id()
        assert isinstance(issue["fingerprint"], str) and len(issue["fingerprint"]) == 32
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["path"] == "infra/app.yaml"  # relative to the repository, not to the cwd
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1
    by_rule = {issue["check_name"]: issue for issue in issues}
    assert by_rule["CG202"]["severity"] == "major" and by_rule["CG202"]["location"]["lines"]["begin"] == 9
    assert by_rule["CG106"]["severity"] == "minor"
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)


def test_gitlab_fingerprints_survive_runs_and_lines_moving(tmp_path):
    (tmp_path / ".git").mkdir()
    path = tmp_path / "app.yaml"
    path.write_text(BAD)
    before = {i["check_name"]: i for i in json.loads(lint(tmp_path, "--format", "gitlab", "app.yaml"))}
    assert before == {i["check_name"]: i for i in json.loads(lint(tmp_path, "--format", "gitlab", "app.yaml"))}
    path.write_text("# a comment\n# and another\n" + BAD)
    after = {i["check_name"]: i for i in json.loads(lint(tmp_path, "--format", "gitlab", "app.yaml"))}
    assert {k: i["fingerprint"] for k, i in after.items()} == {k: i["fingerprint"] for k, i in before.items()}
    assert after["CG202"]["location"]["lines"]["begin"] == before["CG202"]["location"]["lines"]["begin"] + 2


def test_gitlab_keeps_findings_with_the_same_identity_apart_and_leaves_out_suppressed_ones():
    same = [finding(fingerprint="f" * 32), finding(fingerprint="f" * 32, line=4)]
    issues = json.loads(render("gitlab", same + [finding(fingerprint="e" * 32, suppressed="")], rules_by_id(), RunInfo()))
    assert len(issues) == 2 and issues[0]["fingerprint"] == "f" * 32 and issues[1]["fingerprint"] != "f" * 32
    assert render("gitlab", [], rules_by_id(), RunInfo()) == "[]\n"


# --- JUnit XML -----------------------------------------------------------------------------------

def junit_schema():
    xmlschema = pytest.importorskip("xmlschema")
    return xmlschema.XMLSchema(str(SCHEMAS / "junit-10.xsd"))


@pytest.mark.shared("schemas/junit-10.xsd")
def test_junit_is_valid_one_test_case_per_finding(tmp_path):
    import xml.etree.ElementTree as ET

    (tmp_path / "app.yaml").write_text(BAD)
    output = lint(tmp_path, "--format", "junit", "app.yaml")
    junit_schema().validate(output)
    root = ET.fromstring(output)
    cases = root.findall("testsuite/testcase")
    expected = json.loads(lint(tmp_path, "--format", "json", "app.yaml"))["findings"]
    assert len(cases) == len(expected) == int(root.get("tests")) == int(root.get("failures"))
    assert {(c.get("classname"), c.get("name")) for c in cases} >= {
        ("app.yaml", "CG202 insecure-url-scheme (WebClient)"), ("app.yaml", "CG106 implicit-grant (WebClient)")}
    failure = next(c for c in cases if c.get("name").startswith("CG202")).find("failure")
    assert failure.get("type") == "error" and "uses http://" in failure.get("message")
    assert failure.text.startswith("app.yaml:9:11: CG202 [error]")


@pytest.mark.shared("schemas/junit-10.xsd")
def test_junit_empty_run_and_awkward_text_stay_valid():
    import xml.etree.ElementTree as ET

    empty = render("junit", [], rules_by_id(), RunInfo())
    junit_schema().validate(empty)
    assert ET.fromstring(empty).get("tests") == "0" and ET.fromstring(empty).get("failures") == "0"
    odd = [finding(message="bell \x07 escape \x1b[2J <tag> & \"quotes\" \ud800"),
           finding(file="dev/a&b.yaml", suppressed="reviewed"), finding(file="dev/a&b.yaml")]
    report = render("junit", odd, rules_by_id(), RunInfo())
    junit_schema().validate(report)
    root = ET.fromstring(report)
    assert root.get("tests") == "3" and root.get("failures") == "2"
    assert root.find("testsuite").get("skipped") == "1"
    assert "\\x07" in report and "\x1b" not in report
    assert [c.get("name") for c in root.iter("testcase")][1:] == [
        "CG202 insecure-url-scheme (WebClient)", "CG202 insecure-url-scheme (WebClient) #2"]


# --- reviewdog rdjson ----------------------------------------------------------------------------

def rdjson_validate(document):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((SCHEMAS / "reviewdog-rdjson-DiagnosticResult.json").read_text())
    jsonschema.validators.validator_for(schema)(schema).validate(document)


@pytest.mark.shared("schemas/reviewdog-rdjson-DiagnosticResult.json")
def test_rdjson_is_valid_with_byte_columns_and_rule_urls(tmp_path):
    text = cfn("CallbackURLs: [https://ünïcödé.acme-corp.io/cb, http://staging.acme-corp.io/cb]")
    (tmp_path / "app.yaml").write_text(text, encoding="utf-8")
    document = json.loads(lint(tmp_path, "--format", "rdjson", "--select", "CG202", "app.yaml"))
    rdjson_validate(document)
    [diagnostic] = document["diagnostics"]
    line = text.splitlines()[7]
    start = line.encode().index(b"http://") + 1
    assert diagnostic["location"] == {"path": "app.yaml", "range": {
        "start": {"line": 8, "column": start}, "end": {"line": 8, "column": start + len("http://staging.acme-corp.io/cb")}}}
    assert diagnostic["severity"] == "ERROR"
    assert diagnostic["code"] == {"value": "CG202", "url": DOCS + "cg202"}
    rdjson_validate(json.loads(render("rdjson", [], rules_by_id(), RunInfo())))


@pytest.mark.shared("schemas/reviewdog-rdjson-DiagnosticResult.json")
def test_rdjson_fixes_are_suggestions(tmp_path):
    text = ('{"UserPoolId": "us-east-1_Ab12Cd34E", "ClientName": "wéb-ünï",\n'
            ' "AccessTokenValidity": "60", "AllowedOAuthFlows": ["Code"]}\n')
    (tmp_path / "create.json").write_text(text, encoding="utf-8")
    document = json.loads(lint(tmp_path, "--format", "rdjson", "--select", "CG003,CG005", "create.json"))
    rdjson_validate(document)
    suggestions = {d["code"]["value"]: d["suggestions"] for d in document["diagnostics"]}
    assert suggestions == {
        "CG003": [{"range": {"start": {"line": 2, "column": 25}, "end": {"line": 2, "column": 29}}, "text": "60"}],
        "CG005": [{"range": {"start": {"line": 2, "column": 53}, "end": {"line": 2, "column": 59}}, "text": '"code"'}]}
    one_line = text.replace(",\n", ",")
    (tmp_path / "create.json").write_text(one_line, encoding="utf-8")
    document = json.loads(lint(tmp_path, "--format", "rdjson", "--select", "CG005", "create.json"))
    [diagnostic] = document["diagnostics"]
    start = one_line.encode().index(b'"Code"') + 1  # after two characters of two bytes each
    assert diagnostic["location"]["range"]["start"] == {"line": 1, "column": start}
    assert diagnostic["suggestions"][0]["range"]["start"] == {"line": 1, "column": start}


def test_rdjson_policy_rules_have_no_docs_url(tmp_path):
    (tmp_path / ".cognito-lint.yaml").write_text(
        "policies:\n  - id: ACME001\n    name: no-implicit\n    summary: No implicit.\n"
        "    require:\n      AllowedOAuthFlows: {only: [code]}\n")
    (tmp_path / "app.yaml").write_text(BAD)
    document = json.loads(lint(tmp_path, "--format", "rdjson", "--select", "ACME", "app.yaml"))
    assert [d["code"] for d in document["diagnostics"]] == [{"value": "ACME001"}]
