"""A client that supports an identity provider must be created after that provider.

## What it does
Template only. Reports a `SupportedIdentityProviders` name that is the `ProviderName` of an
`AWS::Cognito::UserPoolIdentityProvider` of the client's pool in the same template, when the client
neither lists that resource in `DependsOn` nor references it (`!Ref GoogleIdP` in the list, or any
other `Ref`/`Fn::GetAtt`/`Fn::Sub` to it in the client's properties). In Terraform the same for an
`aws_cognito_identity_provider` of the module (every `.tf` file of the folder): the client must
list it in `depends_on` or reference it (`aws_cognito_identity_provider.google.provider_name`).

## Why it matters
Without a dependency CloudFormation may create the client before the provider, and the service
rejects it with "The provider Google does not exist for User Pool ...". The race can pass on one
deploy and fail on the next.

The level is `warning`, not `error`: the configuration itself is valid and such a deploy often
succeeds (a real deployment of cdk-preflight's accepted template without the dependency did), but
it is a race you should not leave to chance.

## Example
```yaml
GoogleIdP:
  Type: AWS::Cognito::UserPoolIdentityProvider
  Properties:
    UserPoolId: !Ref UserPool
    ProviderName: Google
    ProviderType: Google
WebClient:
  Type: AWS::Cognito::UserPoolClient
  Properties:
    UserPoolId: !Ref UserPool
    SupportedIdentityProviders: [COGNITO, Google]
```

## Fix
Refer to the provider (its `Ref` is the provider name), or add `DependsOn`.
```yaml
WebClient:
  Type: AWS::Cognito::UserPoolClient
  Properties:
    UserPoolId: !Ref UserPool
    SupportedIdentityProviders: [COGNITO, !Ref GoogleIdP]
```
Automatic fix (safe): `--fix` adds the provider to the client's `DependsOn` (after `Type`; a
single name becomes a list), in Terraform to `depends_on`. Safe: it changes only the order in
which resources are created, which makes the failing deploy work.

## References
- DependsOn attribute: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-dependson.html
- AWS::Cognito::UserPoolIdentityProvider (Ref returns the provider name): https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolidentityprovider.html
- CreateUserPoolClient, SupportedIdentityProviders: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
"""
from linter.rule import SAFE, Edit, Fix, Problem
from linter.rule_helpers import cross_resource

ID = "CG502"
NAME = "missing-dependency-on-identity-provider"
LEVEL = "warning"


def check(client, options):
    ctx = cross_resource.context(client)
    words = client.wording
    names = client.SupportedIdentityProviders
    if ctx is None or words.deployer is None or not isinstance(names, list):
        return
    created_before = cross_resource.dependencies(ctx)
    for index, name in enumerate(names):
        if not isinstance(name, str):
            continue
        providers = cross_resource.providers_for(name, ctx)
        if not providers or any(p.logical_id in created_before for p in providers):
            continue
        logical_id = providers[0].logical_id
        yield Problem(
            ("SupportedIdentityProviders", index),
            f"Identity provider '{name}' is defined by {logical_id}, but the client neither depends on it "
            f"nor references it: {words.deployer} may create the client first and the deploy "
            f"fails with \"The provider {name} does not exist for User Pool\". "
            f"Add {words.dependency(logical_id)} to the client, or write "
            f"{words.reference(logical_id, 'provider_name')} instead of '{name}'.",
            fix=Fix((Edit.depend(logical_id),), SAFE, f"Add {words.dependency(logical_id)}"))
