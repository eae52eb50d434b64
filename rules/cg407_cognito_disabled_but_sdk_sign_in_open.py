"""Removing COGNITO from SupportedIdentityProviders does not stop SDK sign-in.

## What it does
Reports `SupportedIdentityProviders` without `COGNITO` (for example only a SAML or social
provider) while the client's effective `ExplicitAuthFlows` (the service default when omitted:
`ALLOW_REFRESH_TOKEN_AUTH`, `ALLOW_USER_SRP_AUTH`, `ALLOW_CUSTOM_AUTH`) still allows a local user
to sign in through the public user-pools API. The flows counted as sign-in are
`ALLOW_USER_SRP_AUTH`, `ALLOW_USER_PASSWORD_AUTH` / `USER_PASSWORD_AUTH`, `ALLOW_CUSTOM_AUTH` /
`CUSTOM_AUTH_FLOW_ONLY` and `ALLOW_USER_AUTH` (choice-based sign-in: password, SRP, one-time
passwords, passkeys). Not counted: `ALLOW_REFRESH_TOKEN_AUTH` (federated users need it too) and the
admin password flows, which need AWS credentials (`AdminInitiateAuth`). Legacy flow names alone
(`[ADMIN_NO_SRP_AUTH]`) keep SRP sign-in enabled. A reference to an identity provider resource of
the template or module (`!Ref GoogleIdP`) is known not to be `COGNITO`. The finding points at the
`SupportedIdentityProviders` name. Silent when the providers or the flows are unknown.

## Why it matters
`SupportedIdentityProviders` only decides which sign-in options managed login (the hosted UI)
shows. AWS documents that removing `COGNITO` does not prevent authentication of local users with
the user-pools API in an SDK. A pool meant to accept only corporate SSO users can then still be
signed in to with a local user name and password (or a custom challenge) by anyone who knows the
client ID, which is public in any browser or mobile app.

## Example
```yaml
SupportedIdentityProviders: [CorporateSAML]
AllowedOAuthFlowsUserPoolClient: true
AllowedOAuthFlows: [code]
AllowedOAuthScopes: [openid]
CallbackURLs: [https://app.example.com/callback]
```

## Fix
Allow only token refresh through the API:
```yaml
SupportedIdentityProviders: [CorporateSAML]
ExplicitAuthFlows: [ALLOW_REFRESH_TOKEN_AUTH]
AllowedOAuthFlowsUserPoolClient: true
AllowedOAuthFlows: [code]
AllowedOAuthScopes: [openid]
CallbackURLs: [https://app.example.com/callback]
```

## References
- CreateUserPoolClient, SupportedIdentityProviders and ExplicitAuthFlows: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- Authentication flows: https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html
- Associating an AWS WAF web ACL with a user pool: https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-waf.html
"""
from linter.model import Unknown
from linter.model.service import COGNITO_PROVIDER, PUBLIC_SIGN_IN_FLOWS
from linter.model.values import known_items
from linter.rule import Problem
from linter.rule_helpers import cross_resource
from linter.rule_helpers.flows import names

ID = "CG407"
NAME = "cognito-disabled-but-sdk-sign-in-open"
LEVEL = "warning"
TAGS = ["security"]


def check(client, options):
    providers = _providers(client)
    if providers is None or COGNITO_PROVIDER in providers:
        return
    open_flows = [flow for _, flow in known_items(client.effective_explicit_auth_flows())
                  if flow in PUBLIC_SIGN_IN_FLOWS]
    if not open_flows:
        return
    words = client.wording
    field = words.name("ExplicitAuthFlows")
    if client.ExplicitAuthFlows is None:
        flows = f"{field} is omitted, so the default allows {names(open_flows)}"
    elif any(client.implied_flow(flow) for flow in open_flows):
        flows = f"{field} has only legacy names, which still allow {names(open_flows)}"
    else:
        flows = f"{field} still allows {names(open_flows)}"
    listed = words.value(providers) if providers else "empty"
    yield Problem(
        ("SupportedIdentityProviders",),
        f"{words.name('SupportedIdentityProviders')} is {listed} (no COGNITO) but {flows}: local users can "
        f"still sign in through the API. Set {field} to {words.value(['ALLOW_REFRESH_TOKEN_AUTH'])}, or add "
        "COGNITO if local sign-in is intended.",
        key=True,
    )


def _providers(client):
    """The providers' names (a referenced provider resource by its name or logical ID), or None
    when one of them may be COGNITO."""
    value = client.SupportedIdentityProviders
    if not isinstance(value, list):
        return None
    ctx = cross_resource.context(client)
    shown = []
    for item in value:
        if isinstance(item, str):
            shown.append(item)
            continue
        found = cross_resource.providers_for(item, ctx) if ctx is not None and isinstance(item, Unknown) else []
        if not found:
            return None  # an unknown entry may be COGNITO
        shown.append(found[0].provider_name or found[0].logical_id)
    return shown
