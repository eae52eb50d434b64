"""Access and ID tokens must not outlive the refresh token.

## What it does
Converts the access, ID and refresh token validities to durations (units and service defaults
applied: 1 hour for access and ID tokens, 30 days for refresh tokens) and reports an access or ID
token that lasts longer than the refresh token.

Validities that are themselves out of range are left to CG301, CG004 and CG303: once they are
fixed, this rule compares the corrected values.

## Why it matters
The service refuses the client ("Access and Id Token expiration times must be less than or equal
to refresh token expiration times."), so the deploy fails. It usually means the refresh token was
shortened without its unit in mind, e.g. `RefreshTokenValidity: 2` in hours next to a 12-hour
access token.

## Example
```yaml
AccessTokenValidity: 12
RefreshTokenValidity: 2
TokenValidityUnits:
  AccessToken: hours
  RefreshToken: hours
```

## Fix
```yaml
AccessTokenValidity: 1
RefreshTokenValidity: 2
TokenValidityUnits:
  AccessToken: hours
  RefreshToken: hours
```

## References
- TokenValidityUnitsType: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_TokenValidityUnitsType.html
- CreateUserPoolClient: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- Using the refresh token: https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html
"""
from linter.rule import Problem
from linter.rule_helpers import tokens

ID = "CG302"
NAME = "token-outlives-refresh-token"
LEVEL = "error"


def check(client, options):
    refresh = tokens.validity(client, "RefreshToken")
    if refresh is None or not refresh.valid:
        return
    words = client.wording
    for token in ("AccessToken", "IdToken"):
        validity = tokens.validity(client, token)
        if validity is None or not validity.valid or validity.seconds <= refresh.seconds:
            continue
        # Point at the token's own value; when it is the default, at the refresh value that is set.
        path = validity.path if validity.present else refresh.path
        yield Problem(
            path,
            f"{validity.statement(words)}, longer than the refresh token: {refresh.statement(words)}. The "
            "service rejects this (\"Access and Id Token expiration times must be less than or "
            f"equal to refresh token expiration times\"). Shorten the {tokens.TOKEN_NAMES[token]} "
            "or lengthen the refresh token.",
        )
