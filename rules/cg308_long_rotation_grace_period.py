"""A rotation grace period keeps the old refresh token usable.

## What it does
Reports `RefreshTokenRotation.RetryGracePeriodSeconds` above 0 on a client whose refresh token
rotation is `ENABLED`. (With rotation disabled the grace period has no effect and the rule stays
silent.)

## Why it matters
Rotation exists so that each refresh token works once: a replayed, stolen token is refused. During
the grace period the token that was just rotated out still works, which reopens that replay window
for up to a minute. Use it only if your clients really retry failed refreshes.

## Example
```yaml
RefreshTokenRotation:
  Feature: ENABLED
  RetryGracePeriodSeconds: 60
```

## Fix
```yaml
RefreshTokenRotation:
  Feature: ENABLED
  RetryGracePeriodSeconds: 0
```

## References
- RefreshTokenRotationType, RetryGracePeriodSeconds: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RefreshTokenRotationType.html
- RFC 9700 section 4.14.2 (refresh token rotation)
"""
from linter.model import Unknown
from linter.rule import Problem

ID = "CG308"
NAME = "long-rotation-grace-period"
LEVEL = "note"
TAGS = ["security"]


def check(client, options):
    rotation = client.RefreshTokenRotation
    if rotation is None or isinstance(rotation, Unknown) or rotation.Feature != "ENABLED":
        return
    grace = rotation.RetryGracePeriodSeconds
    if isinstance(grace, int) and not isinstance(grace, bool) and grace > 0:
        field = client.wording.member("RefreshTokenRotation", "RetryGracePeriodSeconds")
        yield Problem(("RefreshTokenRotation", "RetryGracePeriodSeconds"),
                      f"{field} is {grace}: a refresh token that was just rotated "
                      f"out stays usable for {grace} more seconds, a window for replaying a stolen "
                      "one. Set it to 0 unless your clients need to retry refreshes.")
