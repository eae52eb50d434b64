"""RefreshTokenValidity 0 does not mean what it seems to.

## What it does
Reports `RefreshTokenValidity: 0`. In an API payload (Create, Update, Describe) this is a note: the
service silently replaces 0 with its default of 30 days. In CloudFormation it is an error: the
resource schema's minimum is 1, so the deploy fails. In Terraform it is an error too: the AWS
provider checks that `refresh_token_validity` lasts 60 minutes to 10 years, so the plan fails (in
Pulumi, whose AWS provider is Terraform's, `pulumi preview` does).

## Why it matters
Zero reads like "no refresh tokens" or "expire at once", but the API gives refresh tokens that
last 30 days, the same as leaving the field out. Refresh tokens cannot be switched off through
their validity; the shortest allowed is 60 minutes.

## Example
```json
{"UserPoolId": "us-east-1_EXAMPLE", "ClientName": "web", "RefreshTokenValidity": 0}
```

## Fix
State the lifetime you want (or leave the field out for 30 days):
```json
{"UserPoolId": "us-east-1_EXAMPLE", "ClientName": "web", "RefreshTokenValidity": 1,
 "TokenValidityUnits": {"RefreshToken": "days"}}
```

## References
- CreateUserPoolClient, RefreshTokenValidity: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- AWS::Cognito::UserPoolClient, RefreshTokenValidity (minimum 1): https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolclient.html
- Terraform aws_cognito_user_pool_client, refresh_token_validity: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cognito_user_pool_client
"""
from linter.rule import Problem

ID = "CG303"
NAME = "refresh-validity-zero"
LEVEL = "note"


def check(client, options):
    value = client.RefreshTokenValidity
    if value != 0 or isinstance(value, bool):
        return
    field = client.wording.name("RefreshTokenValidity")
    # What 0 does depends on who reads it: CloudFormation and the AWS provider refuse it, the API
    # replaces it.
    if client.kind == "cloudformation":
        yield Problem(("RefreshTokenValidity",),
                      f"{field} is 0, below CloudFormation's minimum of 1: the deploy "
                      "fails. Set the lifetime you want (60 minutes to 3650 days), or remove the "
                      "property for the default of 30 days.", level="error")
    elif client.kind == "terraform":
        yield Problem(("RefreshTokenValidity",),
                      f"{field} is 0; the AWS provider requires 60 minutes to 10 years, so "
                      f"{client.wording.plan or 'terraform plan'} fails. Set the lifetime you want, or remove "
                      "the argument for the default of 30 days.", level="error")
    else:
        yield Problem(("RefreshTokenValidity",),
                      f"{field} is 0, which the service replaces with its default of "
                      "30 days (it does not turn refresh tokens off). Set the lifetime you want "
                      "(60 minutes to 3650 days), or remove the field.", level="note")
