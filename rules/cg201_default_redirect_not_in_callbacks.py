"""DefaultRedirectURI must be one of the CallbackURLs.

## What it does
Reports a `DefaultRedirectURI` that is not exactly (character for character) one of the client's
`CallbackURLs`, including when `CallbackURLs` is missing.

Parameter defaults are not used: the default redirect and the callbacks are set per
environment, usually together, and a default of one compared with the other's would describe a
deployment nobody makes. A `!Ref`/`${Param}` value is compared as unknown (it may be equal).

## Why it matters
The service rejects the client ("The default redirect URI ... is not in the callback URIs list"),
so the deploy fails. Matching is exact: a trailing slash or a different letter case is a different URL.

## Example
```yaml
CallbackURLs: [https://app.example.com/callback]
DefaultRedirectURI: https://app.example.com/callback/
```

## Fix
```yaml
CallbackURLs: [https://app.example.com/callback]
DefaultRedirectURI: https://app.example.com/callback
```
Automatic fix (safe): `--fix` adds the `DefaultRedirectURI` to the end of `CallbackURLs` (creating
the list when it is missing), when it is written as a literal. Safe: the service rejects the
client as it is, and the fix makes the URL you already named the default a permitted callback.
When the default is the mistake (a typo of a callback), correct it instead.

## References
- CreateUserPoolClient, DefaultRedirectURI: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- RFC 6749 section 3.1.2 (redirection endpoint)
"""
from linter.model import Template, Unknown, may_equal
from linter.rule import SAFE, Edit, Fix, Problem

ID = "CG201"
NAME = "default-redirect-not-in-callbacks"
LEVEL = "error"


def check(client, options):
    default = client.DefaultRedirectURI
    if default is None or (isinstance(default, Unknown) and not isinstance(default, Template)):
        return
    callbacks = client.CallbackURLs
    if isinstance(callbacks, Unknown):
        return
    callbacks = callbacks or []
    # Report only when every callback is certainly different (an unknown one might be the default).
    if any(may_equal(default, c) for c in callbacks):
        return
    words = client.wording
    shown = default.text if isinstance(default, Template) else default
    listed = words.name("CallbackURLs")
    where = f"is not one of the {listed}" if callbacks else f"is set but {listed} is empty"
    yield Problem(("DefaultRedirectURI",),
                  f"{words.name('DefaultRedirectURI')} '{shown}' {where}; the service rejects this. "
                  f"Add it to {listed} exactly as written, or change it to one of them.",
                  fix=Fix((Edit.append(("CallbackURLs",), default),), SAFE, f"Add '{default}' to {listed}")
                  if isinstance(default, str) else None)
