"""CG001–CG009, the document and schema rules.

CG002–CG007: findings with positions, near misses, generated inputs, corpus. CG001 (a file that does
not parse) and CG009 (an unused suppression) are about whole files and comments, and are tested
with them: CG001 in tests/engine/test_robustness.py (and each reader's malformed inputs in
tests/parsers/ and tests/loaders/test_terraform.py), CG009 in tests/engine/test_workflow.py
(test_suppression_comments_metadata_and_unused)."""
from __future__ import annotations

import json
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.rule_helpers import schema as schema_check
from linter.model import constraints as sm
from linter.model import build_client
from support import CORPUS, REAL, ids_and_lines, lint_rules as lint, span_text

SCHEMA_RULES = ["CG002", "CG003", "CG004", "CG005", "CG006", "CG007"]
KINDS = ("api-create", "api-update", "api-describe", "cloudformation")
POOL = "us-east-1_AbCdEf123"

TEMPLATE = """\
Resources:
  WebClient:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref UserPool
{props}"""


def template(props: str = "") -> str:
    """A template whose client properties start on line 6 (column 7)."""
    lines = props.strip("\n").splitlines() if props.strip() else []
    return TEMPLATE.format(props="".join(f"      {line}\n" for line in lines))


def payload(**fields) -> str:
    """A CreateUserPoolClient input, one field per line from line 2 (keys at column 3)."""
    return json.dumps({"UserPoolId": POOL, "ClientName": "web", **fields}, indent=2) + "\n"


def only(findings, text):
    """(rule, line, column, span text) of every finding."""
    return [(f.rule_id, f.span.line, f.span.column, span_text(f, text)) for f in findings]


def raw_issues(kind: str, raw: dict):
    """The schema issues of a client built straight from ``raw`` (no file, no positions)."""
    return schema_check.issues(build_client(kind, "test", raw))


def base_raw(kind: str) -> dict:
    if kind == "api-update":
        return {"UserPoolId": POOL, "ClientId": "abc123"}
    if kind == "cloudformation":
        return {"UserPoolId": POOL}
    return {"UserPoolId": POOL, "ClientName": "web"}


# ============================================================================================ CG002

@pytest.mark.parametrize("text,filename,where,hint", [
    (template("CallbackUrls:\n  - https://app.example.com/cb"), "t.yaml", (6, 7, "CallbackUrls"), "CallbackURLs"),
    (payload(AllowedOauthFlows=["code"]), "c.json", (4, 3, '"AllowedOauthFlows"'), "AllowedOAuthFlows"),
    (template("TokenValidityUnits:\n  Access: hours\n  IdToken: hours"), "t.yaml", (7, 9, "Access"), "AccessToken"),
    (payload(AnalyticsConfiguration={"ApplicationID": "abc"}), "c.json", (5, 5, '"ApplicationID"'), "ApplicationId"),
    (template("Colour: blue"), "t.yaml", (6, 7, "Colour"), None),
], ids=["cfn-case", "api-case", "nested-cfn", "nested-api", "no-close-name"])
def test_cg002_points_at_the_name_and_suggests_the_closest(text, filename, where, hint):
    findings = lint(text, "CG002", filename)
    assert only(findings, text) == [("CG002", *where)]
    if hint:
        assert f"{hint}" in findings[0].message
    else:
        assert "did you mean" not in findings[0].message


def test_cg002_describe_read_only_fields_are_known():
    text = json.dumps({"UserPoolClient": {
        "UserPoolId": POOL, "ClientName": "web", "ClientId": "abc123",
        "ClientSecret": "a" * 40, "CreationDate": "2024-05-01T10:00:00.000000+00:00",
        "LastModifiedDate": 1714557600.5,
        "ClientSecretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:cognito-web-AbCdEf",
        "ClientType": "REGULAR", "AllowedOAuthFlows": ["code"]}}, indent=2)
    assert lint(text, SCHEMA_RULES, "describe.json") == []


def test_describe_fields_of_botocore_1_44_are_checked():
    """ClientType is REGULAR or DCR; ClientSecretArn is a Secrets Manager ARN (botocore's own
    pattern wants 'secret/', which real ARNs do not have: scripts/gen_service_model.py overrides it)."""
    text = json.dumps({"UserPoolClient": {"UserPoolId": POOL, "ClientName": "web", "ClientType": "CONFIDENTIAL",
                                          "ClientSecretArn": "arn:aws:s3:::bucket/key"}}, indent=2)
    assert sorted(f.rule_id for f in lint(text, SCHEMA_RULES, "describe.json")) == ["CG004", "CG005"]


def test_cg002_name_from_another_input_kind_says_where_it_belongs():
    text = json.dumps({"UserPoolClient": {"UserPoolId": POOL, "GenerateSecret": True}}, indent=2)
    findings = lint(text, "CG002", "describe.json")
    assert only(findings, text) == [("CG002", 4, 5, '"GenerateSecret"')]
    assert "CreateUserPoolClient" in findings[0].message
    text = payload(CreationDate="2024-05-01T10:00:00Z")
    findings = lint(text, "CG002", "client.json")
    assert ids_and_lines(findings) == [("CG002", 4, 3)]
    assert "DescribeUserPoolClient" in findings[0].message


def test_cg002_silent_for_valid_names_and_for_not_allowed_ones():
    text = template("ClientName: web\nClientSecret: abcdefghijklmnopqrstuvwxyz\nName: web\n"
                    "TokenValidityUnits: {AccessToken: minutes}\nRefreshTokenRotation: {Feature: DISABLED}")
    assert lint(text, "CG002") == []
    # In API payloads PublishSecretsInAWSSecretsManager is a request field (spec CG605/CG007).
    assert lint(payload(GenerateSecret=True, PublishSecretsInAWSSecretsManager=True), "CG002", "c.json") == []


@settings(max_examples=60, deadline=None)
@given(kind=st.sampled_from(KINDS),
       name=st.text(string.ascii_letters, min_size=1, max_size=20))
def test_cg002_generated_names(kind, name):
    table = sm.kind_table(kind)
    known = set(table["properties"]) | set(table["not_allowed"])
    raw = {**base_raw(kind), name: "x"}
    cg002 = [i for i in raw_issues(kind, raw) if i.rule == "CG002"]
    if name in known:
        assert cg002 == []
    else:
        assert [(i.path, i.key) for i in cg002] == [((name,), True)]
        guess = sm.closest(name, table["properties"])
        if guess:
            assert guess in cg002[0].message


# ============================================================================================ CG003

def test_cg003_string_booleans_and_numbers_in_api_payload():
    text = payload(GenerateSecret="true", AccessTokenValidity="60")
    findings = lint(text, "CG003", "client.json")
    assert only(findings, text) == [("CG003", 4, 21, '"true"'), ("CG003", 5, 26, '"60"')]
    assert "without quotes" in findings[0].message and "without quotes" in findings[1].message


def test_cg003_cloudformation_accepts_string_scalars():
    text = template('GenerateSecret: "true"\nEnableTokenRevocation: "False"\nAccessTokenValidity: "60"\n'
                    "IdTokenValidity: 60.0\nClientName: 12345\nAnalyticsConfiguration:\n  ApplicationId: 12345\n"
                    "  UserDataShared: 'true'\nCallbackURLs: [https://a.example.com]")
    assert lint(text, SCHEMA_RULES) == []


def test_cg003_string_where_a_list_is_expected_in_both_kinds():
    text = template("CallbackURLs: https://app.example.com/cb")
    findings = lint(text, "CG003")
    assert only(findings, text) == [("CG003", 6, 21, "https://app.example.com/cb")]
    assert "list" in findings[0].message
    text = payload(CallbackURLs="https://app.example.com/cb")
    assert ids_and_lines(lint(text, "CG003", "client.json")) == [("CG003", 4, 19)]


def test_cg003_null_points_at_the_key():
    text = template("ClientName:\nCallbackURLs:\n  -\n  - https://a.example.com")
    findings = lint(text, "CG003")
    assert only(findings, text)[0] == ("CG003", 6, 7, "ClientName")
    assert ids_and_lines(findings)[1][:2] == ("CG003", 8)
    assert "'null' values are not allowed" in findings[0].message
    text = payload(GenerateSecret=None)
    findings = lint(text, "CG003", "client.json")
    assert only(findings, text) == [("CG003", 4, 3, '"GenerateSecret"')]
    assert "botocore" in findings[0].message


def test_cg003_wrong_types_inside_lists_and_structures():
    text = payload(CallbackURLs=["https://a.example.com", 7], TokenValidityUnits="hours",
                   RefreshTokenRotation={"Feature": "ENABLED", "RetryGracePeriodSeconds": 1.5})
    findings = lint(text, "CG003", "client.json")
    assert only(findings, text) == [("CG003", 6, 5, "7"), ("CG003", 8, 25, '"hours"'), ("CG003", 11, 32, "1.5")]


def test_cg003_describe_timestamps_take_strings_and_numbers():
    ok = {"UserPoolId": POOL, "CreationDate": "2024-05-01T10:00:00Z", "LastModifiedDate": 1714557600}
    assert [i for i in raw_issues("api-describe", ok) if i.rule == "CG003"] == []
    bad = {"UserPoolId": POOL, "CreationDate": ["2024"], "LastModifiedDate": True}
    assert [i.path for i in raw_issues("api-describe", bad) if i.rule == "CG003"] == [
        ("CreationDate",), ("LastModifiedDate",)]


def test_cg003_wrong_type_is_reported_once():
    text = payload(AuthSessionValidity="60", AllowedOAuthFlows="authorization_code", ClientSecret=12)
    findings = lint(text, SCHEMA_RULES, "client.json")
    assert [f.rule_id for f in findings] == ["CG003", "CG003", "CG003"]
    assert "12" not in findings[2].message  # a secret's value is never shown, whatever its type


def test_cg003_silent_on_unknown_values():
    text = template("GenerateSecret: !Ref MakeSecret\nCallbackURLs: !Ref Urls\nAccessTokenValidity: !GetAtt X.Y\n"
                    "TokenValidityUnits: !If [IsProd, {AccessToken: hours}, !Ref AWS::NoValue]")
    assert lint(text, SCHEMA_RULES) == []


_JSON_SCALARS = st.one_of(st.booleans(), st.integers(-1000, 1000), st.floats(allow_nan=False, allow_infinity=False),
                          st.text(string.printable, max_size=8))
_JSON_VALUES = st.one_of(_JSON_SCALARS, st.lists(st.integers(), max_size=3), st.dictionaries(
    st.text(string.ascii_letters, min_size=1, max_size=4), st.integers(), max_size=2))


def _cfn_accepts(expected: str, value) -> bool:
    """CloudFormation's conversions, written out independently of the implementation."""
    if expected == "boolean":
        return isinstance(value, bool) or (isinstance(value, str) and value.lower() in ("true", "false"))
    if expected == "integer":
        if isinstance(value, bool):
            return False
        if isinstance(value, int):
            return True
        if isinstance(value, float):
            return value == int(value)
        return isinstance(value, str) and value.strip().lstrip("-").isdigit() and value.strip().count("-") <= 1 \
            and not value.strip().endswith("-") and value.strip().isascii()
    if expected == "string":
        return not isinstance(value, (list, dict))
    return {"list": list, "structure": dict}[expected] is type(value)


def _api_accepts(expected: str, value) -> bool:
    if expected == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, {"boolean": bool, "string": str, "list": list, "structure": dict}[expected])


_TYPED_FIELDS = {"GenerateSecret": "boolean", "EnableTokenRevocation": "boolean", "AuthSessionValidity": "integer",
                 "IdTokenValidity": "integer", "DefaultRedirectURI": "string", "LogoutURLs": "list",
                 "AnalyticsConfiguration": "structure"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(["api-create", "cloudformation"]), field=st.sampled_from(sorted(_TYPED_FIELDS)),
       value=_JSON_VALUES)
def test_cg003_generated_type_mismatches(kind, field, value):
    expected = _TYPED_FIELDS[field]
    if isinstance(value, str) and schema_check.is_placeholder(value, kind):
        return
    accepts = _cfn_accepts if kind == "cloudformation" else _api_accepts
    issues = raw_issues(kind, {**base_raw(kind), field: value})
    cg003 = [i for i in issues if i.rule == "CG003" and i.path == (field,)]
    assert bool(cg003) == (not accepts(expected, value)), (kind, field, value, issues)
    if cg003:  # one problem, one finding: nothing else about this value
        assert [i for i in issues if i.path[:1] == (field,)] == cg003


# ============================================================================================ CG004

def test_cg004_client_name_too_long_shows_limit_value_and_truncates():
    name = "a" * 129
    text = template(f"ClientName: {name}")
    findings = lint(text, "CG004")
    assert only(findings, text) == [("CG004", 6, 19, name)]
    message = findings[0].message
    assert "129 characters" in message and "1–128" in message and name not in message and "…" in message


@settings(max_examples=60, deadline=None)
@given(kind=st.sampled_from(KINDS), length=st.integers(1, 200))
def test_cg004_generated_client_name_lengths(kind, length):
    raw = {**base_raw(kind), "ClientName": ("web client-" * 20)[:length].strip() or "w"}
    cg004 = [i for i in raw_issues(kind, raw) if i.rule == "CG004"]
    assert bool(cg004) == (len(raw["ClientName"]) > 128)


def test_cg004_client_name_pattern_is_ascii_only():
    text = template("ClientName: テスト用")
    findings = lint(text, "CG004")
    assert only(findings, text) == [("CG004", 6, 19, "テスト用")]
    assert "pattern" in findings[0].message
    assert lint(template("ClientName: web client+=,.@-_1"), "CG004") == []


def test_cg004_empty_strings_and_bad_ids():
    text = payload(ClientName="", DefaultRedirectURI="", UserPoolId="us-east-1AbC")
    findings = lint(text, "CG004", "client.json")
    assert only(findings, text) == [("CG004", 2, 17, '"us-east-1AbC"'), ("CG004", 3, 17, '""'),
                                    ("CG004", 4, 25, '""')]
    assert "us-east-1_AbCdEf123" in findings[0].message and "empty" in findings[1].message


def test_cg004_url_with_a_space():
    text = payload(CallbackURLs=["https://a.example.com/cb", "https://a.example.com/my cb"])
    findings = lint(text, "CG004", "client.json")
    assert only(findings, text) == [("CG004", 6, 5, '"https://a.example.com/my cb"')]
    assert "percent-encode" in findings[0].message


@pytest.mark.parametrize("kind", ["api-create", "cloudformation"])
@pytest.mark.parametrize("field,limit", [("CallbackURLs", 100), ("LogoutURLs", 100), ("AllowedOAuthScopes", 50)])
def test_cg004_list_sizes(kind, field, limit):
    item = "https://a.example.com/cb" if "URL" in field else "api/read"
    over = [i for i in raw_issues(kind, {**base_raw(kind), field: [item] * (limit + 1)}) if i.rule == "CG004"]
    assert [(i.path, i.key) for i in over] == [((field,), False)]
    assert f"{limit + 1} entries" in over[0].message and f"at most {limit}" in over[0].message
    assert [i for i in raw_issues(kind, {**base_raw(kind), field: [item] * limit}) if i.rule == "CG004"] == []


def test_cg004_list_size_position():
    text = payload(AllowedOAuthScopes=[f"api/s{n}" for n in range(51)])
    assert ids_and_lines(lint(text, "CG004", "client.json")) == [("CG004", 4, 25)]


@settings(max_examples=80, deadline=None)
@given(kind=st.sampled_from(KINDS), auth=st.integers(-5, 30), grace=st.integers(-5, 90))
def test_cg004_generated_numeric_ranges(kind, auth, grace):
    raw = {**base_raw(kind), "AuthSessionValidity": auth,
           "RefreshTokenRotation": {"Feature": "DISABLED", "RetryGracePeriodSeconds": grace}}
    paths = [i.path for i in raw_issues(kind, raw) if i.rule == "CG004"]
    expected = []
    if not 3 <= auth <= 15:
        expected.append(("AuthSessionValidity",))
    if not 0 <= grace <= 60:
        expected.append(("RefreshTokenRotation", "RetryGracePeriodSeconds"))
    assert paths == expected


def test_cg004_nested_range_position_and_message():
    text = template("RefreshTokenRotation:\n  Feature: ENABLED\n  RetryGracePeriodSeconds: 61")
    findings = lint(text, "CG004")
    assert only(findings, text) == [("CG004", 8, 34, "61")]
    assert "61" in findings[0].message and "0–60" in findings[0].message


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("field,value,bad", [
    ("AccessTokenValidity", 86401, True), ("AccessTokenValidity", 86400, False),
    ("IdTokenValidity", 0, True), ("IdTokenValidity", 1, False),
    ("RefreshTokenValidity", 0, False), ("RefreshTokenValidity", -1, True),
    ("RefreshTokenValidity", 315360000, False), ("RefreshTokenValidity", 315360001, True),
])
def test_cg004_raw_token_validity_ranges(kind, field, value, bad):
    cg004 = [i for i in raw_issues(kind, {**base_raw(kind), field: value}) if i.rule == "CG004"]
    assert bool(cg004) == bad
    if bad:
        assert str(value) in cg004[0].message


def test_cg004_refresh_zero_is_left_to_cg303_even_as_a_cfn_string():
    assert lint(template('RefreshTokenValidity: "0"'), SCHEMA_RULES) == []
    assert lint(payload(RefreshTokenValidity=0), SCHEMA_RULES, "c.json") == []


def test_cg004_access_validity_message_mentions_units():
    text = template("AccessTokenValidity: 100000")
    findings = lint(text, "CG004")
    assert only(findings, text) == [("CG004", 6, 28, "100000")]
    assert "1–86400" in findings[0].message and "TokenValidityUnits.AccessToken" in findings[0].message


@settings(max_examples=60, deadline=None)
@given(secret=st.text(string.ascii_letters + string.digits + "_+-/=!", min_size=1, max_size=80).map(lambda s: "Zq9" + s))
def test_cg004_never_prints_a_client_secret(secret):
    for kind in ("api-create", "api-describe"):
        for issue in raw_issues(kind, {**base_raw(kind), "ClientSecret": secret}):
            assert secret not in issue.message and secret[:5] not in issue.message


def test_cg004_bad_secret_position_without_value():
    secret = "Zq9-short-secret"
    text = payload(GenerateSecret=False, ClientSecret=secret)
    findings = lint(text, "CG004", "client.json")
    assert only(findings, text) == [("CG004", 5, 19, f'"{secret}"')]
    assert "Zq9" not in findings[0].message and "16 characters" in findings[0].message


def test_cg004_placeholders_and_variables_are_not_checked():
    assert lint(json.dumps({"UserPoolId": "?", "ClientName": "?"}), SCHEMA_RULES, "c.json") == []
    assert lint(json.dumps({"UserPoolId": "<pool-id>", "ClientName": "${CLIENT_NAME}"}), SCHEMA_RULES, "c.json") == []
    text = template("ClientName: ${self:custom.stage}-user-pool-client\n"
                    "DefaultRedirectURI: '{{resolve:ssm:/app/redirect}}'\nCallbackURLs: ['<callback-url>']")
    assert lint(text, SCHEMA_RULES) == []


def test_cg004_cfn_variable_without_sub_is_literal_text():
    text = template("ClientName: ${AWS::StackName}-web")
    findings = lint(text, SCHEMA_RULES)
    assert only(findings, text) == [("CG004", 6, 19, "${AWS::StackName}-web")]
    assert "!Sub" in findings[0].message
    assert lint(template("ClientName: !Sub ${AWS::StackName}-web"), SCHEMA_RULES) == []


@pytest.mark.shared("corpus/peer-cdk-preflight")
def test_cg004_peer_cdk_preflight_oracles():
    peer = CORPUS / "peer-cdk-preflight"
    if not peer.is_dir():
        pytest.skip("../shared/corpus is absent")
    for folder, expected in (("pf-cognito-callback-urls-max", "CallbackURLs"), ("pf-cognito-client-name", "ClientName")):
        fail = (peer / folder / "fail.template.json").read_text(encoding="utf-8")
        findings = lint(fail, SCHEMA_RULES, "fail.template.json")
        assert [f.rule_id for f in findings] == ["CG004"] and expected in findings[0].message
        if (peer / folder / "pass.template.json").is_file():
            ok = (peer / folder / "pass.template.json").read_text(encoding="utf-8")
            assert lint(ok, SCHEMA_RULES, "pass.template.json") == []


# ============================================================================================ CG005

def test_cg005_authorization_code_suggests_code():
    text = template("AllowedOAuthFlows:\n  - authorization_code")
    findings = lint(text, "CG005")
    assert only(findings, text) == [("CG005", 7, 11, "authorization_code")]
    assert "did you mean code?" in findings[0].message
    text = payload(AllowedOAuthFlows=["code", "authorization_code"])
    findings = lint(text, "CG005", "client.json")
    assert only(findings, text) == [("CG005", 6, 5, '"authorization_code"')]


def test_cg005_units_feature_and_user_existence():
    text = template("TokenValidityUnits:\n  AccessToken: Minutes\nPreventUserExistenceErrors: ENABLE\n"
                    "RefreshTokenRotation: {Feature: enabled}")
    findings = lint(text, "CG005")
    assert only(findings, text) == [("CG005", 7, 22, "Minutes"), ("CG005", 8, 35, "ENABLE"),
                                    ("CG005", 9, 39, "enabled")]
    assert ["minutes" in findings[0].message, "ENABLED" in findings[1].message,
            "ENABLED" in findings[2].message] == [True, True, True]


def test_cg005_token_exchange_flows():
    # Documented by the service, not in botocore yet: valid in API payloads.
    ok = payload(ExplicitAuthFlows=["ALLOW_TOKEN_EXCHANGE_IMPERSONATION", "ALLOW_TOKEN_EXCHANGE_DELEGATION"])
    assert lint(ok, SCHEMA_RULES, "c.json") == []
    text = payload(ExplicitAuthFlows=["ALLOW_TOKEN_EXCHANGE_DELEGATE"])
    findings = lint(text, "CG005", "client.json")
    assert ids_and_lines(findings) == [("CG005", 5, 5)]
    assert "ALLOW_TOKEN_EXCHANGE_DELEGATION" in findings[0].message
    # In CloudFormation any ALLOW_TOKEN_EXCHANGE_* flow is CG007's.
    assert [f.rule_id for f in lint(template("ExplicitAuthFlows: [ALLOW_TOKEN_EXCHANGE_DELEGATE]"),
                                     SCHEMA_RULES)] == ["CG007"]


@settings(max_examples=80, deadline=None)
@given(kind=st.sampled_from(KINDS), path=st.sampled_from([
    ("AllowedOAuthFlows", 0), ("ExplicitAuthFlows", 0), ("TokenValidityUnits", "IdToken"),
    ("PreventUserExistenceErrors",), ("RefreshTokenRotation", "Feature")]),
    value=st.one_of(st.text(string.ascii_letters + "_", min_size=1, max_size=25),
                    st.sampled_from(["code", "implicit", "ALLOW_USER_SRP_AUTH", "hours", "LEGACY", "ENABLED"])))
def test_cg005_generated_enum_values(kind, path, value):
    shape = sm.shape_for(kind, path)
    node = value
    for step in reversed(path[1:]):
        node = [node] if isinstance(step, int) else {step: node}
    if path[0] == "RefreshTokenRotation":
        node = {"Feature": value}
    issues = raw_issues(kind, {**base_raw(kind), path[0]: node})
    cg005 = [i for i in issues if i.rule == "CG005"]
    allowed = set(shape["enum"])
    covered_by_cg007 = kind == "cloudformation" and path[0] == "ExplicitAuthFlows" and \
        value.startswith("ALLOW_TOKEN_EXCHANGE")
    assert bool(cg005) == (value not in allowed and not covered_by_cg007)
    if cg005:
        assert cg005[0].path == path and sm.closest(value, allowed) in (None, *allowed)


# ============================================================================================ CG006

def test_cg006_missing_user_pool_id_points_at_the_client():
    text = "Resources:\n  WebClient:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      ClientName: web\n"
    findings = lint(text, "CG006")
    assert only(findings, text) == [("CG006", 2, 3, "WebClient")]
    assert "UserPoolId" in findings[0].message
    text = '{\n  "ClientName": "web"\n}\n'
    assert ids_and_lines(lint(text, "CG006", "client.json")) == [("CG006", 1, 1)]


def test_cg006_missing_client_name_in_create_and_client_id_in_update():
    text = json.dumps({"UserPoolId": POOL, "GenerateSecret": True}, indent=2)
    findings = lint(text, "CG006", "client.json")
    assert ids_and_lines(findings) == [("CG006", 1, 1)] and "ClientName" in findings[0].message
    # An Update payload is recognised by its ClientId, so a missing one is seen only on the model.
    issues = raw_issues("api-update", {"UserPoolId": POOL})
    assert [(i.rule, i.path) for i in issues] == [("CG006", ("ClientId",))]
    assert lint(template(), "CG006") == []
    assert lint(json.dumps({"UserPoolId": POOL, "ClientId": "abc"}), "CG006", "u.json") == []


def test_cg006_rotation_feature_required_in_api_only():
    text = payload(RefreshTokenRotation={"RetryGracePeriodSeconds": 10})
    findings = lint(text, "CG006", "client.json")
    assert only(findings, text) == [("CG006", 4, 3, '"RefreshTokenRotation"')]
    assert "Feature" in findings[0].message
    assert lint(template("RefreshTokenRotation:\n  RetryGracePeriodSeconds: 10"), "CG006") == []
    update = json.dumps({"UserPoolId": POOL, "ClientId": "abc", "RefreshTokenRotation": {}})
    assert [f.rule_id for f in lint(update, "CG006", "u.json")] == ["CG006"]


def test_cg006_null_is_cg003_not_cg006():
    text = json.dumps({"UserPoolId": None, "ClientName": "web"})
    assert [f.rule_id for f in lint(text, SCHEMA_RULES, "c.json")] == ["CG003"]


def test_cg006_names_the_condition_that_drops_the_pool():
    text = ("Conditions:\n  HasPool: !Equals [!Ref Pool, '']\nResources:\n  WebClient:\n"
            "    Type: AWS::Cognito::UserPoolClient\n    Properties:\n"
            "      UserPoolId: !If [HasPool, !Ref Pool, !Ref AWS::NoValue]\n")
    findings = lint(text, "CG006")
    assert ids_and_lines(findings) == [("CG006", 4, 3)]
    assert findings[0].message.endswith("(when HasPool is false)")


# ============================================================================================ CG007

def test_cg007_read_only_and_unsupported_properties_in_cloudformation():
    secret = "Zq9abcdefghijklmnopqrstuvwxyz"
    text = template(f"ClientSecret: {secret}\nClientId: !Ref Name\nName: web\nPublishSecretsInAWSSecretsManager: true")
    findings = lint(text, "CG007")
    assert only(findings, text) == [("CG007", 6, 7, "ClientSecret"), ("CG007", 7, 7, "ClientId"),
                                    ("CG007", 8, 7, "Name"), ("CG007", 9, 7, "PublishSecretsInAWSSecretsManager")]
    assert all("Zq9" not in f.message for f in findings)
    assert "GetAtt" in findings[0].message


def test_cg007_secret_fields_in_an_update_payload():
    text = json.dumps({"UserPoolId": POOL, "ClientId": "abc", "GenerateSecret": True, "ClientSecret": "x" * 30},
                      indent=2)
    findings = lint(text, "CG007", "update.json")
    assert only(findings, text) == [("CG007", 4, 3, '"GenerateSecret"'), ("CG007", 5, 3, '"ClientSecret"')]
    assert "UpdateUserPoolClient" in findings[0].message


def test_cg007_token_exchange_flow_in_cloudformation_points_at_the_item():
    text = template("ExplicitAuthFlows:\n  - ALLOW_USER_SRP_AUTH\n  - ALLOW_TOKEN_EXCHANGE_IMPERSONATION")
    findings = lint(text, ["CG005", "CG007"])
    assert only(findings, text) == [("CG007", 8, 11, "ALLOW_TOKEN_EXCHANGE_IMPERSONATION")]


def test_cg007_silent_where_the_property_is_allowed():
    assert lint(payload(GenerateSecret=True), "CG007", "c.json") == []
    assert lint(payload(ClientSecret="a" * 30), "CG007", "c.json") == []
    assert lint(template("GenerateSecret: true\nExplicitAuthFlows: [ALLOW_USER_SRP_AUTH]"), "CG007") == []


# =========================================================================================== corpus

needs_corpus = pytest.mark.shared("corpus/real")


@needs_corpus
def test_corpus_cli_input_with_question_mark_placeholders():
    # hharzer/cognito-rest-api: "change ? for your own values" (its readme): nothing to report.
    path = REAL / "hharzer__cognito-rest-api__deploy__cognito-userpool-client.json"
    assert lint(path.read_text(encoding="utf-8"), SCHEMA_RULES, "client.json") == []


@needs_corpus
def test_corpus_serverless_variable_in_client_name():
    path = REAL / "AnomalyInnovations__serverless-stack-demo-api__resources__cognito-user-pool.yml"
    assert lint(path.read_text(encoding="utf-8"), SCHEMA_RULES, "resources.yml") == []


@needs_corpus
def test_corpus_client_id_set_in_a_template():
    path = REAL / "aws-samples__serverless-patterns__eventbridge-api-destinations__12-oauth-api-cmk-encryption__prerequisite.yaml"
    text = path.read_text(encoding="utf-8")
    findings = lint(text, SCHEMA_RULES, "prerequisite.yaml")
    assert only(findings, text) == [("CG007", 79, 7, "ClientId")]


def test_cdk_assemblies_are_schema_clean():
    from linter.engine.lint import LintConfig
    from linter.engine.run import lint_paths
    from support import ROOT, rules_by_id

    results = list(lint_paths([str(ROOT / "tests" / "fixtures" / "cdk")], LintConfig(rules=rules_by_id(SCHEMA_RULES))))
    assert sum(r.clients for r in results) >= 5
    assert [f for r in results for f in r.findings] == []
