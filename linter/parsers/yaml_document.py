"""YAML documents: composed once with ruamel.yaml's C parser into nodes that carry marks.

CloudFormation short-form tags become their long forms (``!Ref x`` → ``{"Ref": "x"}``) so that
loaders see one shape whatever the syntax.
"""
from __future__ import annotations

import json
import re
from typing import Any, Optional

from linter.parsers import writing
from linter.parsers.document import DocPath, Document, ParseError, Span, surrogate_error
from linter.parsers.edits import APPEND, INSERT, REMOVE, REPLACE, DocEdit, TextEdit, removed_indexes, text_edits

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
            if root is not None and _ANCHOR.search(text) and _expanded_size(root, {}) > _MAX_EXPANDED_NODES:
                raise ParseError(f"invalid YAML: aliases expand to more than {_MAX_EXPANDED_NODES:,} nodes")
            problems: list = []
            data = _to_data(root, {}, problems) if root is not None else None
        except RecursionError:
            raise ParseError("invalid YAML: nesting too deep") from None
        doc = cls(path, text, data, root)
        error = surrogate_error(doc, "YAML", pairs=False)
        if error is not None:
            raise error
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


    # -- writing fixes ---------------------------------------------------------------------------

    def render(self, change: DocEdit) -> Optional[list[TextEdit]]:
        return text_edits(self, self._raw_edits(change))

    def _raw_edits(self, change: DocEdit) -> Optional[list[tuple[int, int, str]]]:
        container_path = change.path[:-1] if change.action in (REMOVE, REPLACE) else change.path
        found = self._node_at(container_path)
        if found is None:
            return None
        node, in_flow = found
        in_flow = in_flow or _is_flow(node)
        if change.action == REPLACE:
            child = _yaml_child(node, change.path[-1])
            if child is None or child[1].id != "scalar" or child[1] is node:
                return None
            target = child[1]
            start, end = target.start_mark.index, target.end_mark.index
            if self.text[start:start + 1] in ("&", "!", "*", "|", ">") or "\n" in self.text[start:end]:
                return None  # an anchor, a tag or a block scalar: not a value to rewrite in place
            return [(start, end, _yaml_value(change.value, in_flow, _style_of(self.text[start:end])))]
        if change.action == REMOVE:
            if node.id != "sequence" or not isinstance(change.path[-1], int):
                return None
            return self._remove_items(node, removed_indexes(change), in_flow)
        if change.action == APPEND:
            if node.id != "sequence":
                return None
            return self._append_item(node, change.value, in_flow)
        if change.action == INSERT:
            if node.id != "mapping":
                return None
            return self._insert_entry(node, change.key, change.value, change.after, in_flow)
        return None

    def _node_at(self, doc_path: DocPath) -> Optional[tuple[Any, bool]]:
        """The node at ``doc_path`` and whether a flow collection encloses it."""
        node, in_flow = self.root, False
        for step in doc_path:
            in_flow = in_flow or _is_flow(node)
            child = _yaml_child(node, step)
            if child is None:
                return None
            node = child[1]
        return node, in_flow

    def _remove_items(self, node: Any, indexes: list[int], in_flow: bool) -> Optional[list[tuple[int, int, str]]]:
        items = node.value
        if not all(0 <= index < len(items) for index in indexes):
            return None
        if in_flow:
            spans = [(item.start_mark.index, item.end_mark.index) for item in items]
            if len(set(indexes)) == len(spans):
                opener, closer = self._brackets(node)
                return None if opener is None else [(opener + 1, closer, "")]
            return writing.remove_separated(self.text, spans, indexes, self.comment_markers)
        if len(set(indexes)) >= len(items):
            return None  # an empty block list would read as null
        raws = []
        for index in sorted(set(indexes)):
            item = items[index]
            end = item.end_mark.index
            if item.id != "scalar" or _dash_prefix(self.text, item.start_mark.index) is None \
                    or "\n" in self.text[item.start_mark.index:end] \
                    or not writing.rest_is_blank(self.text, end, writing.line_end(self.text, end), self.comment_markers):
                return None  # nested items, or more than the item on its line: not ours to cut
            raws.append((writing.line_start(self.text, item.start_mark.index), writing.next_line(self.text, end), ""))
        return raws

    def _append_item(self, node: Any, value: Any, in_flow: bool) -> Optional[list[tuple[int, int, str]]]:
        items = node.value
        quote = _sibling_quote(items)
        if in_flow:
            opener, closer = self._brackets(node)
            if opener is None:
                return None
            spans = [(item.start_mark.index, item.end_mark.index) for item in items]
            return writing.append_separated(self.text, spans, opener, closer, _yaml_value(value, True, quote),
                                            self.comment_markers)
        if not items:
            return None
        last = items[-1]
        prefix = _dash_prefix(self.text, last.start_mark.index)
        end = _last_end(last, self.text)
        if prefix is None or end < last.start_mark.index:
            return None
        blanks = prefix[:len(prefix) - len(prefix.lstrip())]
        return writing.insert_line(self.text, end, None, [prefix.lstrip() + _yaml_value(value, False, quote)], blanks)

    def _insert_entry(self, node: Any, key: str, value: Any, after: Optional[str],
                      in_flow: bool) -> Optional[list[tuple[int, int, str]]]:
        pairs = node.value
        quote = _sibling_quote([v for _, v in pairs])
        key_text = _yaml_value(key, in_flow, None)
        if in_flow:
            opener, closer = self._brackets(node)
            if opener is None:
                return None
            spans = [(k.start_mark.index, v.end_mark.index) for k, v in pairs]
            keys = [k.value for k, _ in pairs]
            rendered = f"{key_text}: {_yaml_value(value, True, quote)}"
            return writing.insert_separated(self.text, spans, opener, closer, rendered, self.comment_markers,
                                            keys.index(after) if after in keys else None)
        if not pairs:
            return None
        chosen = next((p for p in pairs if p[0].value == after), pairs[-1])
        first_key = pairs[0][0]
        end = _last_end(chosen[1], self.text)
        if end < chosen[0].start_mark.index:
            return None  # an alias: its marks are the anchor's
        at_indent = self.text[writing.line_start(self.text, first_key.start_mark.index):first_key.start_mark.index]
        if at_indent.strip():  # `- Key: value`: the keys' column, in blanks
            at_indent = " " * first_key.start_mark.column
        lines = _entry_lines(key_text, value, self._list_layout(pairs), self._step(), quote)
        return writing.insert_line(self.text, end, None, lines, at_indent)

    def _brackets(self, node: Any) -> tuple[Optional[int], int]:
        """Offsets of a flow collection's opening and closing brackets (after any tag or anchor)."""
        start, end = node.start_mark.index, node.end_mark.index
        opener = self.text.find("[" if node.id == "sequence" else "{", start, end)
        closer = end - 1
        if opener < 0 or self.text[closer:closer + 1] not in "]}":
            return None, closer
        return opener, closer

    def _list_layout(self, pairs: list) -> Optional[str]:
        """How a new list is written under a key of this mapping: the blanks before each ``-``
        relative to the key (a block list, like the mapping's other lists), or None (flow style)."""
        for key_node, value_node in pairs:
            if value_node.id == "sequence" and value_node.value:
                if _is_flow(value_node):
                    return None
                return " " * max(value_node.start_mark.column - key_node.start_mark.column, 0)
        for key_node, value_node in _block_entries(self.root):
            if value_node.id == "sequence" and value_node.value and not _is_flow(value_node):
                return " " * max(value_node.start_mark.column - key_node.start_mark.column, 0)
        return None

    def _step(self) -> str:
        """The file's indentation step: what the first nested block mapping adds to its parent."""
        for key_node, value_node in _block_entries(self.root):
            if value_node.id == "mapping" and value_node.value and not _is_flow(value_node):
                inner = value_node.value[0][0].start_mark.column - key_node.start_mark.column
                if inner > 0:
                    return " " * inner
        return "  "


_YAML11_WORDS = {"yes", "no", "on", "off", "y", "n"}
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")


def _plain_ok(value: str, flow: bool) -> bool:
    """``value`` may be written without quotes (and reads back as this very string)."""
    if not value or value != value.strip() or value[0] in _INDICATORS or _plain(value) != value:
        return False
    if value.lower() in _YAML11_WORDS or any(ord(c) < 32 or c == "\x7f" for c in value):
        return False
    if ": " in value or " #" in value or value.endswith(":"):
        return False
    return not flow or not any(c in value for c in ",[]{}:")


def _style_of(original: str) -> Optional[str]:
    return original[0] if original[:1] in ("'", '"') else None


def _yaml_value(value: Any, flow: bool, quote: Optional[str]) -> str:
    """A value in YAML: scalars plain when they can be (and no quote style is asked for), else in
    ``quote``; lists and mappings in flow style."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_value(item, True, quote) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_yaml_value(k, True, None)}: {_yaml_value(v, True, quote)}"
                               for k, v in value.items()) + "}"
    text = str(value)
    if quote is None and _plain_ok(text, flow):
        return text
    if quote == "'" or (quote is None and not any(ord(c) < 32 for c in text)):
        return "'" + text.replace("'", "''") + "'"
    return json.dumps(text, ensure_ascii=False)


def _entry_lines(key_text: str, value: Any, list_indent: Optional[str], step: str, quote: Optional[str]) -> list[str]:
    """The lines of a new block-mapping entry (relative to the mapping's indentation)."""
    if isinstance(value, list) and value and list_indent is not None:
        return [f"{key_text}:"] + [f"{list_indent}- {_yaml_value(item, False, quote)}" for item in value]
    if isinstance(value, dict) and value:
        lines = [f"{key_text}:"]
        for k, v in value.items():
            lines += [step + line for line in _entry_lines(_yaml_value(k, False, None), v, list_indent, step, quote)]
        return lines
    return [f"{key_text}: {_yaml_value(value, False, quote)}"]


def _sibling_quote(nodes: list) -> Optional[str]:
    """The quote every string scalar among ``nodes`` is written in, if they share one."""
    styles = {node.style or None for node in nodes if node.id == "scalar" and node.tag.endswith(":str")}
    if len(styles) == 1:
        style = styles.pop()
        return style if style in ("'", '"') else None
    return None


def _dash_prefix(text: str, start: int) -> Optional[str]:
    """``"    - "`` when the block list item at ``start`` is the first thing on its line after its dash."""
    prefix = text[writing.line_start(text, start):start]
    return prefix if re.fullmatch(r"[ \t]*-[ \t]+", prefix) else None


def _last_end(node: Any, text: str) -> int:
    """Where the text of a value ends: its last scalar or flow collection (a block collection's own
    end mark lies after the comments and blank lines that follow it)."""
    while node.id in ("mapping", "sequence") and node.value and not _is_flow(node):
        node = node.value[-1][1] if node.id == "mapping" else node.value[-1]
    if node.id == "scalar" and node.style in ("|", ">"):  # a block scalar: its last written line
        written = text[node.start_mark.index:node.end_mark.index]
        if "+" not in written.split("\n", 1)[0]:  # (with "keep" chomping its blank lines are its value)
            return node.start_mark.index + len(written.rstrip())
    return node.end_mark.index


def _block_entries(root: Any, limit: int = 2000):
    """(key node, value node) of block mappings, breadth first (a bounded walk)."""
    queue, seen = [root], 0
    while queue and seen < limit:
        node = queue.pop(0)
        seen += 1
        if node is None or _is_flow(node):
            continue
        if node.id == "mapping":
            for key_node, value_node in node.value:
                yield key_node, value_node
                queue.append(value_node)
        elif node.id == "sequence":
            queue.extend(node.value)


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
# `[!Ref AWS::NoValue]` or `CallbackURLs: [https://app.contoso.io/cb]`, which YAML 1.2 and
# CloudFormation accept.  Such files are common, and the pure-Python parser is six to ten times
# slower: first try libyaml with every colon that is not an indicator (one followed by neither a
# space nor a flow character) swapped for a private-use character of the same length, so marks stay
# right, then swap it back in the nodes.  Where the swap changes the structure (a JSON-like
# `{"a":1}`), libyaml refuses the text and the pure parser reads it as before.
_COLONS = re.compile(r":(?=[^\s,\[\]{}])")
_STAND_IN = "\ue000"


def _compose_yaml12(text: str):
    from ruamel.yaml.error import YAMLError

    if _STAND_IN not in text and "!<" not in text and "%TAG" not in text:  # tags spell URIs with colons
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
                node.value = node.value.replace(_STAND_IN, ":")
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
#: An anchor (``&name``, after a separator): only a file with one can have aliases and expand
#: beyond its own size (IAM wildcards such as ``s3:*`` and a URL's ``?a=1&b=2`` are not anchors).
_ANCHOR = re.compile(r"(?:^|[\s\[{,:])&[^\s,\[\]{}]", re.M)


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
