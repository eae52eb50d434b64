"""A change that makes CloudFormation (or Terraform) replace the client.

## What it does
Only with `--diff-base REF` (e.g. `--diff-base origin/main` in a pull request). Compares each
CloudFormation client (and each Terraform `aws_cognito_user_pool_client`) with the same client,
by logical ID or resource name, in the file as it was at `REF`, and reports when `GenerateSecret`
or `UserPoolId` changed. Omitted `GenerateSecret` counts as false. A `UserPoolId` is compared when
both versions are literals, or both reference a pool resource (`!Ref OldPool` → `!Ref NewPool`);
anything else is unknown and not reported. A client that is new in this version is not reported.

## Why it matters
Both properties cannot be updated in place: CloudFormation (`UpdateReplace`) and Terraform
(`forces replacement`) delete the client and create a new one. The new client has a new
`ClientId` (and a new secret), so every app, SPA build, mobile release and backend configured with
the old ID stops signing in at deploy time. The diff looks like a one-line settings change.

## Example
```yaml
# was: GenerateSecret: false
WebClient:
  Type: AWS::Cognito::UserPoolClient
  Properties:
    UserPoolId: !Ref UserPool
    GenerateSecret: true
```

## Fix
If the change is intended, create a new client next to the old one, move the apps to it, then
delete the old one. Otherwise keep the property as it was:
```yaml
WebClient:
  Type: AWS::Cognito::UserPoolClient
  Properties:
    UserPoolId: !Ref UserPool
    GenerateSecret: false
```

## References
- AWS::Cognito::UserPoolClient, GenerateSecret and UserPoolId ("Update requires: Replacement"): https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolclient.html
- Terraform aws_cognito_user_pool_client (generate_secret and user_pool_id force a new resource): https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cognito_user_pool_client
"""
from linter.model import Template, Unknown
from linter.rule import Problem

ID = "CG702"
NAME = "replacement-on-update"
LEVEL = "note"


def check(client, options):
    words = client.wording
    deployer = words.deployer
    if deployer is None or not client.previous:
        return
    secret = _generate_secret(client)
    before = {_generate_secret(previous) for previous in client.previous}
    if secret is not None and None not in before and before == {not secret}:
        field = words.name("GenerateSecret")
        yield Problem(("GenerateSecret",),
                      f"{field} changes from {words.value(not secret)} to {words.value(secret)}: {deployer} "
                      f"replaces the client, which gets a new {words.name('ClientId')} (and secret), and every app "
                      f"configured with the old ID stops signing in. Create a new client and migrate the apps to "
                      f"it, or keep {field} as it was.")
    pool = _pool(client.UserPoolId)
    pools_before = {_pool(previous.UserPoolId) for previous in client.previous}
    if pool is not None and len(pools_before) == 1 and None not in pools_before and pool not in pools_before \
            and pool[0] == next(iter(pools_before))[0]:  # a literal ID and a reference may be the same pool
        was = next(iter(pools_before))[1]
        pool = pool[1]
        yield Problem(("UserPoolId",),
                      f"{words.name('UserPoolId')} changes from {was} to {pool}: {deployer} replaces the client in "
                      f"the other pool, with a new {words.name('ClientId')}, and every app configured with the old "
                      "ID stops signing in. Create the new client next to the old one and migrate the apps to it.")


def _generate_secret(client):
    value = client.GenerateSecret
    if value is None:
        return False
    return value if isinstance(value, bool) else None


def _pool(value):
    """("literal", ID) or ("reference", pool resource) for a UserPoolId; None when unknown."""
    if isinstance(value, str):
        return ("literal", value)
    if isinstance(value, Unknown) and not isinstance(value, Template) and value.ref is not None:
        return ("reference", value.ref)
    return None
