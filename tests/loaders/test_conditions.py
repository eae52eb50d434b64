"""Fn::If with Conditions: only combinations that can occur, findings name the deciding condition."""
from linter.loaders.conditions import possible_assignments
from support import cfn, lint_text, span_text

TEMPLATE = """\
Parameters:
  Env: {Type: String}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Equals [!Ref Env, dev]
  IsNotProd: !Not [!Condition IsProd]
  Always: !Equals [a, a]
Resources:
  C:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: us-east-1_abc
      CallbackURLs:
        - !If [IsProd, https://prod.acme.io/cb, !Ref AWS::NoValue]
        - !If [IsNotProd, http://dev.acme.io/cb, !Ref AWS::NoValue]
      EnableTokenRevocation: !If [IsDev, false, true]
      LogoutURLs: !If [Always, [https://acme.io/bye], [http://acme.io/bye]]
"""


def test_complementary_and_exclusive_conditions_are_never_both_true():
    definitions = {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
                   "IsDev": {"Fn::Equals": [{"Ref": "Env"}, "dev"]},
                   "IsNotProd": {"Fn::Not": [{"Condition": "IsProd"}]}}
    possible = possible_assignments(["IsDev", "IsNotProd", "IsProd"], definitions)
    assert {"IsProd": True, "IsNotProd": True, "IsDev": False} not in possible
    assert {"IsProd": True, "IsNotProd": False, "IsDev": True} not in possible
    assert len(possible) == 3


def test_undefined_or_cyclic_conditions_are_unknown():
    assert possible_assignments(["Missing"], {}) is None
    assert possible_assignments(["A"], {"A": {"Fn::Not": [{"Condition": "A"}]}}) is None


def test_findings_name_the_deciding_condition_and_point_at_the_branch():
    findings = lint_text(TEMPLATE, select=["CG202", "CG304"])
    assert [(f.rule_id, f.span.line, f.span.column) for f in findings] == [("CG202", 15, 27), ("CG304", 16, 42)]
    assert findings[0].message.endswith("(when IsNotProd is true)")
    assert findings[1].message.endswith("(when IsDev is true)")
    assert span_text(findings[0], TEMPLATE) == "http://dev.acme.io/cb"
    assert span_text(findings[1], TEMPLATE) == "false"


def test_constant_conditions_take_one_branch_only():
    findings = lint_text(TEMPLATE, select=["CG202"])
    assert all("acme.io/bye" not in f.message for f in findings)


def test_findings_name_the_condition_branch():
    text = ("Conditions:\n  IsProd: !Equals [!Ref Env, prod]\n" + cfn(
        "CallbackURLs:\n  - !If [IsProd, 'https://app.example.com/cb', 'http://dev.example.com/cb']"))
    findings = lint_text(text, select=["CG202"])
    assert len(findings) == 1
    assert findings[0].message.endswith("(when IsProd is false)")
    assert span_text(findings[0], text) == "'http://dev.example.com/cb'"
