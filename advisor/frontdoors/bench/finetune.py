"""Fine-tuning section: ``heads`` seconds per 1,000 pairs (per epoch, on cached tower features), and ``lora`` /
``full`` seconds per optimiser step at batch 32 on the default encoder.

Baselines measured in the same run: caching the tower features of 1,000 pairs (what ``heads`` pays once, before
its epochs), and an inference forward pass of the same batch of 32 (what a training step at least costs).
"""
from __future__ import annotations

import copy
import statistics
import time

from advisor.core.encoder.images import load_image
from advisor.frontdoors.bench.core import BenchContext, SectionResult
from advisor.frontdoors.bench.encoder import shared_encoder
from advisor.frontdoors.bench.encoder_data import accuracy_set
from advisor.training.finetune.config import FinetuneConfig

BATCH = 32


def run(ctx: BenchContext) -> SectionResult:
    result = SectionResult(name="finetune")
    encoder = shared_encoder(ctx)
    pairs = accuracy_set(ctx.workdir, BATCH)
    forward_s = _forward_seconds(encoder.model, pairs)
    _heads(ctx, result, forward_s)
    steps = 1 if ctx.quick else 5
    for mode in ("lora", "full"):
        ctx.log(f"finetune: {mode}, {steps} steps at batch {BATCH}")
        seconds = _step_seconds(encoder.model, pairs, FinetuneConfig(train="train.jsonl", out="out", mode=mode), steps,
                                warmup=0 if ctx.quick else 1)
        result.add(f"{mode}: seconds per step, batch {BATCH}", seconds, "s/step", baseline=forward_s,
                   baseline_name="inference forward, same batch",
                   note="preprocessing, forward of both towers, symmetric InfoNCE, backward, AdamW; "
                        + ("quick run: one cold step" if ctx.quick else f"median of {steps} steps after one warm-up"))
    return result


def _features(model, pairs):
    from advisor.core.encoder.modules import to_rgb_on_white  # noqa: PLC0415 - pulls torch (torch is heavy: loaded on first use)

    images = [to_rgb_on_white(load_image(path)) for path in pairs["images"]]
    return model.preprocess(pairs["captions"]), model.preprocess(images)


def _forward_seconds(model, pairs) -> float:
    import torch  # noqa: PLC0415 - torch is heavy: loaded on first use

    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        with torch.inference_mode():
            text, image = _features(model, pairs)
            model(text)
            model(image)
        best = min(best, time.perf_counter() - start)
    return best


def _heads(ctx: BenchContext, result: SectionResult, forward_s: float) -> None:
    import torch  # noqa: PLC0415 - torch is heavy: loaded on first use

    from advisor.training.finetune.features import ImageFeatures  # noqa: PLC0415 - pulls torch (torch is heavy: loaded on first use)
    from advisor.training.finetune.heads import HeadsConfig, HeadsData, ResidualHeads, train_heads  # noqa: PLC0415 - pulls torch (torch is heavy: loaded on first use)

    n_pairs, epochs = (1000, 3) if ctx.quick else (4000, 10)
    generator = torch.Generator().manual_seed(ctx.config.seed)
    text = torch.nn.functional.normalize(torch.randn(n_pairs, 384, generator=generator), dim=-1)
    features = ImageFeatures(torch.randn(n_pairs, 1280, generator=generator).abs(),
                             torch.randn(n_pairs, 1000, generator=generator) * 3)
    data = HeadsData(text=text, images=features, labels=torch.arange(n_pairs))
    class_text = torch.nn.functional.normalize(torch.randn(1000, 384, generator=generator), dim=-1)
    start = ResidualHeads(class_text, bridge_temperature=1.0)
    config = HeadsConfig(epochs=epochs, patience=epochs, seed=ctx.config.seed)
    ctx.log(f"finetune: heads, {n_pairs} pairs x {epochs} epochs")
    began = time.perf_counter()
    train_heads(data, None, start, config, select_best=False)
    per_thousand = (time.perf_counter() - began) / epochs / (n_pairs / 1000)
    caching = forward_s / BATCH * 1000
    result.add("heads: seconds per 1,000 pairs per epoch", per_thousand, "s", baseline=caching,
               baseline_name="caching tower features of 1,000 pairs (once)",
               note=f"{n_pairs} generated feature rows, batch {config.batch_size}, AdamW + InfoNCE + a recall evaluation per epoch")


def _step_seconds(model, pairs, config, steps: int, warmup: int = 1) -> float:
    import torch  # noqa: PLC0415 - torch is heavy: loaded on first use

    from advisor.training.finetune.losses import ClipLoss  # noqa: PLC0415 - pulls torch (torch is heavy: loaded on first use)
    from advisor.training.finetune.towers import prepare_trainable  # noqa: PLC0415 - pulls torch (torch is heavy: loaded on first use)

    trainable = copy.deepcopy(model)
    prepare_trainable(trainable, config)
    trainable.train()
    parameters = [p for p in trainable.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(parameters, lr=1e-5)
    loss_fn = ClipLoss()
    times = []
    for _ in range(steps + warmup):
        start = time.perf_counter()
        text, image = _features(trainable, pairs)
        loss = loss_fn(trainable(text)["sentence_embedding"], trainable(image)["sentence_embedding"])
        loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        times.append(time.perf_counter() - start)
    del trainable, optimizer
    return statistics.median(times[warmup:])
