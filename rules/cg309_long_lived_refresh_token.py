"""Refresh tokens that live longer than your policy allows.

## What it does
Reports a refresh token validity, after unit conversion, above a policy maximum: 30 days unless you
set the option `max-refresh-token-days`. An omitted validity counts as the service default of 30
days, so a stricter policy also flags clients that leave it out.

Validities the service would refuse anyway are left to CG301 and CG004, and a validity of 0 to
CG303.

## Why it matters
A refresh token mints new access and ID tokens until it expires, so its lifetime is how long a
stolen session keeps working. Long lifetimes are sometimes wanted (mobile apps); make it a choice,
and pair it with token revocation and rotation.

## Example
```yaml
RefreshTokenValidity: 3650
```

## Fix
```yaml
RefreshTokenValidity: 30
TokenValidityUnits:
  RefreshToken: days
```

## References
- Using the refresh token: https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html
- TokenValidityUnitsType: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_TokenValidityUnitsType.html
- RFC 9700 section 4.14 (refresh token protection)
"""
from linter.rule import Problem
from linter.rule_helpers import tokens

ID = "CG309"
NAME = "long-lived-refresh-token"
LEVEL = "note"
TAGS = ["security", "policy"]
OPTIONS = {"max-refresh-token-days": 30}


def check(client, options):
    limit = tokens.policy_limit(options, "max-refresh-token-days", 30)
    for validity in tokens.longer_than(client, ("RefreshToken",), limit * 86400):
        yield Problem(
            validity.path,
            f"{validity.statement(client.wording)}, above the policy maximum of "
            f"{tokens.duration(limit * 86400, 'days')} (option max-refresh-token-days). A stolen refresh "
            "token keeps a session alive that long; shorten it, or raise the option if the lifetime is intended.",
        )
