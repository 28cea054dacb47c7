"""GPU section of the benchmarks: run on a machine with CUDA (one prepared run), writes JSON + markdown.

    python scripts/gpu_check.py --out OUTDIR [--tokenizer DIR]

Measures, each against a baseline in the same run:
* CUDA encode (fp32 and fp16) of a ViT-B/32-sized randomly initialised CLIP loaded through ``load_encoder``,
  against the same model on the host CPU;
* exact top-10 search over 1M x 384 normalised vectors on the GPU (torch matmul + topk, fp32 and fp16)
  against FAISS ``IndexFlatIP`` on the host CPU; FAISS on the GPU when faiss-gpu is installed.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

import numpy as np


def timed(fn, repeat=5, warmup=2, sync=None):
    for _ in range(warmup):
        fn()
    if sync:
        sync()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        if sync:
            sync()
        times.append(time.perf_counter() - t)
    return float(np.median(times))


def build_clip(out: Path, tokenizer_dir: str):
    import torch
    from transformers import AutoTokenizer, CLIPConfig, CLIPImageProcessor, CLIPModel, CLIPProcessor

    tok = AutoTokenizer.from_pretrained(tokenizer_dir)
    config = CLIPConfig(text_config={"vocab_size": tok.vocab_size, "eos_token_id": tok.sep_token_id},
                        vision_config={"image_size": 224, "patch_size": 32}, projection_dim=512)  # ViT-B/32 sizes
    torch.manual_seed(0)
    CLIPModel(config).save_pretrained(out)
    CLIPProcessor(image_processor=CLIPImageProcessor(), tokenizer=tok).save_pretrained(out)


def encode_section(results, tokenizer_dir, tmp):
    import torch
    from PIL import Image

    from advisor.core.encoder import load_encoder

    clip_dir = Path(tmp) / "clip-b32"
    build_clip(clip_dir, tokenizer_dir)
    rng = np.random.default_rng(0)
    images = [Image.fromarray(rng.integers(0, 255, (224, 224, 3), dtype=np.uint8)) for _ in range(512)]
    texts = [f"a photo of object number {i} in a red box" for i in range(4096)]
    sync = torch.cuda.synchronize
    rows = []
    cpu = load_encoder(str(clip_dir), device="cpu")
    t = timed(lambda: cpu.encode_images(images[:64], batch_size=64), repeat=2, warmup=1)
    rows.append({"what": "images/s, CPU fp32 (baseline)", "value": 64 / t})
    t = timed(lambda: cpu.encode_text(texts[:512], batch_size=256), repeat=2, warmup=1)
    rows.append({"what": "texts/s, CPU fp32 (baseline)", "value": 512 / t})
    gpu = load_encoder(str(clip_dir), device="cuda")
    for dtype in ("fp32", "fp16"):
        if dtype == "fp16":
            gpu.model.half()
        t = timed(lambda: gpu.encode_images(images, batch_size=256), sync=sync)
        rows.append({"what": f"images/s, CUDA {dtype}, batch 256", "value": len(images) / t})
        t = timed(lambda: gpu.encode_text(texts, batch_size=512), sync=sync)
        rows.append({"what": f"texts/s, CUDA {dtype}, batch 512", "value": len(texts) / t})
    a = gpu.encode_text(texts[:64])
    gpu.model.float()
    b = gpu.encode_text(texts[:64])
    rows.append({"what": "fp16 vs fp32 text embedding cosine (min)", "value": float((a * b).sum(1).min())})
    results["encode"] = rows


def search_section(results, n=1_000_000, dim=384):
    import torch

    rng = np.random.default_rng(1)
    base = rng.standard_normal((n, dim), dtype=np.float32)
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    queries = base[rng.choice(n, 64, replace=False)] + 0.05 * rng.standard_normal((64, dim), dtype=np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    rows = []
    import faiss

    faiss.omp_set_num_threads(os.cpu_count() or 1)
    flat = faiss.IndexFlatIP(dim)
    flat.add(base)
    t1 = timed(lambda: flat.search(queries[:1], 10), repeat=5)
    t64 = timed(lambda: flat.search(queries, 10), repeat=3)
    _, truth = flat.search(queries, 10)
    rows.append({"what": f"FAISS flat CPU ({os.cpu_count()} threads), batch 1 QPS (baseline)", "value": 1 / t1})
    rows.append({"what": f"FAISS flat CPU ({os.cpu_count()} threads), batch 64 QPS (baseline)", "value": 64 / t64})
    sync = torch.cuda.synchronize
    for dtype in (torch.float32, torch.float16):
        xb = torch.from_numpy(base).to("cuda", dtype)
        xq = torch.from_numpy(queries).to("cuda", dtype)
        search = lambda q: torch.topk(q @ xb.T, 10, dim=1)  # noqa: E731
        t1 = timed(lambda: search(xq[:1]), repeat=20, sync=sync)
        t64 = timed(lambda: search(xq), repeat=20, sync=sync)
        ids = search(xq).indices.cpu().numpy()
        recall = np.mean([len(set(ids[i]) & set(truth[i])) / 10 for i in range(64)])
        name = str(dtype).split(".")[-1]
        rows.append({"what": f"torch exact on GPU {name}, batch 1 QPS", "value": 1 / t1})
        rows.append({"what": f"torch exact on GPU {name}, batch 64 QPS", "value": 64 / t64})
        rows.append({"what": f"torch exact on GPU {name}, recall@10 vs FAISS flat", "value": recall})
        xb = xq = None  # free GPU memory before the next size
    try:
        from indexes import FaissIndex, gpu_count

        rows.append({"what": "faiss.get_num_gpus()", "value": gpu_count()})
        if gpu_count():
            index = FaissIndex(dim, kind="flat", use_gpu=True)
            index.add(np.arange(n), base)
            t64 = timed(lambda: index.search(queries, 10), repeat=5)
            rows.append({"what": "FaissIndex on GPU (our wrapper), batch 64 QPS", "value": 64 / t64})
    except Exception as exc:  # noqa: BLE001 - reported, not fatal
        rows.append({"what": f"FAISS GPU unavailable: {type(exc).__name__}: {exc}"[:200], "value": None})
    results["search"] = rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--tokenizer", default=".gpu")
    args = parser.parse_args()
    import torch

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    results = {"machine": {"gpu": torch.cuda.get_device_name(0), "cpu_threads": os.cpu_count(), "torch": torch.__version__,
                           "python": platform.python_version(), "date": time.strftime("%Y-%m-%d")}}
    for name, fn in (("encode", lambda: encode_section(results, args.tokenizer, out)), ("search", lambda: search_section(results))):
        try:
            fn()
        except Exception as exc:  # noqa: BLE001 - keep the other section
            import traceback

            results[name] = [{"what": f"failed: {type(exc).__name__}: {exc}", "value": None}]
            traceback.print_exc()
        (out / "gpu.json").write_text(json.dumps(results, indent=2))
    lines = [f"GPU: {results['machine']['gpu']}, torch {results['machine']['torch']}, {results['machine']['cpu_threads']} CPU threads, "
             f"{results['machine']['date']}", "", "| measurement | value |", "|---|---|"]
    for section in ("encode", "search"):
        for row in results.get(section, []):
            value = row["value"]
            lines.append(f"| {row['what']} | {value:,.3f} |" if isinstance(value, (int, float)) else f"| {row['what']} | - |")
    (out / "gpu.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    import shutil

    shutil.rmtree(out / "clip-b32", ignore_errors=True)


if __name__ == "__main__":
    main()
