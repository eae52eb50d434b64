"""Attributes that an identity provider maps must be writable by the client.

## What it does
Template only. When `WriteAttributes` is set, reports each user-pool attribute that the
`AttributeMapping` of an identity provider the client supports (by `ProviderName` in
`SupportedIdentityProviders`, or a `!Ref` to the provider resource) maps, and that is not in
`WriteAttributes`. The finding points at `WriteAttributes` and names the attribute and the
provider(s). `username` (the user's name, not an attribute) and the attributes no client may write
(`email_verified`, `phone_number_verified`, `sub`) are not asked for. Silent when `WriteAttributes`
or an entry of it is not plain text, or when a provider's mapping cannot be read.

## Why it matters
Cognito writes the mapped attributes every time a user signs in through the provider, with the app
client's permissions. If the client cannot write one of them, the federated sign-in fails with an
error after the user has already authenticated at the provider.

## Example
```yaml
GoogleIdP:
  Type: AWS::Cognito::UserPoolIdentityProvider
  Properties:
    UserPoolId: !Ref UserPool
    ProviderName: Google
    ProviderType: Google
    AttributeMapping: {email: email, given_name: given_name}
WebClient:
  Type: AWS::Cognito::UserPoolClient
  Properties:
    UserPoolId: !Ref UserPool
    SupportedIdentityProviders: [!Ref GoogleIdP]
    WriteAttributes: [given_name]
```

## Fix
```yaml
    WriteAttributes: [given_name, email]
```

## References
- CreateUserPoolClient, WriteAttributes (mapped attributes must be writable): https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- Mapping IdP attributes to user pool attributes: https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-specifying-attribute-mapping.html
- AWS::Cognito::UserPoolIdentityProvider, AttributeMapping: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolidentityprovider.html
"""
from linter.model.service import UNWRITABLE_ATTRIBUTES
from linter.rule import Problem
from linter.rule_helpers import cross_resource

ID = "CG505"
NAME = "mapped-attribute-not-writable"
LEVEL = "warning"

#: Mapping keys that WriteAttributes cannot (or need not) hold.
_NOT_ASKED = frozenset(UNWRITABLE_ATTRIBUTES) | {"username"}


def check(client, options):
    ctx = cross_resource.context(client)
    writable = client.WriteAttributes
    # An empty list is left alone: whether the service reads [] as "none" or as "omitted" is unclear.
    if ctx is None or not isinstance(writable, list) or not writable:
        return
    if not all(isinstance(name, str) for name in writable):
        return  # an unknown entry may be any attribute
    missing: dict[str, list] = {}
    for _, provider in cross_resource.supported_providers(client, ctx):
        for attribute in provider.attribute_mapping or {}:
            if attribute in writable or attribute in _NOT_ASKED:
                continue
            labels = missing.setdefault(attribute, [])
            label = cross_resource.provider_label(provider)
            if label not in labels:
                labels.append(label)
    field = client.wording.name("WriteAttributes")
    for attribute, labels in missing.items():
        which = ("Identity provider " if len(labels) == 1 else "Identity providers ") + " and ".join(labels)
        verb = "maps" if len(labels) == 1 else "map"
        yield Problem(
            ("WriteAttributes",),
            f"{which} {verb} '{attribute}', which is not in {field}: federated "
            f"sign-in fails when Cognito updates it. Add '{attribute}' to {field}.",
            key=True)
