"""The code and implicit OAuth flows need at least one callback URL.

## What it does
Reports a client whose `AllowedOAuthFlows` contains `code` or `implicit` while `CallbackURLs` is
missing or empty (after `AWS::NoValue` items are removed).

Parameter defaults are not used: a list given by a parameter (`!Ref CallbackUrls`) is set,
whatever its default.

## Why it matters
Both flows end by redirecting the browser to a registered callback URL; without one there is
nowhere to send the code or tokens. The service rejects the client ("CallbackUrls can not be empty
when code flow or implicit flow is selected"), so the deploy fails.

## Example
```yaml
AllowedOAuthFlowsUserPoolClient: true
AllowedOAuthFlows: [code]
AllowedOAuthScopes: [openid]
```

## Fix
```yaml
AllowedOAuthFlowsUserPoolClient: true
AllowedOAuthFlows: [code]
AllowedOAuthScopes: [openid]
CallbackURLs:
  - https://app.example.com/callback
```

## References
- CreateUserPoolClient, AllowedOAuthFlows and CallbackURLs: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- RFC 6749 section 3.1.2 (clients must register their redirection endpoint): https://www.rfc-editor.org/rfc/rfc6749#section-3.1.2
"""
from linter.rule import Problem

ID = "CG205"
NAME = "missing-callback-urls"
LEVEL = "error"


def check(client, options):
    flows = client.AllowedOAuthFlows
    if not isinstance(flows, list):
        return
    browser_flows = [f for f in ("code", "implicit") if f in flows]
    callbacks = client.CallbackURLs
    if not browser_flows or (callbacks is not None and not isinstance(callbacks, list)) or callbacks:
        return
    words = client.wording
    state = "is empty" if callbacks is not None else "is missing"
    yield Problem(("CallbackURLs",),
                  f"{words.name('AllowedOAuthFlows')} has {' and '.join(browser_flows)} but "
                  f"{words.name('CallbackURLs')} {state}; the service rejects this. Add the URL(s) the app "
                  "receives the sign-in response at.")
