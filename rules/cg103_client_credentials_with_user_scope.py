"""A client_credentials client may only have resource-server scopes.

## What it does
Reports each of `openid`, `email`, `phone`, `profile` and `aws.cognito.signin.user.admin` in
`AllowedOAuthScopes` of an app client whose `AllowedOAuthFlows` contains `client_credentials`
(and neither `code` nor `implicit`: a client that mixes them is CG101, and its user scopes belong
to the user-facing client that results from splitting it). One finding per such scope.

## Why it matters
These scopes describe a signed-in user (the ID token, the user's attributes, the user's own API
calls). The client credentials grant has no user, so Cognito only issues custom scopes of a
resource server (`identifier/scope`) to it and the service refuses the client.

## Example
```yaml
GenerateSecret: true
AllowedOAuthFlowsUserPoolClient: true
AllowedOAuthFlows: [client_credentials]
AllowedOAuthScopes: [openid, orders/read]
```

## Fix
```yaml
GenerateSecret: true
AllowedOAuthFlowsUserPoolClient: true
AllowedOAuthFlows: [client_credentials]
AllowedOAuthScopes: [orders/read]
```

## References
- CreateUserPoolClient, AllowedOAuthScopes: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- Scopes, M2M, and APIs with resource servers: https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-define-resource-servers.html
- The token endpoint (client_credentials requests custom scopes): https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html
"""
from linter.model.service import USER_SCOPES
from linter.model.values import known_items
from linter.rule import Problem
from linter.rule_helpers.flows import machine_client

ID = "CG103"
NAME = "client-credentials-with-user-scope"
LEVEL = "error"


def check(client, options):
    if not machine_client(client):
        return
    for index, scope in known_items(client.AllowedOAuthScopes):
        if scope in USER_SCOPES:
            yield Problem(
                ("AllowedOAuthScopes", index),
                f"{client.wording.name('AllowedOAuthScopes')} has '{scope}', a user scope, on a client_credentials "
                "client; the service rejects this. Remove it: a machine-to-machine client can only have "
                "resource-server scopes (identifier/scope).",
            )
