"""OAuth clients must declare sign-out URLs.

## What it does
Reports an OAuth-enabled client without LogoutURLs.

## Why it matters
Without a sign-out URL the hosted UI cannot end the session cleanly.

## Example
```yaml
AllowedOAuthFlowsUserPoolClient: true
```

## Fix
```yaml
LogoutURLs: [https://app.example.com/bye]
```

## References
- Team policy
"""
ID = "TEAM001"
NAME = "require-logout-urls"
LEVEL = "error"


def check(client, options):
    if client.AllowedOAuthFlowsUserPoolClient is True and not client.LogoutURLs:
        yield ("LogoutURLs",), "OAuth client has no LogoutURLs; add the URL users land on after signing out"
