"""A property that exists but cannot be set in this input kind.

## What it does
Reports, on the property's name:
- in CloudFormation, `ClientSecret`, `ClientId` and `Name` (read-only: the service assigns them,
  `Fn::GetAtt`/`Ref` read them) and `PublishSecretsInAWSSecretsManager` (not supported by
  `AWS::Cognito::UserPoolClient`);
- in an `UpdateUserPoolClient` request, `GenerateSecret` and `ClientSecret` (whether a client has
  a secret, and which, is fixed when it is created).

And, on the list item, an `ALLOW_TOKEN_EXCHANGE_*` value in a CloudFormation `ExplicitAuthFlows`:
the resource type cannot enable token-exchange flows yet.

## Why it matters
The template or request does not do what it says. CloudFormation never applies a read-only
property: the client gets the ID, name or secret the service chooses, not the one written (and a
`ClientSecret` in a template is a secret committed to source control). A property the resource
type does not have (`PublishSecretsInAWSSecretsManager`) fails the deploy, and botocore refuses
`GenerateSecret`/`ClientSecret` in an Update request.

## Example
```yaml
Type: AWS::Cognito::UserPoolClient
Properties:
  UserPoolId: !Ref UserPool
  ClientSecret: "{{resolve:secretsmanager:app-client-secret}}"
```

## Fix
Let Cognito generate the secret and read it with `!GetAtt Client.ClientSecret` where needed:
```yaml
Type: AWS::Cognito::UserPoolClient
Properties:
  UserPoolId: !Ref UserPool
  GenerateSecret: true
```

## References
- AWS::Cognito::UserPoolClient, return values and supported properties: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolclient.html
- UpdateUserPoolClient request parameters: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolClient.html
- GetDerivedToken (token-exchange flows): https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetDerivedToken.html
"""
from linter.rule_helpers import schema

ID = "CG007"
NAME = "property-not-allowed-here"
LEVEL = "error"
TAGS = ["schema"]


def check(client, options):
    yield from schema.problems_for(ID, client)
