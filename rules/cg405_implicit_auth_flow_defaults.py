"""Say which sign-in flows the client allows instead of relying on the default.

## What it does
Reports an app client without `ExplicitAuthFlows`. The finding points at the client (the
resource's logical ID in a template). Not reported for an UpdateUserPoolClient payload, where
CG701 already reports the omitted field (Update resets it to the default).

## Why it matters
When `ExplicitAuthFlows` is omitted the service enables `ALLOW_REFRESH_TOKEN_AUTH`,
`ALLOW_USER_SRP_AUTH` and `ALLOW_CUSTOM_AUTH`. Custom authentication is then open on this client
even if nobody planned for it: whatever the pool's custom-challenge Lambda triggers accept becomes
a way to sign in, and a client that only uses OAuth (managed login) still accepts SDK sign-in.
Listing the flows makes the decision visible and reviewable.

## Example
```yaml
Type: AWS::Cognito::UserPoolClient
Properties:
  UserPoolId: !Ref UserPool
  ClientName: web
```

## Fix
```yaml
Type: AWS::Cognito::UserPoolClient
Properties:
  UserPoolId: !Ref UserPool
  ClientName: web
  ExplicitAuthFlows: [ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
```
Automatic fix (unsafe): `--fix --unsafe-fixes` writes out today's default,
`[ALLOW_REFRESH_TOKEN_AUTH, ALLOW_USER_SRP_AUTH, ALLOW_CUSTOM_AUTH]`: the client keeps doing what
it does, and the list is there to review. Unsafe because it states a decision nobody made yet:
remove the flows the app does not use (custom authentication, most of all).

## References
- CreateUserPoolClient, ExplicitAuthFlows (default when omitted): https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- Custom authentication challenge Lambda triggers: https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-challenge.html
- Authentication flows: https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html
"""
from linter.model.service import DEFAULT_EXPLICIT_AUTH_FLOWS
from linter.rule import UNSAFE, Edit, Fix, Problem
from linter.rule_helpers.flows import names

ID = "CG405"
NAME = "implicit-auth-flow-defaults"
LEVEL = "note"


def check(client, options):
    if client.ExplicitAuthFlows is not None or client.kind == "api-update":
        return  # an omitted field in an Update payload is CG701's finding (one problem, one finding)
    yield Problem(("ExplicitAuthFlows",),
                  f"{client.wording.name('ExplicitAuthFlows')} is omitted, so the service enables "
                  f"{names(DEFAULT_EXPLICIT_AUTH_FLOWS)}. List the flows the app uses (e.g. ALLOW_USER_SRP_AUTH, "
                  "ALLOW_REFRESH_TOKEN_AUTH).",
                  fix=Fix((Edit.set(("ExplicitAuthFlows",), list(DEFAULT_EXPLICIT_AUTH_FLOWS)),), UNSAFE,
                          f"Set {client.wording.setting('ExplicitAuthFlows', list(DEFAULT_EXPLICIT_AUTH_FLOWS))}"))
