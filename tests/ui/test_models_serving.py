"""The Models page shows the serving figures of /metrics (model version, sizes, drift) and the registry."""
from __future__ import annotations

from tests.ui.test_pages import assert_clean


def test_models_page_shows_serving_figures_and_registry(app, ui_advisor, tmp_path):
    record = ui_advisor.registry.register(tmp_path / "some-run", base="default", mode="heads",
                                          after={"mean_recall": 0.5})
    at = app()
    at.run().switch_page("pages/models.py").run()
    assert_clean(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["serving model"] == "default"
    assert int(metrics["index vectors"]) == ui_advisor.index_report().vectors > 0
    assert "new items vs model centroid" in metrics
    table = at.dataframe[0].value
    assert table.loc[0, "version"] == record.version and table.loc[0, "status"] == "candidate"
