"""The PowerShell script reader: cmdlet calls, literals, splats, their spans, and parse errors at the
right place."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.loaders.registry import load as load_clients
from linter.parsers.document import ParseError
from linter.parsers.powershell import PowerShellDocument
from linter.parsers.scanner import Expression


def parse(text: str) -> PowerShellDocument:
    return PowerShellDocument.parse("deploy.ps1", text)


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


# --- robustness ---------------------------------------------------------------------------------

@settings(max_examples=300)
@given(tail=st.text(st.sampled_from("-@$'\"`(){}[],;|#<>=:. \n\tabcAB01"), max_size=40))
def test_the_reader_only_ever_raises_parse_errors(tail):
    try:
        doc = parse("New-CGIPUserPoolClient " + tail + "\n$p = @{" + tail + "}\nNew-CGIPUserPoolClient @p\n")
    except ParseError:
        return
    load_clients(doc)  # and what it read loads


def test_arrays_nested_thousands_deep_are_a_parse_error():
    with pytest.raises(ParseError, match="nesting too deep"):
        parse("New-CGIPUserPoolClient -ClientName " + "@(" * 5000 + ")" * 5000 + "\n")
