"""Engine columns (code points, 1-based) ↔ LSP positions in each negotiated encoding."""
from __future__ import annotations

import pytest

from linter.lsp.positions import LineIndex, units

TEXT = "a: 1\r\nname: wé😀b # x\n\nlast"


def test_units_per_encoding():
    assert [units("wé😀", e) for e in ("utf-8", "utf-16", "utf-32")] == [7, 4, 3]
    assert units("plain", "utf-16") == 5


@pytest.mark.parametrize("encoding, character", [("utf-8", 13), ("utf-16", 10), ("utf-32", 9)])
def test_a_column_after_non_ascii_text(encoding, character):
    index = LineIndex(TEXT, encoding)
    assert index.position(2, 10) == (1, character)  # "b", after "wé😀"
    assert index.offset(1, character) == TEXT.index("b #")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32"])
def test_every_character_boundary_round_trips(encoding):
    index = LineIndex(TEXT, encoding)
    for offset in range(len(TEXT) + 1):
        if TEXT[offset - 1:offset] == "\r":
            continue  # inside a line break: not a position of the client's
        assert index.offset(*index.position_of_offset(offset)) == offset


def test_line_breaks_ends_and_clamping():
    index = LineIndex(TEXT, "utf-16")
    assert index.position(1, 99) == (0, 4)  # clamped to the content: "\r" is part of the line break
    assert index.position(9, 1) == (3, 4)  # past the end: the end of the text
    assert index.offset(0, 99) == 4 and index.offset(9, 0) == len(TEXT)


def test_a_byte_order_mark_is_a_character_of_the_first_line_only():
    index = LineIndex("\ufeffab\ncd", "utf-8")
    assert index.text == "ab\ncd"
    assert index.position(1, 2) == (0, 4) and index.position(2, 2) == (1, 1)
    assert index.offset(0, 4) == 1 and index.offset(0, 0) == 0
