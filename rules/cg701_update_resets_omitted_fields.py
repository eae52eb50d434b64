"""An UpdateUserPoolClient request resets every field it omits.

## What it does
For an UpdateUserPoolClient payload (a mapping with `UserPoolId` and `ClientId`), reports the
fields that the request leaves out and that the service therefore resets to their defaults:
`TokenValidityUnits`, `AccessTokenValidity`, `IdTokenValidity`, `RefreshTokenValidity`,
`ExplicitAuthFlows`, `PreventUserExistenceErrors`, `EnableTokenRevocation`, the OAuth settings
(`AllowedOAuthFlows`, `AllowedOAuthScopes`, `AllowedOAuthFlowsUserPoolClient`, `CallbackURLs`,
`LogoutURLs`, `DefaultRedirectURI`, `SupportedIdentityProviders`), `ReadAttributes`,
`WriteAttributes`, `AuthSessionValidity` and `RefreshTokenRotation`. One finding per payload,
listing them all, at the `ClientId` key (the client being changed). A field given as JSON `null`
counts as omitted; a field given as an empty list or string is set (to that value). A
`TokenValidityUnits` that leaves out one of its keys resets that unit (to hours, hours, days),
which silently changes what the validity numbers mean: those keys are listed too
(`TokenValidityUnits.IdToken`).

## Why it matters
Update is not a patch: the service documents that any attribute the request does not carry
goes back to its default value. A payload written to change one setting silently switches off OAuth (so
hosted sign-in breaks), drops callback URLs and identity providers, turns user-existence errors
back to LEGACY, resets token lifetimes, and re-enables the default sign-in flows.

## Example
```json
{
  "UserPoolId": "us-east-1_EXAMPLE",
  "ClientId": "1example23456789",
  "CallbackURLs": ["https://app.example.com/callback", "https://app.example.com/new"]
}
```

## Fix
Start from the client's current configuration (`aws cognito-idp describe-user-pool-client`),
keep every field you want to preserve, and change only what you mean to:
```json
{
  "UserPoolId": "us-east-1_EXAMPLE",
  "ClientId": "1example23456789",
  "ClientName": "web",
  "AllowedOAuthFlowsUserPoolClient": true,
  "AllowedOAuthFlows": ["code"],
  "AllowedOAuthScopes": ["openid", "email"],
  "CallbackURLs": ["https://app.example.com/callback", "https://app.example.com/new"],
  "LogoutURLs": ["https://app.example.com/"],
  "DefaultRedirectURI": "https://app.example.com/callback",
  "SupportedIdentityProviders": ["COGNITO"],
  "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
  "PreventUserExistenceErrors": "ENABLED",
  "EnableTokenRevocation": true,
  "TokenValidityUnits": {"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "days"},
  "AccessTokenValidity": 60,
  "IdTokenValidity": 60,
  "RefreshTokenValidity": 30,
  "ReadAttributes": ["email", "email_verified"],
  "WriteAttributes": ["email"],
  "AuthSessionValidity": 3,
  "RefreshTokenRotation": {"Feature": "DISABLED"}
}
```

## References
- UpdateUserPoolClient (omitted attributes are set to their defaults): https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolClient.html
- DescribeUserPoolClient: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeUserPoolClient.html
"""
from linter.model.service import DEFAULT_TOKEN_UNITS, UPDATE_RESETS_OMITTED
from linter.rule import Problem

ID = "CG701"
NAME = "update-resets-omitted-fields"
LEVEL = "warning"
TAGS = ["change-safety"]


def check(client, options):
    if client.kind != "api-update":
        return
    omitted = [f for f in UPDATE_RESETS_OMITTED if client.raw.get(f) is None]
    units = client.raw.get("TokenValidityUnits")
    if isinstance(units, dict):  # a partial TokenValidityUnits resets the units it leaves out
        omitted[0:0] = [f"TokenValidityUnits.{k}" for k in DEFAULT_TOKEN_UNITS if units.get(k) is None]
    if omitted:
        yield Problem(("ClientId",),
                      f"UpdateUserPoolClient resets the fields it omits to their defaults; this payload "
                      f"omits {len(omitted)}: {', '.join(client.wording.name(f) for f in omitted)}. Start from "
                      "describe-user-pool-client output and include every setting you want to keep.", key=True)
