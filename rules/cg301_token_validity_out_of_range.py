"""Token validities must fall inside the service's range once their unit is applied.

## What it does
Converts each of `AccessTokenValidity`, `IdTokenValidity` and `RefreshTokenValidity` to a duration
with its unit from `TokenValidityUnits` (hours, hours and days when a unit is not given) and reports
a duration outside what the service accepts: 5 minutes to 1 day for access and ID tokens, 60 minutes
to 3650 days (10 years) for refresh tokens. The message states the converted duration.

A raw integer that the API itself refuses (access/ID outside 1–86400, refresh above 315360000) is
reported by CG004 instead, and a refresh validity of 0 by CG303.

## Why it matters
The deploy or API call fails with "Invalid range for token validity." The usual cause is a number
written for one unit and read in another: `AccessTokenValidity: 60` meant as minutes is 60 hours,
because the default unit of access and ID tokens is hours.

## Example
```yaml
AccessTokenValidity: 60
IdTokenValidity: 60
```

## Fix
Say which unit the numbers are in:
```yaml
AccessTokenValidity: 60
IdTokenValidity: 60
TokenValidityUnits:
  AccessToken: minutes
  IdToken: minutes
```

## References
- TokenValidityUnitsType (units, defaults and ranges): https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_TokenValidityUnitsType.html
- CreateUserPoolClient, AccessTokenValidity / IdTokenValidity / RefreshTokenValidity: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- AWS::Cognito::UserPoolClient: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolclient.html
"""
from linter.model.service import TOKENS
from linter.rule import Problem
from linter.rule_helpers import tokens

ID = "CG301"
NAME = "token-validity-out-of-range"
LEVEL = "error"


def check(client, options):
    words = client.wording
    for token in TOKENS:
        validity = tokens.validity(client, token)
        # Omitted values get the service default, which is always in range; a raw integer the
        # API refuses is CG004's, and RefreshTokenValidity 0 is CG303's.
        if validity is None or not validity.present or not validity.raw_ok:
            continue
        if token == "RefreshToken" and validity.value == 0:
            continue
        if validity.in_allowed_range:
            continue
        yield Problem(
            validity.path,
            f"{validity.statement(words)}; the allowed range is {tokens.allowed_range_text(token)}, and "
            f"the service rejects anything else (\"Invalid range for token validity\"). Use "
            f"{tokens.range_in_unit_text(token, validity.unit)}, or set "
            f"{words.name('TokenValidityUnits.' + token)} to the unit you meant.",
        )
