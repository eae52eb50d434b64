"""Callback, sign-out and default redirect URLs must use HTTPS (except loopback).

## What it does
Reports an entry of `CallbackURLs`, `LogoutURLs` or the `DefaultRedirectURI` that uses `http://`
with a host other than `localhost`, `127.0.0.1` or `[::1]`. Custom schemes for native apps
(`myapp://callback`, `com.example.app:/cb`) are fine.

A parameter's `Default` (a Terraform variable's `default`) counts where the URL is otherwise
unknown: `!Sub "http://${SiteHost}/auth"` with `SiteHost` defaulting to `www.fabrikam.io` is
reported "(with the default of parameter SiteHost)", since that is what deploys unless someone
overrides it, and the deploy fails on it. A parameter without a default stays unknown, and
`AllowedValues` are not defaults.

## Why it matters
The service rejects such URLs ("... cannot use the HTTP protocol"), so the deploy fails. And the
authorization code or tokens sent to that URL would travel in clear text.

## Example
```yaml
CallbackURLs:
  - http://app.example.com/callback
```

## Fix
```yaml
CallbackURLs:
  - https://app.example.com/callback
```
Automatic fix (unsafe): `--fix --unsafe-fixes` writes `https` for `http` (a URL written as a
literal, not one built from parameters or variables). Unsafe because only you know whether the
host serves the same path over HTTPS; the deploy works either way.

## References
- CreateUserPoolClient, CallbackURLs: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- RFC 8252 section 7.3 (loopback redirection), RFC 9700 section 4.1 (redirect URIs)
"""
from linter.rule import UNSAFE, Edit, Fix, Problem
from linter.rule_helpers import urls

ID = "CG202"
NAME = "insecure-url-scheme"
LEVEL = "error"
TAGS = ["security"]


def check(client, options):
    for path, field, url, note in urls.redirect_urls_where(client, _insecure, default=True):
        fix = None
        if isinstance(url, str):
            secure = "https:" + url.split(":", 1)[1]
            fix = Fix((Edit.set(path, secure),), UNSAFE, f"Write {secure}")
        yield Problem(path, f"{client.wording.name(field)} entry '{urls.shown(url)}'{note} uses http://; the service "
                            "allows http only for localhost, 127.0.0.1 and [::1]. Use https://.", fix=fix)


def _insecure(url):
    return urls.scheme(url) == "http" and urls.is_loopback(url) is False
