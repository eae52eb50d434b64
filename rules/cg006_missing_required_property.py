"""A required property is missing.

## What it does
Reports a missing `UserPoolId` (every input kind), a missing `ClientName` in a
`CreateUserPoolClient` request, a missing `ClientId` in an `UpdateUserPoolClient` request, and a
`RefreshTokenRotation` without `Feature` in API payloads (CloudFormation makes `Feature`
optional). A top-level finding points at the client (its logical ID in a template); the
`Feature` finding points at the `RefreshTokenRotation` key. A property that is present but `null`
is CG003's.

## Why it matters
botocore refuses the call ("Missing required parameter in input") and CloudFormation the
resource ("required key [UserPoolId] not found"): nothing is created or changed.

## Example
```json
{
  "ClientName": "web",
  "RefreshTokenRotation": {"RetryGracePeriodSeconds": 10}
}
```

## Fix
```json
{
  "UserPoolId": "us-east-1_AbCdEf123",
  "ClientName": "web",
  "RefreshTokenRotation": {"Feature": "ENABLED", "RetryGracePeriodSeconds": 10}
}
```

## References
- CreateUserPoolClient, required parameters: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- UpdateUserPoolClient, required parameters: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolClient.html
- RefreshTokenRotationType: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RefreshTokenRotationType.html
- AWS::Cognito::UserPoolClient (UserPoolId is required): https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolclient.html
"""
from linter.rule_helpers import schema

ID = "CG006"
NAME = "missing-required-property"
LEVEL = "error"
TAGS = ["schema"]


def check(client, options):
    yield from schema.problems_for(ID, client)
