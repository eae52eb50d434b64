"""A client_credentials client must have a client secret.

## What it does
Reports `client_credentials` in `AllowedOAuthFlows` on an app client that has no secret:
`GenerateSecret` is false or omitted (the default is false) and no `ClientSecret` is given.
Silent when the secret state is unknown: in an UpdateUserPoolClient payload (which cannot change
the secret), with an unresolved `GenerateSecret`, and in Describe output (which never shows
`GenerateSecret`, and whose `ClientSecret` is often removed before the file is committed).
Also silent when `code` or `implicit` is in the list too: that client must be split first (CG101),
and the new machine-to-machine client then needs the secret.

## Why it matters
In the client credentials grant the client authenticates with its own secret; there is no user.
The service refuses the configuration ("client_credentials flow can not be selected if client does
not have a client secret"), so the API call or the stack deploy fails. The secret cannot be added
later: changing `GenerateSecret` replaces the app client.

## Example
```yaml
AllowedOAuthFlowsUserPoolClient: true
AllowedOAuthFlows: [client_credentials]
AllowedOAuthScopes: [orders/read]
```

## Fix
```yaml
GenerateSecret: true
AllowedOAuthFlowsUserPoolClient: true
AllowedOAuthFlows: [client_credentials]
AllowedOAuthScopes: [orders/read]
```

## References
- CreateUserPoolClient, AllowedOAuthFlows and GenerateSecret: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- Scopes, M2M, and APIs with resource servers: https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-define-resource-servers.html
- RFC 6749 section 4.4 (client credentials grant: confidential clients only)
"""
from linter.rule import Problem
from linter.rule_helpers.flows import first_index, machine_client, secret_state

ID = "CG102"
NAME = "client-credentials-without-secret"
LEVEL = "error"


def check(client, options):
    if not machine_client(client) or client.has_secret() is not False:
        return
    words = client.wording
    index = first_index(client.AllowedOAuthFlows, ("client_credentials",))
    yield Problem(
        ("AllowedOAuthFlows", index),
        f"{words.name('AllowedOAuthFlows')} has client_credentials but the client has no secret "
        f"({secret_state(client)}); the service rejects this. Set {words.setting('GenerateSecret', True)} "
        "on this client.",
    )
