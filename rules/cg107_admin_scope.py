"""Think twice before granting the aws.cognito.signin.user.admin scope.

## What it does
Reports `aws.cognito.signin.user.admin` in `AllowedOAuthScopes`. Silent on a `client_credentials` client, where CG103 reports the scope as an error.

## Why it matters
An access token with this scope authorizes the user-pools API operations a user can perform on
their own account: reading and changing their attributes, changing the password, managing devices
and MFA, deleting the user. Anyone holding such a token (for example one leaked by a compromised
front end) can do all of that. If users may change attributes that the app trusts (such as
`email` or a custom role attribute), they can also change what the app believes about them. Most
web apps only need `openid` (and `email`/`profile`).

## Example
```yaml
AllowedOAuthScopes: [openid, email, aws.cognito.signin.user.admin]
```

## Fix
```yaml
AllowedOAuthScopes: [openid, email]
```
Keep the scope only on a client whose app really calls the self-service user APIs, and restrict
`WriteAttributes` on it.

## References
- CreateUserPoolClient, AllowedOAuthScopes: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- Scopes (aws.cognito.signin.user.admin): https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-define-resource-servers.html
- Understanding the access token: https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html
"""
from linter.model.service import ADMIN_SCOPE
from linter.rule import Problem
from linter.rule_helpers.flows import first_index, machine_client

ID = "CG107"
NAME = "admin-scope"
LEVEL = "warning"
TAGS = ["security"]


def check(client, options):
    if machine_client(client):
        return  # on a client_credentials client the scope is CG103's error (one problem, one finding)
    index = first_index(client.AllowedOAuthScopes, (ADMIN_SCOPE,))
    if index is not None:
        yield Problem(("AllowedOAuthScopes", index),
                      f"{client.wording.name('AllowedOAuthScopes')} has {ADMIN_SCOPE}: its access tokens can call "
                      "the user's self-service APIs (change attributes, password, MFA, delete the user). "
                      "Remove the scope unless the app needs those calls.")
