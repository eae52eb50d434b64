"""Analytics configured to share user data with Amazon Pinpoint.

## What it does
Reports `AnalyticsConfiguration.UserDataShared: true`.

## Why it matters
With the flag on, Cognito includes user data — such as email addresses and phone numbers of
your users — in the events it sends to the Pinpoint project, not just anonymous usage metrics.
That is personal data leaving the user pool for another service (and possibly another team's
project or account): make sure it is intended, covered by your privacy notice, and that the
Pinpoint project is protected accordingly.

## Example
```yaml
AnalyticsConfiguration:
  ApplicationArn: arn:aws:mobiletargeting:us-east-1:123456789012:apps/0123456789abcdef0123456789abcdef
  UserDataShared: true
```

## Fix
If the analytics do not need per-user data:
```yaml
AnalyticsConfiguration:
  ApplicationArn: arn:aws:mobiletargeting:us-east-1:123456789012:apps/0123456789abcdef0123456789abcdef
  UserDataShared: false
```

## References
- AnalyticsConfigurationType, UserDataShared: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AnalyticsConfigurationType.html
- Using Amazon Pinpoint analytics with user pools: https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-pinpoint-integration.html
"""
from linter.model import Unknown
from linter.rule import Problem

ID = "CG606"
NAME = "analytics-shares-user-data"
LEVEL = "note"
TAGS = ["privacy"]


def check(client, options):
    config = client.AnalyticsConfiguration
    if config is not None and not isinstance(config, Unknown) and config.UserDataShared is True:
        words = client.wording
        yield Problem(("AnalyticsConfiguration", "UserDataShared"),
                      f"{words.name('AnalyticsConfiguration.UserDataShared')} is {words.value(True)}: user data "
                      "(such as email addresses and phone numbers) is sent to Amazon Pinpoint. Set it to "
                      f"{words.value(False)} unless the analytics need it.")
