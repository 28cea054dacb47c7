"""Encoder section: texts/s and images/s through ``load_encoder`` per backend, against the raw torch forward of
the same towers (the overhead ratio), the recall@5 each backend keeps, thread settings, and peak memory.

The raw baseline feeds already tokenised / already preprocessed tensors straight into MiniLM and EfficientNet-Lite0
(no sentence-transformers, no PIL); the encoder figures include tokenising, image preprocessing, the heads and
normalisation, so a ratio below 1 is the pipeline's overhead and above 1 a backend's speed-up.
"""
from __future__ import annotations

import copy
import json
import subprocess
import sys

from advisor.core.encoder import Encoder, load_encoder
from advisor.frontdoors.bench.core import BenchContext, Goal, SectionResult, best_rate, peak_rss_mb
from advisor.frontdoors.bench.encoder_data import (
    accuracy_set,
    raw_image_rate,
    raw_text_rate,
    speed_images,
    speed_texts,
    work_gflop,
)
from advisor.training.finetune.evaluate import retrieval_metrics

BACKENDS = ("torch", "int8", "onnx")
IMAGE_GOAL = Goal(op=">=", target=60.0)
TEXT_GOAL = Goal(op=">=", target=1000.0)
RECALL_LOSS_GOAL = Goal(op="<=", target=0.01)
BATCH = 32


def shared_encoder(ctx: BenchContext):
    """The default encoder on the torch backend, loaded once per run through ``load_encoder``."""
    if "encoder" not in ctx.cache:
        ctx.log("encoder: loading the default encoder")
        ctx.cache["encoder"] = load_encoder("default", device="cpu", backend="torch")
    return ctx.cache["encoder"]


def encoder_with_backend(base, backend: str):
    """What ``load_encoder(backend=...)`` returns, built from an already loaded model (a deep copy of it)."""
    from advisor.core.encoder.backends import apply_backend  # noqa: PLC0415 - pulls torch (torch is heavy: loaded on first use)

    if backend == "torch":
        return base
    model = copy.deepcopy(base.model)
    used = apply_backend(model, backend, device="cpu")
    return Encoder(model, spec=base.spec, device="cpu", batch_size=base.batch_size, backend=used)


def run(ctx: BenchContext) -> SectionResult:
    import torch  # noqa: PLC0415 - torch is heavy: loaded on first use

    result = SectionResult(name="encoder")
    n_texts, n_images, n_pairs, repeats = (32, 8, 60, 1) if ctx.quick else (512, 96, 600, 3)
    base = shared_encoder(ctx)
    texts = speed_texts(n_texts)
    images = speed_images(ctx.workdir, n_images)
    pairs = accuracy_set(ctx.workdir, n_pairs)
    threads = torch.get_num_threads()
    work = work_gflop(base, texts, BATCH)
    raw = {"text32": raw_text_rate(base, texts, BATCH, repeats), "text1": raw_text_rate(base, texts[:16], 1, repeats),
           "image32": raw_image_rate(base, images, BATCH, repeats), "image1": raw_image_rate(base, images[:4], 1, repeats)}
    result.notes.append(f"{n_texts} texts (mean {sum(len(t.split()) for t in texts) / len(texts):.1f} words), "
                        f"{n_images} in-memory emoji images; {threads} torch threads; recall@5 is text→image on "
                        f"{len(pairs['captions'])} rendered emoji captioned with their Unicode names.")
    measured: dict[str, dict] = {}
    reference_recall = None
    for backend in BACKENDS:
        ctx.log(f"encoder: backend {backend}")
        try:
            encoder = encoder_with_backend(base, backend)
        except Exception as exc:  # noqa: BLE001 - e.g. ONNX Runtime missing: report and go on
            result.notes.append(f"backend {backend}: not available ({type(exc).__name__}: {exc})")
            continue
        figures = _measure_backend(encoder, texts, images, repeats)
        figures["recall@5"] = _recall5(encoder, pairs)
        reference_recall = figures["recall@5"] if backend == "torch" else reference_recall
        measured[backend] = figures
        _rows(result, ctx, backend, figures, raw, reference_recall, work)
        if backend != "torch":
            del encoder
    result.add("preprocessing alone (PIL → tensor), images/s", _preprocess_rate(base, images, repeats), "img/s",
               baseline=measured.get("torch", {}).get("image32"), baseline_name="torch encoder, batch 32",
               note="one core; a bound on the whole pipeline's images/s")
    if not ctx.quick:
        _threads(result, ctx, base, measured, texts, images, repeats)
    _memory(result, ctx, measured)
    result.extra.update({"raw": raw, "backends": measured, "work_gflop": work})
    result.extra["before_after"] = _before_after(measured)
    if measured:
        result.plots.append(_plot(ctx, measured, raw))
    return result


def _measure_backend(encoder, texts, images, repeats) -> dict:
    return {
        "text32": best_rate(lambda: encoder.encode_text(texts, batch_size=BATCH), len(texts), repeats),
        "text1": best_rate(lambda: [encoder.encode_text([t], batch_size=1) for t in texts[:16]], 16, repeats),
        "image32": best_rate(lambda: encoder.encode_images(images, batch_size=BATCH), len(images), repeats),
        "image1": best_rate(lambda: [encoder.encode_images([i], batch_size=1) for i in images[:4]], 4, repeats),
    }


def _recall5(encoder, pairs) -> float:
    text = encoder.encode_text(pairs["captions"])
    image = encoder.encode_images(pairs["images"])
    return retrieval_metrics(text, image, pairs["caption_ids"], ks=(5,))["t2i_recall@5"]


def _rows(result, ctx, backend, figures, raw, reference_recall, work) -> None:
    gflops = ctx.calibration["matmul_gflops"]
    image_floor, text_floor = gflops / work["image"], gflops / work["text"]
    bound = (f"floor = {work['image']:.2f} GFLOP/image (counted) over {gflops:.0f} GFLOP/s measured fp32 matmul; "
             "depthwise convolutions and PIL preprocessing run well below matmul speed")
    text_bound = f"floor = {work['text'] * 1000:.0f} MFLOP/text (counted, padded batches) over {gflops:.0f} GFLOP/s"
    result.add(f"texts/s, batch 32, {backend}", figures["text32"], "texts/s", baseline=raw["text32"],
               baseline_name="raw torch MiniLM forward", goal=TEXT_GOAL, floor=text_floor, note=text_bound)
    result.add(f"texts/s, batch 1, {backend}", figures["text1"], "texts/s", baseline=raw["text1"],
               baseline_name="raw torch MiniLM forward")
    result.add(f"images/s, batch 32, {backend}", figures["image32"], "img/s", baseline=raw["image32"],
               baseline_name="raw torch CNN forward", goal=IMAGE_GOAL, floor=image_floor, note=bound)
    result.add(f"images/s, batch 1, {backend}", figures["image1"], "img/s", baseline=raw["image1"],
               baseline_name="raw torch CNN forward")
    result.add(f"text→image recall@5, {backend}", figures["recall@5"], "", baseline=reference_recall,
               baseline_name="torch backend")
    if backend != "torch" and reference_recall is not None:
        result.add(f"recall@5 lost, {backend}", max(0.0, reference_recall - figures["recall@5"]), "",
                   goal=RECALL_LOSS_GOAL)


def _before_after(measured: dict) -> list[dict]:
    """Each backend against the torch backend (the state before this work), with the recall it keeps."""
    before = measured.get("torch")
    if not before:
        return []
    rows = []
    for backend, after in measured.items():
        if backend == "torch":
            continue
        for key, figure, unit in (("text32", "texts/s, batch 32", "texts/s"), ("text1", "texts/s, batch 1", "texts/s"),
                                  ("image32", "images/s, batch 32", "img/s"), ("image1", "images/s, batch 1", "img/s")):
            rows.append({"change": f"encoder backend {backend}", "figure": figure, "before": before[key],
                         "after": after[key], "unit": unit,
                         "note": f"recall@5 {before['recall@5']:.3f} → {after['recall@5']:.3f}"})
    return rows


def _preprocess_rate(base, images, repeats) -> float:
    from advisor.core.encoder.modules import image_to_tensor  # noqa: PLC0415 - pulls torch (torch is heavy: loaded on first use)

    return best_rate(lambda: [image_to_tensor(base._prepare(image)) for image in images], len(images), repeats)


def _threads(result, ctx, base, measured, texts, images, repeats) -> None:
    """Throughput with 1 torch thread against all threads (the torch backend and the fastest other one)."""
    import torch  # noqa: PLC0415 - torch is heavy: loaded on first use

    threads = torch.get_num_threads()
    if threads < 2:
        return
    candidates = ["torch"] + sorted((b for b in measured if b != "torch"), key=lambda b: -measured[b]["image32"])[:1]
    for backend in candidates:
        torch.set_num_threads(1)  # before building: ONNX Runtime sessions take the thread count at creation
        try:
            single = encoder_with_backend(base, backend)
            text = best_rate(lambda: single.encode_text(texts, batch_size=BATCH), len(texts), repeats)
            image = best_rate(lambda: single.encode_images(images, batch_size=BATCH), len(images), repeats)
        finally:
            torch.set_num_threads(threads)
        result.add(f"texts/s, batch 32, {backend}, 1 thread", text, "texts/s",
                   baseline=measured[backend]["text32"], baseline_name=f"{threads} threads")
        result.add(f"images/s, batch 32, {backend}, 1 thread", image, "img/s",
                   baseline=measured[backend]["image32"], baseline_name=f"{threads} threads")


def _memory(result, ctx, measured) -> None:
    if ctx.quick:
        result.add("peak RSS of this benchmark process", peak_rss_mb(), "MB",
                   note="quick run: all backends in one process; the full run measures each in its own process")
        return
    for backend in measured:
        result.add(f"peak RSS, load + encode, {backend}", _child_peak_rss(backend), "MB",
                   note="fresh process: load_encoder, 256 texts and 32 images")


def _child_peak_rss(backend: str) -> float | None:
    code = ("import json,resource,sys;from advisor.core.encoder import load_encoder;from PIL import Image;"
            f"e=load_encoder('default',device='cpu',backend='{backend}');"
            "e.encode_text(['a short caption of an image']*256);"
            "e.encode_images([Image.new('RGB',(320,240),'red')]*32);"
            "print(json.dumps(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024))")
    try:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=900, check=True)
        return float(json.loads(done.stdout.strip().splitlines()[-1]))
    except (subprocess.SubprocessError, ValueError, IndexError):
        return None


def _plot(ctx: BenchContext, measured: dict, raw: dict) -> str:
    import matplotlib  # noqa: PLC0415 - optional extra [train]: plots only

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415 - optional extra [train]: plots only

    backends = list(measured)
    figure, axes = plt.subplots(1, 2, figsize=(9, 3.8))
    for axis, key, goal, title in ((axes[0], "text32", TEXT_GOAL, "texts/s (batch 32)"),
                                   (axes[1], "image32", IMAGE_GOAL, "images/s (batch 32)")):
        values = [measured[b][key] for b in backends] + [raw[key]]
        labels = backends + ["raw torch\nforward"]
        axis.bar(labels, values, color=["#4477aa"] * len(backends) + ["#999999"])
        axis.axhline(goal.target, color="#cc3311", linestyle="--", linewidth=1, label=f"goal {goal}")
        axis.set_title(title)
        axis.legend(fontsize=8)
    figure.suptitle("Encoder throughput by backend (same run)")
    figure.tight_layout()
    name = "bench_encoder.png"
    figure.savefig(ctx.plot_dir / name, dpi=110)
    plt.close(figure)
    return name
