"""AnalyticsConfiguration takes either an ApplicationArn, or an ApplicationId with a RoleArn.

## What it does
Reports an `AnalyticsConfiguration` that
- sets `ApplicationArn` together with `ApplicationId`, `RoleArn` or `ExternalId`, or
- sets neither `ApplicationArn` nor `ApplicationId`, or
- sets `ApplicationId` without `RoleArn`.

A field counts as set when it is present, even if its value is an unresolved reference. One
finding per client: the first of these conditions that holds.

## Why it matters
Amazon Pinpoint analytics can be configured in two ways: by the Pinpoint project's ARN alone
(Cognito then uses a service-linked role), or by the project ID with an IAM role (and optional
external ID) that Cognito assumes. Mixing the two, or giving half of one, is rejected ("Invalid
analytics configuration given, either <application arn> or <application id, role arn, external
id> are valid"), so the deploy fails.

## Example
```yaml
AnalyticsConfiguration:
  ApplicationId: 0123456789abcdef0123456789abcdef
```

## Fix
```yaml
AnalyticsConfiguration:
  ApplicationArn: arn:aws:mobiletargeting:us-east-1:123456789012:apps/0123456789abcdef0123456789abcdef
```
or
```yaml
AnalyticsConfiguration:
  ApplicationId: 0123456789abcdef0123456789abcdef
  RoleArn: arn:aws:iam::123456789012:role/CognitoPinpoint
  ExternalId: my-external-id
```

## References
- AnalyticsConfigurationType: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AnalyticsConfigurationType.html
- Using Amazon Pinpoint analytics with user pools: https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-pinpoint-integration.html
"""
from linter.model import Unknown
from linter.rule import Problem

ID = "CG602"
NAME = "invalid-analytics-configuration"
LEVEL = "error"


def check(client, options):
    config = client.AnalyticsConfiguration
    if config is None or isinstance(config, Unknown):
        return
    words = client.wording
    setting = words.name("AnalyticsConfiguration")

    def member(name):
        return words.member("AnalyticsConfiguration", name)

    both = (f"either {member('ApplicationArn')} alone, or {member('ApplicationId')} with {member('RoleArn')} "
            f"(and optionally {member('ExternalId')})")
    arn_form = config.ApplicationArn is not None
    id_form = [f for f in ("ApplicationId", "RoleArn", "ExternalId") if getattr(config, f) is not None]
    if arn_form and id_form:
        yield Problem(("AnalyticsConfiguration", "ApplicationArn"),
                      f"{setting} sets {member('ApplicationArn')} together with "
                      f"{', '.join(member(f) for f in id_form)}; the service accepts {both}. Keep one form.", key=True)
    elif not arn_form and config.ApplicationId is None:
        yield Problem(("AnalyticsConfiguration",),
                      f"{setting} sets neither {member('ApplicationArn')} nor {member('ApplicationId')}; the service "
                      f"accepts {both}. Add one, or remove {setting}.", key=True)
    elif not arn_form and config.RoleArn is None:
        yield Problem(("AnalyticsConfiguration", "ApplicationId"),
                      f"{setting} sets {member('ApplicationId')} without {member('RoleArn')}; the service needs the "
                      f"IAM role Cognito assumes to publish to Pinpoint. Add {member('RoleArn')}, or use "
                      f"{member('ApplicationArn')} alone.", key=True)
