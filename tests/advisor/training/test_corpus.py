import os
from pathlib import Path

import pytest
from PIL import Image

from advisor.training.corpus import (
    EMOJI_FONT,
    OPENCLIPART_DIR,
    article,
    clean_title,
    emoji_name,
    emoji_pairs,
    openclipart_pairs,
)

os.environ.setdefault("HF_HUB_OFFLINE", "1")

needs_font = pytest.mark.skipif(not EMOJI_FONT.exists(), reason="fonts-noto-color-emoji not installed")
needs_clipart = pytest.mark.skipif(not OPENCLIPART_DIR.is_dir(), reason="openclipart-png not installed")


@pytest.mark.parametrize("sequence, name", [
    ((0x1F600,), "grinning face"),
    ((0x1F993,), "zebra face"),
    ((0x23, 0xFE0F, 0x20E3), "keycap number sign"),
    ((0x1F469, 0x200D, 0x1F4BB), "woman personal computer"),
    ((0x1F3C3, 0x200D, 0x2640, 0xFE0F), "woman runner"),
    ((0x1F1EB, 0x1F1F7), None),          # flags: no name to compose
    ((0x1F44D, 0x1F3FD), None),          # skin-tone variants duplicate their base
    ((0x41,), None),                     # plain letters are not emoji
])
def test_emoji_names(sequence, name):
    assert emoji_name(sequence) == name


def test_articles():
    assert article("zebra") == "a zebra"
    assert article("apple") == "an apple"
    assert article("pancakes") == "pancakes"


@needs_font
def test_emoji_pairs_render_and_cache(tmp_path):
    rows = emoji_pairs(tmp_path, limit=12)
    assert len(rows) == 12
    assert len({r.caption for r in rows}) == 12
    for row in rows:
        image = Image.open(row.path)
        assert image.mode == "RGBA" and min(image.size) >= 8
        assert row.caption == row.caption.lower() and row.title in row.caption
    stamp = Path(rows[0].path).stat().st_mtime_ns
    again = emoji_pairs(tmp_path, limit=12)
    assert [r.path for r in again] == [r.path for r in rows]
    assert Path(rows[0].path).stat().st_mtime_ns == stamp  # rendered once, reused


def test_clean_title_drops_authors_suffixes_and_foreign_words():
    vocabulary = frozenset({"dog", "on", "leash", "emperor", "penguin", "apple", "red"})
    assert clean_title("dog_on_leash_gerald_g._01", {"gerald"}, vocabulary) == "dog on leash"
    assert clean_title("canguro_architetto_franc_01", {"architetto"}, vocabulary) == "kangaroo"
    assert clean_title("an_apple_01", set(), vocabulary) == "apple"
    assert clean_title("RedApple", set(), vocabulary) == "red apple"
    assert clean_title("lucertolona_xyz", set(), vocabulary) == "lizard"
    assert clean_title("qwzx_01", set(), vocabulary) == ""


@needs_clipart
def test_openclipart_pairs_have_clean_captions():
    rows = openclipart_pairs(limit=300)
    assert len(rows) == 300
    for row in rows:
        assert Path(row.path).is_file()
        assert not any(ch.isdigit() for ch in row.title)
        assert "architetto" not in row.caption and "_" not in row.caption
        assert row.group.startswith("openclipart:")
