r"""A length, pattern, numeric range or list size that the service model forbids.

## What it does
Checks every known value against the limits in botocore's `cognito-idp` model and the
CloudFormation schema: string lengths and patterns (`ClientName` up to 128 characters of
`[\w\s+=,.@-]`, where `\w` is ASCII only; `UserPoolId` like `us-east-1_AbCdEf123`; URLs up to 1024
characters), list sizes (at most 100 `CallbackURLs` or `LogoutURLs`, 50 `AllowedOAuthScopes`),
and numeric ranges (`AuthSessionValidity` 3–15, `RetryGracePeriodSeconds` 0–60, the raw token
validities: 1–86400 for access and ID tokens, 0–315360000 for refresh tokens, 1–315360000 in
CloudFormation). The message states the limit and the value (shortened when long; a
`ClientSecret` value is never shown).

`RefreshTokenValidity: 0` is left to CG303 in every input kind. Values that only stand for
something filled in later (`?`, `<pool-id>`, `${self:custom.stage}`, `{{resolve:ssm:...}}`) are
not checked.

## Why it matters
The service validates these limits before anything else and refuses the request ("1 validation
error detected: Value ... failed to satisfy constraint"); in CloudFormation the stack rolls back.

## Example
```yaml
ClientName: "Web client (staging)"
AuthSessionValidity: 30
```

## Fix
```yaml
ClientName: web-client-staging
AuthSessionValidity: 15
```

## References
- CreateUserPoolClient, length constraints and patterns: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- RefreshTokenRotationType: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RefreshTokenRotationType.html
- AWS::Cognito::UserPoolClient (CloudFormation minimums and maximums): https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolclient.html
"""
from linter.rule_helpers import schema

ID = "CG004"
NAME = "constraint-violation"
LEVEL = "error"
TAGS = ["schema"]


def check(client, options):
    yield from schema.problems_for(ID, client)
