"""YAML documents: composed once with ruamel.yaml's C parser into nodes that carry marks.

CloudFormation short-form tags become their long forms (``!Ref x`` → ``{"Ref": "x"}``) so that
loaders see one shape whatever the syntax.
"""
from __future__ import annotations

import re
from typing import Any, Optional

from linter.parsers.document import DocPath, Document, ParseError, Span

#: How YAML readers take a key written twice, for the message.
DUPLICATE_KEY_READING = ("CloudFormation keeps the last one, and stricter readers (aws cloudformation package and "
                         "deploy, serverless) refuse the file")

#: CloudFormation short-form tags and their long forms.
CFN_TAGS = {
    "!Ref": "Ref", "!Condition": "Condition", "!GetAtt": "Fn::GetAtt", "!Sub": "Fn::Sub",
    "!If": "Fn::If", "!Join": "Fn::Join", "!Select": "Fn::Select", "!Split": "Fn::Split",
    "!FindInMap": "Fn::FindInMap", "!Equals": "Fn::Equals", "!Not": "Fn::Not", "!And": "Fn::And",
    "!Or": "Fn::Or", "!ImportValue": "Fn::ImportValue", "!Base64": "Fn::Base64", "!Cidr": "Fn::Cidr",
    "!GetAZs": "Fn::GetAZs", "!Transform": "Fn::Transform", "!Length": "Fn::Length",
    "!ToJsonString": "Fn::ToJsonString", "!ForEach": "Fn::ForEach",
}
_YAML_TAG = "tag:yaml.org,2002:"
_yaml_loaders: dict[bool, Any] = {}


def _compose(text: str, pure: bool = False):
    loader = _yaml_loaders.get(pure)
    if loader is None:
        from ruamel.yaml import YAML

        # pure=False picks the C parser when ruamel.yaml.clib is installed (10x faster).
        loader = _yaml_loaders[pure] = YAML(typ="safe", pure=pure)
        loader.Resolver = _plain_resolver()
    return loader.compose(text)


def _plain_resolver():
    """A resolver that tags every plain scalar as a string.

    ruamel's own implicit resolution runs in Python for every scalar and costs more than the C
    parse itself; ``_scalar`` types plain scalars with a few regexes instead (YAML 1.2 core schema).
    """
    from ruamel.yaml.nodes import ScalarNode, SequenceNode
    from ruamel.yaml.resolver import VersionedResolver
    from ruamel.yaml.tag import Tag

    tags = {ScalarNode: Tag(suffix=_YAML_TAG + "str"), SequenceNode: Tag(suffix=_YAML_TAG + "seq")}
    mapping = Tag(suffix=_YAML_TAG + "map")

    class PlainResolver(VersionedResolver):
        def resolve(self, kind, value, implicit):
            return tags.get(kind, mapping)

    return PlainResolver


class YamlDocument(Document):
    comment_markers = ("#",)

    def __init__(self, path: str, text: str, data: Any, root: Any):
        super().__init__(path, text, data)
        self.root = root

    @classmethod
    def parse(cls, path: str, text: str) -> "YamlDocument":
        from ruamel.yaml.error import MarkedYAMLError, YAMLError

        if _nesting_bound(text) > MAX_NESTING:  # the C composer recurses without a limit: it would crash
            raise ParseError(f"invalid YAML: nesting too deep (over {MAX_NESTING:,} levels)")
        try:
            try:
                root = _compose(text)
            except YAMLError:
                root = _compose_yaml12(text)
        except MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            problem = (exc.problem or exc.context or "invalid YAML").strip()
            if "'\\t'" in problem:
                problem = "a tab character cannot indent YAML; indent with spaces"
            elif "another document" in problem:
                problem = "several YAML documents (---) in one file are not supported"
            elif exc.problem and exc.context and exc.context.startswith("while parsing"):
                problem = f"{problem} ({exc.context.strip()})"
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            raise ParseError(f"invalid YAML: {problem}", line, col) from None
        except YAMLError as exc:
            raise ParseError(f"invalid YAML: {str(exc).splitlines()[0]}") from None
        except RecursionError:
            raise ParseError("invalid YAML: nesting too deep") from None
        try:
            if root is not None and "*" in text and _expanded_size(root, {}) > _MAX_EXPANDED_NODES:
                raise ParseError("invalid YAML: aliases expand to more than "
                                 f"{_MAX_EXPANDED_NODES:,} nodes (a \"billion laughs\" file?)")
            problems: list = []
            data = _to_data(root, {}, problems) if root is not None else None
        except RecursionError:
            raise ParseError("invalid YAML: nesting too deep") from None
        doc = cls(path, text, data, root)
        doc.problems = problems
        return doc

    def span(self, doc_path: DocPath, key: bool = False) -> Span:
        node, key_node = self.root, None
        for step in doc_path:
            child = _yaml_child(node, step)
            if child is None:
                break
            child_key, child_node = child
            if child_key is not None or child_node is not node:
                key_node = child_key
            node = child_node
        else:
            return self._node_span(key_node if key and key_node is not None else node)
        # Path does not exist: a scalar (`!GetAtt A.b` for path GetAtt/0) is itself the value;
        # otherwise point at the deepest existing value's key (a missing property's parent).
        if node.id == "scalar" or key_node is None:
            return self._node_span(node)
        return self._node_span(key_node)

    def _node_span(self, node: Any) -> Span:
        start, end = node.start_mark.index, node.end_mark.index
        if node.id != "scalar" and not _is_flow(node):
            # A block mapping or list runs until the next key: point at its first line only.
            eol = self.text.find("\n", start)
            end = eol if eol >= 0 else len(self.text)
        return self.offsets_span(start, max(end, start + 1))


#: Deeper documents are refused before ruamel's C composer sees them: it recurses on the C stack
#: and crashes the process somewhere past 20,000 levels.
MAX_NESTING = 10_000
_BRACKET = re.compile(r"[\[\]{}]")
_BLOCK_PREFIX = re.compile(r"^([ \t]*)((?:[-?:][ \t]+)*)", re.M)


def _nesting_bound(text: str) -> int:
    """An upper bound on the document's nesting, cheaply: the deepest run of flow brackets plus
    the widest indentation and run of block indicators (``- - - x``) on one line."""
    depth = flow = 0
    for match in _BRACKET.finditer(text):
        depth += 1 if match.group(0) in "[{" else -1
        flow = max(flow, depth)
    if flow > MAX_NESTING:
        return flow
    block = max((len(m.group(1)) + m.group(2).count(" ") + m.group(2).count("\t")
                 for m in _BLOCK_PREFIX.finditer(text)), default=0)
    return flow + block


# libyaml follows YAML 1.1, which rejects a colon inside a plain scalar in flow context, e.g.
# `[!Ref AWS::NoValue]`, which YAML 1.2 and CloudFormation accept.  Such files are common, and the
# pure-Python parser is ten times slower: first try libyaml with every `::` swapped for two
# private-use characters (same length, so marks stay right), then swap them back in the nodes.
_COLONS = re.compile(r"::(?=\S)")
_STAND_IN = "\ue000\ue000"


def _compose_yaml12(text: str):
    from ruamel.yaml.error import YAMLError

    if "::" in text and "\ue000" not in text:
        try:
            root = _compose(_COLONS.sub(_STAND_IN, text))
        except YAMLError:
            pass
        else:
            _restore_colons(root)
            return root
    return _compose(text, pure=True)


def _restore_colons(node: Any) -> None:
    stack = [node] if node is not None else []
    while stack:
        node = stack.pop()
        if node.id == "scalar":
            if _STAND_IN in node.value:
                node.value = node.value.replace(_STAND_IN, "::")
        elif node.id == "sequence":
            stack.extend(node.value)
        else:
            for key, value in node.value:
                stack.append(key)
                stack.append(value)


def _is_flow(node: Any) -> bool:
    return bool(getattr(node, "flow_style", False))


def _yaml_child(node: Any, step: Any) -> Optional[tuple[Any, Any]]:
    """(key node or None, value node) for one path step; intrinsic names step into tagged nodes."""
    if isinstance(step, str) and node.tag in CFN_TAGS and CFN_TAGS[node.tag] == step:
        return None, node  # `!If [...]` stands for `{"Fn::If": [...]}`: same node
    if node.id == "mapping" and isinstance(step, str):
        for key_node, value_node in reversed(node.value):  # a key written twice: the last counts
            if key_node.id == "scalar" and key_node.value == step:
                return key_node, value_node
        return None
    if node.id == "sequence" and isinstance(step, int):
        if 0 <= step < len(node.value):
            return None, node.value[step]
        return None
    return None


_INT = re.compile(r"[-+]?[0-9]+$")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


def _scalar(node: Any) -> Any:
    """A scalar's value: plain scalars typed by the YAML 1.2 core schema, explicit tags honoured."""
    tag, value = node.tag, node.value
    if not tag.startswith(_YAML_TAG):
        return value
    kind = tag[len(_YAML_TAG):]
    if kind == "str":
        return _plain(value) if not node.style else value  # None (pure parser) or "" (libyaml)
    if kind == "bool":
        return value.lower() in ("true", "yes", "on", "y")
    if kind == "int":
        try:
            return int(value.replace("_", ""), 0)
        except ValueError:
            return value
    if kind == "float":
        try:
            return float(value.replace("_", ""))
        except ValueError:
            return value
    if kind == "null":
        return None
    return value  # timestamps, binary: keep the text


def _plain(value: str) -> Any:
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    first = value[:1]
    if first.isdigit() or first in "-+.":
        if _INT.match(value):
            try:
                return int(value)
            except ValueError:  # more digits than Python converts: keep the text
                return value
        if value.startswith(("0x", "0o")):
            try:
                return int(value, 0)
            except ValueError:
                return value
        if _FLOAT.match(value) and value not in (".", "-", "+"):
            return float(value)
        if value.lower() in (".inf", "+.inf", "-.inf", ".nan"):
            return float(value.replace(".", "", 1))
    return value


#: Aliases may repeat a node many times; beyond this, a file is refused (every walk of the data
#: — rules, intrinsic evaluation — would take as long as the expanded size).
_MAX_EXPANDED_NODES = 1_000_000


def _expanded_size(node: Any, memo: dict) -> int:
    size = memo.get(id(node))
    if size is None:
        if node.id == "scalar":
            size = 1
        elif node.id == "sequence":
            size = 1 + sum(_expanded_size(n, memo) for n in node.value)
        else:
            size = 1 + sum(_expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value)
        memo[id(node)] = size
    return size


def _to_data(node: Any, memo: dict, problems: list) -> Any:
    """Plain Python data from a composed node tree, short-form tags in long form.

    An alias is the same node as its anchor: converting each node once (``memo``) keeps
    "billion laughs" files linear instead of exponential."""
    converted = memo.get(id(node))
    if converted is not None:
        return converted
    tag = node.tag
    if node.id == "scalar":
        data: Any = _scalar(node)
    elif node.id == "sequence":
        data = [_to_data(n, memo, problems) for n in node.value]
    else:
        data = {}
        merges = []
        first_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.id != "scalar":
                raise ParseError("a mapping key must be a plain value",
                                 key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            key = key_node.value
            if key == "<<" and not key_node.style:  # a merge key: `<<: *defaults`
                merges.append(value_node)
                continue
            if key in data:  # as CloudFormation reads it: the last one counts
                line = first_lines[key]
                problems.append((f"duplicate key {key!r} (first at line {line}): {DUPLICATE_KEY_READING}",
                                 Span(key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                                      key_node.end_mark.line + 1, key_node.end_mark.column + 1)))
            else:
                first_lines[key] = key_node.start_mark.line + 1
            data[key] = _to_data(value_node, memo, problems)
        for merge in merges:  # explicit keys win over merged ones
            for source in (merge.value if merge.id == "sequence" else [merge]):
                merged = _to_data(source, memo, problems)
                if isinstance(merged, dict):
                    for key, value in merged.items():
                        data.setdefault(key, value)
    if tag.startswith("!"):
        long_form = CFN_TAGS.get(tag)
        if long_form is None:
            raise ParseError(f"unknown tag {tag!r}", node.start_mark.line + 1, node.start_mark.column + 1)
        if long_form == "Fn::GetAtt" and isinstance(data, str):
            data = data.split(".", 1)
        data = {long_form: data}
    if node.id != "scalar":
        memo[id(node)] = data
    return data


def parse(path: str, text: str) -> YamlDocument:
    return YamlDocument.parse(path, text)
