"""Propagating additional user context data needs a client secret.

## What it does
Reports `EnablePropagateAdditionalUserContextData: true` on a client that has no secret
(`GenerateSecret` false or omitted and no `ClientSecret`). Silent when the secret state is not
known: an Update payload, an unresolved `GenerateSecret`, or Describe output (the service has
already accepted that client, so a missing `ClientSecret` there only means it was removed from the
file).

## Why it matters
The setting lets the app pass the user's IP address and device data on sign-in so threat
protection can assess risk. Cognito only trusts that data from a confidential client and rejects
the configuration otherwise ("Client Secret is required to set
EnablePropagateAdditionalUserContextData as true"), so the deploy fails.

## Example
```yaml
ClientName: web
EnablePropagateAdditionalUserContextData: true
```

## Fix
Use a confidential (server-side) client:
```yaml
ClientName: web-backend
GenerateSecret: true
EnablePropagateAdditionalUserContextData: true
```
Or turn the setting off for a public client.

## References
- CreateUserPoolClient, EnablePropagateAdditionalUserContextData: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- Adding user device and session data to API requests: https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-adaptive-authentication.html
"""
from linter.rule import Problem

ID = "CG601"
NAME = "context-data-without-secret"
LEVEL = "error"


def check(client, options):
    if client.EnablePropagateAdditionalUserContextData is True and client.has_secret() is False:
        words = client.wording
        yield Problem(("EnablePropagateAdditionalUserContextData",),
                      f"{words.name('EnablePropagateAdditionalUserContextData')} is {words.value(True)} but the "
                      "client has no secret; the service requires a client secret for it. Set "
                      f"{words.setting('GenerateSecret', True)} (a confidential client) or turn the setting off.")
