"""WriteAttributes must name attributes that exist.

## What it does
Reports a `WriteAttributes` entry that is neither a standard attribute (`email`, `given_name`,
`locale`, ...) nor a custom attribute (`custom:NAME`, `dev:custom:NAME`), such as the typo
`familyname` or a custom attribute written without its prefix. The message suggests the attribute
you probably meant. Attribute names are case-sensitive.

When the client's user pool is defined in the same template, a `custom:` attribute must also be
declared in the pool's `Schema`; when the pool is imported, any `custom:` name is accepted. Standard attributes that
cannot be written (`email_verified`, `phone_number_verified`, `sub`) are CG504.

## Why it matters
The service refuses the client ("Invalid write attributes specified while creating a client"), so
the deploy fails.

## Example
```yaml
WriteAttributes: [familyname, given_name]
```

## Fix
```yaml
WriteAttributes: [family_name, given_name]
```

## References
- User pool attributes (standard and custom): https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html
- CreateUserPoolClient, WriteAttributes: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
"""
from linter.rule_helpers import attributes

ID = "CG506"
NAME = "unknown-write-attribute"
LEVEL = "error"


def check(client, options):
    yield from attributes.unknown_names(client, "WriteAttributes")
