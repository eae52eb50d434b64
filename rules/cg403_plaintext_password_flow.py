"""Prefer SRP to sending the password in the sign-in request.

## What it does
Reports `ALLOW_USER_PASSWORD_AUTH` (or its legacy name `USER_PASSWORD_AUTH`) in
`ExplicitAuthFlows`, at the first such item. The service default does not include it.

## Why it matters
With `USER_PASSWORD_AUTH` the app sends the user's password itself to `InitiateAuth`. TLS protects
it on the wire, but the password now passes through every proxy, logging layer and piece of code
that sees the request, and the flow is an easy target for credential stuffing against the public
endpoint. With SRP (`ALLOW_USER_SRP_AUTH`) the password never leaves the client. Keep the plain
password flow only for what needs it (for example migrating users with a Lambda trigger), and
remove it afterwards.

## Example
```yaml
ExplicitAuthFlows: [ALLOW_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
```

## Fix
```yaml
ExplicitAuthFlows: [ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
```
No automatic fix: an app that signs in with the password flow stops working without it;
move the app to SRP first, then remove the flow.

## References
- CreateUserPoolClient, ExplicitAuthFlows: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- Authentication flows (SRP and username-password): https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html
- Security best practices for Amazon Cognito user pools: https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-security-best-practices.html
"""
from linter.model.service import USER_PASSWORD_FLOWS
from linter.rule import Problem
from linter.rule_helpers.flows import first_index

ID = "CG403"
NAME = "plaintext-password-flow"
LEVEL = "warning"
TAGS = ["security"]


def check(client, options):
    flows = client.ExplicitAuthFlows
    index = first_index(flows, USER_PASSWORD_FLOWS)
    if index is not None:
        yield Problem(("ExplicitAuthFlows", index),
                      f"{client.wording.name('ExplicitAuthFlows')} has {flows[index]}: the app sends the user's "
                      "password in the sign-in request. Use ALLOW_USER_SRP_AUTH instead, unless you need the "
                      "password (e.g. for a user migration trigger).")
