"""Refresh token rotation and ALLOW_REFRESH_TOKEN_AUTH do not go together.

## What it does
Reports a client with `RefreshTokenRotation.Feature: ENABLED` whose explicit auth flows include
`ALLOW_REFRESH_TOKEN_AUTH`, also when `ExplicitAuthFlows` is omitted (the service's default flows
include it).

## Why it matters
With rotation on, tokens can only be refreshed through `GetTokensFromRefreshToken`; the
`REFRESH_TOKEN_AUTH` flow of `InitiateAuth` is the non-rotating path. Keeping both confuses what
the client is meant to do, and SDK code that still calls `REFRESH_TOKEN_AUTH` fails once rotation
is on.

## Example
```yaml
RefreshTokenRotation:
  Feature: ENABLED
ExplicitAuthFlows: [ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
```

## Fix
```yaml
RefreshTokenRotation:
  Feature: ENABLED
ExplicitAuthFlows: [ALLOW_USER_SRP_AUTH]
```

## References
- RefreshTokenRotationType: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RefreshTokenRotationType.html
- GetTokensFromRefreshToken: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetTokensFromRefreshToken.html
- Using the refresh token (rotation): https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html
"""
from linter.model import Unknown
from linter.model.service import REFRESH_TOKEN_FLOW as FLOW
from linter.rule import Problem

ID = "CG306"
NAME = "rotation-with-refresh-token-auth"
LEVEL = "warning"
TAGS = ["security"]


def check(client, options):
    rotation = client.RefreshTokenRotation
    if rotation is None or isinstance(rotation, Unknown) or rotation.Feature != "ENABLED":
        return
    flows = client.effective_explicit_auth_flows()
    if not isinstance(flows, list) or FLOW not in flows:
        return
    field = client.wording.name("ExplicitAuthFlows")
    if client.ExplicitAuthFlows is None:
        yield Problem(("RefreshTokenRotation", "Feature"),
                      f"Refresh token rotation is ENABLED, but {field} is omitted and the "
                      f"service's default flows include {FLOW}. List the flows you use, without "
                      f"{FLOW}; refresh with GetTokensFromRefreshToken.")
    elif client.implied_flow(FLOW):
        yield Problem(("ExplicitAuthFlows",),
                      f"Refresh token rotation is ENABLED, but {field} has only legacy names, which keep "
                      f"{FLOW} enabled. List the ALLOW_ flows you use, without {FLOW}; refresh with "
                      "GetTokensFromRefreshToken.")
    else:
        yield Problem(("ExplicitAuthFlows", flows.index(FLOW)),
                      f"{field} has {FLOW} while refresh token rotation is ENABLED: the "
                      f"non-rotating refresh flow stays open. Remove {FLOW}; refresh with "
                      "GetTokensFromRefreshToken.")
