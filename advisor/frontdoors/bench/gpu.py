"""GPU section, recorded separately (never in CI): ``python advisor/frontdoors/bench/gpu.py --out docs/BENCHMARKS.gpu.json``.

Run on a machine with a CUDA GPU; needs only torch and transformers (and optionally FAISS with GPU support and the
``efficientnet_lite_pytorch`` package). Measures, each beside a baseline from the same run:

* exact search on the GPU: FAISS ``GpuIndexFlatIP`` when FAISS has GPU support, else a torch matrix product
  (fp32 and fp16) over normalised random vectors (100k and 1M at d=384); baseline: the same search on the CPU;
* CUDA encoding in fp16 against fp32 of a ViT-B/32-sized CLIP with random weights (speed does not depend on the
  weights), and of our default towers' architectures (EfficientNet-Lite0, a 6-layer 384-wide BERT like MiniLM).

Run it as a script (``python advisor/frontdoors/bench/gpu.py``): it imports nothing else of the project.
The report (``advisor bench``) includes the JSON when it sits next to ``BENCHMARKS.md``.
"""
from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
from datetime import datetime, timezone

import torch
from transformers import BertConfig, BertModel, CLIPConfig, CLIPModel


def _row(metric: str, value: float, unit: str, baseline: float | None = None, baseline_name: str | None = None,
         note: str = "") -> dict:
    return {"section": "gpu", "metric": metric, "value": value, "unit": unit, "baseline": baseline,
            "baseline_name": baseline_name, "ratio": (value / baseline) if baseline else None, "goal": None,
            "goal_met": None, "floor": None, "note": note}


def _cuda_time(fn, repeats: int = 10) -> float:
    """Median seconds per call, synchronised, after warm-up."""
    for _ in range(3):
        fn()
    torch.cuda.synchronize()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        torch.cuda.synchronize()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def search_rows(sizes=(100_000, 1_000_000), dim: int = 384, k: int = 10) -> list[dict]:
    rows = []
    generator = torch.Generator(device="cuda").manual_seed(0)
    for size in sizes:
        base = torch.nn.functional.normalize(torch.randn(size, dim, device="cuda", generator=generator), dim=-1)
        queries = torch.nn.functional.normalize(torch.randn(64, dim, device="cuda", generator=generator), dim=-1)
        half = base.half()
        truth = (queries @ base.T).topk(k).indices
        cpu_base, cpu_queries = base.cpu(), queries.cpu()
        cpu_one = _cpu_time(lambda: (cpu_queries[:1] @ cpu_base.T).topk(k))
        cpu_64 = _cpu_time(lambda: (cpu_queries @ cpu_base.T).topk(k))
        label = f"{size:,} x {dim}"
        for name, matrix, q in (("fp32", base, queries), ("fp16", half, queries.half())):
            one = _cuda_time(lambda: (q[:1] @ matrix.T).topk(k))
            batch = _cuda_time(lambda: (q @ matrix.T).topk(k))
            found = (q @ matrix.T).topk(k).indices
            recall = sum(len(set(a.tolist()) & set(b.tolist())) for a, b in zip(found, truth)) / (k * len(truth))
            rows.append(_row(f"exact search latency, batch 1, torch {name}, {label}", one * 1000, "ms",
                             cpu_one * 1000, "same search on this machine's CPU (torch)", f"recall@10 vs fp32 {recall:.3f}"))
            rows.append(_row(f"exact search queries/s, batch 64, torch {name}, {label}", 64 / batch, "q/s",
                             64 / cpu_64, "same search on this machine's CPU (torch)"))
        rows += _faiss_rows(cpu_base.numpy(), cpu_queries.numpy(), k, label)
        del base, half
        torch.cuda.empty_cache()
    return rows


def _cpu_time(fn, repeats: int = 3) -> float:
    fn()
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def _faiss_rows(base, queries, k: int, label: str) -> list[dict]:
    try:
        import faiss  # noqa: PLC0415 - optional: guarded by try/except

        resources = faiss.StandardGpuResources()
        gpu = faiss.GpuIndexFlatIP(resources, base.shape[1])
    except Exception as exc:  # noqa: BLE001 - FAISS without GPU support: the torch rows stand in
        return [_row(f"FAISS GpuIndexFlatIP, {label}", float("nan"), "", note=f"not available here ({type(exc).__name__})")]
    cpu = faiss.IndexFlatIP(base.shape[1])
    cpu.add(base)
    gpu.add(base)
    one = _cpu_time(lambda: gpu.search(queries[:1], k), 10)
    cpu_one = _cpu_time(lambda: cpu.search(queries[:1], k))
    return [_row(f"FAISS GpuIndexFlatIP latency, batch 1, {label}", one * 1000, "ms", cpu_one * 1000, "FAISS IndexFlatIP, CPU")]


def _encode_rows(name: str, make_model, make_inputs, batches=(1, 32, 256)) -> list[dict]:
    rows = []
    model = make_model().cuda().eval()
    for batch in batches:
        inputs = make_inputs(batch)
        with torch.inference_mode():
            fp32 = _cuda_time(lambda: model(**inputs))
            with torch.autocast("cuda", dtype=torch.float16):
                fp16 = _cuda_time(lambda: model(**inputs))
        rows.append(_row(f"{name}, batch {batch}, fp16 autocast", batch / fp16, "items/s", batch / fp32, "fp32, same GPU"))
    model = None  # free GPU memory before the next model
    torch.cuda.empty_cache()
    return rows


def encode_rows() -> list[dict]:
    rows = []

    def clip_images(batch):
        return {"pixel_values": torch.randn(batch, 3, 224, 224, device="cuda")}

    def clip_texts(batch):
        return {"input_ids": torch.randint(0, 49408, (batch, 16), device="cuda")}

    clip = CLIPModel(CLIPConfig())  # ViT-B/32 sizes: 12x768 vision (patch 32), 12x512 text
    rows += _encode_rows("ViT-B/32-sized CLIP image tower, images/s", lambda: _Tower(clip.vision_model, clip.visual_projection), clip_images)
    rows += _encode_rows("ViT-B/32-sized CLIP text tower, texts/s", lambda: _Tower(clip.text_model, clip.text_projection), clip_texts)
    minilm = BertModel(BertConfig(hidden_size=384, num_hidden_layers=6, num_attention_heads=12, intermediate_size=1536))
    rows += _encode_rows("MiniLM-sized text tower (6x384), texts/s", lambda: minilm,
                         lambda b: {"input_ids": torch.randint(0, 30522, (b, 16), device="cuda")})
    try:
        from efficientnet_lite_pytorch import EfficientNet  # noqa: PLC0415 - optional: guarded by try/except

        net = EfficientNet.from_name("efficientnet-lite0", num_classes=1000)
        rows += _encode_rows("EfficientNet-Lite0 image tower, images/s", lambda: _Cnn(net),
                             lambda b: {"pixel_values": torch.randn(b, 3, 224, 224, device="cuda")})
    except ImportError:
        rows.append(_row("EfficientNet-Lite0 image tower", float("nan"), "", note="efficientnet_lite_pytorch not installed here"))
    return rows


class _Tower(torch.nn.Module):
    """A HF tower and its projection: inputs -> projected pooled embedding."""

    def __init__(self, body, projection):
        super().__init__()
        self.body, self.projection = body, projection

    def forward(self, **inputs):
        return self.projection(self.body(**inputs).pooler_output)


class _Cnn(torch.nn.Module):
    """EfficientNet features -> average pool -> classifier, as the default encoder's image tower runs it."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, pixel_values):
        return self.net._fc(self.net.extract_features(pixel_values).mean(dim=(2, 3)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="docs/BENCHMARKS.gpu.json")
    parser.add_argument("--sizes", default="100000,1000000")
    args = parser.parse_args()
    if not torch.cuda.is_available():
        raise SystemExit("no CUDA GPU visible: this section runs only on a GPU machine")
    torch.backends.cuda.matmul.allow_tf32 = False
    rows = []
    for part in (lambda: search_rows(tuple(int(s) for s in args.sizes.split(","))), encode_rows):
        try:
            rows += part()
        except Exception as exc:  # noqa: BLE001 - keep what the other part measured
            rows.append(_row("failed part", float("nan"), "", note=f"{type(exc).__name__}: {exc}"))
    document = {"device": torch.cuda.get_device_name(0), "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "torch": torch.__version__, "python": platform.python_version(), "cpu_threads": torch.get_num_threads(),
                "note": "CPU baselines ran on the GPU machine's own CPU "
                        f"({torch.get_num_threads()} threads), not on the 2-core development machine.",
                "rows": rows}
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(document, handle, indent=1)
    for row in rows:
        print(f"{row['metric']}: {row['value']:.4g} {row['unit']} (baseline {row['baseline']}, ratio {row['ratio']})")


if __name__ == "__main__":
    main()
