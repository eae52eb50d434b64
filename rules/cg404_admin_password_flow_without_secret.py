"""Admin password sign-in belongs to confidential (server-side) clients.

## What it does
Reports `ALLOW_ADMIN_USER_PASSWORD_AUTH` (or its legacy name `ADMIN_NO_SRP_AUTH`) in
`ExplicitAuthFlows` of an app client without a secret (`GenerateSecret` false or omitted, no
`ClientSecret`), at the first such item. Silent when the secret state is unknown (an
UpdateUserPoolClient payload, an unresolved `GenerateSecret`, Describe output).

## Why it matters
`AdminInitiateAuth` with `ADMIN_USER_PASSWORD_AUTH` is made for a back end that holds AWS
credentials and receives the user's password. Such a back end can keep a client secret, and it
should: a client without a secret is a public client, and its ID alone is enough to call the other
flows it allows. A public client with the admin flow usually means a server-side design was built
on a client meant for browsers or devices, or the other way round.

## Example
```yaml
GenerateSecret: false
ExplicitAuthFlows: [ALLOW_ADMIN_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
```

## Fix
```yaml
GenerateSecret: true
ExplicitAuthFlows: [ALLOW_ADMIN_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
```
Or drop the admin flow and use SRP from the app.

## References
- AdminInitiateAuth: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminInitiateAuth.html
- CreateUserPoolClient, ExplicitAuthFlows and GenerateSecret: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- Application-specific settings with app clients (public and confidential clients): https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-client-apps.html
"""
from linter.model.service import ADMIN_PASSWORD_FLOWS
from linter.rule import Problem
from linter.rule_helpers.flows import first_index, secret_state

ID = "CG404"
NAME = "admin-password-flow-without-secret"
LEVEL = "warning"
TAGS = ["security"]


def check(client, options):
    flows = client.ExplicitAuthFlows
    index = first_index(flows, ADMIN_PASSWORD_FLOWS)
    if index is None or client.has_secret() is not False:
        return
    words = client.wording
    yield Problem(("ExplicitAuthFlows", index),
                  f"{words.name('ExplicitAuthFlows')} has {flows[index]} on a client without a secret "
                  f"({secret_state(client)}). Admin password sign-in is for server-side clients: "
                  f"set {words.setting('GenerateSecret', True)}, or remove the flow.")
