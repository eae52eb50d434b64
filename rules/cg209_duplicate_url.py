"""The same URL listed twice in CallbackURLs or in LogoutURLs.

## What it does
Reports every repetition of a URL within `CallbackURLs`, and within `LogoutURLs`, pointing at the
second (and any later) occurrence. URLs are compared exactly as Cognito compares them: a different
letter case or a trailing slash makes a different URL. Two `Fn::Sub` URLs with the same text are
the same URL; unresolved values are never duplicates of anything. Silent for a client whose only OAuth flow is `client_credentials`: it never redirects a browser.

Parameter defaults are not used: two parameters with the same default are there to be given
different values per environment.

## Why it matters
A duplicate does nothing except take one of the 100 allowed slots, and it is usually a sign of a
copy-and-paste mistake: the entry was meant to be a different URL (another stage, another host).

## Example
```yaml
CallbackURLs:
  - https://app.example.com/callback
  - https://app.example.com/callback
```

## Fix
```yaml
CallbackURLs:
  - https://app.example.com/callback
  - https://staging.app.example.com/callback
```
Automatic fix (safe): `--fix` removes the repeated entry (a literal URL, not one built from
parameters or variables). Safe: the list allows the same URLs without it. If the repetition was
meant to be another URL, add that one yourself.

## References
- CreateUserPoolClient, CallbackURLs and LogoutURLs: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
"""
from linter.model import Template
from linter.rule import SAFE, Edit, Fix, Problem
from linter.rule_helpers import urls

ID = "CG209"
NAME = "duplicate-url"
LEVEL = "note"


def check(client, options):
    if not urls.redirect_possible(client):
        return  # a client_credentials client never redirects: its URLs are unused
    first: dict[tuple, int] = {}
    for path, field, url in urls.redirect_urls(client):
        if not isinstance(url, (str, Template)):
            continue
        key = (field, url.text if isinstance(url, Template) else url, isinstance(url, Template))
        if key in first:
            yield Problem(path, f"{client.wording.name(field)} lists '{urls.shown(url)}' again (first at position "
                                f"{first[key] + 1}); remove the duplicate or correct it to the URL you meant.",
                          fix=Fix((Edit.remove(path),), SAFE, f"Remove the repeated '{urls.shown(url)}'")
                          if isinstance(url, str) else None)
        else:
            first[key] = path[1]
