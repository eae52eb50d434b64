"""PowerShell input: the loader (parameter binding, unknowns) and rules on .ps1 files (positions and
messages in PowerShell's names). The script reader itself is tested in
tests/parsers/test_powershell_parser.py."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.loaders.registry import load as load_clients
from linter.model import Template, Unknown
from linter.parsers.powershell import PowerShellDocument
from support import ROOT, ids_and_lines, lint_text, span_text


def parse(text: str) -> PowerShellDocument:
    return PowerShellDocument.parse("deploy.ps1", text)


def clients(text: str):
    return [s.variants[0].client for s in load_clients(parse(text))]


# --- the loader -------------------------------------------------------------------------------------

def test_parameters_bind_by_alias_prefix_and_case_and_scalars_become_lists():
    [client] = clients("new-cgipuserpoolclient -userpoolid p1 -ClientN 'web' -AllowedOAuthFlows code "
                       "-AccessTokenValidity '30' -TokenValidityUnits_AccessToken minutes "
                       "-RefreshTokenRotation_RetryGracePeriodSecond 10 -AllowedOAuthFlowsUserPoolClient 1 "
                       "-ProfileName dev -SecretKey abcdefgh\n")
    assert client.kind == "api-create" and client.name == "web" and client.UserPoolId == "p1"
    assert client.AllowedOAuthFlows == ["code"] and client.AccessTokenValidity == 30
    assert client.TokenValidityUnits.AccessToken == "minutes"
    assert client.RefreshTokenRotation.RetryGracePeriodSeconds == 10
    assert client.AllowedOAuthFlowsUserPoolClient is True
    assert "ProfileName" not in client.raw and "SecretKey" not in client.raw


def test_positional_arguments_and_unknown_splats_make_omitted_settings_unknown():
    positional, splatted = clients("New-CGIPUserPoolClient us-east-1_Ab12Cd34E -ClientName web\n"
                                   "New-CGIPUserPoolClient @fromElsewhere\n")
    assert isinstance(positional.UserPoolId, Unknown) and positional.ClientName == "web"
    assert isinstance(splatted.ExplicitAuthFlows, Unknown)
    assert lint_text("New-CGIPUserPoolClient @fromElsewhere\n", "deploy.ps1") == []


def test_templates_keep_the_known_scheme():
    [client] = clients('New-CGIPUserPoolClient -ClientName w -UserPoolId p -CallbackURLs "http://$host/cb"\n')
    assert isinstance(client.CallbackURLs[0], Template) and client.CallbackURLs[0].known_prefix == "http://"


# --- rules on .ps1 files ----------------------------------------------------------------------------

SCRIPT = """\
$ErrorActionPreference = 'Stop'
$client = New-CGIPUserPoolClient -UserPoolId 'us-east-1_Ab12Cd34E' -ClientName 'web' `
    -AllowedOAuthFlowsUserPoolClient $true -AllowedOAuthFlow code, implicit `
    -AllowedOAuthScope openid -CallbackURLs 'http://app.acme-corp.io/cb' `
    -ExplicitAuthFlow ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN `
    -PreventUserExistenceError ENABLED -WriteAttribute name -CallbackUrl2 x
Update-CGIPUserPoolClient -UserPoolId 'us-east-1_Ab12Cd34E' -ClientId $client.ClientId -ClientName 'web'
"""


def test_rules_fire_at_the_argument_with_powershell_names():
    findings = lint_text(SCRIPT, "deploy.ps1", select=["CG002", "CG005", "CG106", "CG202", "CG701"])
    assert ids_and_lines(findings) == [("CG106", 3, 68), ("CG202", 4, 45), ("CG005", 5, 44), ("CG002", 6, 61),
                                       ("CG701", 7, 61)]
    by_rule = {f.rule_id: f for f in findings}
    assert span_text(by_rule["CG106"], SCRIPT) == "implicit"
    assert by_rule["CG106"].message.startswith("-AllowedOAuthFlow has implicit")
    assert span_text(by_rule["CG002"], SCRIPT) == "-CallbackUrl2"
    assert by_rule["CG701"].kind == "api-update"


def test_unknown_values_give_no_findings():
    script = ("New-CGIPUserPoolClient -UserPoolId $pool -ClientName $name -AllowedOAuthFlowsUserPoolClient $oauth "
              "-AllowedOAuthFlow $flows -AllowedOAuthScope $scopes -CallbackURLs \"$scheme://app/cb\" "
              "-ExplicitAuthFlow $flows -GenerateSecret $secret -PreventUserExistenceError $pue "
              "-WriteAttribute $attrs -RefreshTokenRotation_Feature $rotation -AccessTokenValidity $minutes\n")
    assert lint_text(script, "deploy.ps1") == []


def test_suppression_comments_cover_a_line_or_the_file():
    findings = lint_text("# cognito-lint: ignore-file=CG106 migrating in Q3\n" + SCRIPT, "deploy.ps1",
                         select=["CG106"])
    assert findings and all(f.suppressed == "migrating in Q3" for f in findings)
    script = ("$settings = @{\n  UserPoolId = 'us-east-1_Ab12Cd34E'; ClientName = 'web'\n"
              "  CallbackURLs = 'http://staging.acme-corp.io/cb'  # cognito-lint: ignore=CG202 staging only\n}\n"
              "New-CGIPUserPoolClient @settings\n")
    findings = lint_text(script, "deploy.ps1", select=["CG202"])
    assert ids_and_lines(findings) == [("CG202", 3, 18)] and findings[0].suppressed == "staging only"


def test_sample_scripts_lint_as_documented():
    good = (ROOT / "sample_configs" / "good" / "create-web-client.ps1").read_text()
    bad = (ROOT / "sample_configs" / "bad" / "update-client.ps1").read_text()
    assert lint_text(good, "create-web-client.ps1") == []
    assert {f.rule_id for f in lint_text(bad, "update-client.ps1")} >= {"CG202", "CG701"}


_ARGUMENT = re.compile(r"(-(?!ClientId\b|UserPoolId\b)[A-Za-z]+) ('[^']*'(?:, '[^']*')*|\$true|\w+)")


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_variables_in_place_of_literals_never_add_findings(data):
    """Unknown is not wrong: replacing any arguments by variables adds no finding."""
    for sample in ("bad/update-client.ps1", "good/create-web-client.ps1"):
        text = (ROOT / "sample_configs" / sample).read_text()
        names = sorted({m.group(1) for m in _ARGUMENT.finditer(text)})
        chosen = data.draw(st.sets(st.sampled_from(names), min_size=1))
        changed = _ARGUMENT.sub(lambda m: f"{m.group(1)} $x" if m.group(1) in chosen else m.group(0), text)
        before = {(f.rule_id, f.span.line) for f in lint_text(text, "s.ps1")}
        after = {(f.rule_id, f.span.line) for f in lint_text(changed, "s.ps1")}
        assert after <= before, (sample, chosen, after - before)


def test_a_script_naming_the_cmdlet_in_lower_case_is_not_skipped():
    findings = lint_text("new-cgipuserpoolclient -UserPoolId p -ClientName w -AllowedOAuthFlow implicit "
                         "-AllowedOAuthFlowsUserPoolClient $true -AllowedOAuthScope openid -CallbackURLs https://a.io/cb\n",
                         "deploy.ps1", select=["CG106"])
    assert ids_and_lines(findings) == [("CG106", 1, 70)]


@pytest.mark.parametrize("assignment", ["$p = @{", "$script:p = @{", "${p} = @{", "$p = [ordered]@{", "$P = [Ordered] @{"])
def test_a_splatted_hashtable_is_read_however_its_variable_is_written(assignment):
    text = f"{assignment} ClientName = 'a'; UserPoolId = 'p'; AllowedOAuthFlow = 'implicit' }}\nNew-CGIPUserPoolClient @p\n"
    findings = lint_text(text, "c.ps1", select=["CG106", "CG001"])
    assert [(f.rule_id, f.span.line) for f in findings] == [("CG106", 1)]


def test_a_variable_and_an_environment_variable_of_one_name_are_two():
    from linter.parsers.powershell import variables_in

    assert variables_in("$k ${K} $script:k $global:K") == {"k"}
    assert variables_in("$env:APP_KEY $app_key") == {"env:app_key", "app_key"}
