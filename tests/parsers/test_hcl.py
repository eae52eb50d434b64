"""The HCL reader (Terraform's native syntax): values in the shape of Terraform's JSON, their spans,
parse errors at the right place, and Terraform itself as the oracle of what parses."""
from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.loaders.registry import load as load_clients
from linter.parsers.document import ParseError
from linter.parsers.edits import INSERT, DocEdit, apply_text_edits
from linter.parsers.hcl import FALSE, TRUE, Conditional, HclDocument, parse_expression
from linter.parsers.scanner import Expression
from support import CORPUS, ROOT, tf


def parse(text: str) -> HclDocument:
    return HclDocument.parse("main.tf", text)


# --- values and their spans ----------------------------------------------------------------------

def test_literals_blocks_and_labels_have_the_shape_of_terraform_json():
    doc = parse(tf('''
generate_secret = false
refresh_token_validity = 30
allowed_oauth_flows = ["code", "implicit"] # trailing comment
token_validity_units {
  access_token = "minutes"
}
'''))
    client = doc.data["resource"]["aws_cognito_user_pool_client"]["web"]
    assert client["name"] == "web" and client["generate_secret"] is False
    assert client["refresh_token_validity"] == 30
    assert client["allowed_oauth_flows"] == ["code", "implicit"]
    assert client["token_validity_units"] == [{"access_token": "minutes"}]
    assert isinstance(client["user_pool_id"], Expression)
    assert client["user_pool_id"].reference == "aws_cognito_user_pool.pool"
    assert doc.data["resource"]["aws_cognito_user_pool"]["pool"] == {"name": "users"}


def test_spans_point_at_values_list_items_keys_and_labels():
    text = tf('''
callback_urls = [
  "https://a.example.org/cb",
  "http://b.example.org/cb",
]
token_validity_units {
  access_token = "minutes"
}
''')
    doc = parse(text)
    base = ("resource", "aws_cognito_user_pool_client", "web")
    assert _covered(doc, base + ("callback_urls", 1)) == '"http://b.example.org/cb"'
    assert doc.span(base + ("callback_urls", 1)) == _span(10, 5, 10, 30)
    assert _covered(doc, base + ("callback_urls",), key=True) == "callback_urls"
    assert _covered(doc, base, key=True) == '"web"'
    assert _covered(doc, base + ("token_validity_units", 0, "access_token")) == '"minutes"'
    # A path that does not exist points at the deepest existing ancestor's key.
    assert _covered(doc, base + ("logout_urls",)) == '"web"'


def _span(line, column, end_line, end_column):
    from linter.parsers.document import Span
    return Span(line, column, end_line, end_column)


def _covered(doc: HclDocument, path: tuple, key: bool = False) -> str:
    span = doc.span(path, key)
    lines = doc.text.splitlines()
    assert span.line == span.end_line, "single-line values only in these tests"
    return lines[span.line - 1][span.column - 1:span.end_column - 1]


def test_expressions_that_are_not_literals_keep_their_source_text():
    doc = parse('''
locals {
  a = var.enabled ? ["code"] : []
  b = concat(
    ["x"],
    var.more,
  )
  c = [for s in var.scopes : "api/${s}"]
  d = { for k, v in var.m : k => v }
  e = 60 * 24
  f = ["a", var.b][0]
  g = -1
  h = !var.x
}
''')
    values = doc.data["locals"][0]
    assert {k: v.text for k, v in values.items() if isinstance(v, Expression)} == {
        "a": 'var.enabled ? ["code"] : []',
        "b": 'concat(\n    ["x"],\n    var.more,\n  )',
        "c": '[for s in var.scopes : "api/${s}"]',
        "d": "{ for k, v in var.m : k => v }",
        "e": "60 * 24",
        "f": '["a", var.b][0]',
        "h": "!var.x",
    }
    assert values["g"] == -1


# --- conditionals: per branch, each with its span -----------------------------------------------

def test_conditionals_hold_their_condition_and_branches_with_spans():
    doc = parse(tf('''
supported_identity_providers = var.google ? ["COGNITO", "Google"] : ["COGNITO"]
callback_urls = [var.x ? "https://a.io/cb" : "https://b.io/cb", "https://c.io/cb"] # c
explicit_auth_flows = var.a ? var.b ? ["A"] : ["B"] : var.env == "prod" ? ["C"] : null
logout_urls = var.y ? concat(var.z, ["x"]) : ["https://${var.d}/out"]   /* c */
'''))
    base = ("resource", "aws_cognito_user_pool_client", "web")
    client = doc.data["resource"]["aws_cognito_user_pool_client"]["web"]
    providers = client["supported_identity_providers"]
    assert isinstance(providers, Conditional) and providers.condition == "var.google"
    assert providers.branches == {TRUE: ["COGNITO", "Google"], FALSE: ["COGNITO"]}
    assert providers.text == 'var.google ? ["COGNITO", "Google"] : ["COGNITO"]'
    assert _covered(doc, base + ("supported_identity_providers",)) == providers.text
    assert _covered(doc, base + ("supported_identity_providers", TRUE)) == '["COGNITO", "Google"]'
    assert _covered(doc, base + ("supported_identity_providers", TRUE, 1)) == '"Google"'
    assert _covered(doc, base + ("supported_identity_providers", FALSE, 0)) == '"COGNITO"'
    item = client["callback_urls"][0]
    assert isinstance(item, Conditional) and item[TRUE] == "https://a.io/cb" and client["callback_urls"][1] == "https://c.io/cb"
    assert _covered(doc, base + ("callback_urls", 0)) == 'var.x ? "https://a.io/cb" : "https://b.io/cb"'
    assert _covered(doc, base + ("callback_urls", 0, FALSE)) == '"https://b.io/cb"'
    nested = client["explicit_auth_flows"]  # right-associative, a conditional in either branch
    assert nested.condition == "var.a" and nested[TRUE].condition == "var.b" and nested[FALSE].condition == 'var.env == "prod"'
    assert nested[TRUE][FALSE] == ["B"] and nested[FALSE][TRUE] == ["C"] and nested[FALSE][FALSE] is None
    assert _covered(doc, base + ("explicit_auth_flows", TRUE)) == 'var.b ? ["A"] : ["B"]'
    assert _covered(doc, base + ("explicit_auth_flows", FALSE, TRUE, 0)) == '"C"'
    mixed = client["logout_urls"]  # a branch that is no literal is an expression; trailing comments are not the value
    assert mixed[TRUE] == Expression('concat(var.z, ["x"])') and not isinstance(mixed[TRUE], Conditional)
    assert mixed[FALSE][0].parts[0] == "https://" and mixed.text.endswith('/out"]')
    assert _covered(doc, base + ("logout_urls",)) == mixed.text


@pytest.mark.parametrize("text", ['"a ? b : c"', "x ? y", "? a : b", "[for s in var.l : s if s ? 1 : 2]",
                                  "{ for k, v in var.m : k => v }", "f(a ? 1 : 2)"])
def test_text_that_is_no_whole_conditional_is_not_one(text):
    value = parse(f"locals {{\n  x = {text}\n}}\n").data["locals"][0]["x"]
    assert not isinstance(value, Conditional)


def test_parentheses_around_a_conditional_or_a_literal_are_read_through():
    doc = parse('locals {\n  a = (var.x ? ["y"] : [])\n  b = (\n    var.x ? 1 : (2)\n  )\n  c = (["l"])\n'
                '  d = (var.x)\n  e = (1) + (2)\n}\n')
    values = doc.data["locals"][0]
    assert values["a"].condition == "var.x" and values["a"][TRUE] == ["y"]
    assert _covered(doc, ("locals", 0, "a")) == 'var.x ? ["y"] : []'
    assert values["b"][FALSE] == 2 and _covered(doc, ("locals", 0, "b", FALSE)) == "2"
    assert values["c"] == ["l"] and values["d"] == Expression("(var.x)") and values["e"] == Expression("(1) + (2)")


def test_a_whole_expression_on_its_own_for_the_json_syntax():
    value = parse_expression('var.google ? ["COGNITO", "Google"] : ["COGNITO"]')
    assert isinstance(value, Conditional) and value[FALSE] == ["COGNITO"]
    assert parse_expression('["a"]') == ["a"] and parse_expression("a ? b") == Expression("a ? b")
    assert parse_expression('"unterminated') is None and parse_expression("a\nb") is None


# Branches of any literal shape (JSON's syntax is HCL's for these), conditionals nested in either
# branch: each branch reads back as its value, and its span holds exactly its text.
literal_values = st.recursive(
    st.one_of(st.text(st.sampled_from("ab:/?#* "), max_size=6), st.integers(-9, 99), st.booleans()),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.from_regex(r"[a-z]{1,4}", fullmatch=True), inner, max_size=2)),
    max_leaves=5)
conditionals = st.recursive(
    literal_values.map(lambda v: (json.dumps(v), v)),
    lambda inner: st.tuples(st.sampled_from(["var.c", "!var.c", 'var.e == "p"', "local.d"]), inner, inner).map(
        lambda t: (f"{t[0]} ? {t[1][0]} : {t[2][0]}", ("?", t[0], t[1][1], t[2][1]))),
    max_leaves=4)


def _read_back(value, expected, doc, path):
    if isinstance(expected, tuple):
        assert isinstance(value, Conditional) and value.condition == expected[1]
        for step, branch in ((TRUE, expected[2]), (FALSE, expected[3])):
            _read_back(value[step], branch, doc, path + (step,))
    else:
        assert value == expected
        assert json.loads(_covered(doc, path)) == expected


@settings(max_examples=150)
@given(pair=conditionals)
def test_generated_conditionals_read_back_branch_by_branch(pair):
    text, expected = pair
    doc = parse(f"locals {{\n  x = {text} # c\n}}\n")
    _read_back(doc.data["locals"][0]["x"], expected, doc, ("locals", 0, "x"))


def test_strings_escapes_interpolations_heredocs_and_comments():
    doc = parse('''
# a comment
// another
/* a block
   comment */
locals {
  plain   = "a\\"b\\\\c\\u00e9"
  literal = "$${not.interpolated}"
  url     = "https://${var.domain}/cb"
  only    = "${var.x}"
  doc     = <<-EOT
    first
      second
    EOT
  tmpl    = <<EOT
hello ${var.name}
EOT
  obj     = { a = 1, "b" : "two" }
}
''')
    values = doc.data["locals"][0]
    assert values["plain"] == 'a"b\\cé'
    assert values["literal"] == "${not.interpolated}"
    assert values["url"].parts[0] == "https://" and values["url"].parts[1].text == "var.domain"
    assert values["only"].parts[0].text == "var.x"
    assert values["doc"] == "first\n  second\n"
    assert isinstance(values["tmpl"], Expression)
    assert values["obj"] == {"a": 1, "b": "two"}


MALFORMED = [
    ('resource "a" "b" {\n  x = 1\n', 3, 1, "not closed"),
    ('locals {\n  x = "abc\n}\n', 2, 7, "unterminated string"),
    ('}\n', 1, 1, "expected an argument or a block"),
    ('locals {\n  x = [1, 2\n}\n', 3, 1, "expected ']', found '}'"),
    ('locals {\n  x =\n}\n', 2, 6, "expected an expression"),
    ('locals {\n  x = f(1, 2\n}\n', 3, 1, "expected ')'"),
    ('/* open\n', 1, 1, "unterminated /* comment"),
    ('locals {\n  x = <<EOT\nabc\n}\n', 2, 7, "heredoc <<EOT is not closed"),
]


@pytest.mark.parametrize("text, line, column, words", MALFORMED)
def test_malformed_hcl_is_a_parse_error_at_the_right_place(text, line, column, words):
    with pytest.raises(ParseError) as raised:
        parse(text)
    assert (raised.value.line, raised.value.column) == (line, column)
    assert words in raised.value.message


# Literal values and how Terraform writes them; the reader must give back the value, and the span
# of each list item must cover exactly the item's text.
scalars = st.one_of(
    st.booleans(), st.integers(-10**6, 10**9),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12),
)


def render(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(render(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False).replace("${", "$${").replace("%{", "%%{")


@settings(max_examples=200)
@given(values=st.dictionaries(st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True),
                              st.one_of(scalars, st.lists(scalars, max_size=4)), min_size=1, max_size=6))
def test_rendered_literals_read_back_with_exact_spans(values):
    text = "locals {\n" + "".join(f"  {k} = {render(v)}\n" for k, v in values.items()) + "}\n"
    doc = parse(text)
    assert doc.data["locals"][0] == values
    for key, value in values.items():
        items = [(key, i) for i in range(len(value))] if isinstance(value, list) else [(key,)]
        for path in items:
            item = value[path[1]] if len(path) == 2 else value
            assert _covered(doc, ("locals", 0) + path) == render(item)


def test_repeated_labeled_blocks_keep_the_first():
    doc = parse('resource "t" "a" {\n  x = 1\n}\nresource "t" "a" {\n  x = 2\n}\n'
                'resource "t" "b" {\n  provisioner "local-exec" {\n    command = "a"\n  }\n'
                '  provisioner "local-exec" {\n    command = "b"\n  }\n}\n')
    assert doc.data["resource"]["t"]["a"] == {"x": 1}
    assert doc.span(("resource", "t", "a", "x")).line == 2
    assert doc.data["resource"]["t"]["b"]["provisioner"]["local-exec"] == {"command": "a"}


# --- Terraform itself as the oracle: what `terraform fmt` rejects, the reader rejects, and back ----

TERRAFORM = shutil.which("terraform")


def terraform_accepts(text: str) -> bool:
    result = subprocess.run([TERRAFORM, "fmt", "-no-color", "-"], input=text, capture_output=True, text=True,
                            timeout=60, env={**os.environ, "TF_CLI_CONFIG_FILE": os.devnull, "CHECKPOINT_DISABLE": "1"})
    return result.returncode == 0


def reader_accepts(text: str) -> bool:
    """Terraform's verdict as the reader gives it: a parse error, or a problem read past (a
    duplicate argument, which Terraform refuses)."""
    try:
        return not parse(text).problems
    except ParseError:
        return False


@pytest.mark.skipif(TERRAFORM is None, reason="terraform is not installed")
@pytest.mark.shared("corpus/real")
def test_reader_and_terraform_agree_on_what_parses():
    texts = [text for text, *_ in MALFORMED]
    texts += [p.read_text(encoding="utf-8") for p in sorted((CORPUS / "real").glob("*.tf"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "sample_configs").rglob("*.tf"))]
    texts += [tf("allowed_oauth_flows = [\"code\"]"), 'locals {\n  x = { for k, v in var.m : k => v }\n}\n']
    disagreements = [t[:80] for t in texts if terraform_accepts(t) != reader_accepts(t)]
    assert len(texts) > 20 and disagreements == []


# Generated HCL: literals, references, calls, conditionals, templates, heredocs, blocks, comments.
identifiers = st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True)
template_text = st.text(st.sampled_from('ab/:.-_ ${}%"\\'), max_size=8).map(
    lambda s: s.replace("\\", "\\\\").replace('"', '\\"').replace("${", "$${").replace("%{", "%%{"))
expressions = st.recursive(
    st.one_of(
        st.integers(-5, 10**6).map(str), st.sampled_from(["true", "false", "null", "1.5", "2e3"]),
        template_text.map(lambda s: f'"{s}"'),
        st.tuples(template_text, identifiers).map(lambda t: f'"{t[0]}${{var.{t[1]}}}"'),
        st.tuples(identifiers, identifiers).map(lambda t: f"aws_x.{t[0]}.{t[1]}"),
        identifiers.map(lambda i: f"<<-EOT\n  {i}\n  EOT\n"),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
        st.lists(st.tuples(identifiers, inner), max_size=3).map(
            lambda kv: "{" + ", ".join(f"{k} = {v}" for k, v in kv) + "}"),
        st.tuples(identifiers, st.lists(inner, max_size=2)).map(lambda t: f"{t[0]}({', '.join(t[1])})"),
        st.tuples(inner, inner).map(lambda t: f"var.c ? {t[0]} : {t[1]}"),
    ),
    max_leaves=6)


def _attribute(pair) -> str:
    name, value, comment = pair
    line = f"  {name} = {value}"
    if value.endswith("\n"):  # a heredoc ends its own line
        return line
    return line + (f" {comment}" if comment else "") + "\n"


bodies = st.lists(st.tuples(identifiers, expressions, st.sampled_from(["", "# c", "// c", "/* c */"])),
                  max_size=5, unique_by=lambda t: t[0]).map(lambda attrs: "".join(map(_attribute, attrs)))


@pytest.mark.skipif(TERRAFORM is None, reason="terraform is not installed")
@settings(max_examples=60, deadline=None)
@given(body=bodies, nested=bodies)
def test_whatever_terraform_parses_the_reader_parses(body, nested):
    text = f'resource "t" "n" {{\n{body}  inner {{\n{nested}  }}\n}}\n'
    if terraform_accepts(text):
        assert reader_accepts(text), text


# --- robustness ---------------------------------------------------------------------------------

@settings(max_examples=300)
@given(text=st.text(st.sampled_from('resource"{}[]()=,:#/*<-\n $%.ab01\\'), max_size=60))
def test_the_reader_only_ever_raises_parse_errors(text):
    try:
        doc = parse('resource "aws_cognito_user_pool_client" "c" {\n' + text + "\n}\n")
    except ParseError:
        return
    load_clients(doc)


def test_brackets_nested_thousands_deep_are_a_parse_error():
    with pytest.raises(ParseError, match="nesting too deep"):
        parse('locals {\n  x = ' + "[" * 5000 + "]" * 5000 + "\n}\n")


# --- A fix's new argument is where `terraform fmt` would put it --------------------------------

def terraform_formatted(text: str) -> str:
    result = subprocess.run([TERRAFORM, "fmt", "-no-color", "-"], input=text, capture_output=True, text=True,
                            timeout=60, env={**os.environ, "TF_CLI_CONFIG_FILE": os.devnull, "CHECKPOINT_DISABLE": "1"})
    assert result.returncode == 0, result.stderr
    return result.stdout


one_line_values = st.one_of(st.integers(0, 10**6).map(str), identifiers.map(lambda i: f'"{i}"'),
                            st.lists(identifiers.map(lambda i: f'"{i}"'), max_size=2).map(lambda v: f"[{', '.join(v)}]"))
body_lines = st.one_of(
    st.tuples(identifiers, one_line_values).map(lambda kv: f"{kv[0]} = {kv[1]}"),
    st.just(""), st.just("# a comment"),
    identifiers.map(lambda i: f"{i} = [\n\"a\",\n]"),  # a value over several lines ends a run of aligned lines
    identifiers.map(lambda i: f"{i} {{\nx = 1\n}}"),
)


@pytest.mark.skipif(TERRAFORM is None, reason="terraform is not installed")
@settings(max_examples=40, deadline=None)
@given(lines=st.lists(body_lines, max_size=6), names=st.lists(identifiers | st.sampled_from(
    ["prevent_user_existence_errors", "explicit_auth_flows", "a"]), min_size=1, max_size=3, unique=True))
def test_new_arguments_leave_a_formatted_file_formatted(lines, names):
    """Inserted one after the other (as the passes of --fix do), into a body `terraform fmt` wrote."""
    lines = [f"{line.split(' ', 1)[0]}_{i} {line.split(' ', 1)[1]}" if " =" in line or " {" in line else line
             for i, line in enumerate(lines)]  # names of their own: an argument set twice does not parse
    text = terraform_formatted('resource "t" "n" {\n' + "\n".join(lines) + "\n}\n")
    for name in names:
        doc = HclDocument.parse("a.tf", text)
        edits = doc.render(DocEdit(INSERT, ("resource", "t", "n"), "v", key=name))
        assert edits, "no edit"
        text = apply_text_edits(text, edits)
        assert HclDocument.parse("a.tf", text).data["resource"]["t"]["n"][name] == "v"
    assert terraform_formatted(text) == text


def test_a_block_that_does_not_align_gets_one_space():
    text = 'resource "t" "n" {\n  a = 1\n  bcd   = 2\n}\n'
    edits = HclDocument.parse("a.tf", text).render(DocEdit(INSERT, ("resource", "t", "n"), "v", key="e"))
    assert apply_text_edits(text, edits) == 'resource "t" "n" {\n  a = 1\n  bcd   = 2\n  e = "v"\n}\n'
