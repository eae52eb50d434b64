"""What the CloudFormation loader tells the cross-resource rules about the rest of the template."""
from support import lint_text

BASE = """\
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
  Api:
    Type: AWS::Cognito::UserPoolResourceServer
    Properties: {UserPoolId: !Ref Pool, Identifier: api, Name: api, Scopes: [{ScopeName: read, ScopeDescription: r}]}
  Domain:
    Type: AWS::Cognito::UserPoolDomain
    DependsOn: Api
    Properties: {UserPoolId: !Ref Pool, Domain: acme}
  Client:
    Type: AWS::Cognito::UserPoolClient
@EXTRA@    Properties:
      UserPoolId: !Ref Pool
      GenerateSecret: true
      AllowedOAuthFlowsUserPoolClient: true
      AllowedOAuthFlows: [client_credentials]
      AllowedOAuthScopes: [@SCOPE@]
"""


def template(client_extra, scope):
    return BASE.replace("@EXTRA@", client_extra).replace("@SCOPE@", scope)


def rules_found(text):
    return [(f.rule_id, f.span.line) for f in lint_text(text, select=["CG108", "CG109"])]


def test_dependency_through_another_resource_counts():
    assert rules_found(template("", "api/read")) == [("CG109", 18)]
    assert rules_found(template("    DependsOn: Domain\n", "api/read")) == []


def test_sub_variable_keeps_the_reference_to_the_server():
    text = template("", "!Sub ['${Id}/read', {Id: !Ref Api}]")
    assert rules_found(text) == []
    text = template("", "!Sub ['${Id}/write', {Id: !Ref Api}]")
    assert [r for r, _ in rules_found(text)] == ["CG108"]


def test_a_nested_stack_given_the_pool_may_define_more_resource_servers():
    text = template("    DependsOn: Api\n", "other/read")
    assert [r for r, _ in rules_found(text)] == ["CG108"]
    nested = text.replace("Resources:\n", "Resources:\n  Extra:\n    Type: AWS::CloudFormation::Stack\n"
                          "    Properties: {TemplateURL: x, Parameters: {PoolId: !Ref Pool}}\n", 1)
    assert rules_found(nested) == []
