"""Colons inside plain scalars of flow collections (`[https://app.contoso.io/cb]`,
`[!Ref AWS::Region]`): YAML 1.2 and CloudFormation accept them, libyaml (YAML 1.1) does not. The
reader parses such files with libyaml after swapping those colons for a stand-in character, and
must read exactly what the YAML 1.2 parser reads, with the same positions."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st
from ruamel.yaml import YAML

from linter.parsers import yaml_document
from linter.parsers.document import ParseError
from linter.parsers.yaml_document import YamlDocument

_WORD = st.builds(str.__add__, st.text("abcxyz019", min_size=1, max_size=3), st.text("abcxyz019-._/~%", max_size=4))
#: Plain scalars with colons where YAML 1.2 allows them in flow context: not followed by a space
#: or a flow character, not at the start.
_COLON_SCALAR = st.builds(
    lambda head, parts: head + "".join(sep + part for sep, part in parts),
    _WORD, st.lists(st.tuples(st.sampled_from([":", "::", "://", ":8443/"]), _WORD), min_size=1, max_size=3))
#: ruamel.yaml reads `0_`, `1_0` and `0b1` as integers even in YAML 1.2 mode, where the core schema the
#: reader follows has them as strings (`test_numbers_are_those_of_the_core_schema`): the oracle is
#: trusted here for colons, not for number typing, so a lone word starts with a letter.
_LONE_WORD = _WORD.filter(lambda word: word[0].isalpha())
_ITEM = st.one_of(_COLON_SCALAR, _LONE_WORD, _COLON_SCALAR.map(lambda s: f"{{Ref: {s}}}"),
                  _COLON_SCALAR.map(lambda s: f"'{s}'"), _COLON_SCALAR.map(lambda s: f'"{s}"'))


@settings(max_examples=200, deadline=None)
@given(items=st.lists(_ITEM, min_size=1, max_size=5))
def test_flow_colons_read_as_yaml_1_2_reads_them(items):
    text = f"Resources:\n  C:\n    CallbackURLs: [{', '.join(items)}]\n"
    doc = YamlDocument.parse("t.yaml", text)
    want = YAML(typ="safe", pure=True).load(text)["Resources"]["C"]["CallbackURLs"]
    assert doc.data["Resources"]["C"]["CallbackURLs"] == want
    line = text.splitlines()[2]
    for index, item in enumerate(items):  # each item's span is its own text
        span = doc.span(("Resources", "C", "CallbackURLs", index))
        assert (span.line, line[span.column - 1:span.end_column - 1]) == (3, item)


@pytest.mark.parametrize("word", ["0_", "1_000", "0._", "0b1"])
def test_numbers_are_those_of_the_core_schema(word):
    """YAML 1.2's core schema has no `_` in numbers nor `0b` (1.1 had both); flow or block, the word stays text."""
    doc = YamlDocument.parse("t.yaml", f"a: [{word}, x:{word}]\nb: {word}\n")
    assert doc.data == {"a": [word, f"x:{word}"], "b": word}


def test_a_url_list_in_flow_style_is_read_by_libyaml(monkeypatch):
    def refuse_pure(text, pure=False):
        assert not pure, "fell back to the pure-Python parser"
        return original(text, pure)

    original = yaml_document._compose
    monkeypatch.setattr(yaml_document, "_compose", refuse_pure)
    doc = YamlDocument.parse("t.yaml", "CallbackURLs: [https://app.contoso.io/cb, 'http://localhost:3000/cb']\n"
                                       "X: [!Ref AWS::Region, urn:a:b]\n")
    assert doc.data == {"CallbackURLs": ["https://app.contoso.io/cb", "http://localhost:3000/cb"],
                        "X": [{"Ref": "AWS::Region"}, "urn:a:b"]}
    span = doc.span(("CallbackURLs", 0))
    assert (span.line, span.column, span.end_column) == (1, 16, 41)


@pytest.mark.parametrize("text, data", [
    ('a: {"k":1, "u":[x:y]}\n', {"a": {"k": 1, "u": ["x:y"]}}),  # an adjacent value indicator: the pure parser reads it
    ("a: [x:y]\nb: |\n  keep: this:text\n", {"a": ["x:y"], "b": "keep: this:text\n"}),
    ("a: [\ue000x:y]\n", {"a": ["\ue000x:y"]}),  # the stand-in itself in the file: no swap
])
def test_structure_is_never_changed_by_the_swap(text, data):
    assert YamlDocument.parse("t.yaml", text).data == data


def test_a_colon_the_yaml_1_2_parser_also_refuses_is_still_an_error():
    with pytest.raises(ParseError):
        YamlDocument.parse("t.yaml", "a: [x: y: z]\n")
