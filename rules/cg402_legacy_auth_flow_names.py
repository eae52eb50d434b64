"""Use the ALLOW_* names in ExplicitAuthFlows, not the legacy ones.

## What it does
Reports each legacy name in `ExplicitAuthFlows` (`ADMIN_NO_SRP_AUTH`, `CUSTOM_AUTH_FLOW_ONLY`,
`USER_PASSWORD_AUTH`) when the list holds no `ALLOW_` name (a mixed list is CG401 instead). One
finding per legacy name. Silent when the list has an unknown item, which could make it mixed.

## Why it matters
The legacy names are deprecated; current documentation, consoles and tools use the `ALLOW_`
names, which state every allowed flow (SRP and refresh included) in the list itself. A legacy list
is also a trap: adding any `ALLOW_` flow to it later makes the service reject the client (CG401).
Replacements:
`ADMIN_NO_SRP_AUTH` → `ALLOW_ADMIN_USER_PASSWORD_AUTH`,
`CUSTOM_AUTH_FLOW_ONLY` → `ALLOW_CUSTOM_AUTH`,
`USER_PASSWORD_AUTH` → `ALLOW_USER_PASSWORD_AUTH`.
When you switch, also list `ALLOW_REFRESH_TOKEN_AUTH` (and `ALLOW_USER_SRP_AUTH` if the app uses
SRP): an `ALLOW_` list enables nothing you leave out.

## Example
```yaml
ExplicitAuthFlows: [ADMIN_NO_SRP_AUTH]
```

## Fix
```yaml
ExplicitAuthFlows: [ALLOW_ADMIN_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
```
Automatic fix (safe): `--fix` replaces every legacy name with its `ALLOW_` name and adds
`ALLOW_USER_SRP_AUTH` and `ALLOW_REFRESH_TOKEN_AUTH`, which a legacy list allows without naming
them: the whole list at once (half a conversion would be CG401's mixed list). Safe: the same flows
stay allowed, under the names the service documents. Not offered when the list holds a value that
is neither a legacy nor an `ALLOW_` name.

## References
- CreateUserPoolClient, ExplicitAuthFlows: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- Authentication flows: https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html
"""
from linter.model.service import LEGACY_AUTH_FLOWS
from linter.model.values import fully_known, known_items
from linter.rule import SAFE, Edit, Fix, Problem
from linter.rule_helpers.flows import is_allow, is_legacy

ID = "CG402"
NAME = "legacy-auth-flow-names"
LEVEL = "note"


def check(client, options):
    flows = client.ExplicitAuthFlows
    if not fully_known(flows) or any(is_allow(flow) for flow in flows):
        return
    seen = set()
    fix = _fix(client, flows)
    for index, flow in known_items(flows):
        if is_legacy(flow) and flow not in seen:
            seen.add(flow)
            yield Problem(("ExplicitAuthFlows", index),
                          f"{client.wording.name('ExplicitAuthFlows')} uses the legacy name {flow}; use "
                          f"{LEGACY_AUTH_FLOWS[flow]} and list ALLOW_REFRESH_TOKEN_AUTH (and any other flow the "
                          "app needs) explicitly.", fix=fix)


def _fix(client, flows):
    """The whole list in ALLOW_ names, with the flows a legacy list allows without naming them
    (one fix for every finding of the list)."""
    if not all(is_legacy(flow) for flow in flows):
        return None
    renamed = [LEGACY_AUTH_FLOWS[flow] for flow in flows]
    implied = [flow for flow in client.effective_explicit_auth_flows()
               if isinstance(flow, str) and not is_legacy(flow) and flow not in renamed]
    edits = tuple(Edit.set(("ExplicitAuthFlows", index), name) for index, name in enumerate(renamed))
    return Fix(edits + tuple(Edit.append(("ExplicitAuthFlows",), flow) for flow in dict.fromkeys(implied)), SAFE,
               f"Use the ALLOW_ names in {client.wording.name('ExplicitAuthFlows')}")
