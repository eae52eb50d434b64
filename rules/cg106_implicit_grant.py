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

Automatic fix (unsafe): `--fix --unsafe-fixes` removes `implicit` from the list, or replaces it
with `code` when it is the only flow. Unsafe because the app must change with it: it stops
receiving tokens in the redirect and has to exchange a code for them. Not offered when the list
holds a value that is not known.

## References
- CreateUserPoolClient, AllowedOAuthFlows: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- RFC 9700 section 2.1.2 (implicit grant) and section 4.3
- RFC 8252 section 8.2 (native apps: no implicit grant)
- Authorize endpoint (PKCE parameters): https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html
"""
from linter.model.values import fully_known
from linter.rule import UNSAFE, Edit, Fix, Problem
from linter.rule_helpers.flows import first_index

ID = "CG106"
NAME = "implicit-grant"
LEVEL = "warning"
TAGS = ["security"]


def check(client, options):
    flows = client.AllowedOAuthFlows
    index = first_index(flows, ("implicit",))
    if index is not None:
        yield Problem(("AllowedOAuthFlows", index),
                      f"{client.wording.name('AllowedOAuthFlows')} has implicit: tokens are returned in the "
                      "redirect URL. Use the code flow (with PKCE for clients without a secret) and remove implicit.",
                      fix=_fix(client, flows))


def _fix(client, flows):
    """Remove every implicit; when nothing else is left, the first becomes code."""
    if not fully_known(flows):
        return None
    implicit = [i for i, flow in enumerate(flows) if flow == "implicit"]
    field = client.wording.name("AllowedOAuthFlows")
    if len(implicit) < len(flows):
        return Fix(tuple(Edit.remove(("AllowedOAuthFlows", i)) for i in implicit), UNSAFE,
                   f"Remove implicit from {field}")
    return Fix((Edit.set(("AllowedOAuthFlows", implicit[0]), "code"),)
               + tuple(Edit.remove(("AllowedOAuthFlows", i)) for i in implicit[1:]), UNSAFE,
               f"Replace implicit with code in {field}")
