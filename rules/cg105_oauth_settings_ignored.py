"""OAuth settings on a client that has OAuth turned off have no effect.

## What it does
Reports `AllowedOAuthFlows`, `AllowedOAuthScopes`, `CallbackURLs`, `LogoutURLs` or
`DefaultRedirectURI` set (to a value other than an empty list or string) while
`AllowedOAuthFlowsUserPoolClient` is not true (false, or omitted: the default is false). The cause is
one switch, so the rule gives one finding per client: it points at the name of the first ignored
setting (in the order above) and lists all of them. Silent when `AllowedOAuthFlowsUserPoolClient`
is unknown.

## Why it matters
Without `AllowedOAuthFlowsUserPoolClient: true` the client cannot use the authorization server
(the `/oauth2/authorize` and `/oauth2/token` endpoints, managed login): the flows, scopes and URLs
are stored but do nothing. Usually someone meant to enable OAuth and forgot the switch, or the
settings are left over and mislead readers into thinking the client is an OAuth client.

## Example
```yaml
AllowedOAuthFlowsUserPoolClient: false
AllowedOAuthFlows: [code]
AllowedOAuthScopes: [openid]
CallbackURLs: [https://app.example.com/callback]
```

## Fix
Turn OAuth on, or delete the settings:
```yaml
AllowedOAuthFlowsUserPoolClient: true
AllowedOAuthFlows: [code]
AllowedOAuthScopes: [openid]
CallbackURLs: [https://app.example.com/callback]
```
Automatic fix (safe): `--fix` sets `AllowedOAuthFlowsUserPoolClient: true` where the intent is
clear: the switch is omitted (false is a decision) and the client has a complete OAuth setup,
flows and scopes (and callback URLs for the code flow), without the implicit grant. Classed safe
because such settings can mean one thing only, an OAuth client whose switch was forgotten; note
that it does open the authorization endpoints to the client as configured.

Where the switch is `false`, or the setup is partial, whether to turn OAuth on or delete the
settings is yours to say: no automatic fix.

## References
- CreateUserPoolClient, AllowedOAuthFlowsUserPoolClient: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- App client settings: https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-client-apps.html
"""
from linter.model.values import fully_known
from linter.rule import SAFE, Edit, Fix, Problem
from linter.rule_helpers.flows import names, oauth_enabled

ID = "CG105"
NAME = "oauth-settings-ignored"
LEVEL = "warning"

_SETTINGS = ("AllowedOAuthFlows", "AllowedOAuthScopes", "CallbackURLs", "LogoutURLs", "DefaultRedirectURI")


def check(client, options):
    if oauth_enabled(client) is not False:
        return
    ignored = [f for f in _SETTINGS if getattr(client, f) not in (None, [], "")]
    if not ignored:
        return
    words = client.wording
    switch = words.name("AllowedOAuthFlowsUserPoolClient")
    state = words.value(False) if client.AllowedOAuthFlowsUserPoolClient is False else \
        f"omitted (default {words.value(False)})"
    verb = "has" if len(ignored) == 1 else "have"
    yield Problem(
        (ignored[0],),
        f"{switch} is {state}, so {names(words.name(f) for f in ignored)} {verb} no effect. "
        f"Set {words.setting('AllowedOAuthFlowsUserPoolClient', True)} to use them, or remove them.",
        key=True,
        fix=_fix(client),
    )


def _fix(client):
    """The switch, when it is omitted and the client is otherwise a complete OAuth client."""
    flows, scopes, callbacks = client.AllowedOAuthFlows, client.AllowedOAuthScopes, client.CallbackURLs
    if client.AllowedOAuthFlowsUserPoolClient is not None or "AllowedOAuthFlowsUserPoolClient" in client.present:
        return None
    if not (fully_known(flows) and flows and fully_known(scopes) and scopes) or "implicit" in flows:
        return None
    if "code" in flows and not (isinstance(callbacks, list) and callbacks):
        return None
    return Fix((Edit.set(("AllowedOAuthFlowsUserPoolClient",), True),), SAFE,
               f"Set {client.wording.setting('AllowedOAuthFlowsUserPoolClient', True)}")
