"""Turn on PreventUserExistenceErrors.

## What it does
Reports `PreventUserExistenceErrors: LEGACY`, and an app client that omits the property (the
service default is `LEGACY`). A missing property is reported at the client (the resource's logical
ID in a template).

## Why it matters
In `LEGACY` mode sign-in answers `UserNotFoundException` for an unknown user name and
`NotAuthorizedException` for a wrong password, and password recovery and confirmation behave
differently for existing and unknown users. An attacker can use that to find out which user names
or email addresses have accounts, then target them with password guessing or phishing. With
`ENABLED` the service answers the same way in both cases.

## Example
```yaml
PreventUserExistenceErrors: LEGACY
```

## Fix
```yaml
PreventUserExistenceErrors: ENABLED
```
Automatic fix (unsafe): `--fix --unsafe-fixes` sets `ENABLED`, adding the property where it is
omitted. Unsafe because the deployed client then answers differently: an app that tells "no such
user" from "wrong password" by the error it gets can no longer do so.

## References
- Managing user existence error responses: https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html
- CreateUserPoolClient, PreventUserExistenceErrors: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- Security best practices for Amazon Cognito user pools: https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-security-best-practices.html
"""
from linter.rule import UNSAFE, Edit, Fix, Problem

ID = "CG406"
NAME = "user-existence-errors-not-prevented"
LEVEL = "warning"
TAGS = ["security"]


def check(client, options):
    value = client.PreventUserExistenceErrors
    if value is None and client.kind == "api-update":
        return  # an omitted field in an Update payload is CG701's finding (one problem, one finding)
    words = client.wording
    field = words.name("PreventUserExistenceErrors")
    fix = f"Set {words.setting('PreventUserExistenceErrors', 'ENABLED')}."
    change = Fix((Edit.set(("PreventUserExistenceErrors",), "ENABLED"),), UNSAFE, fix[:-1])
    if value is None:
        yield Problem(("PreventUserExistenceErrors",),
                      f"{field} is omitted (default LEGACY): sign-in and password recovery errors reveal which "
                      f"users exist. {fix}", fix=change)
    elif value == "LEGACY":
        yield Problem(("PreventUserExistenceErrors",),
                      f"{field} is LEGACY: sign-in and password recovery errors reveal which users exist. {fix}",
                      fix=change)
