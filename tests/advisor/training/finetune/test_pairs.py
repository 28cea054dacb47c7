
import pytest
from PIL import Image

from advisor.training.finetune.pairs import PairsError, TooFewPairsError, load_pairs
from tests.advisor.training.finetune.conftest import write_jsonl


@pytest.fixture
def images(tmp_path):
    paths = []
    for index, colour in enumerate(("red", "green", "blue")):
        path = tmp_path / "img" / f"{colour}.png"
        path.parent.mkdir(exist_ok=True)
        Image.new("RGB", (16, 16), colour).save(path)
        paths.append(path)
    (tmp_path / "img" / "broken.png").write_bytes(b"\x89PNG not really")
    return paths


def test_relative_and_absolute_paths(tmp_path, images):
    file = write_jsonl(tmp_path / "p.jsonl", [{"image": "img/red.png", "caption": "red"},
                                              {"image": str(images[1]), "caption": "green"}])
    pairs = load_pairs(file)
    assert pairs.images == [str(images[0].resolve()), str(images[1])]
    assert pairs.captions == ["red", "green"]


def test_bad_rows_are_named_and_counted(tmp_path, images):
    file = write_jsonl(tmp_path / "p.jsonl", [
        {"image": "img/red.png", "caption": "red"},
        "{not json",
        {"image": "img/missing.png", "caption": "ghost"},
        {"image": "img/broken.png", "caption": "broken"},
        {"caption": "no image"},
        {"image": "img/green.png"},
        {"image": "img/blue.png", "caption": "blue"},
    ])
    pairs = load_pairs(file)
    assert len(pairs) == 2 and len(pairs.skipped) == 5
    reasons = dict(pairs.skipped)
    assert "missing.png" in reasons[3] and "not found" in reasons[3]
    assert "broken.png" in reasons[4]
    assert "JSON" in reasons[2]


def test_an_unusable_image_path_is_a_named_row_not_a_crash(tmp_path, images):
    file = write_jsonl(tmp_path / "p.jsonl", [
        {"image": "img/red.png", "caption": "red"},
        {"image": "~no_such_user_here_0/cat.png", "caption": "a user this machine does not know"},
        {"image": "img/gr\x00een.png", "caption": "a NUL byte"},
        {"image": "img/blue.png", "caption": "blue"},
    ])
    pairs = load_pairs(file)
    assert len(pairs) == 2 and [number for number, _ in pairs.skipped] == [2, 3]
    assert all("unusable 'image' path" in reason for _, reason in pairs.skipped)


@pytest.mark.parametrize("rows", [[], [{"image": "img/red.png", "caption": "red"}]])
def test_empty_or_single_pair_is_a_clear_error(tmp_path, images, rows):
    file = write_jsonl(tmp_path / "p.jsonl", rows)
    with pytest.raises(TooFewPairsError, match="usable pair"):
        load_pairs(file)


def test_missing_file(tmp_path):
    with pytest.raises(PairsError, match="not found"):
        load_pairs(tmp_path / "nope.jsonl")


def test_split_is_seeded_and_keeps_captions_together(tmp_path, images):
    rows = [{"image": f"img/{c}.png", "caption": c} for c in ("red", "green", "blue")] * 4
    pairs = load_pairs(write_jsonl(tmp_path / "p.jsonl", rows))
    rest, held = pairs.split(0.3, seed=3)
    again_rest, again_held = pairs.split(0.3, seed=3)
    assert held.captions == again_held.captions
    assert not set(rest.captions) & set(held.captions)
    assert len(rest) + len(held) == len(pairs)
