"""ReadAttributes must name attributes that exist.

## What it does
Reports a `ReadAttributes` entry that is neither a standard attribute (`email`, `given_name`,
`phone_number_verified`, `sub`, ...) nor a custom attribute (`custom:NAME`, `dev:custom:NAME`), such
as the typo `emial` or a custom attribute written without its prefix. The message suggests the
attribute you probably meant. Attribute names are case-sensitive.

When the client's user pool is defined in the same template, a `custom:` attribute must also be
declared in the pool's `Schema`; when the pool is imported, any `custom:` name is accepted.

## Why it matters
The service refuses the client ("Invalid read attributes specified while creating a client"), so
the deploy fails.

## Example
```yaml
ReadAttributes: [emial, given_name]
```

## Fix
```yaml
ReadAttributes: [email, given_name]
```

## References
- User pool attributes (standard and custom): https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html
- CreateUserPoolClient, ReadAttributes: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
"""
from linter.rule_helpers import attributes

ID = "CG503"
NAME = "unknown-read-attribute"
LEVEL = "error"


def check(client, options):
    yield from attributes.unknown_names(client, "ReadAttributes")
