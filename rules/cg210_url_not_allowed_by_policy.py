"""Callback and sign-out URLs must be on hosts your policy allows.

## What it does
A policy rule, off until you configure it. With the option `allowed-url-hosts` (a list of
host globs such as `app.mycompany.com` or `*.mycompany.com`), it reports every `http://` or
`https://` entry of `CallbackURLs` or `LogoutURLs` whose host matches none of them.

Globs follow Python's `fnmatch`, case-insensitively, against the host alone (no scheme, no
port): `*` matches any characters including dots, so `*.mycompany.com` matches
`a.b.mycompany.com` but **not** `mycompany.com` itself — list the apex separately. Write an IPv6
host as `[::1]` or `::1`. Custom-scheme URLs (`myapp://callback`) and URLs whose host is not
known (`https://${Domain}/cb`) are not checked. An empty list (the default) reports nothing. Silent for a client whose only OAuth flow is `client_credentials`: it never redirects a browser.

Parameter defaults are not used: the policy guards the hosts of the environments it is run
for, and a default is often the development host that those environments override.

## Why it matters
Where Cognito may send authorization codes is a security boundary. An organisation that only
serves its apps from its own domains can enforce that every client's redirects stay there, and
catch a typo'd, third-party or forgotten test host before it is deployed.

## Example
With `allowed-url-hosts: ["*.mycompany.com"]`:
```yaml
CallbackURLs:
  - https://app.mycompany.com/callback
  - https://myapp.vercel.app/callback
```

## Fix
```yaml
CallbackURLs:
  - https://app.mycompany.com/callback
```
Or add the host to `allowed-url-hosts` if it really belongs to you.

## References
- RFC 9700 section 4.1 (insufficient redirect URI validation): https://www.rfc-editor.org/rfc/rfc9700#section-4.1
- CreateUserPoolClient, CallbackURLs and LogoutURLs: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- Python fnmatch: https://docs.python.org/3/library/fnmatch.html
"""
from linter.rule import Problem
from linter.rule_helpers import urls

ID = "CG210"
NAME = "url-not-allowed-by-policy"
LEVEL = "error"
TAGS = ["security", "policy"]
OPTIONS = {"allowed-url-hosts": []}


def check(client, options):
    patterns = urls.host_patterns(options.get("allowed-url-hosts"))
    if not patterns or not urls.redirect_possible(client):
        return
    for path, field, url in urls.redirect_urls(client):
        if urls.scheme(url) not in ("http", "https"):
            continue
        host = urls.normal_host(url)
        if host is not None and not urls.host_allowed(host, patterns):
            yield Problem(path, f"{client.wording.name(field)} entry '{urls.shown(url)}' has host '{host}', which "
                                f"allowed-url-hosts ({', '.join(patterns)}) does not allow. Use an allowed host or "
                                "extend the policy.")
