"""Public clients should rotate their refresh tokens.

## What it does
Reports a client without a secret (a browser or mobile app) that can use refresh tokens, through
the `ALLOW_REFRESH_TOKEN_AUTH` flow (explicit or by default) or the OAuth authorization code flow,
and does not have refresh token rotation `ENABLED`. Clients whose secret state is unknown (Update
payloads, unresolved values) are not reported.

## Why it matters
A public client cannot keep a secret, so nothing but the refresh token itself proves who is
refreshing. RFC 9700 asks that public clients' refresh tokens be sender-constrained or rotated:
with rotation, each refresh token works once, and a replayed stolen one is detected and refused.

## Example
```yaml
GenerateSecret: false
ExplicitAuthFlows: [ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
```

## Fix
```yaml
GenerateSecret: false
ExplicitAuthFlows: [ALLOW_USER_SRP_AUTH]
RefreshTokenRotation:
  Feature: ENABLED
  RetryGracePeriodSeconds: 0
```
Automatic fix (unsafe): `--fix --unsafe-fixes` sets `RefreshTokenRotation` `Feature` to
`ENABLED`, only where the client refreshes through the OAuth code flow and
`ALLOW_REFRESH_TOKEN_AUTH` is not enabled (with it, rotation is CG306's problem: the flow must go
first). Unsafe because the app must then keep the new refresh token each refresh returns.

## References
- RefreshTokenRotationType: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RefreshTokenRotationType.html
- Using the refresh token (rotation): https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html
- RFC 9700 section 4.14 (refresh token protection)
"""
from linter.model import Unknown
from linter.model.service import REFRESH_TOKEN_FLOW as FLOW
from linter.rule import UNSAFE, Edit, Fix, Problem

ID = "CG307"
NAME = "public-client-refresh-without-rotation"
LEVEL = "note"
TAGS = ["security"]


def check(client, options):
    if client.has_secret() is not False:
        return
    rotation = client.RefreshTokenRotation
    if isinstance(rotation, Unknown):
        return
    feature = rotation.Feature if rotation is not None else None
    if feature not in (None, "DISABLED"):  # ENABLED, unknown, or an invalid value (CG005)
        return
    how = _refresh_path(client)
    if how is None:
        return
    words = client.wording
    setting = words.name("RefreshTokenRotation")
    if rotation is None:
        where, key, state = ("RefreshTokenRotation",), False, f"{setting} is not set"
    elif feature is None:
        where, key, state = (("RefreshTokenRotation",), True,
                             f"{setting} has no {words.member('RefreshTokenRotation', 'Feature')}")
    else:
        where, key, state = ("RefreshTokenRotation", "Feature"), False, "refresh token rotation is DISABLED"
    yield Problem(where,
                  f"This client has no secret and can use refresh tokens ({how}), but {state}: a "
                  "stolen refresh token can be replayed until it expires. Set "
                  f"{words.setting('RefreshTokenRotation.Feature', 'ENABLED')} (and refresh with "
                  f"GetTokensFromRefreshToken instead of {FLOW}).", key=key, fix=_fix(client))


def _fix(client):
    """Rotation on, where ALLOW_REFRESH_TOKEN_AUTH is certainly not enabled (CG306 otherwise)."""
    flows = client.effective_explicit_auth_flows()
    if not isinstance(flows, list) or any(not isinstance(flow, str) for flow in flows) or FLOW in flows:
        return None
    return Fix((Edit.set(("RefreshTokenRotation", "Feature"), "ENABLED"),), UNSAFE,
               f"Set {client.wording.setting('RefreshTokenRotation.Feature', 'ENABLED')}")


def _refresh_path(client):
    """How the client gets refresh tokens, or None when it certainly or possibly cannot."""
    flows = client.effective_explicit_auth_flows()
    if isinstance(flows, list) and FLOW in flows:
        if client.ExplicitAuthFlows is None:
            return f"{FLOW} is enabled by default"
        return f"{FLOW} is enabled" + (" by the legacy flow names" if client.implied_flow(FLOW) else "")
    oauth = client.AllowedOAuthFlows
    if client.AllowedOAuthFlowsUserPoolClient is True and isinstance(oauth, list) and "code" in oauth:
        return "OAuth authorization code flow"
    return None
