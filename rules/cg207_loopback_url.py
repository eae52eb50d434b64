"""Loopback callback and sign-out URLs belong to development, not production.

## What it does
Reports an entry of `CallbackURLs` or `LogoutURLs` whose host is `localhost`, `127.0.0.1` or
`[::1]` (any scheme, any port). Set the option `allow-loopback: true` for files that only
describe development clients. Silent for a client whose only OAuth flow is `client_credentials`: it never redirects a browser.

Parameter defaults are not used: a loopback default (`http://localhost:3000/callback`) is the
usual development value that the other environments override, so it says nothing about a
production client.

## Why it matters
A loopback redirect sends the authorization code to whatever listens on that port of the user's
own machine. In a development client that is the developer's server; in a production client it
is any local process that binds the port first. It is also often left over by accident when a
development template is promoted.

## Example
```yaml
CallbackURLs:
  - https://app.example.com/callback
  - http://localhost:3000/callback
```

## Fix
Keep loopback URLs in a separate development client (or behind a condition):
```yaml
CallbackURLs:
  - https://app.example.com/callback
```

## References
- RFC 8252 section 7.3 (loopback interface redirection, for native apps): https://www.rfc-editor.org/rfc/rfc8252#section-7.3
- CreateUserPoolClient, CallbackURLs (http is allowed for localhost for testing only): https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
"""
from linter.rule import Problem
from linter.rule_helpers import urls

ID = "CG207"
NAME = "loopback-url"
LEVEL = "note"
OPTIONS = {"allow-loopback": False}


def check(client, options):
    if options.get("allow-loopback") is True or not urls.redirect_possible(client):
        return  # allowed, or a client_credentials client that never redirects
    for path, field, url in urls.redirect_urls(client):
        if urls.is_loopback(url):
            yield Problem(path, f"{client.wording.name(field)} entry '{urls.shown(url)}' is a loopback URL: fine "
                                "for development, not for a production client. Move it to a development client, "
                                "or set allow-loopback if this file is development-only.")
