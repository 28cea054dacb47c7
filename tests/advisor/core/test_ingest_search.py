import json

import pytest
from PIL import Image

from advisor.core.errors import AdvisorError
from advisor.core.ingest import IngestError, iter_candidates
from advisor.core.types import Skipped
from tests.conftest import draw_shape


def test_folder_ingest_and_search(advisor_home, shapes_dir):
    report = advisor_home.ingest(shapes_dir, domain="shapes")
    assert report.added == 12 and not report.skipped
    hits = advisor_home.search(text="a red circle", k=5)
    assert len(hits) == 5 and hits[0].caption.startswith("a ")
    assert {"id", "score", "image", "caption", "metadata"} <= set(hits[0].model_dump())
    assert hits == sorted(hits, key=lambda h: -h.score)
    by_image = advisor_home.search(image=str(shapes_dir / "blue_square.png"), k=1)
    assert by_image[0].caption == "a blue square"  # the image itself is its own nearest neighbour
    assert advisor_home.search(text="a square", domain="elsewhere") == []
    assert all(h.domain == "shapes" for h in advisor_home.search(text="a square", domain="shapes"))


def test_reingest_is_idempotent(advisor_home, shapes_dir):
    advisor_home.ingest(shapes_dir)
    again = advisor_home.ingest(shapes_dir)
    assert again.added == 0 and again.duplicates == 12
    assert advisor_home.store.count_items() == 12


def write_jsonl(path, rows):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows))


def test_manifest_with_bad_rows_skips_and_names_them(advisor_home, tmp_path):
    images = tmp_path / "img"
    images.mkdir()
    draw_shape("red", "circle").save(images / "ok.png")
    draw_shape("blue", "square").save(images / "ok2.png")
    (images / "empty.png").write_bytes(b"")
    (images / "text.png").write_text("not an image")
    trunc = images / "trunc.png"
    draw_shape("green", "circle").save(trunc)
    trunc.write_bytes(trunc.read_bytes()[:80])
    manifest = tmp_path / "m.jsonl"
    write_jsonl(manifest, [
        {"image": "img/ok.png", "caption": "a red circle", "price": 12.5, "category": "toy"},
        "{not json",
        {"caption": "no image"},
        {"image": "img/missing.png", "caption": "gone"},
        {"image": "img/empty.png", "caption": "empty"},
        {"image": "img/text.png", "caption": "text"},
        {"image": "img/trunc.png", "caption": "truncated"},
        {"image": str(images / "ok2.png"), "caption": "a blue square"},
    ])
    with open(manifest, "ab") as handle:
        handle.write(b'{"image": "img/ok.png", "caption": "\xff\xfe bad utf8"}\n')
    report = advisor_home.ingest(manifest)
    assert report.added == 2
    reasons = {s.source: s.reason for s in report.skipped}
    assert set(reasons) == {"m.jsonl:2", "m.jsonl:3", "m.jsonl:4", "m.jsonl:5", "m.jsonl:6", "m.jsonl:7", "m.jsonl:9"}
    assert "JSON" in reasons["m.jsonl:2"] and "image" in reasons["m.jsonl:3"]
    assert "not found" in reasons["m.jsonl:4"] and "empty" in reasons["m.jsonl:5"]
    assert "UTF-8" in reasons["m.jsonl:9"]
    hit = advisor_home.search(text="a red circle", k=1, filters={"category": "toy"})[0]
    assert hit.metadata == {"price": 12.5, "category": "toy"}


def test_csv_manifest_and_filters(advisor_home, tmp_path):
    for name, colour in [("a", "red"), ("b", "blue"), ("c", "green")]:
        draw_shape(colour, "circle").save(tmp_path / f"{name}.png")
    (tmp_path / "m.csv").write_text("image,caption,price,colour\na.png,a red ball,10,red\nb.png,a blue ball,60,blue\nc.png,a green ball,30,green\n")
    assert advisor_home.ingest(tmp_path / "m.csv").added == 3
    cheap = advisor_home.search(text="a ball", k=10, filters={"price": {"lt": 50}})
    assert {h.caption for h in cheap} == {"a red ball", "a green ball"}
    assert advisor_home.search(text="a ball", filters={"price": {"lt": -5}}) == []


def test_nothing_stored_is_lost_by_a_bad_ingest(advisor_home, shapes_dir, tmp_path):
    advisor_home.ingest(shapes_dir)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.png").write_bytes(b"\x89PNG garbage")
    report = advisor_home.ingest(bad)
    assert report.added == 0 and len(report.skipped) == 1
    assert advisor_home.store.count_items() == 12 and advisor_home.index_report().agree


def test_decompression_bomb_is_skipped(advisor_home, tmp_path):
    advisor_home.encoder.max_image_pixels, old = 1_000_000, advisor_home.encoder.max_image_pixels
    try:
        Image.new("L", (3000, 3000)).save(tmp_path / "bomb.png")
        report = advisor_home.ingest(tmp_path)
    finally:
        advisor_home.encoder.max_image_pixels = old
    assert report.added == 0 and "pixel limit" in report.skipped[0].reason


def test_bad_queries_are_clear(advisor_home, shapes_dir):
    advisor_home.ingest(shapes_dir)
    for kwargs in ({}, {"text": "   "}, {"text": 42}, {"text": "x", "k": 0}, {"text": "x" * 20_000},
                   {"image": str(shapes_dir / "nope.png")}):
        with pytest.raises(AdvisorError):
            advisor_home.search(**kwargs)


def test_index_repairs_after_a_lost_index_file(advisor_home, shapes_dir):
    advisor_home.ingest(shapes_dir)
    path = advisor_home.catalog.path
    advisor_home.catalog.index.remove([1, 2])  # simulate a crash after the DB commit, before the index save
    advisor_home.catalog.save()
    from advisor.application.facade import Advisor

    fresh = Advisor(advisor_home.settings, encoder=advisor_home.encoder)
    assert fresh.index_report().agree and len(fresh.catalog.index) == 12
    path.write_bytes(b"corrupt")
    again = Advisor(advisor_home.settings, encoder=advisor_home.encoder)
    assert again.index_report().agree


def test_missing_source_is_an_error(tmp_path):
    with pytest.raises(IngestError):
        list(iter_candidates(tmp_path / "nowhere"))
    (tmp_path / "x.docx").write_text("?")
    with pytest.raises(IngestError):
        list(iter_candidates(tmp_path / "x.docx"))
    assert isinstance(next(iter_candidates(tmp_path)), Skipped)
