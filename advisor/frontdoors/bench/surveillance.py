"""Surveillance section: frames/s per camera, scoring each frame whole (1 crop) and with tiling (the whole frame plus
the overlapping tile grids of ``agents.surveillance.regions.tile_boxes``), through the encoder's image tower.

If the surveillance package offers ``advisor.frontdoors.bench.surveillance_agent.bench_frames(n_frames, tiling, encoder)`` (returning
``{"frames_per_s": ...}``), its own pipeline is measured instead of this crop-and-encode model of it. The baseline of
the tiled figure is the untiled one (same frames, same run).
"""
from __future__ import annotations

import importlib
import random

from PIL import Image

from advisor.frontdoors.bench.core import BenchContext, NotAvailable, SectionResult, best_rate
from advisor.frontdoors.bench.encoder import encoder_with_backend, shared_encoder


def _frames(count: int, seed: int) -> list:
    try:
        synth = importlib.import_module("agents.surveillance.synth")
        rng = random.Random(seed)
        scenes = [synth.compose_frame("bench-cam", ["person"] if i % 3 == 0 else [], rng) for i in range(count)]
        return [scene[0] if isinstance(scene, tuple) else scene for scene in scenes]  # (frame, placed objects)
    except Exception:  # noqa: BLE001 - the synthetic scenes are optional: plain frames measure the same work
        return [Image.new("RGB", (640, 480), (40 + 10 * i % 200, 90, 120)) for i in range(count)]


def _crops(frame, boxes) -> list:
    return [frame.crop(box) for box in boxes]


def run(ctx: BenchContext) -> SectionResult:
    try:
        regions = importlib.import_module("agents.surveillance.regions")
    except ImportError as exc:
        raise NotAvailable(f"agents.surveillance is not built yet ({exc})") from exc
    result = SectionResult(name="surveillance")
    n_frames = 4 if ctx.quick else 24
    frames = _frames(n_frames, ctx.config.seed)
    base = shared_encoder(ctx)
    own = _own_bench(ctx, base, n_frames)
    if own is not None:
        plain, tiled = own
        result.add("frames/s per camera, whole frame (advisor.frontdoors.bench.surveillance_agent)", plain, "frames/s")
        result.add("frames/s per camera, with tiling (advisor.frontdoors.bench.surveillance_agent)", tiled, "frames/s", baseline=plain,
                   baseline_name="whole frame")
    width, height = frames[0].size
    boxes = regions.tile_boxes(width, height)
    result.notes.append(f"{n_frames} synthetic {width}x{height} frames; tiling scores {len(boxes)} crops per frame "
                        "(whole frame + 2x2 and 3x3 overlapping grids), batched per frame; motion regions, rules and "
                        "storage are not included.")
    backends = ["torch"] + ([] if ctx.quick else ["onnx"])
    repeats = 1 if ctx.quick else 2
    for backend in backends:
        try:
            encoder = encoder_with_backend(base, backend)
        except Exception as exc:  # noqa: BLE001 - report and go on
            result.notes.append(f"backend {backend}: not available ({exc})")
            continue
        plain = best_rate(lambda: [encoder.encode_images([f]) for f in frames], n_frames, repeats)
        tiled = best_rate(lambda: [encoder.encode_images(_crops(f, boxes)) for f in frames], n_frames, repeats)
        result.add(f"frames/s per camera, whole frame, {backend}", plain, "frames/s")
        result.add(f"frames/s per camera, with tiling ({len(boxes)} crops), {backend}", tiled, "frames/s",
                   baseline=plain, baseline_name="whole frame")
    return result


def _own_bench(ctx: BenchContext, encoder, n_frames: int):
    try:
        module = importlib.import_module("advisor.frontdoors.bench.surveillance_agent")
    except ImportError:
        return None
    bench_frames = getattr(module, "bench_frames", None)
    if bench_frames is None:
        return None
    try:
        plain = bench_frames(n_frames=n_frames, tiling=False, encoder=encoder)["frames_per_s"]
        tiled = bench_frames(n_frames=n_frames, tiling=True, encoder=encoder)["frames_per_s"]
    except Exception as exc:  # noqa: BLE001 - their signature may differ: note it, fall back to the crop model
        ctx.log(f"surveillance: advisor.frontdoors.bench.surveillance_agent.bench_frames failed ({type(exc).__name__}: {exc})")
        return None
    return float(plain), float(tiled)
