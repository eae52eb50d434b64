"""A client secret written into a file is a leaked secret.

## What it does
Reports a `ClientSecret` whose value is written literally in the file: in a
CreateUserPoolClient request, in saved Describe/Create output (which holds the secret the
service generated), in a CloudFormation template (where CG007 also says the property cannot be set
there), or as the `Default` of the template parameter it refers to. Values that only point at a
secret are fine: CloudFormation dynamic references (`{{resolve:secretsmanager:...}}`),
`${VARIABLE}`/`$VARIABLE` placeholders, `<placeholder>` text, unresolved references, and the empty
string of a `--generate-cli-skeleton` file.

The message shows at most the first four characters of the value.

## Why it matters
Whoever can read the repository, its forks, its CI logs or its history can use the secret to
act as the confidential client: exchange stolen authorization codes, call machine-to-machine APIs
with `client_credentials`, or compute the `SECRET_HASH` that the sign-in APIs require. Removing it
in a later commit does not help; the secret must be rotated.

## Example
```json
{
  "UserPoolClient": {
    "UserPoolId": "us-east-1_EXAMPLE",
    "ClientId": "1example23456789",
    "ClientName": "backend",
    "ClientSecret": "abcd...the whole secret..."
  }
}
```

## Fix
Delete the file (or the `ClientSecret` line) from the repository, rotate the secret
(AddUserPoolClientSecret, then DeleteUserPoolClientSecret, or a new client), and read it at run
time from AWS Secrets Manager or with `DescribeUserPoolClient`:
```json
{
  "UserPoolClient": {
    "UserPoolId": "us-east-1_EXAMPLE",
    "ClientId": "1example23456789",
    "ClientName": "backend"
  }
}
```

## References
- DescribeUserPoolClient (the response includes the secret): https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeUserPoolClient.html
- CreateUserPoolClient, ClientSecret: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- CloudFormation dynamic references to Secrets Manager: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html
- OWASP Secrets Management Cheat Sheet: https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html
"""
from linter.model import Unknown
from linter.rule import Problem
from linter.rule_helpers.secrets import literal_secret, masked

ID = "CG604"
NAME = "hardcoded-client-secret"
LEVEL = "error"
TAGS = ["security", "secrets"]


def check(client, options):
    secret = literal_secret(client)
    if secret is None:
        return
    field = client.wording.name("ClientSecret")
    if isinstance(client.ClientSecret, Unknown):
        where = f"the Default of the parameter that {field} refers to holds"
    elif client.kind == "api-describe":
        where = "this saved DescribeUserPoolClient output holds"
    else:
        where = f"{field} holds"
    yield Problem(("ClientSecret",), f"{where} a literal client secret {masked(secret)}; it is exposed to "
                                     "everyone who can read this file and its history. Remove it, rotate the "
                                     "secret, and keep it in AWS Secrets Manager.", key=True)
