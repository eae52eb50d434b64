"""CDK app `good`: well-configured clients that a linter should accept.

* `WebClient`: authorization-code flow only, https callback/logout URLs on a
  real-looking domain, DefaultRedirectURI among the callbacks, no admin scope,
  PreventUserExistenceErrors ENABLED, SRP sign-in only, 15-minute access/ID
  tokens, 7-day refresh tokens, token revocation on, refresh-token rotation on
  (grace period 0, so CDK leaves ALLOW_REFRESH_TOKEN_AUTH out), explicit
  read/write attributes.
* `ApiResourceServer`: a UserPoolResourceServer with custom scopes.
* `ReportingService`: a confidential machine client (client_credentials,
  generate_secret=True) that uses one of those custom scopes. CDK renders the
  scope as Fn::Join of a Ref to the resource server, which also orders the
  deployment (no explicit DependsOn needed).

Synthesized into tests/fixtures/cdk/good/cdk.out by scripts/synth_cdk_fixtures.py.
"""

import aws_cdk as cdk
from aws_cdk import aws_cognito as cognito

DOMAIN = "https://app.acme-corp.io"


def build(app: cdk.App) -> None:
    stack = cdk.Stack(app, "AuthStack")
    pool = cognito.UserPool(stack, "UserPool")

    pool.add_client(
        "WebClient",
        o_auth=cognito.OAuthSettings(
            flows=cognito.OAuthFlows(authorization_code_grant=True),
            scopes=[
                cognito.OAuthScope.OPENID,
                cognito.OAuthScope.EMAIL,
                cognito.OAuthScope.PROFILE,
            ],
            callback_urls=[f"{DOMAIN}/auth/callback"],
            logout_urls=[f"{DOMAIN}/signed-out"],
            default_redirect_uri=f"{DOMAIN}/auth/callback",
        ),
        supported_identity_providers=[cognito.UserPoolClientIdentityProvider.COGNITO],
        prevent_user_existence_errors=True,
        auth_flows=cognito.AuthFlow(user_srp=True),
        access_token_validity=cdk.Duration.minutes(15),
        id_token_validity=cdk.Duration.minutes(15),
        refresh_token_validity=cdk.Duration.days(7),
        refresh_token_rotation_grace_period=cdk.Duration.seconds(0),
        enable_token_revocation=True,
        read_attributes=cognito.ClientAttributes().with_standard_attributes(
            email=True, email_verified=True, given_name=True, family_name=True
        ),
        write_attributes=cognito.ClientAttributes().with_standard_attributes(
            given_name=True, family_name=True
        ),
    )

    reports_read = cognito.ResourceServerScope(
        scope_name="reports.read", scope_description="Read reports"
    )
    reports_write = cognito.ResourceServerScope(
        scope_name="reports.write", scope_description="Write reports"
    )
    api = pool.add_resource_server(
        "ApiResourceServer",
        identifier="https://api.acme-corp.io",
        # CDK defaults the Name to the identifier, which fails the Name pattern
        # [\w\s+=,.@-]+ when the identifier is a URL: name it explicitly.
        user_pool_resource_server_name="acme-reports-api",
        scopes=[reports_read, reports_write],
    )

    pool.add_client(
        "ReportingService",
        generate_secret=True,
        o_auth=cognito.OAuthSettings(
            flows=cognito.OAuthFlows(client_credentials=True),
            scopes=[cognito.OAuthScope.resource_server(api, reports_read)],
        ),
        prevent_user_existence_errors=True,
        enable_token_revocation=True,
        access_token_validity=cdk.Duration.minutes(15),
    )


if __name__ == "__main__":
    _app = cdk.App()
    build(_app)
    _app.synth()
