"""client_credentials must be the only OAuth flow of a client.

## What it does
Reports `client_credentials` in `AllowedOAuthFlows` together with `code` or `implicit`.

## Why it matters
The service rejects the combination ("client_credentials flow can not be selected along with code
flow or implicit flow"), so the deploy or API call fails. A machine-to-machine client and a client
that signs users in are different things with different secrets and scopes.

## Example
```yaml
AllowedOAuthFlowsUserPoolClient: true
AllowedOAuthFlows: [code, client_credentials]
```

## Fix
Split the client in two: one with `AllowedOAuthFlows: [code]` for users, one with
`AllowedOAuthFlows: [client_credentials]` and `GenerateSecret: true` for machines.
```yaml
AllowedOAuthFlows: [client_credentials]
GenerateSecret: true
```
Automatic fix (unsafe): `--fix --unsafe-fixes` removes `code` and `implicit` from the list,
keeping the machine-to-machine client. Unsafe because users can no longer sign in through this
client: create the second client for them yourself.

## References
- CreateUserPoolClient, AllowedOAuthFlows: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- Scopes, M2M, and APIs with resource servers: https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-define-resource-servers.html
"""
from linter.rule import UNSAFE, Edit, Fix, Problem

ID = "CG101"
NAME = "client-credentials-not-exclusive"
LEVEL = "error"


def check(client, options):
    flows = client.AllowedOAuthFlows
    if not isinstance(flows, list) or "client_credentials" not in flows:
        return
    others = sorted({f for f in flows if f in ("code", "implicit")})
    if others:
        index = flows.index("client_credentials")
        yield Problem(
            ("AllowedOAuthFlows", index),
            f"{client.wording.name('AllowedOAuthFlows')} combines client_credentials with {' and '.join(others)}; "
            "the service rejects this. Use a separate app client for the machine-to-machine flow.",
            fix=Fix(tuple(Edit.remove(("AllowedOAuthFlows", i)) for i, f in enumerate(flows) if f in ("code", "implicit")),
                    UNSAFE, f"Remove {' and '.join(others)} from {client.wording.name('AllowedOAuthFlows')}"),
        )
