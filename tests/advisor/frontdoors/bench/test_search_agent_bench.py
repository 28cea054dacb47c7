"""The latency benchmark runs end to end on a small synthetic catalog (the full 100k run is `make bench`)."""
from __future__ import annotations

from advisor.frontdoors.bench.search_agent import bench_agent


def test_bench_agent_reports_latencies(encoder, tmp_path):
    result = bench_agent(n_items=2_000, queries_per_kind=3, encoder=encoder, home=tmp_path / "bench", warmup=2)
    assert result["n_items"] == 2_000 and result["index_kind"] == "flat"
    assert set(result["by_kind"]) == {"text", "filtered", "chinese", "follow_up"}
    assert all(v["n"] == 3 and v["p50_ms"] > 0 for v in result["by_kind"].values())
    assert 0 < result["p50_ms"] <= result["p95_ms"] and result["cpu_p50_ms"] > 0


def test_few_threads_lowers_and_restores_thread_counts():
    import faiss
    import torch

    from agents.search_recommend.threads import few_threads

    before = (torch.get_num_threads(), faiss.omp_get_max_threads())
    with few_threads(1):
        with few_threads(1):
            assert torch.get_num_threads() == 1 and faiss.omp_get_max_threads() == 1
        assert torch.get_num_threads() == 1, "still one query running"
    assert (torch.get_num_threads(), faiss.omp_get_max_threads()) == before
    with few_threads(0):
        assert torch.get_num_threads() == before[0]
