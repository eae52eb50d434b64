"""CG301–CG309 (tokens, sessions and token revocation): fixtures that trigger with line/column, near
misses, and a hypothesis check of unit conversion and ranges against an oracle written here,
independent of the model's conversion helpers."""
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support import api_payload as api, cfn, ids_and_lines, lint_text, rules_by_id, span_text


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def value_at(text: str, key: str) -> tuple[int, int]:
    """(line, column) of the value of JSON key ``key`` in an api() payload."""
    line = line_of(text, f'"{key}"')
    source = text.splitlines()[line - 1]
    return line, source.index(f'"{key}": ') + len(f'"{key}": ') + 1


# --- CG301 token-validity-out-of-range ------------------------------------------------------------

def test_cg301_access_validity_without_units_is_hours():
    text = cfn("AccessTokenValidity: 60")
    findings = lint_text(text, select=["CG301"])
    assert ids_and_lines(findings) == [("CG301", 8, 28)]
    assert span_text(findings[0], text) == "60"
    message = findings[0].message
    assert message.startswith("AccessTokenValidity 60 with no TokenValidityUnits is 60 hours; "
                              "the allowed range is 5 minutes to 1 day")
    assert "Use 1 to 24 hours" in message


def test_cg301_each_token_with_its_unit_cloudformation():
    text = cfn("IdTokenValidity: 4\nRefreshTokenValidity: 4000\nAccessTokenValidity: 1500\n"
               "TokenValidityUnits:\n  IdToken: minutes\n  AccessToken: minutes")
    findings = lint_text(text, select=["CG301"])
    assert ids_and_lines(findings) == [("CG301", 8, 24), ("CG301", 9, 29), ("CG301", 10, 28)]
    assert [span_text(f, text) for f in findings] == ["4", "4000", "1500"]
    assert findings[0].message.startswith("IdTokenValidity is 4 minutes;")
    assert findings[1].message.startswith(
        "RefreshTokenValidity 4000 with no TokenValidityUnits.RefreshToken is 4000 days; "
        "the allowed range is 60 minutes to 3650 days")
    assert findings[2].message.startswith("AccessTokenValidity 1500 in minutes is 25 hours;")


def test_cg301_api_create_refresh_too_short_in_minutes():
    text = api({"RefreshTokenValidity": 30, "TokenValidityUnits": {"RefreshToken": "minutes"}})
    findings = lint_text(text, "client.json", select=["CG301"])
    line = line_of(text, "RefreshTokenValidity")
    assert ids_and_lines(findings) == [("CG301", line, 27)]
    assert span_text(findings[0], text) == "30"
    assert "RefreshTokenValidity is 30 minutes" in findings[0].message


def test_cg301_api_update_and_describe():
    text = api({"AccessTokenValidity": 2, "TokenValidityUnits": {"AccessToken": "days"}}, "update")
    findings = lint_text(text, "update.json", select=["CG301"])
    assert ids_and_lines(findings) == [("CG301", *value_at(text, "AccessTokenValidity"))]
    assert "Use 1 day," in findings[0].message
    text = api({"IdTokenValidity": 1500, "TokenValidityUnits": {"IdToken": "minutes"}}, "describe")
    findings = lint_text(text, "describe.json", select=["CG301"])
    assert ids_and_lines(findings) == [("CG301", *value_at(text, "IdTokenValidity"))]
    assert span_text(findings[0], text) == "1500"
    assert findings[0].message.startswith("IdTokenValidity 1500 in minutes is 25 hours;")


def test_cg301_inclusive_boundaries_are_accepted():
    text = cfn("AccessTokenValidity: 300\nIdTokenValidity: 86400\nRefreshTokenValidity: 3600\n"
               "TokenValidityUnits: {AccessToken: seconds, IdToken: seconds, RefreshToken: seconds}")
    assert lint_text(text, select=["CG301"]) == []
    text = cfn("AccessTokenValidity: 24\nIdTokenValidity: 5\nRefreshTokenValidity: 3650\n"
               "TokenValidityUnits: {IdToken: minutes}")
    assert lint_text(text, select=["CG301"]) == []


def test_cg301_silent_on_unknowns_invalid_units_and_omitted_values():
    assert lint_text(cfn("AccessTokenValidity: !Ref Validity"), select=["CG301"]) == []
    assert lint_text(cfn("AccessTokenValidity: 60\nTokenValidityUnits: !Ref Units"), select=["CG301"]) == []
    assert lint_text(cfn("AccessTokenValidity: 60\nTokenValidityUnits: {AccessToken: !Ref Unit}"),
                     select=["CG301"]) == []
    # An invalid unit is CG005's; the duration it stands for is unknown.
    assert lint_text(cfn("AccessTokenValidity: 60\nTokenValidityUnits: {AccessToken: hour}"),
                     select=["CG301"]) == []
    # Omitted values get the service default (1 hour, 30 days), whatever the unit says.
    text = cfn("TokenValidityUnits: {AccessToken: seconds, IdToken: days, RefreshToken: minutes}")
    assert lint_text(text, select=["CG301", "CG302"]) == []


def test_cg301_leaves_raw_api_range_to_cg004_and_zero_to_cg303():
    text = cfn("AccessTokenValidity: 86401\nIdTokenValidity: 0\nRefreshTokenValidity: 315360001\n"
               "TokenValidityUnits: {AccessToken: seconds, RefreshToken: seconds}")
    assert lint_text(text, select=["CG301"]) == []
    assert lint_text(cfn("RefreshTokenValidity: 0"), select=["CG301"]) == []
    assert lint_text(api({"RefreshTokenValidity": 0}), "c.json", select=["CG301"]) == []
    # Raw 100000 days is inside the API's integer range, but not inside 3650 days.
    findings = lint_text(cfn("RefreshTokenValidity: 100000"), select=["CG301"])
    assert [f.rule_id for f in findings] == ["CG301"]


def test_cg301_cloudformation_string_integer_is_converted():
    text = cfn('AccessTokenValidity: "60"')
    findings = lint_text(text, select=["CG301"])
    assert ids_and_lines(findings) == [("CG301", 8, 28)]
    assert span_text(findings[0], text) == '"60"'


def test_cg301_names_the_condition_branch():
    text = ("Conditions:\n  IsProd: !Equals [!Ref Env, prod]\n"
            + cfn("AccessTokenValidity: !If [IsProd, 1, 90]"))
    findings = lint_text(text, select=["CG301"])
    assert len(findings) == 1
    assert findings[0].message.endswith("(when IsProd is false)")
    assert span_text(findings[0], text) == "90"


# --- CG302 token-outlives-refresh-token -----------------------------------------------------------

def test_cg302_access_longer_than_refresh_cloudformation():
    text = cfn("AccessTokenValidity: 12\nRefreshTokenValidity: 2\n"
               "TokenValidityUnits:\n  AccessToken: hours\n  RefreshToken: hours")
    findings = lint_text(text, select=["CG302"])
    assert ids_and_lines(findings) == [("CG302", 8, 28)]
    assert span_text(findings[0], text) == "12"
    assert findings[0].message.startswith(
        "AccessTokenValidity is 12 hours, longer than the refresh token: RefreshTokenValidity is 2 hours.")


def test_cg302_default_unit_of_the_access_token_counts():
    # AccessTokenValidity 2 without units is 2 hours: longer than a 60-minute refresh token.
    text = api({"AccessTokenValidity": 2, "RefreshTokenValidity": 60,
                "TokenValidityUnits": {"RefreshToken": "minutes"}})
    findings = lint_text(text, "client.json", select=["CG302"])
    assert ids_and_lines(findings) == [("CG302", *value_at(text, "AccessTokenValidity"))]
    assert "AccessTokenValidity 2 with no TokenValidityUnits.AccessToken is 2 hours" in findings[0].message


def test_cg302_id_token_in_api_describe_and_update():
    fields = {"IdTokenValidity": 1, "RefreshTokenValidity": 120,
              "TokenValidityUnits": {"IdToken": "days", "RefreshToken": "minutes"}}
    for kind in ("describe", "update"):
        text = api(fields, kind)
        findings = lint_text(text, f"{kind}.json", select=["CG302"])
        assert ids_and_lines(findings) == [("CG302", *value_at(text, "IdTokenValidity"))]
        assert span_text(findings[0], text) == "1"
        assert "Shorten the ID token" in findings[0].message


def test_cg302_silent_when_equal_unknown_or_already_out_of_range():
    equal = cfn("AccessTokenValidity: 60\nRefreshTokenValidity: 1\n"
                "TokenValidityUnits: {AccessToken: minutes, RefreshToken: hours}")
    assert lint_text(equal, select=["CG302"]) == []
    unknown = cfn("AccessTokenValidity: 12\nRefreshTokenValidity: !Ref Refresh")
    assert lint_text(unknown, select=["CG302"]) == []
    unknown_unit = cfn("AccessTokenValidity: 12\nRefreshTokenValidity: 2\nTokenValidityUnits: {RefreshToken: !Ref U}")
    assert lint_text(unknown_unit, select=["CG302"]) == []
    # A refresh token of 30 minutes is out of range (CG301): the ordering is not reported as well.
    short = cfn("RefreshTokenValidity: 30\nTokenValidityUnits: {RefreshToken: minutes}")
    assert [f.rule_id for f in lint_text(short, select=["CG301", "CG302"])] == ["CG301"]
    # The omitted refresh validity is 30 days, not 30 of the unit given.
    assert lint_text(cfn("AccessTokenValidity: 1\nTokenValidityUnits: {AccessToken: days, RefreshToken: hours}"),
                     select=["CG302"]) == []


# --- CG303 refresh-validity-zero ------------------------------------------------------------------

def test_cg303_is_a_note_in_api_payloads():
    for kind in ("create", "update", "describe"):
        text = api({"RefreshTokenValidity": 0}, kind)
        findings = lint_text(text, f"{kind}.json", select=["CG303"])
        assert ids_and_lines(findings) == [("CG303", *value_at(text, "RefreshTokenValidity"))]
        assert findings[0].level == "note"
        assert span_text(findings[0], text) == "0"
        assert "30 days" in findings[0].message


def test_cg303_is_an_error_in_cloudformation():
    for value in ("0", '"0"'):
        text = cfn(f"RefreshTokenValidity: {value}")
        findings = lint_text(text, select=["CG303"])
        assert ids_and_lines(findings) == [("CG303", 8, 29)]
        assert findings[0].level == "error"
        assert span_text(findings[0], text) == value


def test_cg303_silent_otherwise():
    assert lint_text(cfn("RefreshTokenValidity: 1"), select=["CG303"]) == []
    assert lint_text(cfn("ClientName: web"), select=["CG303"]) == []
    assert lint_text(cfn("RefreshTokenValidity: !Ref Days"), select=["CG303"]) == []
    assert lint_text(api({"RefreshTokenValidity": False}), "c.json", select=["CG303"]) == []


# --- CG304 token-revocation-disabled ----------------------------------------------------------------

def test_cg304_revocation_disabled_yaml_and_cfn_string_boolean():
    text = cfn("EnableTokenRevocation: false")
    assert ids_and_lines(lint_text(text, select=["CG304"])) == [("CG304", 8, 30)]
    text = cfn('EnableTokenRevocation: "false"')
    assert ids_and_lines(lint_text(text, select=["CG304"])) == [("CG304", 8, 30)]


def test_cg304_silent_when_on_omitted_or_unknown():
    assert lint_text(cfn("EnableTokenRevocation: true"), select=["CG304"]) == []
    assert lint_text(cfn("ClientName: web"), select=["CG304"]) == []
    assert lint_text(cfn("EnableTokenRevocation: !Ref Revoke"), select=["CG304"]) == []


# --- CG305 long-lived-access-token / CG309 long-lived-refresh-token -------------------------------

def test_cg305_access_and_id_tokens_above_an_hour():
    text = cfn("AccessTokenValidity: 2\nIdTokenValidity: 90\nTokenValidityUnits: {IdToken: minutes}")
    findings = lint_text(text, select=["CG305"])
    assert ids_and_lines(findings) == [("CG305", 8, 28), ("CG305", 9, 24)]
    assert [span_text(f, text) for f in findings] == ["2", "90"]
    assert findings[1].message.startswith("IdTokenValidity is 90 minutes, above the "
                                          "policy maximum of 60 minutes")


def test_cg305_option_reaches_omitted_defaults():
    text = cfn("IdTokenValidity: 30\nTokenValidityUnits: {IdToken: minutes}")
    findings = lint_text(text, select=["CG305"], options={"CG305": {"max-access-token-minutes": 30}})
    assert ids_and_lines(findings) == [("CG305", 4, 3)]
    assert span_text(findings[0], text) == "WebClient"
    assert findings[0].message.startswith("AccessTokenValidity is omitted, so it is 1 hour")
    assert "policy maximum of 30 minutes" in findings[0].message
    # An option given as a string (from a config file) works as well.
    assert len(lint_text(text, select=["CG305"], options={"CG305": {"max-access-token-minutes": "30"}})) == 1


def test_cg305_silent_at_the_limit_and_on_invalid_values():
    assert lint_text(cfn("AccessTokenValidity: 60\nTokenValidityUnits: {AccessToken: minutes}"),
                     select=["CG305"]) == []
    assert lint_text(cfn("ClientName: web"), select=["CG305"]) == []
    assert lint_text(cfn("AccessTokenValidity: 60"), select=["CG305"]) == []  # 60 hours: CG301's
    assert lint_text(cfn("AccessTokenValidity: !Ref V"), select=["CG305"]) == []
    text = api({"AccessTokenValidity": 90, "TokenValidityUnits": {"AccessToken": "minutes"}})
    assert lint_text(text, "c.json", select=["CG305"], options={"CG305": {"max-access-token-minutes": 120}}) == []


def test_cg309_refresh_above_thirty_days():
    text = api({"RefreshTokenValidity": 3650})
    findings = lint_text(text, "c.json", select=["CG309"])
    assert ids_and_lines(findings) == [("CG309", *value_at(text, "RefreshTokenValidity"))]
    assert findings[0].level == "note"
    assert "3650 days, above the policy maximum of 30 days" in findings[0].message


def test_cg309_option_and_omitted_default():
    text = cfn("ClientName: web")
    findings = lint_text(text, select=["CG309"], options={"CG309": {"max-refresh-token-days": 7}})
    assert ids_and_lines(findings) == [("CG309", 4, 3)]
    assert "RefreshTokenValidity is omitted, so it is 30 days" in findings[0].message
    text = cfn("RefreshTokenValidity: 200\nTokenValidityUnits: {RefreshToken: hours}")
    findings = lint_text(text, select=["CG309"], options={"CG309": {"max-refresh-token-days": 7}})
    assert ids_and_lines(findings) == [("CG309", 8, 29)]


def test_cg309_silent_at_limit_zero_unknown_and_out_of_range():
    assert lint_text(cfn("RefreshTokenValidity: 30"), select=["CG309"]) == []
    assert lint_text(cfn("ClientName: web"), select=["CG309"]) == []
    assert lint_text(api({"RefreshTokenValidity": 0}), "c.json", select=["CG309"],
                     options={"CG309": {"max-refresh-token-days": 7}}) == []
    assert lint_text(cfn("RefreshTokenValidity: !Ref R"), select=["CG309"]) == []
    assert lint_text(cfn("RefreshTokenValidity: 4000"), select=["CG309"]) == []  # CG301's


# --- CG306 rotation-with-refresh-token-auth -------------------------------------------------------

def test_cg306_points_at_the_refresh_flow():
    text = cfn("RefreshTokenRotation:\n  Feature: ENABLED\n"
               "ExplicitAuthFlows:\n  - ALLOW_USER_SRP_AUTH\n  - ALLOW_REFRESH_TOKEN_AUTH")
    findings = lint_text(text, select=["CG306"])
    assert ids_and_lines(findings) == [("CG306", 12, 11)]
    assert span_text(findings[0], text) == "ALLOW_REFRESH_TOKEN_AUTH"


def test_cg306_default_flows_point_at_the_feature():
    text = api({"RefreshTokenRotation": {"Feature": "ENABLED", "RetryGracePeriodSeconds": 0}})
    findings = lint_text(text, "c.json", select=["CG306"])
    assert ids_and_lines(findings) == [("CG306", *value_at(text, "Feature"))]
    assert span_text(findings[0], text) == '"ENABLED"'
    assert "ExplicitAuthFlows is omitted" in findings[0].message


def test_cg306_silent_without_rotation_or_refresh_flow():
    assert lint_text(cfn("RefreshTokenRotation: {Feature: DISABLED}"), select=["CG306"]) == []
    assert lint_text(cfn("RefreshTokenRotation: {Feature: ENABLED}\nExplicitAuthFlows: [ALLOW_USER_SRP_AUTH]"),
                     select=["CG306"]) == []
    assert lint_text(cfn("RefreshTokenRotation: {Feature: ENABLED}\nExplicitAuthFlows: !Ref Flows"),
                     select=["CG306"]) == []
    assert lint_text(cfn("RefreshTokenRotation: {Feature: !Ref F}"), select=["CG306"]) == []
    assert lint_text(cfn("ExplicitAuthFlows: [ALLOW_REFRESH_TOKEN_AUTH]"), select=["CG306"]) == []


# --- CG307 public-client-refresh-without-rotation -------------------------------------------------

def test_cg307_public_client_with_default_flows():
    text = cfn("ClientName: web")
    findings = lint_text(text, select=["CG307"])
    assert ids_and_lines(findings) == [("CG307", 4, 3)]
    assert span_text(findings[0], text) == "WebClient"
    assert "ALLOW_REFRESH_TOKEN_AUTH is enabled by default" in findings[0].message


def test_cg307_rotation_disabled_points_at_feature():
    text = cfn("GenerateSecret: false\nRefreshTokenRotation:\n  Feature: DISABLED")
    findings = lint_text(text, select=["CG307"])
    assert ids_and_lines(findings) == [("CG307", 10, 18)]
    assert span_text(findings[0], text) == "DISABLED"


def test_cg307_code_flow_without_refresh_auth_flow_api_json():
    text = api({"ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH"], "AllowedOAuthFlowsUserPoolClient": True,
                "AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["openid"],
                "CallbackURLs": ["https://app.example.com/cb"]})
    findings = lint_text(text, "c.json", select=["CG307"])
    assert [f.rule_id for f in findings] == ["CG307"]
    assert findings[0].span.line == 1  # the payload itself: RefreshTokenRotation is missing
    assert "OAuth authorization code flow" in findings[0].message


def test_cg307_silent_for_confidential_rotating_unknown_and_no_refresh():
    assert lint_text(cfn("GenerateSecret: true"), select=["CG307"]) == []
    assert lint_text(cfn("GenerateSecret: !Ref Secret"), select=["CG307"]) == []
    assert lint_text(cfn("RefreshTokenRotation: {Feature: ENABLED}"), select=["CG307"]) == []
    assert lint_text(cfn("RefreshTokenRotation: {Feature: !Ref F}"), select=["CG307"]) == []
    assert lint_text(cfn("ExplicitAuthFlows: [ALLOW_USER_SRP_AUTH]"), select=["CG307"]) == []
    assert lint_text(cfn("ExplicitAuthFlows: !Ref Flows"), select=["CG307"]) == []
    # implicit returns no refresh token; code flow needs OAuth switched on.
    assert lint_text(cfn("ExplicitAuthFlows: [ALLOW_USER_SRP_AUTH]\nAllowedOAuthFlowsUserPoolClient: true\n"
                         "AllowedOAuthFlows: [implicit]"), select=["CG307"]) == []
    assert lint_text(cfn("ExplicitAuthFlows: [ALLOW_USER_SRP_AUTH]\nAllowedOAuthFlows: [code]"),
                     select=["CG307"]) == []
    # Update payloads: the secret state is unknown.
    assert lint_text(api({}, "update"), "u.json", select=["CG307"]) == []


# --- CG308 long-rotation-grace-period -------------------------------------------------------------

def test_cg308_grace_period_with_rotation():
    text = cfn("RefreshTokenRotation:\n  Feature: ENABLED\n  RetryGracePeriodSeconds: 30")
    findings = lint_text(text, select=["CG308"])
    assert ids_and_lines(findings) == [("CG308", 10, 34)]
    assert span_text(findings[0], text) == "30"
    text = api({"RefreshTokenRotation": {"Feature": "ENABLED", "RetryGracePeriodSeconds": 60}})
    findings = lint_text(text, "c.json", select=["CG308"])
    assert ids_and_lines(findings) == [("CG308", *value_at(text, "RetryGracePeriodSeconds"))]


def test_cg308_silent_for_zero_disabled_rotation_and_unknowns():
    assert lint_text(cfn("RefreshTokenRotation: {Feature: ENABLED, RetryGracePeriodSeconds: 0}"),
                     select=["CG308"]) == []
    assert lint_text(cfn("RefreshTokenRotation: {Feature: DISABLED, RetryGracePeriodSeconds: 30}"),
                     select=["CG308"]) == []
    assert lint_text(cfn("RefreshTokenRotation: {Feature: ENABLED, RetryGracePeriodSeconds: !Ref G}"),
                     select=["CG308"]) == []
    assert lint_text(cfn("RefreshTokenRotation: !Ref Rotation"), select=["CG308"]) == []


# --- unit conversion and ranges against an independent oracle -------------------------------------

SECONDS = {"seconds": 1, "minutes": 60, "hours": 60 * 60, "days": 24 * 60 * 60}
ORACLE_DEFAULT_UNIT = {"AccessToken": "hours", "IdToken": "hours", "RefreshToken": "days"}
ORACLE_FIELD = {"AccessToken": "AccessTokenValidity", "IdToken": "IdTokenValidity",
                "RefreshToken": "RefreshTokenValidity"}
BOUNDARIES = [0, 1, 2, 4, 5, 6, 23, 24, 25, 59, 60, 61, 299, 300, 301, 1440, 1441, 3599, 3600, 3601,
              3650, 3651, 86400, 86401, 87600, 87601, 5256000, 5256001, 315360000, 315360001]


def oracle(settings_by_token: dict, kind: str) -> list:
    """Expected (rule, field) pairs for CG301 and CG302, from the rules.md text alone."""
    facts = {}
    for token, (value, unit) in settings_by_token.items():
        if value is None:
            seconds = 3600 if token != "RefreshToken" else 30 * 86400
            facts[token] = (seconds, True, False)
            continue
        if token == "RefreshToken":
            raw_ok = (1 if kind == "cloudformation" else 0) <= value <= 315360000
            low, high = 60 * 60, 10 * 365 * 86400
        else:
            raw_ok = 1 <= value <= 86400
            low, high = 5 * 60, 86400
        seconds = value * SECONDS[unit or ORACLE_DEFAULT_UNIT[token]]
        zero = token == "RefreshToken" and value == 0
        in_range = low <= seconds <= high
        facts[token] = (seconds, raw_ok and in_range and not zero, True)
        if raw_ok and not zero and not in_range:
            expected_field = ORACLE_FIELD[token]
            facts.setdefault("_cg301", []).append(("CG301", expected_field))
    expected = list(facts.pop("_cg301", []))
    refresh_seconds, refresh_valid, refresh_present = facts["RefreshToken"]
    for token in ("AccessToken", "IdToken"):
        seconds, valid, present = facts[token]
        if valid and refresh_valid and seconds > refresh_seconds:
            expected.append(("CG302", ORACLE_FIELD[token] if present else "RefreshTokenValidity"))
    return sorted(expected)


unit_or_none = st.one_of(st.none(), st.sampled_from(sorted(SECONDS)))


def near_a_limit(token: str):
    """A value one unit below, at, or above a range limit (5 minutes, 60 minutes, 1 day, 3650
    days, the raw API maximum) in the drawn unit (None: the token's default unit), so that every
    boundary is hit often."""
    def build(unit, limit, delta):
        size = SECONDS[unit or ORACLE_DEFAULT_UNIT[token]]
        return (limit // size + delta, unit)
    return st.builds(build, unit_or_none, st.sampled_from([300, 3600, 86400, 315360000]), st.integers(-1, 1))


def token_setting(token: str):
    anything = st.tuples(st.one_of(st.none(), st.sampled_from(BOUNDARIES), st.integers(-3, 400),
                                   st.integers(0, 320_000_000)), unit_or_none)
    return st.one_of(anything, near_a_limit(token))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(access=token_setting("AccessToken"), id_token=token_setting("IdToken"),
       refresh=token_setting("RefreshToken"),
       kind=st.sampled_from(["cloudformation", "api-create"]), units_block=st.booleans())
def test_cg301_cg302_agree_with_independent_oracle(access, id_token, refresh, kind, units_block):
    settings_by_token = {"AccessToken": access, "IdToken": id_token, "RefreshToken": refresh}
    fields, units = {}, {}
    for token, (value, unit) in settings_by_token.items():
        if value is not None:
            fields[ORACLE_FIELD[token]] = value
        if unit is not None:
            units[token] = unit
    if not units_block:  # no TokenValidityUnits at all: every unit is the default
        settings_by_token = {t: (v, None) for t, (v, _) in settings_by_token.items()}
    elif units:
        fields["TokenValidityUnits"] = units
    if kind == "cloudformation":
        text = cfn("\n".join(f"{k}: {json.dumps(v)}" for k, v in fields.items()))
        findings = lint_text(text, select=["CG301", "CG302"])
    else:
        findings = lint_text(api(fields), "client.json", select=["CG301", "CG302"])
    got = sorted((f.rule_id, f.doc_path[-1]) for f in findings)
    assert got == oracle(settings_by_token, kind)
    for finding in findings:
        if finding.rule_id == "CG301":
            assert "the allowed range is" in finding.message


@pytest.mark.parametrize("fields,expected", [
    ({"AccessTokenValidity": 60}, "AccessTokenValidity 60 with no TokenValidityUnits is 60 hours;"),
    ({"AccessTokenValidity": 1441, "TokenValidityUnits": {"AccessToken": "minutes"}},
     "AccessTokenValidity is 1441 minutes;"),
    ({"AccessTokenValidity": 240, "TokenValidityUnits": {"AccessToken": "seconds"}},
     "AccessTokenValidity 240 in seconds is 4 minutes;"),
    ({"AccessTokenValidity": 2, "TokenValidityUnits": {"AccessToken": "days"}}, "AccessTokenValidity is 2 days;"),
    ({"RefreshTokenValidity": 4000}, "RefreshTokenValidity 4000 with no TokenValidityUnits is 4000 days;"),
    ({"RefreshTokenValidity": 59, "TokenValidityUnits": {"RefreshToken": "minutes"}},
     "RefreshTokenValidity is 59 minutes;"),
])
def test_cg301_message_states_the_converted_value(fields, expected):
    findings = lint_text(api(fields), "c.json", select=["CG301"])
    assert len(findings) == 1
    assert findings[0].message.startswith(expected)


# --- each rule's documentation: its Example triggers it, its Fix does not -------------------------
# (covers the attribute rules CG503–CG508 as well, so that the check is written once)

DOC_RULES = ["CG301", "CG302", "CG303", "CG305", "CG306", "CG307", "CG308", "CG309",
             "CG503", "CG504", "CG506", "CG507", "CG508"]
FENCE = re.compile(r"```(yaml|json)\n(.*?)```", re.S)


@pytest.mark.parametrize("rule_id", DOC_RULES)
def test_doc_example_triggers_and_fix_does_not(rule_id):
    sections = rules_by_id([rule_id])[rule_id].doc_sections()
    for heading, expected in (("Example", [rule_id]), ("Fix", [])):
        lang, body = FENCE.search(sections[heading]).groups()
        text, name = (body, "doc.json") if lang == "json" else (cfn(body), "doc.yaml")
        assert sorted({f.rule_id for f in lint_text(text, name, select=[rule_id])}) == expected, heading


@pytest.mark.parametrize("flows", ["[ADMIN_NO_SRP_AUTH]", "[USER_PASSWORD_AUTH]", "[CUSTOM_AUTH_FLOW_ONLY]"])
def test_legacy_flow_names_keep_refresh_tokens(flows):
    """Issue 14: a public client with legacy names only can refresh (the names imply the refresh flow)."""
    findings = lint_text(cfn(f"ExplicitAuthFlows: {flows}"), select=["CG307"])
    assert [f.rule_id for f in findings] == ["CG307"]
    assert "enabled by the legacy flow names" in findings[0].message
    rotating = cfn(f"ExplicitAuthFlows: {flows}\nRefreshTokenRotation: {{Feature: ENABLED}}")
    assert [(f.rule_id, f.span.line) for f in lint_text(rotating, select=["CG306", "CG307"])] == [("CG306", 8)]
