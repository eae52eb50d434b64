"""A custom OAuth scope must be declared by a resource server of the client's user pool.

## What it does
Template only. Looks at each `identifier/name` scope in `AllowedOAuthScopes` (the built-in scopes
`openid`, `email`, `phone`, `profile` and `aws.cognito.signin.user.admin` are skipped) and reports it
when:

- an `AWS::Cognito::UserPoolResourceServer` of the same user pool in the template has that
  `Identifier` but no scope called `name`; or
- no resource server has that identifier, while the user pool itself is defined in the template and
  every resource server of it is known.

Scope names cannot contain `/`, so the identifier is the part before the last `/`
(`https://api.example.com/reports.read` is scope `reports.read` of server `https://api.example.com`).
A scope built as `!Join ['', [!Ref Server, '/read']]` is scope `read` of `Server`. The rule stays
silent when the pool is imported (a literal ID, a parameter, an `Fn::ImportValue`), when a server's
identifier or scopes cannot be read, and on scopes that are not plain text.
Terraform modules (every `.tf` file of the folder) are read the same way as templates.

## Why it matters
The service only accepts scopes it can find in the pool. CloudFormation rolls the stack back with
"Invalid scope requested: api/read", usually after every other resource has been created.

## Example
```yaml
ApiServer:
  Type: AWS::Cognito::UserPoolResourceServer
  Properties:
    UserPoolId: !Ref UserPool
    Identifier: api
    Name: api
    Scopes: [{ScopeName: read, ScopeDescription: Read}]
WebClient:
  Type: AWS::Cognito::UserPoolClient
  DependsOn: ApiServer
  Properties:
    UserPoolId: !Ref UserPool
    AllowedOAuthScopes: [openid, api/write]
```

## Fix
Declare the scope on the resource server (or ask only for the ones it declares).
```yaml
    Scopes:
      - {ScopeName: read, ScopeDescription: Read}
      - {ScopeName: write, ScopeDescription: Write}
```

## References
- CreateUserPoolClient, AllowedOAuthScopes: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
- ResourceServerScopeType (scope name pattern): https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ResourceServerScopeType.html
- AWS::Cognito::UserPoolResourceServer: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolresourceserver.html
- Scopes, M2M, and APIs with resource servers: https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-define-resource-servers.html
"""
from linter.rule import Problem
from linter.rule_helpers import cross_resource

ID = "CG108"
NAME = "undefined-custom-scope"
LEVEL = "error"


def check(client, options):
    ctx = cross_resource.context(client)
    if ctx is None:
        return
    words = client.wording
    all_known = cross_resource.servers_all_known(ctx)
    for use in cross_resource.custom_scopes(client, ctx):
        server = use.server
        if server is not None:
            if server.scopes is None or use.name in server.scopes:
                continue
            declared = ", ".join(server.scopes) if server.scopes else "none"
            yield Problem(
                ("AllowedOAuthScopes", use.index),
                f"Scope '{use.shown}': resource server {server.logical_id} does not declare a scope "
                f"'{use.name}' (it declares: {declared}); the deploy fails with \"Invalid scope requested\". "
                f"{words.declare_scope(server.logical_id, use.name)} or fix the scope.")
        elif all_known and use.identifier is not None:
            yield Problem(
                ("AllowedOAuthScopes", use.index),
                f"Scope '{use.shown}': no {words.resource_type('AWS::Cognito::UserPoolResourceServer')} "
                f"of user pool {ctx.pool.logical_id} has the identifier '{use.identifier}'"
                f"{_hint(ctx, use.identifier)}; the deploy fails with \"Invalid scope requested\". "
                "Add a resource server with that Identifier and scope, or fix the scope.")


def _hint(ctx, identifier):
    """Name a server whose identifier is a prefix: scope names cannot contain '/'."""
    for server in ctx.resource_servers:
        if server.identifier and identifier.startswith(server.identifier + "/"):
            return (f" (resource server {server.logical_id} is '{server.identifier}', but a scope name "
                    "cannot contain '/')")
    known = sorted(s.identifier for s in ctx.resource_servers if s.identifier)
    return f" (the pool's resource servers: {', '.join(known)})" if known else ""
