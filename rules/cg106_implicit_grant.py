"""Do not use the OAuth implicit grant.

## What it does
Reports `implicit` in `AllowedOAuthFlows`.

## Why it matters
The implicit grant returns the access and ID tokens in the redirect URL fragment: they end up in
browser history, can leak through referrers and logs, and cannot be bound to the client that asked
for them. The OAuth 2.0 Security Best Current Practice (RFC 9700) says clients should not use it.
The authorization code grant with PKCE gives single-page and native apps the same result without
tokens in URLs.

## Example
```yaml
AllowedOAuthFlowsUserPoolClient: true
AllowedOAuthFlows: [implicit]
AllowedOAuthScopes: [openid]
CallbackURLs: [https://app.example.com/callback]
```

## Fix
```yaml
AllowedOAuthFlowsUserPoolClient: true
AllowedOAuthFlows: [code]
AllowedOAuthScopes: [openid]
CallbackURLs: [https://app.example.com/callback]
```
Use PKCE (`code_challenge`) in the app when the client has no secret.

## References
- CreateUserPoolClient, AllowedOAuthFlows: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- RFC 9700 section 2.1.2 (implicit grant) and section 4.3
- RFC 8252 section 8.2 (native apps: no implicit grant)
- Authorize endpoint (PKCE parameters): https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html
"""
from linter.rule import Problem
from linter.rule_helpers.flows import first_index

ID = "CG106"
NAME = "implicit-grant"
LEVEL = "warning"
TAGS = ["security"]


def check(client, options):
    index = first_index(client.AllowedOAuthFlows, ("implicit",))
    if index is not None:
        yield Problem(("AllowedOAuthFlows", index),
                      f"{client.wording.name('AllowedOAuthFlows')} has implicit: tokens are returned in the "
                      "redirect URL. Use the code flow (with PKCE for clients without a secret) and remove implicit.")
