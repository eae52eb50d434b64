"""Reporters: SARIF valid against the 2.1.0 schema with levels intact; JSON and GitHub formats."""
from __future__ import annotations

import json

import pytest

from linter.parsers.document import Span
from linter.engine.findings import Finding
from linter.reporters import RunInfo, render
from support import SHARED, rules_by_id

SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"


def finding(rule_id="CG201", level="error", file="templates/app.yaml", line=12):
    return Finding(rule_id, level, f"{rule_id} message", file, Span(line, 7, line, 20), client="WebClient",
                   kind="cloudformation", source_line="      Default: x", doc_path=("Resources", "WebClient"))


def sarif(findings, **run):
    return json.loads(render("sarif", findings, rules_by_id(), RunInfo(**run)))


def validate(log):
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.exists():
        pytest.skip(f"{SCHEMA} not found (../shared is absent)")
    schema = json.loads(SCHEMA.read_text())
    jsonschema.validators.validator_for(schema)(schema).validate(log)


@pytest.mark.shared("schemas/sarif-schema-2.1.0.json")
def test_sarif_is_schema_valid_with_and_without_results():
    validate(sarif([finding(), finding("CG304", "warning", line=3)]))
    empty = sarif([])
    validate(empty)
    assert empty["runs"][0]["results"] == []


def test_sarif_levels_survive_even_when_equal_to_schema_defaults():
    # A warning under an error-default rule, and an explicit "warning" (SARIF's default level).
    log = sarif([finding("CG201", "warning"), finding("CG304", "warning"), finding("CG202", "note")])
    results = log["runs"][0]["results"]
    assert [r["level"] for r in results] == ["warning", "warning", "note"]
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["CG304"]["defaultConfiguration"]["level"] == "warning"
    assert rules["CG201"]["defaultConfiguration"]["level"] == "error"


def test_sarif_locations_rule_metadata_and_fingerprints(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    log = sarif([finding()], sarif_category="infra/cognito")
    run = log["runs"][0]
    result = run["results"][0]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "templates/app.yaml", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 12, "startColumn": 7, "endLine": 12, "endColumn": 20}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == f"file://{tmp_path}/"
    assert run["automationDetails"]["id"] == "infra/cognito/"
    assert run["columnKind"] == "unicodeCodePoints"
    rule = run["tool"]["driver"]["rules"][result["ruleIndex"]]
    assert rule["id"] == "CG201" and "## Fix" in rule["help"]["markdown"]
    assert rule["properties"]["precision"] and rule["properties"]["tags"]
    security = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == "CG202")
    assert float(security["properties"]["security-severity"]) > 7
    moved = sarif([finding(line=40)])["runs"][0]["results"][0]
    assert moved["partialFingerprints"] == result["partialFingerprints"]
    assert "primaryLocationLineHash" not in result["partialFingerprints"]


def test_sarif_uri_outside_the_working_directory_is_absolute(monkeypatch, tmp_path):
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")
    outside = str(tmp_path / "other" / "a.yaml")
    location = sarif([finding(file=outside)])["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": f"file://{outside}"}


def test_github_annotations_escape_properties_and_data():
    f = Finding("CG202", "note", "100% bad,\nreally", "dir,x/a:b.yaml", Span(3, 4, 3, 9))
    out = render("github", [f], rules_by_id(), RunInfo())
    assert out == ("::notice file=dir%2Cx/a%3Ab.yaml,line=3,col=4,endLine=3,endColumn=9,"
                   "title=CG202 insecure-url-scheme::100%25 bad,%0Areally\n")


def test_text_colour_only_when_asked():
    plain = render("text", [finding()], rules_by_id(), RunInfo(files=1, clients=1))
    coloured = render("text", [finding()], rules_by_id(), RunInfo(files=1, clients=1, color=True))
    assert "\033[" not in plain and "\033[31m" in coloured
    assert plain.splitlines()[0] == "templates/app.yaml:12:7: CG201 [error] CG201 message"
    assert plain.splitlines()[-1] == "Found 1 problem (1 error) in 1 file."
    quiet = render("text", [finding()], rules_by_id(), RunInfo(quiet=True))
    assert quiet == "templates/app.yaml:12:7: CG201 [error] CG201 message\n"
