"""Callback and sign-out URLs on example.com/.org/.net are placeholders.

## What it does
Reports an entry of `CallbackURLs` or `LogoutURLs` whose host is `example.com`, `example.org`,
`example.net` or a subdomain of one (case-insensitive, any scheme and port). The AWS CDK fills in
`https://example.com` as the callback URL when an OAuth client is defined without one, so this
finding is common in synthesized templates.

A parameter's `Default` (a Terraform variable's `default`) counts where the URL is otherwise
unknown: a placeholder default (`CallbackUrl` defaulting to `https://example.com/callback`) is
what deploys whenever the parameter is not given, and the message says "(with the default of
parameter CallbackUrl)"; make such a parameter required instead. A parameter without a default
stays unknown.

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
    for path, field, url, note in urls.redirect_urls_where(client, urls.placeholder_domain):
        domain = urls.placeholder_domain(url)
        yield Problem(path, f"{client.wording.name(field)} entry '{urls.shown(url)}'{note} is on {domain}, a domain "
                            "reserved for examples: nobody's application runs there. Replace it with your "
                            "application's real URL.")
