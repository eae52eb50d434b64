"""Every identity provider a client supports must exist in its user pool.

## What it does
Template only, and only when the client's user pool is defined in the same template. Reports a
`SupportedIdentityProviders` entry other than `COGNITO` that is not the `ProviderName` of any
`AWS::Cognito::UserPoolIdentityProvider` of that pool in the template. Social providers (`Google`,
`Facebook`, `SignInWithApple`, `LoginWithAmazon`) are no exception: they need a provider resource
too. A `!Ref` to a provider resource is that provider. The rule stays silent when the pool is
imported, or when some provider's name or pool cannot be read (it might be the one).
Terraform modules (every `.tf` file of the folder) are read the same way as templates.

## Why it matters
The service rejects the client with "The provider Google does not exist for User Pool ...", and
the stack rolls back.

## Example
```yaml
WebClient:
  Type: AWS::Cognito::UserPoolClient
  Properties:
    UserPoolId: !Ref UserPool
    SupportedIdentityProviders: [COGNITO, Google]
```

## Fix
Define the provider for the pool, refer to it (which also orders the deployment), or remove the name.
```yaml
GoogleIdP:
  Type: AWS::Cognito::UserPoolIdentityProvider
  Properties:
    UserPoolId: !Ref UserPool
    ProviderName: Google
    ProviderType: Google
    ProviderDetails: {client_id: !Ref GoogleClientId, client_secret: !Ref GoogleSecret, authorize_scopes: openid email}
WebClient:
  Type: AWS::Cognito::UserPoolClient
  Properties:
    UserPoolId: !Ref UserPool
    SupportedIdentityProviders: [COGNITO, !Ref GoogleIdP]
```

## References
- CreateUserPoolClient, SupportedIdentityProviders: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- AWS::Cognito::UserPoolIdentityProvider: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolidentityprovider.html
- Adding user pool sign-in through a third party: https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-identity-federation.html
"""
from linter.model.service import COGNITO_PROVIDER
from linter.rule import Problem
from linter.rule_helpers import cross_resource

ID = "CG501"
NAME = "unknown-identity-provider"
LEVEL = "error"


def check(client, options):
    ctx = cross_resource.context(client)
    names = client.SupportedIdentityProviders
    if ctx is None or ctx.pool is None or not ctx.all_known or not isinstance(names, list):
        return
    providers = ctx.identity_providers
    if any(p.provider_name is None for p in providers):
        return
    words = client.wording
    defined = [p.provider_name for p in providers]
    for index, name in enumerate(names):
        if not isinstance(name, str) or name == COGNITO_PROVIDER or name in defined:
            continue
        yield Problem(
            ("SupportedIdentityProviders", index),
            f"{words.name('SupportedIdentityProviders')} lists '{name}', but user pool {ctx.pool.logical_id} has "
            f"no {words.resource_type('AWS::Cognito::UserPoolIdentityProvider')} named '{name}' "
            f"in this {words.container}{_hint(name, defined)}; "
            f"the deploy fails with \"The provider {name} does not exist for User Pool\". Define the "
            "provider for the pool (social providers need one too) or remove the name.")


def _hint(name, defined):
    """A different letter case is a different provider: suggest the one meant."""
    for candidate in defined + [COGNITO_PROVIDER]:
        if candidate.lower() == name.lower():
            return f" (did you mean '{candidate}'?)"
    if defined:
        return f" (its providers: {', '.join(defined)})"
    return ""
