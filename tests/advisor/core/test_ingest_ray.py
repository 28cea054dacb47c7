"""Ray ingest on a local two-worker cluster stores what a single-process ingest stores, and resumes."""
import json

import numpy as np
import pytest

from advisor.application.facade import Advisor
from advisor.core.settings import Settings
from tests.conftest import draw_shape

ray = pytest.importorskip("ray", reason="pip install 'smart-advisor[scale]'")

from advisor.core.ingest_ray import RayIngestOptions, ingest_with_ray  # noqa: E402 - after the skip

COLOURS = ("red", "green", "blue", "yellow")


@pytest.fixture(scope="module")
def local_cluster():
    """Two encoder workers plus one CPU for Ray Data's own tasks; shared by this module's tests."""
    ray.init(num_cpus=3, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def catalog_source(tmp_path_factory):
    """Eight small images with a manifest naming them, one unreadable file and one missing file."""
    folder = tmp_path_factory.mktemp("ray-source")
    rows = []
    for n, (colour, shape) in enumerate((c, s) for c in COLOURS for s in ("circle", "square")):
        draw_shape(colour, shape, size=48).save(folder / f"{colour}_{shape}.png")
        rows.append({"image": f"{colour}_{shape}.png", "caption": f"a {colour} {shape}", "rank": n})
    (folder / "broken.png").write_bytes(b"\x89PNG not really")
    rows += [{"image": "broken.png", "caption": "broken"}, {"image": "missing.png", "caption": "gone"}]
    (folder / "all.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    (folder / "first_half.jsonl").write_text("\n".join(json.dumps(r) for r in rows[:4]) + "\n")
    return folder


def _catalog(adv: Advisor) -> dict[str, tuple]:
    """uri -> (caption, domain, metadata, vector) of everything stored."""
    vectors = {}
    for ids, block in adv.store.vectors(adv.catalog.space):
        vectors.update(zip(ids.tolist(), block))
    items = adv.store.get_items(adv.store.item_ids())
    return {item.uri: (item.caption, item.domain, item.meta, vectors[item.id]) for item in items.values()}


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)  # the store suite covers SQLite; Ray is costly
def test_ray_ingest_equals_the_local_ingest_and_resumes(local_cluster, catalog_source, tmp_path, encoder, db_url):
    local = Advisor(Settings(home=tmp_path / "local"), encoder=encoder)
    expected = local.ingest(catalog_source / "all.jsonl", domain="shapes")
    distributed = Advisor(Settings(home=tmp_path / "ray", db_url=db_url), encoder=encoder)
    assert distributed.ingest(catalog_source / "first_half.jsonl", domain="shapes").added == 4  # an earlier, cut run
    options = RayIngestOptions(workers=2, encode_batch=3, commit_batch=3)
    report = ingest_with_ray(distributed, catalog_source / "all.jsonl", domain="shapes", options=options)
    assert report.added == expected.added - 4 and report.duplicates == 4
    assert {s.source for s in report.skipped} == {s.source for s in expected.skipped} == {"all.jsonl:9", "all.jsonl:10"}
    got, want = _catalog(distributed), _catalog(local)
    assert set(got) == set(want) and len(got) == 8
    for uri, (caption, domain, meta, vector) in want.items():
        assert got[uri][:3] == (caption, domain, meta)
        assert np.allclose(got[uri][3], vector, atol=1e-4)
    assert distributed.index_report().agree and distributed.index_report().vectors == 8
    again = ingest_with_ray(distributed, catalog_source / "all.jsonl", domain="shapes", options=options)
    assert again.added == 0 and again.duplicates == 8 and distributed.store.count_items() == 8
    hit = distributed.search(text="a blue square", k=1, filters={"rank": 5})[0]
    assert hit.caption == "a blue square"
    local.close()
    distributed.close()
