import json

import pytest
from typer.testing import CliRunner

from advisor.frontdoors.cli.main import app


@pytest.fixture
def cli(advisor_home, monkeypatch):
    import advisor.frontdoors.cli.admin_cmds as admin_cmds
    import advisor.frontdoors.cli.catalog_cmds as catalog_cmds

    monkeypatch.setattr(catalog_cmds, "get_advisor", lambda: advisor_home)
    monkeypatch.setattr(admin_cmds, "get_advisor", lambda: advisor_home)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args))


def test_ingest_search_json_shapes(cli, shapes_dir):
    result = cli("ingest", str(shapes_dir), "--domain", "shapes", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["added"] == 12
    result = cli("search", "a yellow triangle", "--k", "3", "--json")
    doc = json.loads(result.stdout)
    assert len(doc["results"]) == 3
    assert {"id", "score", "image", "caption", "metadata"} <= set(doc["results"][0])
    result = cli("search", "--image", str(shapes_dir / "green_circle.png"), "--k", "1", "--json")
    assert json.loads(result.stdout)["results"][0]["caption"] == "a green circle"
    assert json.loads(cli("search", "x", "--domain", "none", "--json").stdout)["results"] == []


def test_index_commands(cli, shapes_dir, advisor_home):
    cli("ingest", str(shapes_dir))
    assert cli("index", "verify").exit_code == 0
    stats = json.loads(cli("index", "stats", "--json").stdout)
    assert stats["items"] == 12 and stats["vectors"] == 12 and stats["agree"]
    advisor_home.store.delete_items([1, 2])  # tamper behind the index's back
    result = cli("index", "verify", "--json")
    assert result.exit_code == 1 and json.loads(result.stdout)["orphans_in_index"] == [1, 2]
    assert cli("index", "rebuild").exit_code == 0
    assert cli("index", "verify").exit_code == 0
    assert cli("doctor", "--skip-model").exit_code == 0


def test_bad_arguments_are_readable(cli, tmp_path):
    for args in (("ingest", str(tmp_path / "nowhere")), ("search",), ("search", "x", "--image", str(tmp_path / "no.png")),
                 ("search", "   ")):
        result = cli(*args)
        assert result.exit_code != 0
        assert "Traceback" not in result.output
        assert "error" in result.output.lower()
