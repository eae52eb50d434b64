"""Access and ID tokens that live longer than your policy allows.

## What it does
Reports an access or ID token whose validity, after unit conversion, is above a policy maximum:
60 minutes unless you set the option `max-access-token-minutes`. An omitted validity counts as the
service default of 1 hour, so a stricter policy also flags clients that leave it out.

Validities the service would refuse anyway are left to CG301 and CG004.

## Why it matters
Access and ID tokens are bearer tokens that cannot be revoked one by one: whoever holds a copy can
use it until it expires, even after the user signs out. Short-lived tokens, renewed with the refresh
token, shrink that window.

## Example
```yaml
AccessTokenValidity: 12
TokenValidityUnits:
  AccessToken: hours
```

## Fix
```yaml
AccessTokenValidity: 60
TokenValidityUnits:
  AccessToken: minutes
```

## References
- Using the access token: https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html
- TokenValidityUnitsType: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_TokenValidityUnitsType.html
- RFC 9700 section 4.10 (access token privilege restriction) and section 2.2.2
"""
from linter.rule import Problem
from linter.rule_helpers import tokens

ID = "CG305"
NAME = "long-lived-access-token"
LEVEL = "note"
TAGS = ["security", "policy"]
OPTIONS = {"max-access-token-minutes": 60}


def check(client, options):
    limit = tokens.policy_limit(options, "max-access-token-minutes", 60)
    for validity in tokens.longer_than(client, ("AccessToken", "IdToken"), limit * 60):
        yield Problem(
            validity.path,
            f"{validity.statement(client.wording)}, above the policy maximum of "
            f"{tokens.duration(limit * 60, 'minutes')} (option max-access-token-minutes). A leaked "
            f"{tokens.TOKEN_NAMES[validity.token]} stays usable that long; shorten it and let the refresh "
            "token renew it.",
        )
