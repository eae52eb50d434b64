"""Legacy and ALLOW_* auth flow names cannot be mixed in ExplicitAuthFlows.

## What it does
Reports an `ExplicitAuthFlows` list that holds both legacy names (`ADMIN_NO_SRP_AUTH`,
`CUSTOM_AUTH_FLOW_ONLY`, `USER_PASSWORD_AUTH`) and names that start with `ALLOW_`. One finding per
client, at the first legacy name; the message gives the replacement of each legacy name. (A list
of legacy names only is CG402.)

## Why it matters
The service refuses the list ("Auth flow name with prefix 'ALLOW' cannot be used with legacy auth
flow names"), so the API call or the stack deploy fails.

## Example
```yaml
ExplicitAuthFlows:
  - ADMIN_NO_SRP_AUTH
  - ALLOW_REFRESH_TOKEN_AUTH
```

## Fix
```yaml
ExplicitAuthFlows:
  - ALLOW_ADMIN_USER_PASSWORD_AUTH
  - ALLOW_REFRESH_TOKEN_AUTH
```

## References
- CreateUserPoolClient, ExplicitAuthFlows: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- AWS::Cognito::UserPoolClient, ExplicitAuthFlows: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolclient.html
- Authentication flows: https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html
"""
from linter.model.service import LEGACY_AUTH_FLOWS
from linter.model.values import known_items
from linter.rule import Problem
from linter.rule_helpers.flows import is_allow, is_legacy, names

ID = "CG401"
NAME = "legacy-and-allow-flows-mixed"
LEVEL = "error"


def check(client, options):
    items = known_items(client.ExplicitAuthFlows)
    legacy = [(i, flow) for i, flow in items if is_legacy(flow)]
    if not legacy or not any(is_allow(flow) for _, flow in items):
        return
    renames = names(f"{flow} with {LEGACY_AUTH_FLOWS[flow]}" for _, flow in legacy)
    yield Problem(
        ("ExplicitAuthFlows", legacy[0][0]),
        f"{client.wording.name('ExplicitAuthFlows')} mixes legacy names with ALLOW_ names; the service "
        f"rejects this. Replace {renames}.",
    )
