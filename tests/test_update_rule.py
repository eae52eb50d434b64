"""CG701 update-resets-omitted-fields: UpdateUserPoolClient payloads that omit fields the service
resets, in JSON and YAML, and the payloads and kinds it must leave alone."""
import json

from support import ids_and_lines, lint_text, span_text
from support import cfn

RESET = ["TokenValidityUnits", "AccessTokenValidity", "IdTokenValidity", "RefreshTokenValidity",
         "ExplicitAuthFlows", "PreventUserExistenceErrors", "EnableTokenRevocation",
         "AllowedOAuthFlows", "AllowedOAuthScopes", "AllowedOAuthFlowsUserPoolClient",
         "CallbackURLs", "LogoutURLs", "DefaultRedirectURI", "SupportedIdentityProviders",
         "ReadAttributes", "WriteAttributes", "AuthSessionValidity", "RefreshTokenRotation"]

FULL = {
    "UserPoolId": "us-east-1_abcdEFG12", "ClientId": "1example23456789", "ClientName": "web",
    "TokenValidityUnits": {"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "days"},
    "AccessTokenValidity": 60, "IdTokenValidity": 60, "RefreshTokenValidity": 30,
    "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    "PreventUserExistenceErrors": "ENABLED", "EnableTokenRevocation": True,
    "AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["openid"], "AllowedOAuthFlowsUserPoolClient": True,
    "CallbackURLs": ["https://app.mysite.io/cb"], "LogoutURLs": ["https://app.mysite.io/"],
    "DefaultRedirectURI": "https://app.mysite.io/cb", "SupportedIdentityProviders": ["COGNITO"],
    "ReadAttributes": ["email"], "WriteAttributes": ["email"], "AuthSessionValidity": 3,
    "RefreshTokenRotation": {"Feature": "DISABLED"},
}


def lint(text, filename="update.json"):
    return lint_text(text, filename, select=["CG701"])


def omitted_in(message):
    return message.split(": ", 1)[1].split(". ", 1)[0].split(", ")


def test_cg701_minimal_update_lists_every_omitted_field_at_the_client_id():
    text = json.dumps({"UserPoolId": "us-east-1_abcdEFG12", "ClientId": "1example23456789",
                       "CallbackURLs": ["https://app.mysite.io/cb"]}, indent=2)
    findings = lint(text)
    assert ids_and_lines(findings) == [("CG701", 3, 3)]
    assert span_text(findings[0], text) == '"ClientId"'
    assert findings[0].level == "warning"
    assert omitted_in(findings[0].message) == [f for f in RESET if f != "CallbackURLs"]
    assert "omits 17" in findings[0].message


def test_cg701_yaml_payload_and_a_null_field():
    text = ("UserPoolId: us-east-1_abcdEFG12\nClientId: 1example23456789\n"
            + "".join(f"{k}: {json.dumps(v)}\n" for k, v in FULL.items() if k not in ("UserPoolId", "ClientId")))
    text = text.replace("LogoutURLs: [\"https://app.mysite.io/\"]", "LogoutURLs: null")
    findings = lint(text, "update.yaml")
    assert ids_and_lines(findings) == [("CG701", 2, 1)]
    assert span_text(findings[0], text) == "ClientId"
    assert omitted_in(findings[0].message) == ["LogoutURLs"]


def test_cg701_each_field_alone_is_reported_when_omitted():
    for field in RESET:
        payload = {k: v for k, v in FULL.items() if k != field}
        findings = lint(json.dumps(payload))
        assert [omitted_in(f.message) for f in findings] == [[field]], field


def test_cg701_silent_on_complete_payloads_including_empty_values():
    assert lint(json.dumps(FULL, indent=2)) == []
    skeleton = {**FULL, "CallbackURLs": [], "LogoutURLs": [], "DefaultRedirectURI": "", "AllowedOAuthFlows": [],
                "AllowedOAuthScopes": [], "AllowedOAuthFlowsUserPoolClient": False}
    assert lint(json.dumps(skeleton, indent=2)) == []


def test_cg701_silent_for_other_kinds():
    create = {k: v for k, v in FULL.items() if k not in ("ClientId", "CallbackURLs", "TokenValidityUnits")}
    assert lint(json.dumps({"UserPoolId": "us-east-1_abc", "ClientName": "web"})) == []
    assert lint(json.dumps(create)) == []
    assert lint(json.dumps({"UserPoolClient": {"UserPoolId": "us-east-1_abc", "ClientId": "1abc"}})) == []
    assert lint(cfn("ClientName: web"), "template.yaml") == []


def test_cg701_partial_token_validity_units_are_listed_by_key():
    payload = {**FULL, "TokenValidityUnits": {"AccessToken": "minutes"}}
    del payload["AuthSessionValidity"]
    findings = lint(json.dumps(payload, indent=2))
    assert omitted_in(findings[0].message) == ["TokenValidityUnits.IdToken", "TokenValidityUnits.RefreshToken",
                                               "AuthSessionValidity"]
    assert lint(json.dumps({**FULL, "TokenValidityUnits": {"AccessToken": "minutes", "IdToken": "minutes",
                                                           "RefreshToken": "days"}})) == []
