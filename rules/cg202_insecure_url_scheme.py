"""Callback, sign-out and default redirect URLs must use HTTPS (except loopback).

## What it does
Reports an entry of `CallbackURLs`, `LogoutURLs` or the `DefaultRedirectURI` that uses `http://`
with a host other than `localhost`, `127.0.0.1` or `[::1]`. Custom schemes for native apps
(`myapp://callback`, `com.example.app:/cb`) are fine.

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

## References
- CreateUserPoolClient, CallbackURLs: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- RFC 8252 section 7.3 (loopback redirection), RFC 9700 section 4.1 (redirect URIs)
"""
from linter import urls
from linter.rule import Problem

ID = "CG202"
NAME = "insecure-url-scheme"
LEVEL = "error"
TAGS = ["security"]


def check(client, options):
    for field in ("CallbackURLs", "LogoutURLs"):
        values = getattr(client, field)
        if isinstance(values, list):
            for index, url in enumerate(values):
                if _insecure(url):
                    yield Problem((field, index), _message(field, url))
    if _insecure(client.DefaultRedirectURI):
        yield Problem(("DefaultRedirectURI",), _message("DefaultRedirectURI", client.DefaultRedirectURI))


def _insecure(url) -> bool:
    return urls.scheme(url) == "http" and urls.is_loopback(url) is False


def _message(field: str, url) -> str:
    shown = getattr(url, "text", url)
    return (f"{field} entry '{shown}' uses http://; the service allows http only for localhost, "
            "127.0.0.1 and [::1]. Use https://.")
