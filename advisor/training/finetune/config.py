"""Typed, closed configuration and result of a fine-tuning run."""
from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Mode = Literal["heads", "lora", "full"]

# Per-mode defaults for the fields left as None.
MODE_DEFAULTS: dict[str, dict[str, float | int]] = {
    "heads": {"epochs": 60, "lr": 2e-3, "batch_size": 128, "weight_decay": 0.05},
    "lora": {"epochs": 4, "lr": 2e-4, "batch_size": 32, "weight_decay": 0.01},
    "full": {"epochs": 3, "lr": 1e-4, "batch_size": 32, "weight_decay": 0.01},
}


class FinetuneConfig(BaseModel):
    """One fine-tuning run. ``epochs``, ``lr``, ``batch_size`` and ``weight_decay`` default per mode.

    Example::

        >>> FinetuneConfig(train="train.jsonl", out="runs/heads").resolved("lr")
        0.002
    """

    model_config = ConfigDict(extra="forbid")

    train: Path = Field(description="JSONL pair file (image, caption) to train on.")
    val: Path | None = Field(default=None, description="JSONL pair file for early stopping and after-metrics; "
                                                       "default: a seeded split of the training file.")
    out: Path = Field(description="Output directory (written atomically: temp dir, then rename).")
    mode: Mode = Field(default="heads", description="heads: towers frozen; lora: adapters + last image blocks; full: all weights.")
    base: str = Field(default="default", description="Encoder to start from: 'default', a saved model dir, a HF CLIP dir or hub id.")
    epochs: int | None = Field(default=None, ge=1, description="Maximum epochs (early stopping may end sooner).")
    lr: float | None = Field(default=None, gt=0, description="Peak learning rate of the heads (towers: lr * tower_lr_ratio).")
    batch_size: int | None = Field(default=None, ge=2, description="Pairs per step (in-batch negatives).")
    weight_decay: float | None = Field(default=None, ge=0, description="AdamW decoupled weight decay.")
    seed: int = Field(default=0, description="Seed for splits, shuffling and initialisation.")
    val_fraction: float = Field(default=0.2, gt=0, lt=0.9, description="Held-out share when no --val is given.")
    warmup_fraction: float = Field(default=0.1, ge=0, lt=1, description="Share of steps with linear warm-up.")
    patience: int = Field(default=8, ge=1, description="Evaluations without validation gain before stopping.")
    tower_lr_ratio: float = Field(default=0.1, gt=0, le=1, description="Tower learning rate as a share of lr (lora/full).")
    lora_rank: int = Field(default=8, ge=1, description="LoRA rank (lora mode).")
    lora_alpha: int = Field(default=16, ge=1, description="LoRA alpha (lora mode).")
    lora_dropout: float = Field(default=0.05, ge=0, lt=1, description="LoRA dropout (lora mode).")
    unfreeze_image_blocks: int = Field(default=2, ge=0, description="Last EfficientNet blocks trained in lora mode.")
    gradient_accumulation: int = Field(default=1, ge=1, description="Steps to accumulate (lora/full) when a batch does not fit.")
    max_steps: int | None = Field(default=None, ge=1, description="Stop after this many optimiser steps (lora/full; tests).")
    refit: bool = Field(default=True, description="heads without --val: after choosing the epoch count on the split, "
                                                 "retrain on all training pairs for that many epochs.")
    device: str | None = Field(default=None, description="cpu/cuda; default the settings' device.")
    cache_dir: Path | None = Field(default=None, description="Cache tower features here (heads mode).")
    progress: bool = Field(default=True, description="Show progress bars on stderr.")

    @model_validator(mode="after")
    def _distinct_files(self) -> FinetuneConfig:
        if self.val is not None and Path(self.val).resolve() == Path(self.train).resolve():
            raise ValueError("--val must differ from --train (after-metrics on training data are not honest)")
        return self

    def resolved(self, name: str):
        """A field's value, or the mode's default when it is None."""
        value = getattr(self, name)
        return MODE_DEFAULTS[self.mode][name] if value is None else value


class FinetuneResult(BaseModel):
    """What a run did and measured (also written to ``metrics.json``)."""

    model_config = ConfigDict(extra="forbid")

    out: Path
    mode: Mode
    base: str
    train_pairs: int
    val_pairs: int
    val_source: str = Field(description="'file' or 'split' (seeded share of the training file).")
    skipped: list[str] = Field(default_factory=list, description="Skipped rows, 'file:line: reason'.")
    before: dict = Field(description="Validation metrics of the base encoder.")
    after: dict = Field(description="Validation metrics of the fine-tuned encoder.")
    best_epoch: float = 0
    history: list[dict] = Field(default_factory=list)
    hyperparameters: dict = Field(default_factory=dict)
    seconds: float = 0.0
    peak_memory_mb: float = 0.0
    notes: list[str] = Field(default_factory=list)
