"""The constraint table (linter/model/constraints.json), its generator and its accessors."""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import string
import subprocess
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.model import constraints as sm
from support import ROOT, SHARED

GENERATOR = str(ROOT / "scripts" / "gen_service_model.py")
TABLE = str(ROOT / "linter" / "model" / "constraints.json")
CFN_SCHEMA = str(SHARED / "schemas" / "aws-cognito-userpoolclient.cfn-schema.json")

needs_schema = pytest.mark.shared("schemas/aws-cognito-userpoolclient.cfn-schema.json")


def _generator():
    spec = importlib.util.spec_from_file_location("gen_service_model", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _all_shapes(shape):
    yield shape
    if "member" in shape:
        yield from _all_shapes(shape["member"])
    for sub in shape.get("members", {}).values():
        yield from _all_shapes(sub)


def _botocore_python() -> str | None:
    """An interpreter that can import botocore: this one, $COGNITO_LINT_BOTOCORE_PYTHON, or python3."""
    candidates = [sys.executable, os.environ.get("COGNITO_LINT_BOTOCORE_PYTHON"), shutil.which("python3")]
    for exe in candidates:
        if not exe:
            continue
        ok = subprocess.run([exe, "-c", "import botocore.session"], capture_output=True).returncode == 0
        if ok:
            return exe
    return None


# ------------------------------------------------------------------------------------ freshness

@needs_schema
def test_committed_table_equals_fresh_generation(tmp_path):
    exe = _botocore_python()
    if exe is None:
        pytest.skip("botocore is not installed (neither in this interpreter, $COGNITO_LINT_BOTOCORE_PYTHON "
                    "nor python3 on PATH): cannot regenerate the table from botocore's cognito-idp model")
    out = tmp_path / "service_model.json"
    run = subprocess.run([exe, GENERATOR, "--cfn-schema", CFN_SCHEMA, "--output", str(out)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    with open(TABLE, encoding="utf-8") as f:
        committed_text = f.read()
    fresh_text = out.read_text(encoding="utf-8")
    committed, fresh = json.loads(committed_text), json.loads(fresh_text)
    if committed["source"]["botocore"] == fresh["source"]["botocore"]:
        assert committed_text == fresh_text, "linter/model/constraints.json is stale: run scripts/gen_service_model.py"
    else:
        # Another botocore release: only a change in the tables themselves matters.
        committed["source"]["botocore"] = fresh["source"]["botocore"]
        assert committed == fresh, (
            f"botocore {fresh['source']['botocore']} changes the table: run scripts/gen_service_model.py"
        )


@needs_schema
def test_cloudformation_table_is_fresh_without_botocore():
    gen = _generator()
    with open(CFN_SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    assert gen.cfn_table(schema) == sm.kind_table("cloudformation")
    assert sm.load()["source"]["cfn_schema"] == schema["_source"]


def test_file_is_rendered_deterministically():
    gen = _generator()
    with open(TABLE, encoding="utf-8") as f:
        text = f.read()
    assert gen.render(json.loads(text)) == text


# --------------------------------------------------------------------------------------- layout

def test_layout():
    doc = sm.load()
    assert set(doc) == {"source", "kinds", "cfn_unsupported_enum_values"}
    assert set(doc["kinds"]) == set(sm.TABLES)
    for kind in sm.TABLES:
        table = sm.kind_table(kind)
        assert not set(table["properties"]) & set(table["not_allowed"]), kind
        assert set(table["required"]) <= set(table["properties"]), kind
        for shape in _all_shapes(sm.shape_for(kind, ())):
            assert shape["type"] in {"string", "integer", "boolean", "list", "structure", "timestamp"}
            if shape["type"] == "structure":
                assert set(shape["required"]) <= set(shape["members"])


def test_every_pattern_translates():
    # A pattern a new botocore or schema brings that compile_pattern cannot handle fails here.
    patterns = {s["pattern"] for k in sm.TABLES for s in _all_shapes(sm.shape_for(k, ())) if "pattern" in s}
    assert len(patterns) >= 6
    for pattern in patterns:
        sm.compile_pattern(pattern)


def test_unknown_kind():
    with pytest.raises(KeyError, match="terraform"):
        sm.kind_table("terraform")


# ---------------------------------------------------------------------------------- spot checks

def _bounds(kind, *path):
    shape = sm.shape_for(kind, path)
    return shape.get("min"), shape.get("max")


@pytest.mark.parametrize("kind", sm.TABLES)
def test_limits_shared_by_every_kind(kind):
    assert _bounds(kind, "ClientName")[1] == 128
    assert _bounds(kind, "CallbackURLs")[1] == 100
    assert _bounds(kind, "LogoutURLs")[1] == 100
    assert _bounds(kind, "AllowedOAuthScopes")[1] == 50
    assert _bounds(kind, "AuthSessionValidity") == (3, 15)
    assert _bounds(kind, "RefreshTokenRotation", "RetryGracePeriodSeconds") == (0, 60)
    assert _bounds(kind, "AccessTokenValidity") == (1, 86400)
    assert _bounds(kind, "IdTokenValidity") == (1, 86400)
    assert set(sm.shape_for(kind, ("AllowedOAuthFlows", 0))["enum"]) == {"code", "implicit", "client_credentials"}
    assert set(sm.shape_for(kind, ("TokenValidityUnits", "RefreshToken"))["enum"]) == {
        "seconds", "minutes", "hours", "days"}
    assert set(sm.shape_for(kind, ("RefreshTokenRotation", "Feature"))["enum"]) == {"ENABLED", "DISABLED"}
    assert sm.shape_for(kind, ("GenerateSecret",)) is None or sm.shape_for(kind, ("GenerateSecret",)) == {
        "type": "boolean"}


def test_refresh_token_validity_minimum():
    for kind in ("api-create", "api-update", "api-describe"):
        assert _bounds(kind, "RefreshTokenValidity") == (0, 315360000)
    assert _bounds("cloudformation", "RefreshTokenValidity") == (1, 315360000)


def test_required():
    assert sm.kind_table("api-create")["required"] == ["UserPoolId", "ClientName"]
    assert sm.kind_table("api-update")["required"] == ["UserPoolId", "ClientId"]
    assert sm.kind_table("cloudformation")["required"] == ["UserPoolId"]
    assert sm.kind_table("api-describe")["required"] == ["UserPoolId"]
    for kind in ("api-create", "api-update"):
        assert sm.shape_for(kind, ("RefreshTokenRotation",))["required"] == ["Feature"]


def test_not_allowed():
    cfn = sm.kind_table("cloudformation")
    assert {"ClientSecret", "PublishSecretsInAWSSecretsManager", "Name", "ClientId"} <= set(cfn["not_allowed"])
    assert cfn["not_allowed"]["ClientSecret"].startswith("read-only in CloudFormation")
    assert set(sm.kind_table("api-update")["not_allowed"]) == {"GenerateSecret", "ClientSecret"}
    assert sm.kind_table("api-create")["not_allowed"] == {}
    assert sm.kind_table("api-describe")["not_allowed"] == {}
    assert sm.shape_for("api-create", ("ClientSecret",))["min"] == 24
    assert sm.shape_for("cloudformation", ("ClientSecret",)) is None
    assert sorted(cfn["create_only"]) == ["GenerateSecret", "UserPoolId"]


def test_describe_knows_read_only_fields():
    props = sm.kind_table("api-describe")["properties"]
    for name in ("ClientId", "ClientSecret", "CreationDate", "LastModifiedDate", "ClientSecretArn", "ClientType"):
        assert name in props, name
    assert props["CreationDate"]["type"] == "timestamp"
    # Names botocore does not model are listed as supplemental (today: both).
    assert set(sm.kind_table("api-describe")["supplemental"]) <= {"ClientSecretArn", "ClientType"}


def test_token_exchange_flows_not_in_cloudformation():
    cfn_flows = sm.shape_for("cloudformation", ("ExplicitAuthFlows", 0))["enum"]
    assert not [f for f in cfn_flows if f.startswith("ALLOW_TOKEN_EXCHANGE")]
    api_flows = sm.shape_for("api-create", ("ExplicitAuthFlows", 0))["enum"]
    unsupported = sm.load()["cfn_unsupported_enum_values"]["ExplicitAuthFlows"]
    assert unsupported == [f for f in api_flows if f not in cfn_flows]
    assert {"ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "USER_PASSWORD_AUTH"} <= set(cfn_flows)


def test_generator_drops_token_exchange_from_cfn_and_reports_it():
    gen = _generator()
    schema = {
        "_source": "test",
        "properties": {
            "UserPoolId": {"type": "string", "pattern": "^[\\w-]+_[0-9a-zA-Z]+$"},
            "ExplicitAuthFlows": {"type": "array", "items": {"type": "string", "enum": [
                "ALLOW_USER_SRP_AUTH", "ALLOW_TOKEN_EXCHANGE_X"]}},
            "ClientSecret": {"type": "string"},
        },
        "readOnlyProperties": ["/properties/ClientSecret"],
        "required": ["UserPoolId"],
    }
    table = gen.cfn_table(schema)
    assert table["properties"]["ExplicitAuthFlows"]["member"]["enum"] == ["ALLOW_USER_SRP_AUTH"]
    assert table["properties"]["UserPoolId"]["pattern"] == "[\\w-]+_[0-9a-zA-Z]+"
    assert "ClientSecret" in table["not_allowed"] and "ClientSecret" not in table["properties"]
    api = {"properties": {"ExplicitAuthFlows": {"type": "list", "member": {
        "type": "string", "enum": ["ALLOW_USER_SRP_AUTH", "ALLOW_TOKEN_EXCHANGE_X"]}}}}
    assert gen.cfn_unsupported_enum_values(api, table) == {"ExplicitAuthFlows": ["ALLOW_TOKEN_EXCHANGE_X"]}


def test_generator_rejects_unknown_schema_keyword():
    gen = _generator()
    with pytest.raises(gen.GenerationError, match="multipleOf"):
        gen.cfn_shape({"type": "integer", "multipleOf": 5}, {}, "X")


# ----------------------------------------------------------------------------------- shape_for

def test_shape_for_paths():
    assert sm.shape_for("api-create", ("TokenValidityUnits", "AccessToken"))["type"] == "string"
    assert sm.shape_for("api-create", ("CallbackURLs", 7))["max"] == 1024
    assert sm.shape_for("api-create", ("CallbackURLs",))["type"] == "list"
    assert sm.shape_for("api-create", ("NoSuchThing",)) is None
    assert sm.shape_for("api-create", ("CallbackURLs", "x")) is None
    assert sm.shape_for("api-create", ("ClientName", 0)) is None
    assert sm.shape_for("api-create", ("TokenValidityUnits", "AccessToken", "deeper")) is None
    top = sm.shape_for("api-update", ())
    assert top["type"] == "structure" and "ClientId" in top["members"]


# ---------------------------------------------------------------------------------- patterns

URL = sm.shape_for("api-create", ("CallbackURLs", 0))
IDP = sm.shape_for("api-create", ("SupportedIdentityProviders", 0))
NAME = sm.shape_for("api-create", ("ClientName",))
SCOPE = sm.shape_for("api-create", ("AllowedOAuthScopes", 0))
POOL = sm.shape_for("api-create", ("UserPoolId",))
ARN = sm.shape_for("api-create", ("AnalyticsConfiguration", "RoleArn"))
HEX = sm.shape_for("api-create", ("AnalyticsConfiguration", "ApplicationId"))
SECRET = sm.shape_for("api-create", ("ClientSecret",))


@pytest.mark.parametrize("shape, value, expected", [
    (URL, "https://example.com/callback?x=1&y=%20", True),
    (URL, "https://bücher.example/päth", True),
    (URL, "myapp://callback", True),
    (URL, "https://例え.jp/コールバック", True),
    (URL, "https://example.com/a b", False),
    (URL, "https://example.com/\t", False),
    (URL, "https://example.com/\u200b", False),  # zero-width space: Cf
    (URL, "", False),
    (IDP, "My Corporate IdP", True),
    (IDP, "Google", True),
    (IDP, "tab\there", False),
    (NAME, "web client", True),
    (NAME, "svc+1=a,b.c@d-e_f", True),
    (NAME, "a/b", False),
    (NAME, "café", False),  # \w is ASCII-only in the service's (Java) regex dialect
    (SCOPE, "openid", True),
    (SCOPE, "https://api.example.com/read", True),
    (SCOPE, 'has"quote', False),
    (SCOPE, "back\\slash", False),
    (SCOPE, "with space", False),
    (POOL, "us-east-1_AbC123", True),
    (POOL, "us-east-1-AbC123", False),
    (ARN, "arn:aws:iam::123456789012:role/service-role/pinpoint", True),
    (ARN, "arn:aws:iam::account:role/x", False),
    (HEX, "0123456789abcdefABCDEF", True),
    (HEX, "0x12", False),
    (HEX, "ab\n", False),
    (SECRET, "a" * 30 + "+", True),
    (SECRET, "abc/def", False),
    ({"type": "string"}, "anything at all", True),
])
def test_pattern_matches(shape, value, expected):
    assert sm.pattern_matches(shape, value) is expected


def test_cloudformation_patterns_match_like_the_api():
    for path in (("CallbackURLs", 0), ("ClientName",), ("AnalyticsConfiguration", "ApplicationId")):
        api, cfn = sm.shape_for("api-create", path), sm.shape_for("cloudformation", path)
        for value in ("https://x.example/cb", "x y", "abc123", "é", "a\n"):
            assert sm.pattern_matches(api, value) == sm.pattern_matches(cfn, value), (path, value)


@pytest.mark.parametrize("pattern", [
    r"\p{IsLatin}+",             # script, not a general category
    r"[\p{L}]+[0-9]",            # \p outside the single-class form
    r"[a-z&&[^aeiou]]+",         # Java class intersection
    r"\Qa.b\E",                  # Java quoting
    r"(?<name>a)",               # Java named group
    r"[a\p{L}-z]+",              # dash next to a property class
    r"\x{1F600}",                # Java code point escape
])
def test_untranslatable_pattern_raises(pattern):
    with pytest.raises(sm.UnsupportedPattern):
        sm.compile_pattern(pattern)


def test_property_class_quantifiers():
    assert sm.compile_pattern(r"[\p{Lu}]{2,3}")("AB")
    assert not sm.compile_pattern(r"[\p{Lu}]{2,3}")("ABCD")
    assert not sm.compile_pattern(r"[\p{Lu}]{2,3}")("Ab")
    assert sm.compile_pattern(r"[\p{L}_]*")("")
    assert sm.compile_pattern(r"[^\p{Z}]+")("a-b")
    assert not sm.compile_pattern(r"[^\p{Z}]+")("a b")


# Strings with every kind of character: letters, marks, symbols, controls, spaces, lone
# surrogates, unassigned and private-use code points; plus URL-ish ones.
any_text = st.text(st.characters(exclude_categories=()), max_size=40)
url_text = st.builds(lambda scheme, rest: scheme + rest,
                     st.sampled_from(["https://", "http://localhost:3000/", "myapp://", ""]), any_text)


def _url_oracle(value: str) -> bool:
    # [\p{L}\p{M}\p{S}\p{N}\p{P}]+ : str.isprintable() is false exactly for categories C* and Z*
    # except U+0020, which the pattern does not allow either.
    return len(value) >= 1 and all(c.isprintable() and c != " " for c in value)


@settings(max_examples=500)
@given(st.one_of(any_text, url_text))
def test_url_pattern_against_oracle(value):
    assert sm.pattern_matches(URL, value) is _url_oracle(value)


@settings(max_examples=300)
@given(any_text)
def test_provider_pattern_against_oracle(value):
    expected = len(value) >= 1 and all(c.isprintable() or unicodedata.category(c).startswith("Z") for c in value)
    assert sm.pattern_matches(IDP, value) is expected


NAME_CHARS = set(string.ascii_letters + string.digits + "_" + " \t\n\r\f\v" + "+=,.@-")


@settings(max_examples=300)
@given(st.one_of(any_text, st.text(st.sampled_from(sorted(NAME_CHARS) + ["é", "/", "\x00"]))))
def test_client_name_pattern_against_oracle(value):
    assert sm.pattern_matches(NAME, value) is (len(value) >= 1 and set(value) <= NAME_CHARS)


# ------------------------------------------------------------------------------------- closest

PROPERTIES = list(sm.kind_table("api-create")["properties"])


@pytest.mark.parametrize("name, candidates, expected", [
    ("CallbackUrls", PROPERTIES, "CallbackURLs"),
    ("AllowedOauthFlows", PROPERTIES, "AllowedOAuthFlows"),
    ("LogoutUrls", PROPERTIES, "LogoutURLs"),
    ("clientname", PROPERTIES, "ClientName"),
    ("AccessTokenValidty", PROPERTIES, "AccessTokenValidity"),
    ("DefaultRedirectUri", PROPERTIES, "DefaultRedirectURI"),
    ("ClientName", PROPERTIES, "ClientName"),
    ("Zebra", PROPERTIES, None),
    ("authorization_code", ["code", "implicit", "client_credentials"], "code"),
    ("Authorization_Code", ["code", "implicit", "client_credentials"], "code"),
    ("token", ["code", "implicit", "client_credentials"], "implicit"),
    ("client-credentials", ["code", "implicit", "client_credentials"], "client_credentials"),
    ("implict", ["code", "implicit", "client_credentials"], "implicit"),
    ("second", ["seconds", "minutes", "hours", "days"], "seconds"),
    ("minute", ["seconds", "minutes", "hours", "days"], "minutes"),
    ("Hour", ["seconds", "minutes", "hours", "days"], "hours"),
    ("day", ["seconds", "minutes", "hours", "days"], "days"),
    ("enabled", ["ENABLED", "LEGACY"], "ENABLED"),
    ("ALLOW_USER_SRP", ["ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"], "ALLOW_USER_SRP_AUTH"),
    ("token", ["seconds", "minutes"], None),  # alias target not a candidate
    ("anything", [], None),
])
def test_closest(name, candidates, expected):
    assert sm.closest(name, candidates) == expected
