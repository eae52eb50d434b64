"""Callback and sign-out URLs on placeholder domains (example.com, *.test, your-domain.com).

## What it does
Reports an entry of `CallbackURLs` or `LogoutURLs` whose host is a placeholder or a subdomain of
one (case-insensitive, any scheme and port): the domains reserved for documentation
(`example.com`, `example.org`, `example.net`), the reserved top-level domains `.example`,
`.invalid` and `.test`, `localhost.localdomain`, and the registrable placeholders people write
(`your-domain.com`, `yourdomain.com`, `mydomain.com`, `domain.com`). The AWS CDK fills in
`https://example.com` as the callback URL when an OAuth client is defined without one, so this
finding is common in synthesized templates. Silent for a client whose only OAuth flow is
`client_credentials`: it never redirects a browser.

A parameter's `Default` (a Terraform variable's `default`) counts where the URL is otherwise
unknown: a placeholder default (`CallbackUrl` defaulting to `https://example.com/callback`) is
what deploys whenever the parameter is not given, and the message says "(with the default of
parameter CallbackUrl)"; make such a parameter required instead. A parameter without a default
stays unknown.

## Why it matters
Nobody's application runs on a reserved domain: a placeholder callback means the sign-in flow ends
on a page you do not control, or the real URL was never configured. A registrable placeholder is
worse: `your-domain.com` is an ordinary domain that someone else can own, and Cognito redirects
there with an authorization code (or, with the implicit grant, the tokens).

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
- RFC 2606 (reserved top-level and example second-level domains): https://www.rfc-editor.org/rfc/rfc2606
- RFC 6761 section 6 (special-use domain names): https://www.rfc-editor.org/rfc/rfc6761#section-6
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
    if not urls.redirect_possible(client):
        return  # a client_credentials client never redirects: its URLs are unused
    for path, field, url, note in urls.redirect_urls_where(client, urls.placeholder_domain):
        domain, registrable = urls.placeholder_domain(url)
        if registrable:
            why = (f"a placeholder that is also an ordinary domain: someone else can own {domain} and receive "
                   "the redirects, with their codes or tokens")
        else:
            why = "a domain reserved for examples: nobody's application runs there"
        yield Problem(path, f"{client.wording.name(field)} entry '{urls.shown(url)}'{note} is on {domain}, {why}. "
                            "Replace it with your application's real URL.")
