"""CDK app `stages`: a Stage ("Prod") holding a stack with a badly configured client.

A Stage synthesizes into a nested cloud assembly: the top-level manifest.json
has an artifact `assembly-Prod` of type `cdk:cloud-assembly` whose directory
(assembly-Prod/) holds its own manifest.json and the stack template.

The client `WebClient` uses the implicit grant with a non-loopback http://
callback on a placeholder domain, and an access token valid for 48 hours.
The L2 UserPoolClient refuses `access_token_validity=Duration.hours(48)` at
synth time ("Must be a duration between 5 minutes and 1 day"), so the value is
set through the CfnUserPoolClient escape hatch, rendered the way the L2 would
render it (minutes, with TokenValidityUnits.AccessToken = minutes).

Synthesized into tests/fixtures/cdk/stages/cdk.out by scripts/synth_cdk_fixtures.py.
"""

import aws_cdk as cdk
from aws_cdk import aws_cognito as cognito
from constructs import Construct


class AuthStack(cdk.Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        pool = cognito.UserPool(self, "UserPool")
        client = pool.add_client(
            "WebClient",
            o_auth=cognito.OAuthSettings(
                flows=cognito.OAuthFlows(implicit_code_grant=True),
                callback_urls=["http://app.example.net/callback"],
            ),
        )
        # Escape hatch: the L2 validates token durations (5 min .. 1 day).
        cfn_client: cognito.CfnUserPoolClient = client.node.default_child
        cfn_client.access_token_validity = int(cdk.Duration.hours(48).to_minutes())
        cfn_client.token_validity_units = cognito.CfnUserPoolClient.TokenValidityUnitsProperty(
            access_token="minutes"
        )


class ProdStage(cdk.Stage):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        AuthStack(self, "AuthStack")


def build(app: cdk.App) -> None:
    ProdStage(app, "Prod")


if __name__ == "__main__":
    _app = cdk.App()
    build(_app)
    _app.synth()
