"""Callback URLs and the default redirect URI must not contain a `#` fragment.

## What it does
Reports an entry of `CallbackURLs`, or the `DefaultRedirectURI`, that contains `#` — a fragment
component, even an empty one (`https://app.example.com/cb#`). A URL built with `Fn::Sub` is
reported when its literal text holds the `#`.

A parameter's `Default` (a Terraform variable's `default`) counts where the URL is otherwise
unknown (`!Ref CallbackUrl`, `!Split [",", !Ref CallbackUrls]`, `${var.callback_url}`): it is what
deploys unless overridden, and the message says "(with the default of parameter CallbackUrl)". A
parameter without a default stays unknown.

## Why it matters
OAuth 2.0 forbids fragments in redirection endpoints: the authorization server appends the code
(or, with the implicit grant, the tokens) to the redirect URI, and a fragment would make that
ambiguous. Cognito enforces it: the deploy fails with "... cannot use fragment". Sign-out URLs are
not redirection endpoints in the OAuth sense and are not checked.

## Example
```yaml
CallbackURLs:
  - https://app.example.com/#/callback
```

## Fix
Give the single-page app a real path for the callback (or use the query string) and route to the
hash location after the code exchange:
```yaml
CallbackURLs:
  - https://app.example.com/callback
```

## References
- RFC 6749 section 3.1.2 (the redirection endpoint URI must not include a fragment component): https://www.rfc-editor.org/rfc/rfc6749#section-3.1.2
- CreateUserPoolClient, CallbackURLs: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- AWS::Cognito::UserPoolClient: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolclient.html
"""
from linter.rule import Problem
from linter.rule_helpers import urls

ID = "CG203"
NAME = "url-with-fragment"
LEVEL = "error"


def check(client, options):
    for path, field, url, note in urls.redirect_urls_where(client, urls.has_fragment, logouts=False, default=True):
        yield Problem(path, f"{client.wording.name(field)} entry '{urls.shown(url)}'{note} contains a '#' fragment; "
                            "redirect URIs must not have one (RFC 6749 3.1.2) and the service rejects it. "
                            "Remove the '#...' part.")
