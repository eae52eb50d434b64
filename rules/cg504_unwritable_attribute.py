"""WriteAttributes must not list attributes that only Cognito may set.

## What it does
Reports `email_verified`, `phone_number_verified` or `sub` in `WriteAttributes`.

Also reports a custom attribute that the client's user pool, defined in the same template,
declares with `Mutable: false` (when the pool is imported its schema is unknown: no finding).
Terraform modules (every `.tf` file of the folder) are read the same way as templates.

## Why it matters
The service refuses the client ("Invalid write attributes specified while creating a client"), so
the deploy fails. The verification flags are set by Cognito when a user confirms a code, and `sub`
is the user's permanent identifier: if users could write them, they could claim an address they do
not own or take another identity.

## Example
```yaml
WriteAttributes: [email, email_verified]
```

## Fix
```yaml
WriteAttributes: [email]
```

## References
- User pool attributes (verification, standard attributes): https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html
- CreateUserPoolClient, WriteAttributes: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
"""
from linter.model.service import UNWRITABLE_ATTRIBUTES
from linter.rule import Problem
from linter.rule_helpers import attributes

ID = "CG504"
NAME = "unwritable-attribute"
LEVEL = "error"
TAGS = ["security"]


def check(client, options):
    words = client.wording
    field = words.name("WriteAttributes")
    for index, name in attributes.listed_names(client.WriteAttributes):
        reason = UNWRITABLE_ATTRIBUTES.get(name)
        if reason:
            yield Problem(("WriteAttributes", index),
                          f"{field} lists '{name}', which app clients cannot write ({reason}); "
                          "the service rejects the client (\"Invalid write attributes specified\"). "
                          f"Remove '{name}'.")
        elif attributes.immutable(client, name):
            pool = client.template.pool.logical_id
            yield Problem(("WriteAttributes", index),
                          f"{field} lists '{name}', which user pool {pool} declares with "
                          f"{words.immutable_attribute()}; the service rejects the client (\"Invalid write "
                          f"attributes specified\"). Remove '{name}', or make the attribute mutable (that "
                          "replaces the pool).")
