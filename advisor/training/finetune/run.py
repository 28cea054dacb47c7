"""``finetune(config)``: pairs -> base encoder -> train (heads | lora | full) -> model + metrics + curve + card.

Under ``accelerate launch`` / ``torchrun`` every process trains (data-parallel) and only the main one writes.
"""
from __future__ import annotations

import contextlib
import logging
import resource
import signal
import sys
import threading
import time
from pathlib import Path

import torch

from advisor.core.encoder import Encoder
from advisor.core.encoder.encoder import EncoderLoadError, _resolve_device, load_model
from advisor.core.encoder.parts import parts_of
from advisor.training.finetune.config import FinetuneConfig, FinetuneResult
from advisor.training.finetune.distributed import Launch, current_launch
from advisor.training.finetune.heads import seed_everything
from advisor.training.finetune.heads_mode import run_heads
from advisor.training.finetune.outputs import atomic_directory, plot_curve, write_metrics, write_model_card
from advisor.training.finetune.pairs import PairSet, TooFewPairsError, load_pairs
from advisor.training.finetune.towers import merge_lora
from advisor.training.finetune.trainer import pair_metrics, scratch_dir, train_with_trainer

log = logging.getLogger(__name__)


def _say(config: FinetuneConfig, message: str) -> None:
    if config.progress:
        print(message, file=sys.stderr, flush=True)


@contextlib.contextmanager
def terminate_as_interrupt():
    """Treat SIGTERM like Ctrl-C while a model is being written, so the temporary directory is cleaned up."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def peak_memory_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def load_train_val(config: FinetuneConfig) -> tuple[PairSet, PairSet, str, list[str]]:
    train = load_pairs(config.train, min_pairs=2)
    skipped = [f"{config.train}:{line}: {reason}" for line, reason in train.skipped]
    if config.val is not None:
        val = load_pairs(config.val, min_pairs=2)
        skipped += [f"{config.val}:{line}: {reason}" for line, reason in val.skipped]
        return train, val, "file", skipped
    if len(train) < 6:
        raise TooFewPairsError(f"{config.train}: {len(train)} pairs are too few to hold out a validation split "
                               "(need 6, or pass --val FILE)")
    rest, val = train.split(config.val_fraction, config.seed)
    if len(rest) < 2 or len(val) < 2:
        raise TooFewPairsError(f"{config.train}: the seeded split left {len(rest)} training / {len(val)} validation "
                               "pairs; pass --val FILE")
    return rest, val, "split", skipped


def load_base(config: FinetuneConfig, device: str | None = None):
    """The base SentenceTransformer; :class:`~advisor.core.encoder.EncoderLoadError` says why when it cannot load."""
    device = device or _resolve_device(config.device)
    try:
        return load_model(config.base, device=device)
    except EncoderLoadError:
        raise
    except Exception as exc:  # noqa: BLE001 - translate into one clear error
        raise EncoderLoadError(f"--base {config.base!r} could not be loaded: {type(exc).__name__}: {exc}") from exc


def finetune(config: FinetuneConfig) -> FinetuneResult | None:
    """Run one fine-tuning job end to end and return what it measured.

    Launched as several processes (``accelerate launch``, ``torchrun``) every process trains on its share of each
    batch; the main process alone measures, writes ``config.out`` and returns the result, the others return None.

    Example::

        >>> from advisor.finetune import FinetuneConfig, finetune
        >>> result = finetune(FinetuneConfig(train="train.jsonl", out="runs/heads"))   # doctest: +SKIP
        >>> result.before["t2i_recall@5"], result.after["t2i_recall@5"]                # doctest: +SKIP
        (0.23, 0.48)
    """
    started = time.time()
    seed_everything(config.seed)
    train, val, val_source, skipped = load_train_val(config)
    launch = current_launch(_resolve_device(config.device))
    if not launch.is_main:
        return _train_as_worker(config, train, val, launch)
    _say(config, f"pairs: {len(train)} train, {len(val)} validation ({val_source}); {len(skipped)} skipped")
    for row in skipped[:20]:
        _say(config, f"  skipped {row}")
    model = load_base(config, launch.device)
    data_parallel = launch.distributed and _uses_trainer(model, config)
    if data_parallel:
        _say(config, f"data-parallel training: world size {launch.processes} processes ({launch.backend}, "
                     f"{config.resolved('batch_size')} pairs per process per step)")
    with terminate_as_interrupt(), atomic_directory(Path(config.out)) as work:
        outcome = _train(model, train, val, config, work, launch)
        _say(config, "saving")
        model.save(str(work))
        notes = outcome["notes"] + _verify_reload(model, work, val, config)
        result = FinetuneResult(
            out=Path(config.out).resolve(), mode=config.mode, base=config.base, train_pairs=len(train),
            val_pairs=len(val), val_source=val_source, skipped=skipped, before=outcome["before"],
            after=outcome["after"], best_epoch=outcome["best_epoch"], history=outcome["history"],
            hyperparameters=_hyperparameters(config, launch.processes if data_parallel else 1), seconds=0.0,
            peak_memory_mb=peak_memory_mb(), notes=notes)
        plot_curve(work / "curve.png", result.history, f"{config.mode} fine-tuning of {Path(config.base).name or config.base}")
        result.seconds = round(time.time() - started, 2)
        write_metrics(work / "metrics.json", result)
        write_model_card(work / "README.md", result)
    launch.wait_for_everyone()  # the other processes return once the output directory is complete
    return result


def _train_as_worker(config: FinetuneConfig, train: PairSet, val: PairSet, launch: Launch) -> None:
    """A non-main process of a launched run: train its shards in step with the others, write nothing."""
    model = load_base(config, launch.device)
    if _uses_trainer(model, config):
        with terminate_as_interrupt(), scratch_dir(Path(config.out).resolve().parent) as scratch:
            train_with_trainer(model, train, val, config, Path(scratch), launch)
    launch.wait_for_everyone()


def _uses_trainer(model, config: FinetuneConfig) -> bool:
    """heads mode on the default architecture trains on cached features in one process; the rest use the trainer."""
    if config.mode != "heads":
        return True
    try:
        parts_of(model)
    except ValueError:
        return True
    return False


def _train(model, train: PairSet, val: PairSet, config: FinetuneConfig, work: Path, launch: Launch) -> dict:
    if not _uses_trainer(model, config):
        if launch.distributed:
            _say(config, "heads mode trains on cached features in the main process; the other processes wait")
        return run_heads(model, train, val, config)

    _say(config, "measuring the base encoder on the validation pairs")
    before = pair_metrics(model, val)
    with scratch_dir(work.parent) as scratch:
        outcome = train_with_trainer(model, train, val, config, Path(scratch), launch)
    if config.mode == "lora":
        merged = merge_lora(model)
        outcome["notes"].append(f"{merged} LoRA layers merged into the base weights")
    after = pair_metrics(model, val)
    return {**outcome, "before": before, "after": after}


@torch.no_grad()
def _verify_reload(model, saved: Path, val: PairSet, config: FinetuneConfig) -> list[str]:
    """Reload the saved directory and check it embeds a few validation pairs exactly like the trained model."""
    probe = val.subset(range(min(4, len(val))))
    reloaded = load_model(str(saved), device=str(model.device))
    model.eval()
    a, b = Encoder(model, "trained", str(model.device)), Encoder(reloaded, "reloaded", str(model.device))
    difference = max(float(abs(a.encode_text(probe.captions) - b.encode_text(probe.captions)).max()),
                     float(abs(a.encode_images(probe.images) - b.encode_images(probe.images)).max()))
    if difference > 1e-4:
        raise RuntimeError(f"the saved model does not reproduce the trained one (max difference {difference:.2e})")
    return [f"reload verified: saved model reproduces the trained embeddings (max abs difference {difference:.1e})"]


def _hyperparameters(config: FinetuneConfig, processes: int) -> dict:
    keys = ["epochs", "lr", "batch_size", "weight_decay"]
    values = {key: config.resolved(key) for key in keys}
    values.update(seed=config.seed, warmup_fraction=config.warmup_fraction, patience=config.patience)
    if config.mode != "heads":
        values.update(tower_lr_ratio=config.tower_lr_ratio, gradient_accumulation=config.gradient_accumulation)
    if config.mode == "lora":
        values.update(lora_rank=config.lora_rank, lora_alpha=config.lora_alpha, unfreeze_image_blocks=config.unfreeze_image_blocks)
    if config.max_steps:
        values["max_steps"] = config.max_steps
    if processes > 1:
        values.update(processes=processes, batch_size_per_process=values["batch_size"])
    return values
