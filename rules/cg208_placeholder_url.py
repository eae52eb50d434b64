"""Callback and sign-out URLs on example.com/.org/.net are placeholders.

## What it does
Reports an entry of `CallbackURLs` or `LogoutURLs` whose host is `example.com`, `example.org`,
`example.net` or a subdomain of one (case-insensitive, any scheme and port). The AWS CDK fills in
`https://example.com` as the callback URL when an OAuth client is defined without one, so this
finding is common in synthesized templates.

## Why it matters
These domains are reserved for documentation; nobody's application runs there. A placeholder
callback means the sign-in flow ends on a page you do not control, or the real URL was never
configured. Because Cognito redirects there with an authorization code, registering a domain you
do not own is a bad default to ship.

## Example
```yaml
CallbackURLs:
  - https://example.com
```

## Fix
```yaml
CallbackURLs:
  - https://app.mycompany.com/callback
```
In the CDK, set `oAuth.callbackUrls` (and `logoutUrls`) explicitly.
No automatic fix: only you know the URL the app really uses.

## References
- RFC 2606 section 3 (reserved example second-level domains): https://www.rfc-editor.org/rfc/rfc2606#section-3
- AWS CDK UserPoolClient OAuthSettings, callbackUrls default: https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_cognito.OAuthSettings.html
- CreateUserPoolClient, CallbackURLs: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
"""
from linter.rule import Problem
from linter.rule_helpers import urls

ID = "CG208"
NAME = "placeholder-url"
LEVEL = "warning"
TAGS = ["security"]


def check(client, options):
    for path, field, url in urls.redirect_urls(client):
        domain = urls.placeholder_domain(url)
        if domain:
            yield Problem(path, f"{client.wording.name(field)} entry '{urls.shown(url)}' is on {domain}, a domain "
                                "reserved for examples: nobody's application runs there. Replace it with your "
                                "application's real URL.")
