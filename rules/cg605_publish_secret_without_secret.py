"""Publishing the client secret to Secrets Manager needs a client secret.

## What it does
Reports `PublishSecretsInAWSSecretsManager: true` on a client that has no secret
(`GenerateSecret` false or omitted and no `ClientSecret`). Silent when the secret state is not
known (an Update payload, an unresolved `GenerateSecret`, Describe output) and in CloudFormation,
where the property cannot be set at all (CG007 reports that).

## Why it matters
There is nothing to publish: a public client has no secret, so the setting cannot do what it
says. The intent — a confidential client whose secret lives in Secrets Manager — is not what would
be created; treat the request as invalid.

## Example
```json
{
  "UserPoolId": "us-east-1_EXAMPLE",
  "ClientName": "backend",
  "PublishSecretsInAWSSecretsManager": true
}
```

## Fix
```json
{
  "UserPoolId": "us-east-1_EXAMPLE",
  "ClientName": "backend",
  "GenerateSecret": true,
  "PublishSecretsInAWSSecretsManager": true
}
```

## References
- CreateUserPoolClient: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- App client secrets: https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-client-apps.html
"""
from linter.rule import Problem

ID = "CG605"
NAME = "publish-secret-without-secret"
LEVEL = "error"


def check(client, options):
    if client.kind == "cloudformation":
        return  # CloudFormation cannot set it (CG007)
    if client.PublishSecretsInAWSSecretsManager is True and client.has_secret() is False:
        words = client.wording
        field = words.name("PublishSecretsInAWSSecretsManager")
        yield Problem(("PublishSecretsInAWSSecretsManager",),
                      f"{field} is {words.value(True)} but the client has no secret to publish. "
                      f"Set {words.setting('GenerateSecret', True)}, or remove {field}.")
