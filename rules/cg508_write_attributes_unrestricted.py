"""Say which attributes users may change.

## What it does
Reports a client without `WriteAttributes`. Machine-to-machine clients (whose only OAuth flow is
`client_credentials`) have no signed-in users, and confidential clients (with a secret, e.g. behind
an Application Load Balancer) keep the user's tokens on the server: neither is reported.

## Why it matters
When `WriteAttributes` is left out, a signed-in user can change every writable standard attribute
of their own profile with their access token, `email` and `phone_number` included. An
application that trusts the `email` claim to identify users or to grant access can then be fooled by a user who changes their address. Listing the attributes makes
the choice visible.

## Example
```yaml
ReadAttributes: [email, name]
```

## Fix
```yaml
ReadAttributes: [email, name]
WriteAttributes: [name]
```
No automatic fix: which attributes users may change is the app's decision.

## References
- User pool attributes (attribute permissions): https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html
- CreateUserPoolClient, WriteAttributes: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
"""
from linter.model import Unknown
from linter.rule import Problem

ID = "CG508"
NAME = "write-attributes-unrestricted"
LEVEL = "note"
TAGS = ["security"]


def check(client, options):
    flows = client.AllowedOAuthFlows
    if isinstance(flows, Unknown) or (isinstance(flows, list) and any(isinstance(f, Unknown) for f in flows)):
        return  # an unknown flow may be client_credentials
    if flows == ["client_credentials"] or client.has_secret() is not False:
        return  # no signed-in users, or (perhaps) a confidential client
    if client.kind == "api-update":
        return  # an omitted field in an Update payload is CG701's finding (one problem, one finding)
    if client.WriteAttributes is None:
        words = client.wording
        yield Problem(("WriteAttributes",),
                      f"{words.name('WriteAttributes')} is not set, so signed-in users can change all their "
                      "attributes, email and phone_number included. List the attributes users may "
                      f"change (e.g. {words.setting('WriteAttributes', ['name', 'locale'])}).")
