"""PowerShell input: the script reader (calls, literals, splats, spans), the loader (parameter
binding), and rules on .ps1 files."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.parsers.document import ParseError
from linter.parsers.scanner import Expression
from linter.loaders.registry import load as load_clients
from linter.model import Template, Unknown
from linter.parsers.powershell import PowerShellDocument
from support import ROOT, ids_and_lines, lint_text, span_text


def parse(text: str) -> PowerShellDocument:
    return PowerShellDocument.parse("deploy.ps1", text)


def clients(text: str):
    return [s.variants[0].client for s in load_clients(parse(text))]


def covered(doc: PowerShellDocument, path: tuple, key: bool = False) -> str:
    span = doc.span(path, key)
    assert span.line == span.end_line
    return doc.text.splitlines()[span.line - 1][span.column - 1:span.end_column - 1]


# --- the reader ---------------------------------------------------------------------------------------

def test_arguments_in_every_literal_form():
    doc = parse(
        "New-CGIPUserPoolClient -UserPoolId 'us-east-1_Ab12Cd34E' -ClientName \"web\" `\n"
        "  -AllowedOAuthFlow code,implicit -AllowedOAuthScope @('openid',\n    'email') `\n"
        "  -GenerateSecret:$false -AccessTokenValidity 60 -EnableTokenRevocation -Region eu-west-1\n"
        "Write-Host 'done'\n")
    [command] = doc.data["commands"]
    assert command["cmdlet"] == "New-CGIPUserPoolClient" and command["positional"] == 0
    assert command["parameters"] == {
        "UserPoolId": "us-east-1_Ab12Cd34E", "ClientName": "web", "AllowedOAuthFlow": ["code", "implicit"],
        "AllowedOAuthScope": ["openid", "email"], "GenerateSecret": False, "AccessTokenValidity": 60,
        "EnableTokenRevocation": True, "Region": "eu-west-1"}
    base = ("commands", 0, "parameters")
    assert covered(doc, base + ("AllowedOAuthFlow", 1)) == "implicit"
    assert covered(doc, base + ("AllowedOAuthFlow",), key=True) == "-AllowedOAuthFlow"
    assert covered(doc, base + ("AllowedOAuthScope", 1)) == "'email'"
    assert covered(doc, base + ("EnableTokenRevocation",)) == "-EnableTokenRevocation"
    assert covered(doc, ("commands", 0), key=True) == "New-CGIPUserPoolClient"


def test_strings_escapes_and_expansions():
    doc = parse('New-CGIPUserPoolClient -ClientName \'it\'\'s\' -CallbackURLs "https://$domain/cb", '
                '"a`"b", "x$($cfg.Host)y" -LogoutURLs @"\nhttps://app.io/out\n"@\n')
    params = doc.data["commands"][0]["parameters"]
    assert params["ClientName"] == "it's"
    first, second, third = params["CallbackURLs"]
    assert first.parts[0] == "https://" and first.parts[1].text == "$domain" and first.parts[2] == "/cb"
    assert second == 'a"b'
    assert [p if isinstance(p, str) else p.text for p in third.parts] == ["x", "$($cfg.Host)", "y"]
    assert params["LogoutURLs"] == "https://app.io/out"


def test_non_literals_are_expressions_with_their_text():
    doc = parse("New-CGIPUserPoolClient -UserPoolId $pool.Id -ClientName (Get-Name) -CallbackURLs $urls "
                "-AccessTokenValidity ([int]$minutes) -AllowedOAuthScope @($a, 'b' + $c)\n")
    params = doc.data["commands"][0]["parameters"]
    assert {k: v.text for k, v in params.items() if isinstance(v, Expression)} == {
        "UserPoolId": "$pool.Id", "ClientName": "(Get-Name)", "CallbackURLs": "$urls",
        "AccessTokenValidity": "([int]$minutes)"}
    assert [v.text for v in params["AllowedOAuthScope"]] == ["$a", "'b' + $c"]


def test_splatting_takes_the_last_hashtable_assigned_before_the_call():
    doc = parse("$p = @{ ClientName = 'old' }\n"
                "$p = @{\n  UserPoolId = 'us-east-1_Ab12Cd34E'; ClientName = 'web'\n"
                "  AllowedOAuthFlow = 'code', 'implicit'  # comment\n  Extra = Get-Thing -Arg 1\n}\n"
                "New-CGIPUserPoolClient @p -ClientName 'explicit'\n"
                "$p = @{ ClientName = 'later' }\n")
    params = doc.data["commands"][0]["parameters"]
    assert params["ClientName"] == "explicit" and params["UserPoolId"] == "us-east-1_Ab12Cd34E"
    assert params["AllowedOAuthFlow"] == ["code", "implicit"] and isinstance(params["Extra"], Expression)
    assert covered(doc, ("commands", 0, "parameters", "AllowedOAuthFlow", 1)) == "'implicit'"


def test_calls_in_comments_and_strings_are_not_calls():
    doc = parse("# New-CGIPUserPoolClient -ClientName x\n<# New-CGIPUserPoolClient #>\n"
                "Write-Host 'New-CGIPUserPoolClient'\nupdate-cgipuserpoolclient -ClientId abc -UserPoolId p\n")
    assert [c["cmdlet"] for c in doc.data["commands"]] == ["Update-CGIPUserPoolClient"]


@pytest.mark.parametrize("text, line, column, words", [
    ("New-CGIPUserPoolClient -ClientName 'web\n", 1, 36, "unterminated string"),
    ('New-CGIPUserPoolClient -ClientName "web\n', 1, 36, "unterminated string"),
    ("New-CGIPUserPoolClient -AllowedOAuthFlow @('code'\n", 1, 42, "'@(' is not closed"),
    ("$p = @{ ClientName = 'x'\nNew-CGIPUserPoolClient @p\n", 2, 24, "expected '=' after the hashtable key"),
    ("$p = @{ ClientName = 'x'\nNew-CGIPUserPoolClient -ClientName y\nNew-CGIPUserPoolClient @p\n", 2, 24,
     "expected '=' after the hashtable key"),
    ("New-CGIPUserPoolClient -ClientName @\"\nabc\n", 1, 36, "here-string"),
])
def test_malformed_calls_are_parse_errors_at_the_right_place(text, line, column, words):
    with pytest.raises(ParseError) as raised:
        parse(text)
    assert (raised.value.line, raised.value.column) == (line, column) and words in raised.value.message


words = st.from_regex(r"[A-Za-z0-9_:/.\-]{1,12}", fullmatch=True).filter(
    lambda w: not w.startswith("-") and not w.isdigit())  # -x is a parameter, 12 a number
quoted = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=10)


@settings(max_examples=200)
@given(values=st.lists(st.one_of(words.map(lambda w: (w, w)),
                                 quoted.map(lambda s: ("'" + s.replace("'", "''") + "'", s))),
                       min_size=1, max_size=4))
def test_generated_argument_lists_read_back_with_exact_spans(values):
    text = "New-CGIPUserPoolClient -CallbackURLs " + ", ".join(source for source, _ in values) + " -ClientName w\n"
    doc = parse(text)
    got = doc.data["commands"][0]["parameters"]["CallbackURLs"]
    expected = [value for _, value in values]
    assert (got if isinstance(got, list) else [got]) == expected
    if len(values) > 1:
        for index, (source, _) in enumerate(values):
            assert covered(doc, ("commands", 0, "parameters", "CallbackURLs", index)) == source


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


def test_templates_keep_the_known_scheme():
    [client] = clients('New-CGIPUserPoolClient -ClientName w -UserPoolId p -CallbackURLs "http://$host/cb"\n')
    assert isinstance(client.CallbackURLs[0], Template) and client.CallbackURLs[0].known_prefix == "http://"


@settings(max_examples=300)
@given(tail=st.text(st.sampled_from("-@$'\"`(){}[],;|#<>=:. \n\tabcAB01"), max_size=40))
def test_the_reader_only_ever_raises_parse_errors(tail):
    try:
        doc = parse("New-CGIPUserPoolClient " + tail + "\n$p = @{" + tail + "}\nNew-CGIPUserPoolClient @p\n")
    except ParseError:
        return
    load_clients(doc)  # and what it read loads


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


def test_arrays_nested_thousands_deep_are_a_parse_error():
    with pytest.raises(ParseError, match="nesting too deep"):
        parse("New-CGIPUserPoolClient -ClientName " + "@(" * 5000 + ")" * 5000 + "\n")
