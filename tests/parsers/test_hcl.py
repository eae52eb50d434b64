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
from linter.parsers.hcl import HclDocument
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
