"""Callback, sign-out and default redirect URLs must be absolute (have a scheme).

## What it does
Reports an entry of `CallbackURLs` or `LogoutURLs`, or the `DefaultRedirectURI`, that has no
scheme: a path such as `/callback`, a bare host such as `app.example.com/cb`, or a host and
port such as `localhost:3000/cb` (which a URI parser would misread as the scheme `localhost`).
A `Fn::Sub` URL is reported when its literal start already shows that there is no scheme.

A parameter's `Default` (a Terraform variable's `default`) counts where the URL is otherwise
unknown (`!Ref CallbackUrl`, `!Split [",", !Ref CallbackUrls]`, `${var.callback_url}`): it is what
deploys unless overridden, and the message says "(with the default of parameter CallbackUrl)". A
parameter without a default stays unknown.

## Why it matters
Cognito redirects the browser to exactly the URL you register; a relative URL cannot be a
redirect target and the service rejects the client, so the deploy or API call fails.

## Example
```json
{
  "UserPoolId": "us-east-1_EXAMPLE",
  "ClientName": "web",
  "CallbackURLs": ["/callback"]
}
```

## Fix
```json
{
  "UserPoolId": "us-east-1_EXAMPLE",
  "ClientName": "web",
  "CallbackURLs": ["https://app.example.com/callback"]
}
```

## References
- CreateUserPoolClient, CallbackURLs (a redirect URI must be absolute): https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- RFC 6749 section 3.1.2 (the redirection endpoint URI must be an absolute URI): https://www.rfc-editor.org/rfc/rfc6749#section-3.1.2
- RFC 3986 section 4.3 (absolute URI)
"""
from linter.rule import Problem
from linter.rule_helpers import urls

ID = "CG204"
NAME = "url-not-absolute"
LEVEL = "error"


def check(client, options):
    for path, field, url, note in urls.redirect_urls_where(client, urls.lacks_scheme, default=True):
        yield Problem(path, f"{client.wording.name(field)} entry '{urls.shown(url)}'{note} has no scheme; redirect "
                            "and sign-out URLs must be absolute. Write the full URL, e.g. "
                            "'https://app.example.com/callback' (or 'myapp://callback' for a native app).")
