"""CDK app `nested`: a NestedStack holding the user pool, a Google IdP and clients.

The NestedStack's template is written as `<...>.nested.template.json` next to
the parent stack's template; the parent has an AWS::CloudFormation::Stack
resource whose TemplateURL points at it (as a file asset).

* `MobileClient`: USER_PASSWORD_AUTH enabled (CDK adds ALLOW_REFRESH_TOKEN_AUTH),
  authorization-code flow to a custom-scheme callback, and Google listed
  explicitly in SupportedIdentityProviders (a literal "Google"). As CDK's docs
  ask, the client is made to depend on the identity provider, which renders as
  DependsOn.
* `PartnerClient`: SupportedIdentityProviders left to CDK, which lists the
  pool's registered providers ({"Ref": <Google IdP>}) plus COGNITO; the Ref
  orders the deployment.

The Google client id and secret are dummy plain strings, not real secrets.

Synthesized into tests/fixtures/cdk/nested/cdk.out by scripts/synth_cdk_fixtures.py.
"""

import aws_cdk as cdk
from aws_cdk import aws_cognito as cognito
from constructs import Construct


class AuthNestedStack(cdk.NestedStack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        pool = cognito.UserPool(self, "UserPool")
        google = cognito.UserPoolIdentityProviderGoogle(
            self,
            "Google",
            user_pool=pool,
            client_id="dummy-google-client-id.apps.googleusercontent.com",
            client_secret_value=cdk.SecretValue.unsafe_plain_text("dummy-google-client-secret"),
            scopes=["openid", "email", "profile"],
            attribute_mapping=cognito.AttributeMapping(
                email=cognito.ProviderAttribute.GOOGLE_EMAIL,
                given_name=cognito.ProviderAttribute.GOOGLE_GIVEN_NAME,
            ),
        )

        mobile = pool.add_client(
            "MobileClient",
            auth_flows=cognito.AuthFlow(user_password=True),
            o_auth=cognito.OAuthSettings(
                flows=cognito.OAuthFlows(authorization_code_grant=True),
                scopes=[cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
                callback_urls=["com.acme.mobile://auth/callback"],
            ),
            supported_identity_providers=[
                cognito.UserPoolClientIdentityProvider.GOOGLE,
                cognito.UserPoolClientIdentityProvider.COGNITO,
            ],
        )
        mobile.node.add_dependency(google)

        pool.add_client(
            "PartnerClient",
            o_auth=cognito.OAuthSettings(
                flows=cognito.OAuthFlows(authorization_code_grant=True),
                scopes=[cognito.OAuthScope.OPENID],
                callback_urls=["https://partner.acme-corp.io/oauth2/callback"],
            ),
            prevent_user_existence_errors=True,
        )


class AppStack(cdk.Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        AuthNestedStack(self, "Auth")


def build(app: cdk.App) -> None:
    AppStack(app, "AppStack")


if __name__ == "__main__":
    _app = cdk.App()
    build(_app)
    _app.synth()
