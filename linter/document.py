"""Parsed files: plain data plus a way to turn a document path into a text span.

JSON is parsed with the C-accelerated ``json`` module and positions are found lazily, only for
the paths a finding points at (most files have no findings, so they never pay for positions).
YAML is composed once with ruamel.yaml's C parser into nodes that carry marks; CloudFormation
short-form tags become their long forms (``!Ref x`` → ``{"Ref": "x"}``) so loaders see one shape.

A *document path* is a tuple of mapping keys and list indexes from the document root, e.g.
``("Resources", "WebClient", "Properties", "CallbackURLs", 2)``.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from typing import Any, Optional

DocPath = tuple  # tuple[str | int, ...]
#: A string every format reads back as that string without quotes (an enum value, a word).
_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")


@dataclass(frozen=True)
class Span:
    """1-based line and column; the end column is the one after the last character (as SARIF)."""

    line: int
    column: int
    end_line: int
    end_column: int


class ParseError(Exception):
    """A file that cannot be parsed; becomes a CG001 finding at ``line``:``column``."""

    def __init__(self, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.message = message
        self.line = max(line, 1)
        self.column = max(column, 1)

    @classmethod
    def at(cls, message: str, text: str, offset: int) -> "ParseError":
        """The error at a text offset (line and column counted here)."""
        line = text.count("\n", 0, offset) + 1
        return cls(message, line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


class Document:
    """A parsed file: ``data`` (plain Python) and positions for document paths."""

    #: What starts a comment in this format (none: JSON), for suppression comments.
    comment_markers: tuple[str, ...] = ()

    def __init__(self, path: str, text: str, data: Any):
        self.path = path
        self.text = text
        self.data = data
        self._line_starts: Optional[list[int]] = None

    def span(self, doc_path: DocPath, key: bool = False) -> Span:
        """The span of the value at ``doc_path`` (of its key when ``key``), or of the deepest
        existing ancestor when the path does not exist (a missing property points at its parent)."""
        raise NotImplementedError

    def line_text(self, line: int) -> str:
        starts = self._starts()
        if not 1 <= line <= len(starts):
            return ""
        end = self.text.find("\n", starts[line - 1])
        return self.text[starts[line - 1]: end if end >= 0 else len(self.text)].rstrip("\r")

    # -- offset ↔ line/column ----------------------------------------------------------------

    def _starts(self) -> list[int]:
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        return self._line_starts

    def position(self, offset: int) -> tuple[int, int]:
        starts = self._starts()
        lo, hi = 0, len(starts) - 1
        while lo < hi:  # last line start <= offset
            mid = (lo + hi + 1) // 2
            if starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1, offset - starts[lo] + 1

    def offset(self, line: int, column: int) -> int:
        """The text offset of a 1-based line and column (the inverse of :meth:`position`)."""
        starts = self._starts()
        return starts[line - 1] + column - 1 if 0 < line <= len(starts) else len(self.text)

    def literal(self, value: Any, original: str) -> str:
        """``value`` written in this format, in the quoting style of ``original`` (the text it
        replaces): for fixes.  JSON, YAML and Terraform share the syntax of the values fixes write."""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int):
            return str(value)
        if original[:1] == "'":
            return "'" + value.replace("'", "''") + "'"
        if original[:1] == '"' or not _PLAIN.fullmatch(value):
            return json.dumps(value, ensure_ascii=False)
        return value

    def offsets_span(self, start: int, end: int) -> Span:
        line, col = self.position(start)
        end_line, end_col = self.position(end)
        return Span(line, col, end_line, end_col)


class TableDocument(Document):
    """A document whose reader recorded the offsets of every key and value as it parsed
    (Terraform, PowerShell): document path → (start, end)."""

    def __init__(self, path: str, text: str, data: Any, keys: dict, values: dict):
        super().__init__(path, text, data)
        self._keys = keys
        self._values = values

    def span(self, doc_path: DocPath, key: bool = False) -> Span:
        doc_path = tuple(doc_path)
        while doc_path:
            table = self._keys if key and doc_path in self._keys else self._values
            if doc_path in table:
                return self.offsets_span(*table[doc_path])
            doc_path, key = doc_path[:-1], True
        return Span(1, 1, 1, 1)


# --- JSON ---------------------------------------------------------------------------------------

_DECODER = json.JSONDecoder()
_TOKEN = re.compile(r'\s*(?:("(?:[^"\\]|\\.)*")|([{}\[\],:])|(-?[0-9][0-9.eE+-]*|true|false|null))', re.S)


class _DuplicateKey(Exception):
    def __init__(self, key: str):
        self.key = key


class _BadConstant(ValueError):
    pass


def _no_constant(name: str) -> Any:
    raise _BadConstant(name)  # NaN, Infinity: Python accepts them, JSON and AWS do not


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return result


class _Scan:
    """What is known of one JSON container: its entries up to ``next``."""

    __slots__ = ("is_object", "next", "entries", "done")

    def __init__(self, is_object: bool, next_offset: int):
        self.is_object = is_object
        self.next = next_offset
        self.entries: dict = {}
        self.done = False


class JsonDocument(Document):
    def __init__(self, path: str, text: str, data: Any):
        super().__init__(path, text, data)
        self._scans: dict[int, _Scan] = {}
        self._ends: dict[int, int] = {}  # value offset → offset after it

    @classmethod
    def parse(cls, path: str, text: str) -> "JsonDocument":
        try:
            data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
        except json.JSONDecodeError as exc:
            raise ParseError(f"invalid JSON: {exc.msg}", exc.lineno, exc.colno) from None
        except _BadConstant as exc:
            doc = cls(path, text, None)
            match = re.search(r"(?<![\w\"])-?" + exc.args[0].lstrip("-") + r"\b", text)
            line, col = doc.position(match.start()) if match else (1, 1)
            raise ParseError(f"invalid JSON: {exc.args[0]} is not a JSON number", line, col) from None
        except ValueError as exc:  # e.g. an integer with more digits than Python converts
            raise ParseError(f"invalid JSON: {exc}") from None
        except _DuplicateKey as exc:
            doc = cls(path, text, None)
            line, col = doc.position(doc._find_duplicate(exc.key))
            raise ParseError(f"duplicate key {exc.key!r}", line, col) from None
        except RecursionError:
            raise ParseError("invalid JSON: nesting too deep") from None
        return cls(path, text, data)

    def span(self, doc_path: DocPath, key: bool = False) -> Span:
        start, end = self._locate(doc_path, key)
        return self.offsets_span(start, end)

    # A tiny scanner that walks the text along one path, skipping the values it does not need.

    def _token(self, pos: int) -> tuple[str, int, int]:
        m = _TOKEN.match(self.text, pos)
        if not m:
            raise ValueError(f"unexpected text at offset {pos}")
        return m.group(m.lastindex), m.start(m.lastindex), m.end()

    def _skip_value(self, pos: int) -> int:
        """Offset just after the value starting at ``pos`` (the C decoder skips it)."""
        start = self._token(pos)[1]
        return _DECODER.raw_decode(self.text, start)[1]

    def _locate(self, doc_path: DocPath, key: bool) -> tuple[int, int]:
        pos = self._token(0)[1]
        key_span: Optional[tuple[int, int]] = None
        for step in doc_path:
            found = self._child(pos, step)
            if found is None:
                # Path does not exist: the deepest existing value's key (or the value's opener).
                return key_span if key_span is not None else (pos, pos + 1)
            key_span, pos = found
        if key:  # the key, or for the root (no key) just its opening brace
            return key_span if key_span is not None else (pos, pos + 1)
        return pos, self._value_end(pos)

    def _value_end(self, pos: int) -> int:
        end = self._ends.get(pos)
        if end is None:
            end = self._ends[pos] = self._skip_value(pos)
        return end

    def _child(self, pos: int, step: Any) -> Optional[tuple[Optional[tuple[int, int]], int]]:
        """(key span or None, value offset) of ``step`` inside the container at ``pos``.

        Each container is scanned at most once, however many findings point into it."""
        scan = self._scans.get(pos)
        if scan is None:
            tok, _, end = self._token(pos)
            if tok not in ("{", "["):
                return None
            scan = self._scans[pos] = _Scan(tok == "{", end)
        if (isinstance(step, str) and not scan.is_object) or (isinstance(step, int) and scan.is_object):
            return None
        while step not in scan.entries and not scan.done:
            self._scan_next(scan)
        return scan.entries.get(step)

    def _scan_next(self, scan: "_Scan") -> None:
        tok, start, end = self._token(scan.next)
        if tok in ("}", "]"):
            scan.done = True
            return
        if tok == ",":
            tok, start, end = self._token(end)
        if scan.is_object:
            _, _, after_colon = self._token(end)
            value = self._token(after_colon)[1]
            scan.entries.setdefault(json.loads(tok), ((start, end), value))
        else:
            value = start
            scan.entries[len(scan.entries)] = (None, value)
        scan.next = self._value_end(value)

    def _find_duplicate(self, key: str) -> int:
        """Offset of the second occurrence of ``key`` within one object."""
        stack: list[set] = []
        pos = 0
        expect_key = False
        while True:
            m = _TOKEN.match(self.text, pos)
            if not m:
                return 0
            tok, start, pos = m.group(m.lastindex), m.start(m.lastindex), m.end()
            if tok in ("{", "["):
                stack.append(set() if tok == "{" else None)
                expect_key = tok == "{"
            elif tok in ("}", "]"):
                stack.pop()
                expect_key = False
            elif tok == ",":
                expect_key = bool(stack) and stack[-1] is not None
            elif expect_key and tok.startswith('"'):
                name = json.loads(tok)
                if name == key and name in stack[-1]:
                    return start
                stack[-1].add(name)
                expect_key = False


# --- YAML ---------------------------------------------------------------------------------------

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
            data = _to_data(root, {}) if root is not None else None
        except RecursionError:
            raise ParseError("invalid YAML: nesting too deep") from None
        return cls(path, text, data, root)

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
        for key_node, value_node in node.value:
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


def _to_data(node: Any, memo: dict) -> Any:
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
        data = [_to_data(n, memo) for n in node.value]
    else:
        data = {}
        merges = []
        for key_node, value_node in node.value:
            if key_node.id != "scalar":
                raise ParseError("a mapping key must be a plain value",
                                 key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            key = key_node.value
            if key == "<<" and not key_node.style:  # a merge key: `<<: *defaults`
                merges.append(value_node)
                continue
            if key in data:
                raise ParseError(f"duplicate key {key!r}",
                                 key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            data[key] = _to_data(value_node, memo)
        for merge in merges:  # explicit keys win over merged ones
            for source in (merge.value if merge.id == "sequence" else [merge]):
                merged = _to_data(source, memo)
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


# --- choosing the parser -------------------------------------------------------------------

def parse_bytes(path: str, data: bytes) -> Document:
    """Decode and parse a file's content as Terraform (``.tf``), PowerShell (``.ps1``), JSON (by
    extension or first character) or YAML."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ParseError("not UTF-8 text: the file is UTF-16 or UTF-32 (it starts with a byte-order mark); save it as UTF-8")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ParseError(f"not UTF-8 text: byte 0x{data[exc.start]:02x} cannot be decoded", line, column) from None
    lowered = path.lower()
    if lowered.endswith(".tf"):
        from linter.hcl import HclDocument  # only Terraform users pay for it

        return HclDocument.parse(path, text)
    if lowered.endswith((".ps1", ".psm1")):
        from linter.powershell import PowerShellDocument

        return PowerShellDocument.parse(path, text)
    if _is_json(path, text):
        return JsonDocument.parse(path, text)
    return YamlDocument.parse(path, text)


def _is_json(path: str, text: str) -> bool:
    ext = os.path.splitext(path)[1].lower()
    if ext == ".json":
        return True
    if ext in (".yaml", ".yml"):
        return False
    return text.lstrip()[:1] in ("{", "[")
