"""A property name that the input kind does not define.

## What it does
Reports a property that `CreateUserPoolClient`, `UpdateUserPoolClient`, a `DescribeUserPoolClient`
response or `AWS::Cognito::UserPoolClient` (whichever the file is) does not have, at the top level
and inside `TokenValidityUnits`, `AnalyticsConfiguration` and `RefreshTokenRotation`. The message
names the closest valid name (`CallbackUrls` → `CallbackURLs`, `AllowedOauthFlows` →
`AllowedOAuthFlows`), or says which other input defines the name (a Describe response's
`CreationDate` pasted into a Create request). Names that exist but cannot be set in this input
(`ClientSecret` in CloudFormation, ...) are CG007 instead.

## Why it matters
Names are case-sensitive. botocore refuses the whole call ("Unknown parameter in input") and
CloudFormation fails the resource ("extraneous key ... is not permitted"). Where a tool drops
unknown keys quietly, the setting you meant never reaches the service and the default applies.

## Example
```yaml
Type: AWS::Cognito::UserPoolClient
Properties:
  UserPoolId: !Ref UserPool
  CallbackUrls:
    - https://app.example.com/callback
```

## Fix
```yaml
Type: AWS::Cognito::UserPoolClient
Properties:
  UserPoolId: !Ref UserPool
  CallbackURLs:
    - https://app.example.com/callback
```

## References
- CreateUserPoolClient request syntax: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- UpdateUserPoolClient request syntax: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolClient.html
- AWS::Cognito::UserPoolClient properties: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolclient.html
- botocore's cognito-idp service model (the shapes this rule checks against)
"""
from linter.rule_helpers import schema

ID = "CG002"
NAME = "unknown-property"
LEVEL = "error"
TAGS = ["schema"]


def check(client, options):
    yield from schema.problems_for(ID, client)
