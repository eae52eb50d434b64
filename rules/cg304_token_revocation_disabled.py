"""Keep token revocation on.

## What it does
Reports `EnableTokenRevocation: false`.

## Why it matters
With revocation off, signing a user out (GlobalSignOut, RevokeToken) does not invalidate their
refresh token: a stolen refresh token keeps minting new access tokens until it expires, which is
30 days by default. Revocation is on by default for new clients; turning it off buys nothing.

## Example
```yaml
EnableTokenRevocation: false
```

## Fix
```yaml
EnableTokenRevocation: true
```
Automatic fix (unsafe): `--fix --unsafe-fixes` writes `true`. Unsafe because it changes what the
deployed client does: signing out (or RevokeToken) then ends the user's refresh tokens, which an
app may not expect.

## References
- Revoking tokens: https://docs.aws.amazon.com/cognito/latest/developerguide/token-revocation.html
- Security best practices for Amazon Cognito user pools: https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-security-best-practices.html
"""
from linter.rule import UNSAFE, Edit, Fix, Problem

ID = "CG304"
NAME = "token-revocation-disabled"
LEVEL = "warning"
TAGS = ["security"]


def check(client, options):
    if client.EnableTokenRevocation is False:
        words = client.wording
        yield Problem(("EnableTokenRevocation",),
                      f"{words.name('EnableTokenRevocation')} is {words.value(False)}: refresh tokens stay valid "
                      f"after sign-out. Set it to {words.value(True)} (the default).",
                      fix=Fix((Edit.set(("EnableTokenRevocation",), True),), UNSAFE,
                              f"Set {words.setting('EnableTokenRevocation', True)}"))
