"""Callback and sign-out URLs are matched exactly: a `*` never works as a wildcard.

## What it does
Reports an entry of `CallbackURLs` or `LogoutURLs` that contains `*` anywhere (host, path or
query), including in the literal text of a `Fn::Sub` URL. Silent for a client whose only OAuth flow is `client_credentials`: it never redirects a browser.

A parameter's `Default` (a Terraform variable's `default`) counts where the URL is otherwise
unknown (`!Sub "https://${AppHost}/cb"` with `AppHost` defaulting to `*.fabrikam.io`): it is what
deploys unless overridden, and the message says "(with the default of parameter AppHost)". A
parameter without a default stays unknown.

## Why it matters
Cognito compares the `redirect_uri` of a request with the registered URLs character for
character. `https://*.example.com/callback` is not a pattern: it only matches a request for that
literal string, which no browser sends, so sign-in fails for every real host. It also shows that
the author expected pattern matching, which OAuth security guidance rules out: loose redirect
matching is a classic way to leak authorization codes to an attacker's page.

## Example
```yaml
CallbackURLs:
  - https://*.app.example.com/callback
```

## Fix
List every URL the app really uses (up to 100):
```yaml
CallbackURLs:
  - https://eu.app.example.com/callback
  - https://us.app.example.com/callback
```

## References
- RFC 9700 section 4.1.3 (redirect URIs must be compared by exact string matching): https://www.rfc-editor.org/rfc/rfc9700#section-4.1.3
- CreateUserPoolClient, CallbackURLs: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
"""
from linter.rule import Problem
from linter.rule_helpers import urls

ID = "CG206"
NAME = "wildcard-url"
LEVEL = "warning"
TAGS = ["security"]


def check(client, options):
    if not urls.redirect_possible(client):
        return  # a client_credentials client never redirects: its URLs are unused
    for path, field, url, note in urls.redirect_urls_where(client, urls.has_wildcard):
        yield Problem(path, f"{client.wording.name(field)} entry '{urls.shown(url)}'{note} contains '*', but Cognito "
                            "matches redirect URLs exactly, so it never acts as a wildcard. "
                            "List each real URL instead.")
