"""Findings about deployed clients (`cognito-lint audit`) in every format: located by account,
region, pool and client instead of a file position."""
from __future__ import annotations

import json

from support import deployed_finding, rules_by_id

from linter.reporters import RunInfo, render

ARN = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEf123"
CLIENT_ID = "4k3j2h1g0f9e8d7c6b5a4z3y2x"


def _render(fmt, findings, **run):
    return render(fmt, findings, rules_by_id(), RunInfo(clients=12, user_pools=2, **run))


def test_text_names_the_pool_arn_the_client_and_the_setting():
    findings = [deployed_finding(), deployed_finding("CG508", "note", setting="", message="WriteAttributes is not set.",
                                                     client_name="mobile\x1b[2J")]
    assert _render("text", findings).splitlines() == [
        f"{ARN} client web ({CLIENT_ID}) PreventUserExistenceErrors: CG406 [warning] PreventUserExistenceErrors "
        "is LEGACY: errors reveal which users exist.",
        f"{ARN} client mobile\\e[2J ({CLIENT_ID}): CG508 [note] WriteAttributes is not set.",
        "Found 2 problems (1 warning, 1 note) in 1 of 12 app clients in 2 user pools."]
    assert _render("text", []) == "No problems found (12 app clients in 2 user pools checked).\n"


def test_json_carries_the_location_as_fields():
    report = json.loads(_render("json", [deployed_finding()]))
    finding = report["findings"][0]
    assert {k: finding[k] for k in ("file", "line", "column", "account", "region", "user_pool", "user_pool_arn",
                                    "client_id", "client", "setting", "kind")} == {
        "file": None, "line": None, "column": None, "account": "123456789012", "region": "eu-west-1",
        "user_pool": "eu-west-1_AbCdEf123", "user_pool_arn": ARN, "client_id": CLIENT_ID, "client": "web",
        "setting": "PreventUserExistenceErrors", "kind": "api-describe"}
    assert report["summary"]["user_pools"] == 2 and report["summary"]["clients"] == 12


def test_github_annotations_have_no_file():
    assert _render("github", [deployed_finding()]) == (
        f"::warning title=CG406 user-existence-errors-not-prevented::{ARN} client web ({CLIENT_ID}): "
        "PreventUserExistenceErrors is LEGACY: errors reveal which users exist.\n")


def test_sarif_uses_a_logical_location():
    result = json.loads(_render("sarif", [deployed_finding()]))["runs"][0]["results"][0]
    assert result["locations"] == [{
        "logicalLocations": [{"name": "web", "kind": "resource", "fullyQualifiedName": f"{ARN}/client/{CLIENT_ID}"}],
        "properties": {"account": "123456789012", "region": "eu-west-1", "userPool": "eu-west-1_AbCdEf123",
                       "clientId": CLIENT_ID, "setting": "PreventUserExistenceErrors"}}]
    assert result["partialFingerprints"] == {"cognitoLint/v1": "CG406-PreventUserExistenceErrors"}
