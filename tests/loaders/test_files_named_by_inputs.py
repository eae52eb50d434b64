"""Files a loader reads because an input names them or lies beside it (a CDK manifest and the
templates it names, a serverless ``${file(...)}`` include, a Terraform module's other ``.tf`` files,
a saved audit's pool file) are read as inputs are (linter/parsers/reading.py): only regular files,
only up to the size limit.  A FIFO would block the run for ever, ``/dev/zero`` fill its memory."""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys

import pytest

from support import lint_buffer

from linter.loaders import cdk, deployed
from linter.parsers.reading import Unreadable, read_file

TEMPLATE = {"Resources": {"Client": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {
    "UserPoolId": "us-east-1_EXAMPLE", "EnableTokenRevocation": False}}}}


def run(*args, cwd):
    """The command line, with a bounded address space and time: a read of /dev/zero is a failure, not a swapping machine."""
    limit = 3 << 30

    def bounded():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    result = subprocess.run([sys.executable, "-P", "-m", "linter", "lint", *map(str, args)], capture_output=True,
                            text=True, cwd=cwd, timeout=60, preexec_fn=bounded)
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    return result


def test_read_file_reads_regular_files_only_and_up_to_the_limit(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(Unreadable) as fifo:
        read_file(str(tmp_path / "pipe"))
    assert fifo.value.special and fifo.value.message == "not a regular file"
    with pytest.raises(Unreadable) as device:
        read_file("/dev/zero")
    assert device.value.special
    (tmp_path / "big").write_bytes(b"x" * 101)
    with pytest.raises(Unreadable, match="the file is 101 bytes; files over 100 bytes are not read"):
        read_file(str(tmp_path / "big"), limit=100)
    with pytest.raises(Unreadable, match="cannot read file: No such file"):
        read_file(str(tmp_path / "missing"))
    assert read_file(str(tmp_path / "big"), limit=101) == b"x" * 101


def _assembly(folder, other: str, nested: str = ""):
    """cdk.out with AuthStack (a client) and a stack 'Other' whose templateFile is ``other``."""
    folder.mkdir()
    template = json.loads(json.dumps(TEMPLATE))
    if nested:
        template["Resources"]["Nested"] = {"Type": "AWS::CloudFormation::Stack",
                                           "Metadata": {"aws:asset:path": nested}}
    (folder / "AuthStack.template.json").write_text(json.dumps(template))
    (folder / "manifest.json").write_text(json.dumps({"version": "36.0.0", "artifacts": {
        "Other": {"type": "aws:cloudformation:stack", "properties": {"templateFile": other}},
        "AuthStack": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "AuthStack.template.json"}}}}))
    return folder


@pytest.mark.parametrize("other, nested, make", [
    ("Other.template.json", "", "fifo"),
    ("Other.template.json", "", "zero-link"),
    ("/dev/zero", "", None),
    ("AuthStack.template.json.x", "Nested.nested.template.json", "nested-fifo"),
    ("Other.template.json", "", "folder"),
    ("AuthStack.template.json.x", "Nested.nested.template.json", "nested-folder"),
])
def test_a_cdk_manifest_naming_a_fifo_or_device_is_not_read(tmp_path, other, nested, make):
    folder = _assembly(tmp_path / "cdk.out", other, nested)
    if make == "fifo":
        os.mkfifo(folder / other)
    elif make == "zero-link":
        os.symlink("/dev/zero", folder / other)
    elif make == "nested-fifo":
        os.mkfifo(folder / nested)
    elif make in ("folder", "nested-folder"):  # os.open() opens a folder on Linux; open() then refused it
        os.mkdir(folder / (other if make == "folder" else nested))
    for target in ("cdk.out/AuthStack.template.json", "cdk.out"):
        result = run("--select", "CG304", target, cwd=tmp_path)
        assert result.returncode == 1 and "(stack AuthStack, Client)" in result.stdout, result.stdout + result.stderr


def test_a_cdk_manifest_names_files_of_its_assembly_only(tmp_path):
    """The CDK writes every template name relative to the assembly folder; a name outside it
    (absolute, ``../``) is not read: only the assembly's own files are linted as its stacks."""
    (tmp_path / "outside.template.json").write_text(json.dumps(TEMPLATE))
    folder = str(tmp_path / "cdk.out")
    os.mkdir(folder)
    (tmp_path / "cdk.out" / "inside.template.json").write_text(json.dumps(TEMPLATE))
    assert cdk._json(folder, "inside.template.json") == TEMPLATE
    for name in ("../outside.template.json", str(tmp_path / "outside.template.json"), "sub/../../outside.template.json"):
        assert cdk._json(folder, name) is None


def test_nested_stacks_naming_each_other_are_each_read_once(tmp_path):
    """Twelve nested templates each naming all the others: walking every path took exponential time."""
    folder = _assembly(tmp_path / "cdk.out", "T0.template.json")
    names = [f"T{i}.template.json" for i in range(12)]
    for name in names:
        (folder / name).write_text(json.dumps({"Resources": {f"S{j}": {
            "Type": "AWS::CloudFormation::Stack", "Metadata": {"aws:asset:path": other}}
            for j, other in enumerate(names) if other != name}}))
    result = run("--select", "CG304", "cdk.out/AuthStack.template.json", cwd=tmp_path)  # 60 s bound
    assert result.returncode == 1 and "(stack AuthStack, Client)" in result.stdout
    assert len(cdk._stacks(str(folder))) == 13  # AuthStack, and Other (T0) with T1-T11 nested, each once


@pytest.mark.parametrize("include", ["resources/cognito.yml", "/dev/zero", "resources/zero.yml", "resources/dir",
                                     "resources", "."])
def test_a_serverless_include_of_a_fifo_or_device_is_not_read(tmp_path, include):
    (tmp_path / "resources").mkdir()
    (tmp_path / "resources" / "dir").mkdir()
    os.mkfifo(tmp_path / "resources" / "cognito.yml")
    os.symlink("/dev/zero", tmp_path / "resources" / "zero.yml")
    (tmp_path / "serverless.yml").write_text(f"service: shop\nresources:\n  - ${{file({include})}}\n")
    result = run("serverless.yml", cwd=tmp_path)
    assert result.returncode == 1 and result.stdout.startswith(
        f"serverless.yml:3:5: CG001 [error] the included file '{include}' is not read (not a regular file)"), result.stdout


def test_a_fifo_beside_a_terraform_file_is_not_read(tmp_path):
    (tmp_path / "main.tf").write_text('resource "aws_cognito_user_pool_client" "c" {\n  name         = "a"\n'
                                      '  user_pool_id = "p"\n  enable_token_revocation = false\n}\n')
    os.mkfifo(tmp_path / "variables.tf")
    os.symlink("/dev/zero", tmp_path / "zero.tf")
    os.mkdir(tmp_path / "extra.tf")
    result = run("--select", "CG304", "main.tf", cwd=tmp_path)
    assert result.returncode == 1 and "CG304" in result.stdout


def test_a_saved_audits_pool_file_that_is_a_fifo_is_not_read(tmp_path):
    client = {"UserPoolId": "eu-west-1_AbCdEf123", "ClientName": "web", "ClientId": "4k3j2h1g0f9e8d7c6b5a4z3y2x",
              "EnableTokenRevocation": False}
    (tmp_path / "client.json").write_text(json.dumps({"UserPoolClient": client}))
    os.mkfifo(tmp_path / deployed.POOL_FILE)
    result = run("--select", "CG304", "client.json", cwd=tmp_path)
    assert result.returncode == 1 and "CG304" in result.stdout


SERVERLESS = "service: shop\nresources:\n  - ${file(resources/cognito.yml)}\n  - Resources: {}\n"


def test_a_missing_serverless_include_is_a_cg001_at_the_include(tmp_path):
    (tmp_path / "serverless.yml").write_text(SERVERLESS)
    for select in ("CG304", "CG001"):  # a CG001 counts whatever is selected
        result = run("-v", "--select", select, "serverless.yml", cwd=tmp_path)
        assert result.returncode == 1 and "holds no app client" not in result.stderr
        assert result.stdout.startswith(
            "serverless.yml:3:5: CG001 [error] the included file 'resources/cognito.yml' does not exist: "
            "serverless cannot resolve the include, and its resources are not linted\n"), result.stdout
    findings = lint_buffer(SERVERLESS, str(tmp_path / "serverless.yml"))  # the language server's reading too
    assert [(f.rule_id, f.span.line, f.span.column) for f in findings] == [("CG001", 3, 5)]


def test_serverless_includes_that_are_there_or_cannot_be_known_are_no_problem(tmp_path):
    (tmp_path / "resources").mkdir()
    (tmp_path / "resources" / "cognito.yml").write_text(
        "Resources:\n  C:\n    Type: AWS::Cognito::UserPoolClient\n    Properties: {UserPoolId: x, EnableTokenRevocation: false}\n")
    (tmp_path / "serverless.yml").write_text(
        "service: shop\nresources:\n  - ${file(resources/cognito.yml)}\n  - ${file(resources/${opt:stage}.yml)}\n")
    result = run("--select", "CG304", "serverless.yml", cwd=tmp_path)
    assert result.returncode == 1 and result.stdout.startswith("resources/cognito.yml:4:56: CG304"), result.stdout
    assert "CG001" not in result.stdout


def test_a_serverless_include_that_does_not_parse_is_a_cg001_at_the_include_that_quotes_nothing(tmp_path):
    """Its resources go unlinted, and the included file may not be linted itself (no sniffed marker):
    the include says where it breaks, not what (the parser's words may quote a secret)."""
    (tmp_path / "resources").mkdir()
    (tmp_path / "resources" / "broken.yml").write_text("Resources:\n  C: [unclosed\n    ClientSecret: Zq8VnT3kLw0pXc7R\n")
    (tmp_path / "serverless.yml").write_text("service: shop\nresources:\n  - ${file(./resources/broken.yml)}\n")
    for target in ("serverless.yml", "."):
        result = run(target, cwd=tmp_path)
        assert result.returncode == 1 and result.stdout.startswith(
            "serverless.yml:3:5: CG001 [error] the included file './resources/broken.yml' does not parse (its line 3, "
            "column 17): its resources are not linted; lint it for the error\n"), result.stdout
        assert "Zq8VnT3k" not in result.stdout + result.stderr
