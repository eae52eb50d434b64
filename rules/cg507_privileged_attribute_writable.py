"""Users should not be able to write attributes that decide what they may do.

## What it does
Reports a custom attribute in `WriteAttributes` whose name (the part after `custom:`) suggests
authorization: `role`, `roles`, `group`, `groups`, `tenant`, `tenant_id`, `tenantId`, `admin`,
`permissions`, `plan` or `tier`. Case does not matter, and a term also matches as a word of a
longer name (`custom:userRole`, `custom:is_admin`, `custom:TENANT_ID`), but not as a mere
substring (`custom:planet`). The option `privileged-attributes` replaces the list of terms.

## Why it matters
`WriteAttributes` is what a signed-in user may change about themselves, with their own access token
(`UpdateUserAttributes`). If your backend or an authorizer trusts `custom:role` or
`custom:tenant_id` from the ID token, a user can make themselves an admin or move into another
tenant. Attributes that grant rights belong to an administrator (`AdminUpdateUserAttributes`).

## Example
```yaml
WriteAttributes: [name, custom:tenant_id]
```

## Fix
Keep the attribute readable, and set it from your backend only:
```yaml
ReadAttributes: [name, custom:tenant_id]
WriteAttributes: [name]
```

## References
- User pool attributes (attribute permissions and scopes): https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html
- UpdateUserAttributes: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserAttributes.html
- Multi-tenant application best practices: https://docs.aws.amazon.com/cognito/latest/developerguide/multi-tenant-application-best-practices.html
"""
from linter.rule import Problem
from linter.rule_helpers import attributes

ID = "CG507"
NAME = "privileged-attribute-writable"
LEVEL = "warning"
TAGS = ["security"]
OPTIONS = {"privileged-attributes": ["role", "roles", "group", "groups", "tenant", "tenant_id",
                                     "tenantId", "admin", "permissions", "plan", "tier"]}


def check(client, options):
    names = options.get("privileged-attributes", OPTIONS["privileged-attributes"])
    if isinstance(names, str):
        names = names.split(",")
    terms = [str(n).strip() for n in names if str(n).strip()]
    field = client.wording.name("WriteAttributes")
    for index, name in attributes.listed_names(client.WriteAttributes):
        custom = attributes.custom_name(name)
        term = attributes.matching_term(custom, terms) if custom is not None else None
        if term is not None:
            yield Problem(("WriteAttributes", index),
                          f"{field} lets signed-in users change '{name}' themselves, and its "
                          f"name suggests authorization ('{term}'): if anything trusts it, users can "
                          f"raise their own privileges. Remove it from {field} and set it with "
                          "AdminUpdateUserAttributes from your backend.")
