#!/usr/bin/env python3
"""Generate ``linter/model/constraints.json``: the constraint table of the schema rules (CG002–CG007).

Sources:

* botocore's ``cognito-idp`` service model: the CreateUserPoolClient and UpdateUserPoolClient
  request shapes and ``UserPoolClientType`` (the ``UserPoolClient`` object of a Describe response);
* the CloudFormation resource schema of ``AWS::Cognito::UserPoolClient``
  (``../shared/schemas/aws-cognito-userpoolclient.cfn-schema.json`` from the repository root).

Usage (botocore must be importable by the interpreter that runs this)::

    python3 scripts/gen_service_model.py                # rewrite linter/model/constraints.json
    python3 scripts/gen_service_model.py --check        # exit 1 if the committed file is stale
    python3 scripts/gen_service_model.py --cfn-schema PATH --output PATH

The output is deterministic: sorted keys, indent 1, trailing newline.  Shapes keep the order of
their source for ``enum`` and ``required`` lists.  See ``linter/model/constraints.py`` for the format.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_CFN_SCHEMA = os.path.join(
    REPO_ROOT, os.pardir, "shared", "schemas", "aws-cognito-userpoolclient.cfn-schema.json"
)
DEFAULT_OUTPUT = os.path.join(REPO_ROOT, "linter", "model", "constraints.json")

SERVICE = "cognito-idp"
CREATE_OPERATION = "CreateUserPoolClient"
UPDATE_OPERATION = "UpdateUserPoolClient"
DESCRIBE_SHAPE = "UserPoolClientType"

# botocore type name -> table type name.  Anything else makes the generator fail: a new type
# needs a decision in the rules (CG003) first.
BOTOCORE_TYPES = {
    "string": "string",
    "integer": "integer",
    "long": "integer",
    "boolean": "boolean",
    "list": "list",
    "structure": "structure",
    # Describe's CreationDate/LastModifiedDate: an ISO 8601 string (AWS CLI) or epoch seconds
    # (raw API / CLI with cli_timestamp_format=none).
    "timestamp": "timestamp",
}

CFN_TYPES = {
    "string": "string",
    "integer": "integer",
    "boolean": "boolean",
    "array": "list",
    "object": "structure",
}
# Schema keywords that carry nothing for the table.  An unlisted keyword makes the generator fail,
# so that a new constraint keyword in a future schema is not dropped silently.
CFN_IGNORED_KEYWORDS = {
    "additionalProperties",
    "description",
    "format",
    "insertionOrder",
    "uniqueItems",
    "relationshipRef",
    "$comment",
}

# Read-only fields that newer DescribeUserPoolClient responses return and that botocore may not
# model yet (they are not unknown properties).  Added only when botocore lacks them;
# the names added are listed under the kind's "supplemental" key.
DESCRIBE_SUPPLEMENT = {
    "ClientSecretArn": {"type": "string"},
    "ClientType": {"type": "string"},
}

# Patterns in botocore's model that refuse real values, by (table, property).  botocore 1.44's
# ClientSecretArn pattern wants "secret/" and no aws-cn partition, while Secrets Manager ARNs read
# arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME-SUFFIX.
PATTERN_OVERRIDES = {
    ("api-describe", "ClientSecretArn"): r"arn:aws[\w-]*:secretsmanager:[\w-]+:\d{12}:secret[:/][\w+=/,.@-]+",
}

UPDATE_NOT_ALLOWED = {
    "ClientSecret": "cannot be changed by UpdateUserPoolClient: the secret is fixed when the client is created",
    "GenerateSecret": "cannot be changed by UpdateUserPoolClient: whether a client has a secret is fixed when it is created",
}

# Reasons for the schema's readOnlyProperties; others get a generic reason.
CFN_READ_ONLY_REASONS = {
    "ClientSecret": "read-only in CloudFormation: the service generates the secret (read it with Fn::GetAtt ClientSecret)",
    "ClientId": "read-only in CloudFormation: the service assigns the client ID (Ref returns it)",
    "Name": "read-only in CloudFormation: it is the Fn::GetAtt Name attribute; set the client's name with ClientName",
}
# Names CloudFormation users write that the resource type does not take (spec CG007).  Added only
# when the schema does not define them.
CFN_NOT_ALLOWED_EXTRA = {
    "PublishSecretsInAWSSecretsManager": "not supported by AWS::Cognito::UserPoolClient in CloudFormation",
}
# spec CG007: ALLOW_TOKEN_EXCHANGE_* auth flows cannot be set through CloudFormation.  Kept out of
# the cloudformation enum even if a future schema lists them.
CFN_EXCLUDED_ENUM_PREFIXES = {"ExplicitAuthFlows": ("ALLOW_TOKEN_EXCHANGE",)}


class GenerationError(RuntimeError):
    pass


# --------------------------------------------------------------------------------------- botocore

def botocore_shape(shape: Any, _depth: int = 0) -> dict:
    """Convert a botocore ``Shape`` into a table SHAPE."""
    if _depth > 20:
        raise GenerationError(f"shape {shape.name} nests too deeply (recursive?)")
    kind = BOTOCORE_TYPES.get(shape.type_name)
    if kind is None:
        raise GenerationError(f"botocore shape {shape.name}: unsupported type {shape.type_name!r}")
    out: dict[str, Any] = {"type": kind}
    meta = shape.metadata
    for key in ("min", "max"):
        if key in meta:
            out[key] = meta[key]
    if "pattern" in meta:
        out["pattern"] = meta["pattern"]
    enum = getattr(shape, "enum", None)
    if enum:
        out["enum"] = list(enum)
    if kind == "list":
        out["member"] = botocore_shape(shape.member, _depth + 1)
    elif kind == "structure":
        out["members"] = {name: botocore_shape(m, _depth + 1) for name, m in shape.members.items()}
        out["required"] = list(shape.required_members)
    return out


def botocore_tables(service_model: Any) -> dict[str, dict]:
    create = botocore_shape(service_model.operation_model(CREATE_OPERATION).input_shape)
    update = botocore_shape(service_model.operation_model(UPDATE_OPERATION).input_shape)
    describe = botocore_shape(service_model.shape_for(DESCRIBE_SHAPE))

    supplemental = sorted(n for n in DESCRIBE_SUPPLEMENT if n not in describe["members"])
    describe_props = dict(describe["members"])
    for name in supplemental:
        describe_props[name] = dict(DESCRIBE_SUPPLEMENT[name])

    update_not_allowed = dict(UPDATE_NOT_ALLOWED)
    clash = sorted(set(update_not_allowed) & set(update["members"]))
    if clash:
        raise GenerationError(
            f"botocore's {UPDATE_OPERATION} now accepts {clash}: review spec CG007 before regenerating"
        )
    for (table, name), pattern in PATTERN_OVERRIDES.items():
        shape = {"api-describe": describe_props}[table].get(name)
        if shape is not None and "pattern" in shape:
            shape["pattern"] = pattern
    return {
        "api-create": {"required": create["required"], "properties": create["members"], "not_allowed": {}},
        "api-update": {"required": update["required"], "properties": update["members"],
                       "not_allowed": update_not_allowed},
        # A Describe response always carries UserPoolId; spec CG006 asks for it in every kind.
        "api-describe": {"required": ["UserPoolId"], "properties": describe_props, "not_allowed": {},
                         "supplemental": supplemental},
    }


# ----------------------------------------------------------------------------------- CloudFormation

def strip_anchors(pattern: str) -> str:
    """``^...$`` -> ``...`` (CFN schemas anchor their patterns, botocore's mostly do not)."""
    if pattern.startswith("^"):
        pattern = pattern[1:]
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1]
    return pattern


def cfn_shape(node: dict, definitions: dict, where: str, _depth: int = 0) -> dict:
    """Convert a CFN schema (JSON Schema) node into a table SHAPE, inlining ``$ref``s."""
    if _depth > 20:
        raise GenerationError(f"{where}: nests too deeply (recursive $ref?)")
    if "$ref" in node:
        ref = node["$ref"]
        prefix = "#/definitions/"
        if not ref.startswith(prefix) or ref[len(prefix):] not in definitions:
            raise GenerationError(f"{where}: unsupported $ref {ref!r}")
        extra = set(node) - {"$ref"} - CFN_IGNORED_KEYWORDS
        if extra:
            raise GenerationError(f"{where}: keywords beside $ref not supported: {sorted(extra)}")
        return cfn_shape(definitions[ref[len(prefix):]], definitions, where, _depth + 1)

    handled = {"type", "minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems",
               "pattern", "enum", "items", "properties", "required"}
    unknown = set(node) - handled - CFN_IGNORED_KEYWORDS
    if unknown:
        raise GenerationError(f"{where}: unsupported schema keywords {sorted(unknown)}")
    kind = CFN_TYPES.get(node.get("type")) if isinstance(node.get("type"), str) else None
    if kind is None:
        raise GenerationError(f"{where}: unsupported type {node.get('type')!r}")
    out: dict[str, Any] = {"type": kind}
    bounds = {
        "string": ("minLength", "maxLength"),
        "integer": ("minimum", "maximum"),
        "list": ("minItems", "maxItems"),
    }.get(kind)
    for keyword in ("minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems"):
        if keyword in node and (bounds is None or keyword not in bounds):
            raise GenerationError(f"{where}: {keyword} on a {kind}")
    if bounds:
        if bounds[0] in node:
            out["min"] = node[bounds[0]]
        if bounds[1] in node:
            out["max"] = node[bounds[1]]
    if "pattern" in node:
        out["pattern"] = strip_anchors(node["pattern"])
    if "enum" in node:
        out["enum"] = list(node["enum"])
    if kind == "list":
        if "items" not in node:
            raise GenerationError(f"{where}: array without items")
        out["member"] = cfn_shape(node["items"], definitions, where + "[]", _depth + 1)
    elif kind == "structure":
        out["members"] = {
            name: cfn_shape(sub, definitions, f"{where}.{name}", _depth + 1)
            for name, sub in node.get("properties", {}).items()
        }
        out["required"] = list(node.get("required", []))
    return out


def cfn_table(schema: dict) -> dict:
    definitions = schema.get("definitions", {})
    properties = {
        name: cfn_shape(node, definitions, name) for name, node in schema["properties"].items()
    }
    for name, prefixes in CFN_EXCLUDED_ENUM_PREFIXES.items():
        shape = properties.get(name)
        target = shape.get("member", shape) if shape else None
        if target and "enum" in target:
            target["enum"] = [v for v in target["enum"] if not v.startswith(prefixes)]

    prefix = "/properties/"
    read_only = [p[len(prefix):] for p in schema.get("readOnlyProperties", []) if p.startswith(prefix)]
    not_allowed: dict[str, str] = {}
    for name in read_only:
        properties.pop(name, None)
        not_allowed[name] = CFN_READ_ONLY_REASONS.get(
            name, "read-only in CloudFormation: the service sets it (read it with Fn::GetAtt)"
        )
    for name, reason in CFN_NOT_ALLOWED_EXTRA.items():
        if name not in schema["properties"]:
            not_allowed[name] = reason
    create_only = sorted(
        p[len(prefix):] for p in schema.get("createOnlyProperties", []) if p.startswith(prefix)
    )
    return {
        "required": list(schema.get("required", [])),
        "properties": properties,
        "not_allowed": not_allowed,
        # Changing one of these replaces the client (new ClientId and secret): CG702.
        "create_only": create_only,
    }


# ------------------------------------------------------------------------------------------ build

def enum_paths(properties: dict, prefix: str = "") -> dict[str, dict]:
    """``{"ExplicitAuthFlows": shape-with-enum, "TokenValidityUnits.AccessToken": ...}``."""
    found: dict[str, dict] = {}
    for name, shape in properties.items():
        path = prefix + name
        while shape["type"] == "list":
            shape = shape["member"]
        if "enum" in shape:
            found[path] = shape
        if shape["type"] == "structure":
            found.update(enum_paths(shape["members"], path + "."))
    return found


def cfn_unsupported_enum_values(api: dict, cfn: dict) -> dict[str, list]:
    """Enum values the API accepts that CloudFormation does not, by property path."""
    api_enums = enum_paths(api["properties"])
    cfn_props = cfn["properties"]
    out: dict[str, list] = {}
    for path, shape in api_enums.items():
        cfn_shape_ = cfn_props.get(path.split(".")[0])
        for part in path.split(".")[1:]:
            if cfn_shape_ is None:
                break
            while cfn_shape_["type"] == "list":
                cfn_shape_ = cfn_shape_["member"]
            cfn_shape_ = cfn_shape_.get("members", {}).get(part)
        if cfn_shape_ is None:
            continue  # the property itself is unknown in CloudFormation (CG002)
        while cfn_shape_["type"] == "list":
            cfn_shape_ = cfn_shape_["member"]
        allowed = cfn_shape_.get("enum")
        out[path] = [] if allowed is None else [v for v in shape["enum"] if v not in allowed]
    out.setdefault("ExplicitAuthFlows", [])
    return out


def build(service_model: Any, botocore_version: str, cfn_schema: dict) -> dict:
    kinds = botocore_tables(service_model)
    kinds["cloudformation"] = cfn_table(cfn_schema)
    for kind, table in kinds.items():
        clash = sorted(set(table["not_allowed"]) & set(table["properties"]))
        if clash:
            raise GenerationError(f"{kind}: {clash} both settable and not allowed")
        missing = [r for r in table["required"] if r not in table["properties"]]
        if missing:
            raise GenerationError(f"{kind}: required {missing} are not properties")
    return {
        "source": {"botocore": botocore_version, "cfn_schema": cfn_schema.get("_source", "")},
        "kinds": kinds,
        "cfn_unsupported_enum_values": cfn_unsupported_enum_values(kinds["api-create"],
                                                                    kinds["cloudformation"]),
    }


def render(document: dict) -> str:
    return json.dumps(document, sort_keys=True, indent=1) + "\n"


def generate(cfn_schema_path: str = DEFAULT_CFN_SCHEMA) -> str:
    """The file's text as this interpreter's botocore and the given schema produce it."""
    import botocore
    import botocore.session

    with open(cfn_schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    service_model = botocore.session.get_session().get_service_model(SERVICE)
    return render(build(service_model, botocore.__version__, schema))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cfn-schema", default=DEFAULT_CFN_SCHEMA,
                        help="CloudFormation resource schema of AWS::Cognito::UserPoolClient")
    parser.add_argument("--output", default=DEFAULT_OUTPUT, help="where to write the table")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if --output differs from a fresh generation")
    args = parser.parse_args(argv)
    try:
        text = generate(args.cfn_schema)
    except ImportError:
        print("gen_service_model: botocore is not importable by " + sys.executable, file=sys.stderr)
        return 2
    except GenerationError as exc:
        print(f"gen_service_model: {exc}", file=sys.stderr)
        return 2
    if args.check:
        try:
            with open(args.output, encoding="utf-8") as f:
                current = f.read()
        except FileNotFoundError:
            current = None
        if current != text:
            print(f"{args.output} is stale: run scripts/gen_service_model.py", file=sys.stderr)
            return 1
        return 0
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
