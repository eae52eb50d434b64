"""A client that uses a resource server's scope must be created after that resource server.

## What it does
Template only. Reports the first scope in `AllowedOAuthScopes` that belongs to an
`AWS::Cognito::UserPoolResourceServer` of the client's pool in the same template (its identifier is
the server's `Identifier`) when the client neither lists the server in `DependsOn` nor references it
(`Ref`, `Fn::GetAtt` or `Fn::Sub` anywhere in its properties, e.g.
`!Join ['', [!Ref ApiServer, '/read']]`). One finding per resource server. In Terraform the same
for an `aws_cognito_resource_server` of the module: `depends_on` or a reference (such as
`aws_cognito_resource_server.api.scope_identifiers`) orders the creation.

## Why it matters
CloudFormation creates resources in parallel unless one depends on another. Nothing tells it that the
client needs the resource server, so it may create the client first, and the service rejects it
with "Invalid scope requested". Such a deploy can pass once and fail the next time.

The level is `warning`, not `error`: the configuration itself is valid and such a deploy often
succeeds (a real deployment of cdk-preflight's accepted template without the dependency did), but
it is a race you should not leave to chance.

## Example
```yaml
ApiServer:
  Type: AWS::Cognito::UserPoolResourceServer
  Properties:
    UserPoolId: !Ref UserPool
    Identifier: api
    Name: api
    Scopes: [{ScopeName: read, ScopeDescription: Read}]
MachineClient:
  Type: AWS::Cognito::UserPoolClient
  Properties:
    UserPoolId: !Ref UserPool
    GenerateSecret: true
    AllowedOAuthFlowsUserPoolClient: true
    AllowedOAuthFlows: [client_credentials]
    AllowedOAuthScopes: [api/read]
```

## Fix
Add `DependsOn`, or build the scope from the server so that CloudFormation sees the reference.
```yaml
MachineClient:
  Type: AWS::Cognito::UserPoolClient
  DependsOn: ApiServer
  Properties:
    AllowedOAuthScopes: [api/read]
```
Automatic fix (safe): `--fix` adds the server to the client's `DependsOn` (after `Type`; a single
name becomes a list), in Terraform to `depends_on`. Safe: it changes only the order in which
resources are created, which makes the failing deploy work.

## References
- DependsOn attribute: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-dependson.html
- AWS::Cognito::UserPoolResourceServer (Ref returns the identifier): https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolresourceserver.html
- CreateUserPoolClient, AllowedOAuthScopes: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
"""
from linter.rule import SAFE, Edit, Fix, Problem
from linter.rule_helpers import cross_resource

ID = "CG109"
NAME = "missing-dependency-on-resource-server"
LEVEL = "warning"


def check(client, options):
    ctx = cross_resource.context(client)
    words = client.wording
    if ctx is None or words.deployer is None:
        return
    created_before = cross_resource.dependencies(ctx)
    reported = set()
    for use in cross_resource.custom_scopes(client, ctx):
        server = use.server
        if server is None or server.logical_id in created_before or server.logical_id in reported:
            continue
        reported.add(server.logical_id)
        yield Problem(
            ("AllowedOAuthScopes", use.index),
            f"Scope '{use.shown}' comes from resource server {server.logical_id}, but the client neither "
            f"depends on it nor references it: {words.deployer} may create the client first and the deploy "
            f"fails with \"Invalid scope requested\". Add {words.dependency(server.logical_id)} to the client.",
            fix=Fix((Edit.depend(server.logical_id),), SAFE, f"Add {words.dependency(server.logical_id)}"))
