"""Either give a ClientSecret or ask Cognito to generate one, not both.

## What it does
Reports a client that sets `GenerateSecret: true` and also provides a `ClientSecret` value. The
finding points at `GenerateSecret` so that the secret's line is not the one quoted.

Only where both properties can be set (a CreateUserPoolClient request): in CloudFormation and in
an Update payload `ClientSecret` cannot be set at all, which CG007 reports.

## Why it matters
The two requests contradict each other: either the service generates the secret, or you supply
one you created. The API rejects the combination, so the call fails.

## Example
```json
{
  "UserPoolId": "us-east-1_EXAMPLE",
  "ClientName": "backend",
  "GenerateSecret": true,
  "ClientSecret": "<your secret>"
}
```

## Fix
Let Cognito generate it (and keep it out of the file):
```json
{
  "UserPoolId": "us-east-1_EXAMPLE",
  "ClientName": "backend",
  "GenerateSecret": true
}
```

## References
- CreateUserPoolClient, GenerateSecret and ClientSecret: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- App client secrets: https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-client-apps.html
"""
from linter.rule import Problem

ID = "CG603"
NAME = "secret-with-generate-secret"
LEVEL = "error"

#: Kinds where ClientSecret cannot be set at all (CG007 reports it there).
_NO_CLIENT_SECRET = ("cloudformation", "api-update")


def check(client, options):
    if client.kind in _NO_CLIENT_SECRET:
        return
    if client.GenerateSecret is True and client.ClientSecret is not None:
        words = client.wording
        generate, secret = words.name("GenerateSecret"), words.name("ClientSecret")
        yield Problem(("GenerateSecret",),
                      f"{generate} is {words.value(True)} and a {secret} is also given; the service accepts only "
                      f"one. Remove {secret} to let Cognito generate the secret, or set {generate} to "
                      f"{words.value(False)} to use your own.")
