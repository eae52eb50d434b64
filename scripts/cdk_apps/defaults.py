"""CDK app `defaults`: an L2 UserPoolClient with no OAuth settings at all.

CDK fills in its own defaults when `o_auth` is omitted: AllowedOAuthFlows
[implicit, code], AllowedOAuthFlowsUserPoolClient true, every built-in scope
(aws.cognito.signin.user.admin included) and the placeholder callback
https://example.com. Nothing else is set, so the service defaults apply to
everything the template omits.

Synthesized into tests/fixtures/cdk/defaults/cdk.out by
scripts/synth_cdk_fixtures.py; runnable on its own too
(`cdk synth --app "python scripts/cdk_apps/defaults.py"`).
"""

import aws_cdk as cdk
from aws_cdk import aws_cognito as cognito


def build(app: cdk.App) -> None:
    stack = cdk.Stack(app, "AuthStack")
    pool = cognito.UserPool(stack, "UserPool")
    cognito.UserPoolClient(stack, "WebClient", user_pool=pool)


if __name__ == "__main__":
    _app = cdk.App()
    build(_app)
    _app.synth()
