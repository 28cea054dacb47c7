"""``heads`` mode: train the default encoder's residual heads on cached, frozen tower outputs (LiT).

The towers never run during training: the caller computes MiniLM's caption embeddings and EfficientNet's pooled
features and class logits once (:mod:`advisor.training.finetune.features`), so an epoch over thousands of pairs takes well
under a second on 2 cores. The model is the one that ships::

    text  = normalise(t + W_t t + b_t)
    image = normalise(bridge(logits; T) + W_i f + b_i),  bridge = normalise(softmax(logits / T) @ class_text)

``W``, ``b`` start at zero (the zero-shot bridge) and AdamW's decoupled weight decay pulls them back towards it,
which is what keeps the heads from over-fitting small or narrow corpora. The bridge temperature ``T`` and the
loss temperature are learned too.
"""
from __future__ import annotations

import copy
import logging
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import torch
import torch.nn.functional as F
from pydantic import BaseModel, ConfigDict, Field
from torch import nn
from tqdm import tqdm

from advisor.core.encoder.parts import parts_of
from advisor.training.finetune.evaluate import mean_recall
from advisor.training.finetune.features import ImageFeatures
from advisor.training.finetune.losses import ClipLoss

log = logging.getLogger(__name__)


class HeadsConfig(BaseModel):
    """Hyper-parameters of heads-only training."""

    model_config = ConfigDict(extra="forbid")

    epochs: int = Field(default=40, ge=1, description="Maximum epochs (early stopping usually ends sooner).")
    lr: float = Field(default=1e-3, gt=0, description="Peak AdamW learning rate.")
    weight_decay: float = Field(default=0.05, ge=0, description="AdamW decoupled weight decay (pulls heads to zero).")
    batch_size: int = Field(default=256, ge=2, description="Pairs per step (in-batch negatives).")
    warmup_fraction: float = Field(default=0.1, ge=0, lt=1, description="Share of steps with linear warm-up.")
    patience: int = Field(default=5, ge=1, description="Epochs without validation gain before stopping.")
    seed: int = Field(default=0, description="Seed for shuffling and dropout.")
    init_temperature: float = Field(default=0.05, gt=0, description="Initial InfoNCE temperature (learned).")
    learn_bridge_temperature: bool = Field(default=True, description="Also learn the ImageNet bridge's softmax temperature.")
    feature_dropout: float = Field(default=0.1, ge=0, lt=1, description="Dropout on the heads' inputs while training.")
    train_text_head: bool = Field(default=True, description="Train the text head (else only the image head).")
    min_delta: float = Field(default=1e-4, ge=0, description="Smallest validation gain that resets patience.")


@dataclass
class HeadsData:
    """Cached tower outputs of a pair set: ``text`` (n, variants, 384) caption embeddings, one row per pair;
    ``images`` the matching image features; ``labels`` (n,) caption ids (equal ids = same caption)."""

    text: torch.Tensor
    images: ImageFeatures
    labels: torch.Tensor

    def __post_init__(self) -> None:
        if self.text.dim() == 2:
            self.text = self.text[:, None, :]
        if not (len(self.text) == len(self.images) == len(self.labels)):
            raise ValueError("text, images and labels must have one row per pair")

    def __len__(self) -> int:
        return len(self.labels)


class ResidualHeads(nn.Module):
    """The trainable part of the default encoder, on cached tower outputs."""

    def __init__(self, class_text: torch.Tensor, bridge_temperature: float, text_dim: int = 384,
                 feature_dim: int = 1280, feature_dropout: float = 0.0, learn_bridge_temperature: bool = True):
        super().__init__()
        self.text = nn.Linear(text_dim, class_text.shape[1])
        self.image = nn.Linear(feature_dim, class_text.shape[1])
        for layer in (self.text, self.image):
            nn.init.zeros_(layer.weight)
            nn.init.zeros_(layer.bias)
        self.register_buffer("class_text", class_text.float().clone())
        self.log_bridge_temperature = nn.Parameter(torch.tensor(math.log(bridge_temperature)),
                                                   requires_grad=learn_bridge_temperature)
        self.dropout = nn.Dropout(feature_dropout)

    @property
    def bridge_temperature(self) -> float:
        return float(self.log_bridge_temperature.detach().exp())

    def encode_text(self, text: torch.Tensor) -> torch.Tensor:
        return F.normalize(text + self.text(self.dropout(text)), dim=-1)

    def encode_images(self, images: ImageFeatures) -> torch.Tensor:
        probs = torch.softmax(images.logits / self.log_bridge_temperature.exp(), dim=-1)
        bridge = F.normalize(probs @ self.class_text, dim=-1)
        return F.normalize(bridge + self.image(self.dropout(images.pooled)), dim=-1)


@dataclass
class HeadsOutcome:
    """The best heads (by validation metric), with the per-epoch history."""

    heads: ResidualHeads
    history: list[dict] = field(default_factory=list)
    best_epoch: int = 0
    best_metric: float = float("nan")
    loss_temperature: float = float("nan")


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def warmup_cosine(total_steps: int, warmup_fraction: float) -> Callable[[int], float]:
    """Learning-rate multiplier: linear warm-up, then cosine decay to zero."""
    warmup = max(1, int(round(total_steps * warmup_fraction)))

    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        progress = (step - warmup) / max(1, total_steps - warmup)
        return 0.5 * (1.0 + math.cos(math.pi * min(1.0, progress)))

    return factor


@torch.no_grad()
def embed(heads: ResidualHeads, data: HeadsData, variant: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """(text, image) embeddings of a cached pair set through the heads (eval mode)."""
    heads.eval()
    return heads.encode_text(data.text[:, variant]), heads.encode_images(data.images)


def train_heads(train: HeadsData, val: HeadsData | None, start: ResidualHeads, config: HeadsConfig,
                metric: Callable[[torch.Tensor, torch.Tensor, HeadsData], float] | None = None,
                progress: bool = False, select_best: bool = True, stop_after: int | None = None) -> HeadsOutcome:
    """Train residual heads from ``start`` (copied) with symmetric InfoNCE; keep the best validation epoch.

    ``metric(text_emb, image_emb, data)`` scores a validation set (default: mean recall@1/5/10 both ways).
    Without ``val`` the training set is scored instead (no early stopping signal worth the name: prefer a split).
    With ``select_best=False`` every epoch runs and the last heads are returned; ``stop_after`` ends the run after
    that many epochs while keeping the learning-rate schedule of ``config.epochs`` (a refit that follows the
    trajectory the validation run chose).
    """
    seed_everything(config.seed)
    metric = metric or (lambda t, i, d: mean_recall(t.numpy(), i.numpy(), d.labels.numpy()))
    heads = copy.deepcopy(start)
    heads.dropout.p = config.feature_dropout
    heads.log_bridge_temperature.requires_grad_(config.learn_bridge_temperature)
    if not config.train_text_head:
        heads.text.requires_grad_(False)
    loss_fn = ClipLoss(init_temperature=config.init_temperature)
    decay = [heads.text.weight, heads.image.weight]
    no_decay = [heads.text.bias, heads.image.bias, heads.log_bridge_temperature, loss_fn.log_scale]
    optimizer = torch.optim.AdamW([{"params": [p for p in decay if p.requires_grad], "weight_decay": config.weight_decay},
                                   {"params": [p for p in no_decay if p.requires_grad], "weight_decay": 0.0}],
                                  lr=config.lr)
    steps_per_epoch = max(1, math.ceil(len(train) / config.batch_size))
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, warmup_cosine(steps_per_epoch * config.epochs,
                                                                           config.warmup_fraction))
    scored = val if val is not None and len(val) > 1 else train
    outcome = HeadsOutcome(heads=copy.deepcopy(heads), best_metric=metric(*embed(heads, scored), scored))
    outcome.history.append({"epoch": 0, "train_loss": None, "val_metric": outcome.best_metric})
    generator = torch.Generator().manual_seed(config.seed)
    epochs = range(1, min(config.epochs, stop_after or config.epochs) + 1)
    bar = None
    if progress:
        bar = tqdm(epochs, desc="heads", unit="epoch")
        epochs = bar
    stale = 0
    for epoch in epochs:
        train_loss = _train_epoch(heads, loss_fn, optimizer, scheduler, train, config.batch_size, generator)
        score = metric(*embed(heads, scored), scored)
        outcome.history.append({"epoch": epoch, "train_loss": train_loss, "val_metric": score,
                                "temperature": loss_fn.temperature, "bridge_temperature": heads.bridge_temperature})
        if bar is not None:
            bar.set_postfix(loss=f"{train_loss:.3f}", val=f"{score:.3f}")
        if score > outcome.best_metric + config.min_delta or not select_best:
            outcome.heads, outcome.best_metric, outcome.best_epoch = copy.deepcopy(heads), score, epoch
            outcome.loss_temperature = loss_fn.temperature
            stale = 0
        else:
            stale += 1
            if stale >= config.patience:
                log.info("early stop at epoch %d (best %d: %.4f)", epoch, outcome.best_epoch, outcome.best_metric)
                break
    if bar is not None:
        bar.close()
    if not select_best:
        outcome.heads, outcome.best_epoch = copy.deepcopy(heads), len(outcome.history) - 1
        outcome.loss_temperature = loss_fn.temperature
    outcome.heads.eval()
    return outcome


def _train_epoch(heads, loss_fn, optimizer, scheduler, data: HeadsData, batch_size: int, generator) -> float:
    heads.train()
    order = torch.randperm(len(data), generator=generator)
    variants = torch.randint(0, data.text.shape[1], (len(data),), generator=generator)
    total, count = 0.0, 0
    for start in range(0, len(order), batch_size):
        index = order[start:start + batch_size]
        if len(index) < 2:
            continue
        text = heads.encode_text(data.text[index, variants[index]])
        image = heads.encode_images(data.images[index])
        loss = loss_fn(text, image, data.labels[index])
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        scheduler.step()
        total += float(loss.detach()) * len(index)
        count += len(index)
    return total / max(count, 1)


@torch.no_grad()
def training_loss(heads: ResidualHeads, data: HeadsData, temperature: float) -> float:
    """Full-batch InfoNCE of a pair set at a fixed temperature (to compare before/after fairly)."""
    heads.eval()
    loss_fn = ClipLoss(init_temperature=temperature, learnable=False)
    text, image = embed(heads, data)
    return float(loss_fn(text, image, data.labels))


def install_heads(model, heads: ResidualHeads) -> None:
    """Copy trained heads (and the bridge temperature) into a default-style SentenceTransformer."""
    parts = parts_of(model)
    with torch.no_grad():
        parts.text_head.linear.weight.copy_(heads.text.weight)
        parts.text_head.linear.bias.copy_(heads.text.bias)
        parts.image_head.linear.weight.copy_(heads.image.weight)
        parts.image_head.linear.bias.copy_(heads.image.bias)
        parts.image_tower.class_text.copy_(heads.class_text)
    parts.image_tower.bridge_temperature = heads.bridge_temperature


def heads_from_model(model) -> ResidualHeads:
    """The model's current heads as a :class:`ResidualHeads` (to start from, or to embed cached features)."""
    parts = parts_of(model)
    heads = ResidualHeads(parts.image_tower.class_text.detach().cpu(), parts.image_tower.bridge_temperature,
                          text_dim=parts.text_head.in_features, feature_dim=parts.image_head.in_features)
    with torch.no_grad():
        heads.text.weight.copy_(parts.text_head.linear.weight)
        heads.text.bias.copy_(parts.text_head.linear.bias)
        heads.image.weight.copy_(parts.image_head.linear.weight)
        heads.image.bias.copy_(parts.image_head.linear.bias)
    return heads.eval()
