"""Each syntax writes an edit of its data in its own style: the tricky layouts, byte for byte, and
the result reads back as the data with that edit made."""
from __future__ import annotations

import pytest

from linter.loaders.registry import parse
from linter.parsers.edits import (APPEND, INSERT, REMOVE, REPLACE, DocEdit, apply_text_edits, expected_data,
                                  same_data)
from linter.parsers.scanner import Expression

CASES = {
    # YAML
    "yaml: insert after the last entry keeps the comment on its line": (
        "a.yaml", "M:\n  A: 1   # one\n  B: [x]\nN: 2\n", DocEdit(INSERT, ("M",), "v", key="C"),
        "M:\n  A: 1   # one\n  B: [x]\n  C: v\nN: 2\n"),
    "yaml: a list under a key like its siblings (indentless)": (
        "a.yaml", "M:\n  A:\n  - x\n", DocEdit(INSERT, ("M",), ["p", "q"], key="L"),
        "M:\n  A:\n  - x\n  L:\n  - p\n  - q\n"),
    "yaml: CRLF and no newline at the end": (
        "a.yaml", "M:\r\n  A: 1", DocEdit(INSERT, ("M",), True, key="B"), "M:\r\n  A: 1\r\n  B: true"),
    "yaml: a string that would read as something else is quoted": (
        "a.yaml", "M:\n  A: 1\n", DocEdit(INSERT, ("M",), "yes", key="B"), "M:\n  A: 1\n  B: 'yes'\n"),
    "yaml: a nested mapping in block style": (
        "a.yaml", "R:\n    M:\n        A: 1\n", DocEdit(INSERT, ("R", "M"), {"F": "ENABLED"}, key="S"),
        "R:\n    M:\n        A: 1\n        S:\n            F: ENABLED\n"),
    "yaml: insert after a named entry": (
        "a.yaml", "R:\n  Type: T\n  Properties:\n    A: 1\n", DocEdit(INSERT, ("R",), "X", key="DependsOn", after="Type"),
        "R:\n  Type: T\n  DependsOn: X\n  Properties:\n    A: 1\n"),
    "yaml: flow mapping over lines": (
        "a.yaml", "M: {\n  A: 1,\n  B: 2\n}\n", DocEdit(INSERT, ("M",), "c d", key="C"),
        "M: {\n  A: 1,\n  B: 2,\n  C: c d\n}\n"),
    "yaml: remove from a flow list keeps the rest": (
        "a.yaml", "L: [a, b, c]\n", DocEdit(REMOVE, ("L", 1)), "L: [a, c]\n"),
    "yaml: remove the last block item with its comment": (
        "a.yaml", "L:\n  - a\n  - b  # bye\nM: 1\n", DocEdit(REMOVE, ("L", 1)), "L:\n  - a\nM: 1\n"),
    "yaml: append keeps the quotes of the items": (
        "a.yaml", "L:\n  - 'a'\n  - 'b'\n", DocEdit(APPEND, ("L",), "c"), "L:\n  - 'a'\n  - 'b'\n  - 'c'\n"),
    "yaml: append to an empty flow list": (
        "a.yaml", "L: []\n", DocEdit(APPEND, ("L",), "https://x/y"), "L: ['https://x/y']\n"),
    "yaml: a value in an !If branch": (
        "a.yaml", "P: !If [C, LEGACY, ENABLED]\n", DocEdit(REPLACE, ("P", "Fn::If", 1), "ENABLED"),
        "P: !If [C, ENABLED, ENABLED]\n"),
    # JSON
    "json: insert into a pretty object copies indentation and list layout": (
        "a.json", '{\n\t"A": [\n\t\t"x"\n\t]\n}\n', DocEdit(INSERT, (), ["p", "q"], key="B"),
        '{\n\t"A": [\n\t\t"x"\n\t],\n\t"B": [\n\t\t"p",\n\t\t"q"\n\t]\n}\n'),
    "json: remove the last item of a multi-line array": (
        "a.json", '{"L": [\n  "a",\n  "b"\n]}\n', DocEdit(REMOVE, ("L", 1)), '{"L": [\n  "a"\n]}\n'),
    "json: remove every item": (
        "a.json", '{"L": ["a"]}', DocEdit(REMOVE, ("L", 0)), '{"L": []}'),
    "json: insert into an empty object": (
        "a.json", '{"M": {}}', DocEdit(INSERT, ("M",), 1, key="A"), '{"M": {"A": 1}}'),
    # HCL
    "hcl: trailing comma kept, one item a line": (
        "a.tf", 'x = [\n  "a",\n]\n', DocEdit(APPEND, ("x",), "b"), 'x = [\n  "a",\n  "b",\n]\n'),
    "hcl: remove keeps the comment of the line left": (
        "a.tf", 'x = ["a", "b"] # c\n', DocEdit(REMOVE, ("x", 0)), 'x = ["b"] # c\n'),
    "hcl: an argument aligned with the one before": (
        "a.tf", 'r "t" "n" {\n  a   = 1\n  bcd = 2\n}\n', DocEdit(INSERT, ("r", "t", "n"), "x", key="e"),
        'r "t" "n" {\n  a   = 1\n  bcd = 2\n  e   = "x"\n}\n'),
    "hcl: a structure as a nested block, tabs kept": (
        "a.tf", 'r "t" "n" {\n\ta = 1\n}\n', DocEdit(INSERT, ("r", "t", "n"), [{"feature": "ENABLED"}], key="rot"),
        'r "t" "n" {\n\ta = 1\n\trot {\n\t\tfeature = "ENABLED"\n\t}\n}\n'),
    "hcl: a reference in depends_on": (
        "a.tf", 'r "t" "n" {\n  a = 1\n}\n', DocEdit(INSERT, ("r", "t", "n"), [Expression("x.y")], key="depends_on"),
        'r "t" "n" {\n  a          = 1\n  depends_on = [x.y]\n}\n'),  # terraform fmt aligns the two
    "hcl: a longer name moves the = of the aligned lines above, not of those past a blank line": (
        "a.tf", 'r "t" "n" {\n  n = 1\n\n  a  = 1 # one\n  bc = [\n    2,\n  ]\n  d  = {}\n}\n',
        DocEdit(INSERT, ("r", "t", "n"), "x", key="efg"),
        'r "t" "n" {\n  n = 1\n\n  a  = 1 # one\n  bc = [\n    2,\n  ]\n  d   = {}\n  efg = "x"\n}\n'),
    "hcl: an interpolation is escaped": (
        "a.tf", 'x = "a"\n', DocEdit(REPLACE, ("x",), "${b}"), 'x = "$${b}"\n'),
    # PowerShell
    "ps: a parameter after the last argument, before a pipe": (
        "a.ps1", "New-CGIPUserPoolClient -ClientName c | Out-Null\n",
        DocEdit(INSERT, ("commands", 0, "parameters"), "ENABLED", key="PreventUserExistenceError"),
        "New-CGIPUserPoolClient -ClientName c -PreventUserExistenceError ENABLED | Out-Null\n"),
    "ps: a one-line hashtable gets ; Key = value": (
        "a.ps1", "$p = @{ ClientName = 'c' }\nNew-CGIPUserPoolClient @p\n",
        DocEdit(INSERT, ("commands", 0, "parameters"), True, key="GenerateSecret"),
        "$p = @{ ClientName = 'c'; GenerateSecret = $true }\nNew-CGIPUserPoolClient @p\n"),
    "ps: a hashtable on several lines: the = of its entries stay in one column": (
        "a.ps1", "$p = @{\n    ClientName = 'c'\n    UserPoolId = $id\n}\nNew-CGIPUserPoolClient @p\n",
        DocEdit(INSERT, ("commands", 0, "parameters"), "ENABLED", key="PreventUserExistenceError"),
        "$p = @{\n    ClientName                = 'c'\n    UserPoolId                = $id\n"
        "    PreventUserExistenceError = 'ENABLED'\n}\nNew-CGIPUserPoolClient @p\n"),
    "ps: a hashtable two calls splat is left alone: the argument goes to the call": (
        "a.ps1", "$p = @{ ClientName = 'c' }\nNew-CGIPUserPoolClient @p\nNew-CGIPUserPoolClient @p\n",
        DocEdit(INSERT, ("commands", 1, "parameters"), True, key="GenerateSecret"),
        "$p = @{ ClientName = 'c' }\nNew-CGIPUserPoolClient @p\nNew-CGIPUserPoolClient @p -GenerateSecret $true\n"),
    "ps: a one-item list is @(...)": (
        "a.ps1", "New-CGIPUserPoolClient -ClientName c\n",
        DocEdit(INSERT, ("commands", 0, "parameters"), ["code"], key="AllowedOAuthFlow"),
        "New-CGIPUserPoolClient -ClientName c -AllowedOAuthFlow @('code')\n"),
    "ps: removing from a comma list leaves the item": (
        "a.ps1", "New-CGIPUserPoolClient -AllowedOAuthFlow implicit, code\n",
        DocEdit(REMOVE, ("commands", 0, "parameters", "AllowedOAuthFlow", 0)),
        "New-CGIPUserPoolClient -AllowedOAuthFlow code\n"),
    "ps: a double-quoted string keeps its quotes and escapes": (
        "a.ps1", 'New-CGIPUserPoolClient -CallbackURLs "http://a/cb"\n',
        DocEdit(REPLACE, ("commands", 0, "parameters", "CallbackURLs"), "https://a/$cb"),
        'New-CGIPUserPoolClient -CallbackURLs "https://a/`$cb"\n'),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_edit_is_written_in_the_files_style(name):
    filename, text, change, expected = CASES[name]
    doc = parse(filename, text.encode())
    edits = doc.render(change)
    assert edits, "the edit could not be written"
    written = apply_text_edits(text, edits)
    assert written == expected
    assert same_data(parse(filename, written.encode()).data, expected_data(doc, [change]))


@pytest.mark.parametrize("filename, text, change", [
    ("a.yaml", "L:\n  - a\n", DocEdit(REMOVE, ("L", 0))),  # an empty block list would read as null
    ("a.yaml", "L:\n  - - a\n    - b\n", DocEdit(REMOVE, ("L", 0, 0))),  # nested block items
    ("a.yaml", "A: &x v\nB: *x\n", DocEdit(REPLACE, ("A",), "w")),  # an anchored value
    ("a.tf", 'r "t" "n" { a = 1 }\n', DocEdit(INSERT, ("r", "t", "n"), 2, key="b")),  # a one-line block
    ("a.ps1", "New-CGIPUserPoolClient -AllowedOAuthFlow code\n",
     DocEdit(REMOVE, ("commands", 0, "parameters", "AllowedOAuthFlow", 0))),  # not a list
])
def test_layouts_it_cannot_write_safely_get_no_edit(filename, text, change):
    assert not parse(filename, text.encode()).render(change)
