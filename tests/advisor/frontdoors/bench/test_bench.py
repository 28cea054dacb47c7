"""`advisor bench`: the quick index section end to end (CLI, markdown, JSON, plot), the report's verdicts, the
runner's handling of missing features, and the encoder backends it measures. Speeds are reported, never asserted."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[4]


def run_cli(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADVISOR_")}
    env.update(ADVISOR_HOME=str(home), HF_HUB_OFFLINE="1")
    return subprocess.run([sys.executable, "-m", "advisor", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=600)


@pytest.fixture(scope="module")
def index_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench") / "docs" / "BENCHMARKS.md"
    done = run_cli("bench", "--quick", "--section", "index", "--index-sizes", "3000", "--out", str(out), "--json",
                   home=out.parent.parent / "home")
    return done, out


def test_quick_index_section_prints_one_json_document(index_run):
    done, out = index_run
    assert done.returncode == 0, done.stderr[-2000:]
    document = json.loads(done.stdout)  # exactly one JSON document on stdout; the table goes to stderr
    assert document["quick"] is True
    assert {"cpu", "cores", "ram_gb", "os", "python", "torch", "faiss", "date"} <= set(document["machine"])
    assert document["calibration"]["matmul_gflops"] > 0 and document["calibration"]["read_gbps"] > 0
    [section] = document["sections"]
    assert section["name"] == "index" and section["status"] == "ok"
    metrics = [row["metric"] for row in section["rows"]]
    for kind in ("flat", "ivf", "hnsw"):
        assert f"search p50, batch 1, {kind}, 3,000 clustered" in metrics
        assert f"recall@10, {kind}, 3,000 clustered" in metrics
    for row in section["rows"]:
        assert set(row) >= {"metric", "value", "unit", "baseline", "baseline_name", "ratio", "goal", "goal_met", "floor"}
        if row["baseline"] and row["value"] is not None:
            assert row["ratio"] == pytest.approx(row["value"] / row["baseline"])
    searches = [row for row in section["rows"] if row["metric"].startswith("search p50, batch 1, ")]
    ours = [row for row in searches if "OpenMP" not in row["metric"]]
    assert len(ours) == 3 and all(row["baseline_name"] == "raw FAISS" for row in ours)
    single = [row for row in searches if "1 OpenMP thread" in row["metric"]]
    assert single and all(row["baseline_name"] == "all threads" for row in single)
    flat = next(row for row in ours if ", flat," in row["metric"])
    assert flat["floor"] > 0  # bytes scanned over measured bandwidth
    recalls = {row["metric"]: row["value"] for row in section["rows"] if row["metric"].startswith("recall@10")}
    assert recalls["recall@10, flat, 3,000 clustered"] == pytest.approx(1.0)
    assert all(0.0 <= value <= 1.0 for value in recalls.values())


def test_quick_index_section_writes_markdown_plot_and_json(index_run):
    done, out = index_run
    assert done.returncode == 0, done.stderr[-2000:]
    text = out.read_text()
    assert text.startswith("# Benchmarks")
    assert "## Machine" in text and "## Index" in text and "GFLOP/s" in text
    assert "| figure | value | baseline (same run) | ratio | goal | floor | note |" in text
    assert "raw FAISS" in text and "generated" in text  # generated vectors are labelled as such
    plot = out.parent / "bench_index_recall.png"
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "bench_index_recall.png" in text
    assert json.loads(out.with_suffix(".json").read_text())["sections"][0]["name"] == "index"
    assert "advisor bench" in done.stderr  # the rich table went to stderr


def test_unknown_section_is_a_clean_error(tmp_path):
    done = run_cli("bench", "--quick", "--section", "nope", "--out", str(tmp_path / "B.md"), "--json", home=tmp_path)
    assert done.returncode == 2
    assert "unknown section" in json.loads(done.stdout)["error"]
    assert "Traceback" not in done.stderr


def test_missing_feature_is_reported_not_raised(monkeypatch, tmp_path):
    import types

    from advisor.frontdoors.bench import runner
    from advisor.frontdoors.bench.core import BenchConfig, BenchContext, NotAvailable

    def not_built(ctx):
        raise NotAvailable("agents.x is not built yet")

    def broken(ctx):
        raise ZeroDivisionError("boom")

    monkeypatch.setitem(sys.modules, "fake_missing", types.SimpleNamespace(run=not_built))
    monkeypatch.setitem(sys.modules, "fake_broken", types.SimpleNamespace(run=broken))
    monkeypatch.setattr(runner, "SECTIONS", {"missing": "fake_missing", "broken": "fake_broken"})
    ctx = BenchContext(BenchConfig(out=tmp_path / "B.md"), tmp_path, {"matmul_gflops": 1.0, "read_gbps": 1.0}, print)
    missing = runner.run_section("missing", ctx)
    assert missing.status == "not available" and "not built" in missing.notes[0]
    failed = runner.run_section("broken", ctx)
    assert failed.status == "error" and "ZeroDivisionError" in failed.notes[0]


def test_report_states_goal_verdicts_and_gaps():
    from advisor.frontdoors.bench.core import Goal, SectionResult
    from advisor.frontdoors.bench.report import render_markdown

    section = SectionResult(name="encoder")
    section.add("images/s, batch 32, torch", 30.0, "img/s", baseline=25.0, baseline_name="raw torch CNN forward",
                goal=Goal(op=">=", target=60.0), floor=250.0)
    section.add("route p95", 4.0, "ms", goal=Goal(op="<=", target=10.0))
    text = render_markdown({"quick": False, "machine": {"cpu": "x"}, "calibration": {}, "sections": [section.model_dump()]})
    assert "missed (2.00× off)" in text and "| met |" in text
    assert "1.20×" in text  # the ratio to the same-run baseline
    assert Goal(op="<=", target=10.0).shortfall(20.0) == pytest.approx(2.0)


def test_bad_backend_setting_is_refused():
    from pydantic import ValidationError

    from advisor.core.encoder.backends import BackendError, apply_backend
    from advisor.core.settings import Settings

    assert Settings().encoder_backend == "auto"
    with pytest.raises(ValidationError):
        Settings(encoder_backend="tensorrt")
    with pytest.raises(BackendError, match="unknown encoder backend"):
        apply_backend(object(), "tensorrt")


def test_backends_keep_the_embeddings(tmp_path, monkeypatch):
    from PIL import Image, ImageDraw

    from advisor.core.encoder import load_encoder
    from advisor.frontdoors.bench.encoder import encoder_with_backend

    encoder = load_encoder("default", device="cpu", backend="torch")  # the reference every backend is held to
    assert encoder.backend == "torch"

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    texts = ["a red apple on a table", "a blue bicycle", "我胸口疼"]
    images = []
    for colour in ("red", "green", "blue"):
        image = Image.new("RGB", (150, 110), "white")
        ImageDraw.Draw(image).ellipse((20, 10, 130, 100), fill=colour)
        images.append(image)
    reference_text, reference_images = encoder.encode_text(texts), encoder.encode_images(images)
    onnx = encoder_with_backend(encoder, "onnx")
    assert onnx.backend == "onnx"
    np.testing.assert_allclose(onnx.encode_text(texts), reference_text, atol=1e-4)
    np.testing.assert_allclose(onnx.encode_images(images), reference_images, atol=1e-4)
    assert list((tmp_path / "cache" / "smart-advisor" / "onnx").glob("*.onnx"))  # exported once, cached
    int8 = encoder_with_backend(encoder, "int8")
    assert int8.backend == "int8"
    np.testing.assert_allclose(int8.encode_images(images), reference_images, atol=1e-4)  # channels-last is exact
    assert float(np.min(np.sum(int8.encode_text(texts) * reference_text, axis=1))) > 0.8
    assert encoder.encode_text(texts[:1]) == pytest.approx(reference_text[:1], abs=1e-6)  # the original is untouched
