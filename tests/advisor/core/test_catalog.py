"""The catalog on each vector backend (FAISS, Milvus Lite) and each database: same results, verify and rebuild."""
import json

import pytest
from typer.testing import CliRunner

from advisor.application.facade import Advisor
from advisor.core.settings import Settings
from advisor.frontdoors.cli.main import app


@pytest.fixture(params=["faiss", "milvus"])
def index_backend(request):
    if request.param == "milvus":
        pytest.importorskip("milvus_lite", reason="pip install 'smart-advisor[scale]'")
    return request.param


@pytest.fixture
def advisor_on(tmp_path, encoder, db_url, index_backend):
    adv = Advisor(Settings(home=tmp_path / "adv", db_url=db_url, index_backend=index_backend), encoder=encoder)
    yield adv
    adv.close()


@pytest.fixture
def cli(advisor_on, monkeypatch):
    from advisor.frontdoors.cli import catalog_cmds

    monkeypatch.setattr(catalog_cmds, "get_advisor", lambda: advisor_on)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args))


def test_every_backend_returns_what_exact_search_returns(advisor_on, shapes_dir, encoder):
    import numpy as np

    report = advisor_on.ingest(shapes_dir, domain="shapes")
    assert report.added == 12
    hits = advisor_on.search(text="a blue square", k=5)
    ids, vectors = next(advisor_on.store.vectors(advisor_on.catalog.space))
    query = encoder.encode_text(["a blue square"])[0]
    expected = ids[np.argsort(-(vectors @ query))[:5]].tolist()
    assert [h.id for h in hits] == expected
    assert advisor_on.catalog.path.exists()
    inside = advisor_on.search(text="a blue square", k=3, filters={"domain": "shapes"}, domain="shapes")
    assert [h.id for h in inside] == expected[:3]


def test_verify_and_rebuild_work_on_every_backend(cli, advisor_on, shapes_dir):
    assert cli("ingest", str(shapes_dir), "--json").exit_code == 0
    result = cli("index", "verify", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["vectors"] == 12
    first, second = advisor_on.store.item_ids()[:2]
    advisor_on.store.delete_items([first, second])  # behind the index's back
    result = cli("index", "verify", "--json")
    assert result.exit_code == 1 and json.loads(result.stdout)["orphans_in_index"] == [first, second]
    result = cli("index", "rebuild", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["vectors"] == 10
    assert cli("index", "verify").exit_code == 0


def test_settings_choose_the_backend_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("ADVISOR_INDEX_BACKEND", "milvus")
    monkeypatch.setenv("ADVISOR_MILVUS_URI", "http://milvus.example:19530")
    settings = Settings(home=tmp_path)
    assert settings.index_backend == "milvus" and settings.resolved_milvus_uri == "http://milvus.example:19530"
    monkeypatch.delenv("ADVISOR_MILVUS_URI")
    assert Settings(home=tmp_path).resolved_milvus_uri == str(tmp_path.resolve() / "index" / "milvus.db")
    monkeypatch.setenv("ADVISOR_INDEX_BACKEND", "annoy")
    with pytest.raises(ValueError, match="faiss"):
        Settings(home=tmp_path)
