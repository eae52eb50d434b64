"""Document paths → spans: for generated templates and payloads, the span's text *is* the value."""
from __future__ import annotations

import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from linter.loaders.secrets import is_secret_key
from linter.parsers.document import ParseError
from linter.parsers.json_document import JsonDocument
from linter.parsers.yaml_document import YamlDocument
from linter.engine.lint import LintConfig, lint_file
from linter.rule import Problem, Rule
from support import leaves

# Scalars as they occur in client configs: URLs, names with quotes/colons/unicode, numbers, booleans.
# (ruamel's emitter writes a leading "?" or ":" unquoted in flow style, which it cannot read back.)
_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(
    lambda s: not s.startswith(("?", ":")))
_url = st.builds(lambda host, path: f"https://{host}.example.com/{path}",
                 st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True), st.from_regex(r"[a-z0-9/#:]{0,12}", fullmatch=True))
scalars = st.one_of(_text, _url, st.integers(-10**6, 10**9), st.booleans())
#: Names; none that names a secret (its value is masked in messages: tests/engine/test_secrets_everywhere.py).
_names = st.from_regex(r"[A-Z][A-Za-z]{0,15}", fullmatch=True).filter(lambda k: not is_secret_key(k))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, min_size=1, max_size=4), st.dictionaries(_names, inner, min_size=1, max_size=4)), max_leaves=12)
properties = st.dictionaries(_names, values, min_size=1, max_size=6)


def span_of(doc, path, key=False) -> str:
    span = doc.span(path, key)
    starts = doc._starts()
    start = starts[span.line - 1] + span.column - 1
    end = starts[span.end_line - 1] + span.end_column - 1
    return doc.text[start:end]


def template(props):
    return {"Resources": {"WebClient": {"Type": "AWS::Cognito::UserPoolClient", "Properties": props}}}


def yaml_dump(data, flow) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = flow
    yaml.allow_unicode = True
    yaml.width = 4096
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(props=properties, indent=st.sampled_from([None, 1, 2, 4]))
def test_json_span_text_is_the_value(props, indent):
    data = template(props)
    doc = JsonDocument.parse("t.json", json.dumps(data, indent=indent, ensure_ascii=False))
    base = ("Resources", "WebClient", "Properties")
    for path, value in leaves(props):
        assert json.loads(span_of(doc, base + path)) == value
    for key in props:
        assert json.loads(span_of(doc, base + (key,), key=True)) == key


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(props=properties, flow=st.sampled_from([False, True, None]))
def test_yaml_span_text_is_the_value(props, flow):
    data = template(props)
    doc = YamlDocument.parse("t.yaml", yaml_dump(data, flow))
    assert doc.data == data
    base = ("Resources", "WebClient", "Properties")
    loader = YAML(typ="safe", pure=True)
    for path, value in leaves(props):
        assert loader.load(span_of(doc, base + path)) == value
    for key in props:
        assert loader.load(span_of(doc, base + (key,), key=True)) == key


def test_missing_paths_point_at_the_nearest_key():
    text = "Resources:\n  WebClient:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      UserPoolId: x\n"
    doc = YamlDocument.parse("t.yaml", text)
    assert span_of(doc, ("Resources", "WebClient", "Properties", "CallbackURLs")) == "Properties"
    assert span_of(doc, ("Resources", "WebClient"), key=True) == "WebClient"
    jdoc = JsonDocument.parse("t.json", json.dumps(doc.data, indent=2))
    assert span_of(jdoc, ("Resources", "WebClient", "Properties", "CallbackURLs")) == '"Properties"'


def test_short_form_tags_are_long_form_data_with_spans_inside():
    text = ("Resources:\n  C:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n"
            "      UserPoolId: !Ref Pool\n"
            "      CallbackURLs:\n        - !If [IsProd, 'https://a.example.com/cb', !Ref AWS::NoValue]\n"
            "      Name: !GetAtt Pool.ProviderName\n      Sub: !Sub\n        - 'https://${D}/x'\n        - D: !ImportValue dom\n")
    doc = YamlDocument.parse("t.yaml", text)
    props = doc.data["Resources"]["C"]["Properties"]
    assert props["UserPoolId"] == {"Ref": "Pool"}
    assert props["CallbackURLs"][0] == {"Fn::If": ["IsProd", "https://a.example.com/cb", {"Ref": "AWS::NoValue"}]}
    assert props["Name"] == {"Fn::GetAtt": ["Pool", "ProviderName"]}
    assert props["Sub"] == {"Fn::Sub": ["https://${D}/x", {"D": {"Fn::ImportValue": "dom"}}]}
    base = ("Resources", "C", "Properties")
    assert span_of(doc, base + ("CallbackURLs", 0, "Fn::If", 1)) == "'https://a.example.com/cb'"
    assert span_of(doc, base + ("Name", "Fn::GetAtt", 0)) == "!GetAtt Pool.ProviderName"


@pytest.mark.parametrize("text, message, line, column", [
    ("a:\n\tb: 1\n", "tab character", 2, 1),
    ("Resources: !Reff x\n", "unknown tag '!Reff'", 1, 12),
    ("a: [1, 2\n", "expected ',' or ']'", 2, 1),
])
def test_yaml_parse_errors_have_positions(text, message, line, column):
    with pytest.raises(ParseError) as info:
        YamlDocument.parse("t.yaml", text)
    assert message in info.value.message
    assert (info.value.line, info.value.column) == (line, column)


@pytest.mark.parametrize("text, message, line, column", [
    ('{\n  "a": [1,\n}', "invalid JSON", 3, 1),
])
def test_json_parse_errors_have_positions(text, message, line, column):
    with pytest.raises(ParseError) as info:
        JsonDocument.parse("t.json", text)
    assert message in info.value.message
    assert (info.value.line, info.value.column) == (line, column)


class _EveryLeaf:
    """A test rule reporting every raw leaf path, to check the engine's path → span mapping."""

    ID, NAME, LEVEL = "T900", "every-leaf", "note"

    @staticmethod
    def check(client, options):
        for path, value in leaves(client.raw):
            yield Problem(path, repr(value))


def payload(props, shape):
    """The same properties as a CloudFormation template, an API Create request or Describe output."""
    if shape == "template":
        return template(props)
    client = {"UserPoolId": "us-east-1_abc", "ClientName": "web", **props}
    return {"UserPoolClient": client} if shape == "describe" else client


@settings(max_examples=90, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(props=properties, as_json=st.booleans(), shape=st.sampled_from(["template", "create", "describe"]))
def test_engine_reports_spans_of_rule_paths(tmp_path, props, as_json, shape):
    data = payload(props, shape)
    text = json.dumps(data, indent=2) if as_json else yaml_dump(data, False)
    path = tmp_path / ("t.json" if as_json else "t.yaml")
    path.write_text(text, encoding="utf-8")
    rule = Rule.from_module(_EveryLeaf, "test")
    findings = lint_file(str(path), LintConfig(rules={"T900": rule})).findings
    doc = (JsonDocument if as_json else YamlDocument).parse(str(path), text)
    loads = json.loads if as_json else YAML(typ="safe", pure=True).load
    raw = data["Resources"]["WebClient"]["Properties"] if shape == "template" else data.get("UserPoolClient", data)
    expected = {repr(v) for _, v in leaves(raw)}
    assert {f.message for f in findings} == expected
    for finding in findings:
        start = doc._starts()[finding.span.line - 1] + finding.span.column - 1
        end = doc._starts()[finding.span.end_line - 1] + finding.span.end_column - 1
        assert repr(loads(text[start:end])) == finding.message


@pytest.mark.parametrize("parse, text, key, span, data", [
    (YamlDocument.parse, "a: 1\nb: 2\na: 3\n", "a", (3, 1, 3, 2), {"a": 3, "b": 2}),
    (YamlDocument.parse, "x: {long_key: 1, long_key: 2}\n", "long_key", (1, 18, 1, 26), {"x": {"long_key": 2}}),
    (JsonDocument.parse, '{\n  "a": 1,\n  "a": 2\n}', "a", (3, 3, 3, 6), {"a": 2}),
    (JsonDocument.parse, '{"a": {"b": 1, "c": [1, {"b": 2, "b": 3}]}}', "b", (1, 34, 1, 37), {"a": {"b": 1, "c": [1, {"b": 3}]}}),
])
def test_a_duplicate_key_is_read_past_as_its_readers_do(parse, text, key, span, data):
    """Issue 14: the last value counts (as CloudFormation and the AWS CLI read it), the later key is
    reported with its whole span, and the rest of the file is read."""
    doc = parse("t", text)
    assert doc.data == data
    [(message, where)] = doc.problems
    assert message.startswith(f"duplicate key '{key}' (first at line ")
    assert (where.line, where.column, where.end_line, where.end_column) == span
