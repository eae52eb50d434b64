"""CDK cloud assemblies (stack and construct names) and serverless.yml (includes, variables)."""
import json
import subprocess
import sys

from support import FIXTURES, lint_text, run_cli

CDK = FIXTURES / "cdk"
SERVERLESS = FIXTURES / "serverless"


def lint_json(*paths, select="CG202"):
    result = run_cli("lint", "--format", "json", "--select", select, *paths)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)["findings"]


def test_cdk_stage_assembly_names_stack_and_construct():
    findings = lint_json(CDK / "stages" / "cdk.out")
    assert [(f["file"].split("cdk.out/")[1], f["line"], f["column"]) for f in findings] == [
        ("assembly-Prod/ProdAuthStack454EE0F9.template.json", 53, 6)]
    assert findings[0]["message"].endswith("(stack Prod-AuthStack, Prod/AuthStack/UserPool/WebClient)")


def test_cdk_nested_stack_template_is_linted_and_named(tmp_path):
    template = json.loads((CDK / "nested" / "cdk.out" / "AppStackAuth4EE88598.nested.template.json").read_text())
    client = template["Resources"]["UserPoolMobileClient046093C2"]["Properties"]
    client["CallbackURLs"] = ["http://mobile.acme-corp.io/cb"]
    assembly = tmp_path / "cdk.out"
    assembly.mkdir()
    for item in (CDK / "nested" / "cdk.out").iterdir():
        (assembly / item.name).write_text(item.read_text())
    (assembly / "AppStackAuth4EE88598.nested.template.json").write_text(json.dumps(template, indent=1))
    findings = lint_json(assembly)
    assert len(findings) == 1
    assert findings[0]["file"].endswith("AppStackAuth4EE88598.nested.template.json")
    assert findings[0]["message"].endswith("(stack AppStack/Auth, AppStack/Auth/UserPool/MobileClient)")


def test_serverless_includes_are_followed_and_variables_are_unknown():
    findings = lint_json(SERVERLESS / "serverless.yml", select="CG202,CG304")
    where = [(f["rule"], f["file"].split("serverless/")[1], f["line"], f["column"]) for f in findings]
    # http://${self:custom.domain}/other has an unknown host: silent. The literal http URL is found in
    # the included file; the inline resources' finding points into serverless.yml, and so does the
    # include of resources/missing.yml, which does not exist (a CG001, reported whatever is selected).
    assert where == [("CG202", "resources/cognito.yml", 11, 11), ("CG001", "serverless.yml", 9, 5),
                     ("CG304", "serverless.yml", 16, 34)]
    assert "the included file 'resources/missing.yml' does not exist" in findings[1]["message"]


def test_serverless_variables_inside_plain_cloudformation_are_unknown():
    text = ("Resources:\n  C:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      UserPoolId: x\n"
            "      CallbackURLs: ['http://${self:custom.host}/cb']\n")
    assert lint_text(text, select=["CG202"]) == []


def test_suppressions_in_a_serverless_include_apply_there_and_only_there(tmp_path):
    (tmp_path / "resources").mkdir()
    (tmp_path / "resources" / "cognito.yml").write_text(
        "Resources:\n"
        "  WebClient:\n"
        "    Type: AWS::Cognito::UserPoolClient\n"
        "    Properties:\n"
        "      UserPoolId: us-east-1_Ab12Cd34E\n"
        "      AllowedOAuthFlowsUserPoolClient: true\n"
        "      AllowedOAuthFlows: [code]\n"
        "      AllowedOAuthScopes: [openid]\n"
        "      CallbackURLs: [http://a.acme-corp.io/cb]  # cognito-lint: ignore=CG202 staging\n"
        "      LogoutURLs: [http://a.acme-corp.io/out]\n")
    # Line 10 of serverless.yml carries a suppression too: it must not cover line 10 of the include.
    (tmp_path / "serverless.yml").write_text(
        "service: app\nprovider:\n  name: aws\n" + "#\n" * 5 + "resources:\n"
        "  - ${file(resources/cognito.yml)}  # cognito-lint: ignore=CG202\n")
    result = subprocess.run([sys.executable, "-P", "-m", "linter", "lint", "--select", "CG202", "--show-suppressed",
                             "--format", "json", "serverless.yml"], capture_output=True, text=True, cwd=tmp_path,
                            env={"PATH": "/usr/bin:/bin"}, timeout=120)
    found = [(f["file"], f["line"], f["suppressed"]) for f in json.loads(result.stdout)["findings"]]
    assert found == [("resources/cognito.yml", 9, True), ("resources/cognito.yml", 10, False)]
