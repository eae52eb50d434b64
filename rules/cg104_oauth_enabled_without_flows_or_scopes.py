"""An OAuth-enabled client needs both AllowedOAuthFlows and AllowedOAuthScopes.

## What it does
Reports `AllowedOAuthFlowsUserPoolClient: true` when `AllowedOAuthFlows` or `AllowedOAuthScopes`
is missing or an empty list. A missing property is reported at the client (the resource's logical
ID); an empty list at the list itself. When both are missing, one finding names both.

## Why it matters
The service refuses the client ("AllowedOAuthFlows and AllowedOAuthScopes are required if user
pool client is allowed to use OAuth flows"), so the API call or the deploy fails. A machine client
with `client_credentials` needs at least one resource-server scope; a user-facing client usually
`openid`.

## Example
```yaml
GenerateSecret: true
AllowedOAuthFlowsUserPoolClient: true
AllowedOAuthFlows: [client_credentials]
```

## Fix
```yaml
GenerateSecret: true
AllowedOAuthFlowsUserPoolClient: true
AllowedOAuthFlows: [client_credentials]
AllowedOAuthScopes: [orders/read]
```

## References
- CreateUserPoolClient, AllowedOAuthFlowsUserPoolClient: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- AWS::Cognito::UserPoolClient: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolclient.html
- App client settings (OAuth grant types and scopes): https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-client-apps.html
"""
from linter.rule import Problem

ID = "CG104"
NAME = "oauth-enabled-without-flows-or-scopes"
LEVEL = "error"

_FIELDS = ("AllowedOAuthFlows", "AllowedOAuthScopes")


def check(client, options):
    if client.AllowedOAuthFlowsUserPoolClient is not True:
        return
    words = client.wording
    switch = words.name("AllowedOAuthFlowsUserPoolClient")
    fix = (f"List at least one OAuth flow and one scope, or set {switch} to {words.value(False)}.")
    missing = [f for f in _FIELDS if getattr(client, f) is None]
    empty = [f for f in _FIELDS if getattr(client, f) == []]
    if len(missing) == 2:
        yield Problem(("AllowedOAuthFlows",),
                      f"{switch} is {words.value(True)} but {words.name('AllowedOAuthFlows')} and "
                      f"{words.name('AllowedOAuthScopes')} are missing; the service rejects this. {fix}")
        return
    for field in missing:
        yield Problem((field,), f"{switch} is {words.value(True)} but {words.name(field)} is missing; "
                                f"the service rejects this. {fix}")
    for field in empty:
        yield Problem((field,), f"{switch} is {words.value(True)} but {words.name(field)} is empty; "
                                f"the service rejects this. {fix}")
