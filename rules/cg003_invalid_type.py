"""A value of the wrong JSON type.

## What it does
Reports a value whose type is not the one the property takes: a string where a list is expected,
a mapping for a number, a list for a string, `null`. List items and the members of
`TokenValidityUnits`, `AnalyticsConfiguration` and `RefreshTokenRotation` are checked too.

API payloads are checked the way botocore checks them: `"true"` is not a boolean and `"60"` is
not a number there. CloudFormation converts scalars, so `"true"`/`"false"` for booleans,
`"60"` for integers and numbers for strings are accepted in templates. A wrong-typed value gets
this finding only: its length, range or allowed values are not checked as well.

A `null` (in YAML, a key with nothing after it) is reported in every input: botocore refuses it
("Invalid type for parameter ..., value: None") and CloudFormation refuses the template
("'null' values are not allowed in templates").

## Why it matters
The call or the deploy fails before Cognito looks at the setting. In YAML the mistake is easy to
miss: `CallbackURLs: https://app.example.com/cb` is a string, not a list of one URL.

## Example
```json
{
  "UserPoolId": "us-east-1_AbCdEf123",
  "ClientName": "web",
  "GenerateSecret": "true",
  "CallbackURLs": "https://app.example.com/callback"
}
```

## Fix
Give the value its type.
```json
{
  "UserPoolId": "us-east-1_AbCdEf123",
  "ClientName": "web",
  "GenerateSecret": true,
  "CallbackURLs": ["https://app.example.com/callback"]
}
```
Automatic fix (safe): `--fix` writes the value with its type where the meaning is certain:
`"true"`/`"false"` for a boolean, a numeric string for a number (`"60"` → `60`; in PowerShell
`'true'` → `$true`). Safe: CloudFormation and Terraform already read the value that way, and the
API rejects it as written.

## References
- CreateUserPoolClient request parameters and types: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- AWS::Cognito::UserPoolClient property types: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolclient.html
- botocore parameter validation (botocore/validate.py) and the cognito-idp service model
"""
from linter.rule_helpers import schema

ID = "CG003"
NAME = "invalid-type"
LEVEL = "error"
TAGS = ["schema"]


def check(client, options):
    yield from schema.problems_for(ID, client)
