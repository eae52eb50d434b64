"""A value outside the property's allowed set.

## What it does
Reports values that the property does not take: `AllowedOAuthFlows` other than `code`,
`implicit`, `client_credentials`; `ExplicitAuthFlows` names the service does not know; units in
`TokenValidityUnits` other than `seconds`, `minutes`, `hours`, `days`;
`PreventUserExistenceErrors` other than `LEGACY`/`ENABLED`; `RefreshTokenRotation.Feature` other
than `ENABLED`/`DISABLED`. The message suggests the closest valid value (`authorization_code` →
`code`, `Hours` → `hours`). Values are case-sensitive.

The token-exchange flows `ALLOW_TOKEN_EXCHANGE_IMPERSONATION` and
`ALLOW_TOKEN_EXCHANGE_DELEGATION` are accepted in API payloads; in CloudFormation any
`ALLOW_TOKEN_EXCHANGE_*` flow is CG007, not this rule.

## Why it matters
The service refuses the request ("Member must satisfy enum value set"). OAuth's own names are a
common trap: the grant is `authorization_code` in RFC 6749 but `code` in Cognito.

## Example
```yaml
AllowedOAuthFlows:
  - authorization_code
TokenValidityUnits:
  AccessToken: Minutes
```

## Fix
Use one of the allowed values.
```yaml
AllowedOAuthFlows:
  - code
TokenValidityUnits:
  AccessToken: minutes
```
Automatic fix (safe): `--fix` writes the allowed value when only the letter case (or spaces) is
wrong (`Code` → `code`, `enabled` → `ENABLED`). Safe: the service rejects the value as written,
and one allowed value only differs from it in case.

## References
- CreateUserPoolClient, valid values: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- TokenValidityUnitsType: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_TokenValidityUnitsType.html
- GetDerivedToken (token-exchange flows): https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetDerivedToken.html
"""
from linter.rule_helpers import schema

ID = "CG005"
NAME = "invalid-enum-value"
LEVEL = "error"
TAGS = ["schema"]


def check(client, options):
    yield from schema.problems_for(ID, client)
