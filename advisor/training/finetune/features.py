"""Frozen-tower outputs of the default dual encoder, computed once (optionally cached on disk).

``heads`` training only needs, per caption, MiniLM's normalised embedding and, per image, the CNN's pooled
features and class logits (the ImageNet bridge is recomputed from the logits, so its temperature can be tuned).
"""
from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from tqdm import tqdm

from advisor.core.encoder.images import load_image


@dataclass
class ImageFeatures:
    """Per image: pooled CNN features (n, 1280) and ImageNet class logits (n, 1000)."""

    pooled: torch.Tensor
    logits: torch.Tensor

    def __getitem__(self, index) -> ImageFeatures:
        return ImageFeatures(self.pooled[index], self.logits[index])

    def __len__(self) -> int:
        return int(self.pooled.shape[0])


def _cache_key(path: str) -> str:
    stat = os.stat(path)
    raw = f"{os.path.abspath(path)}|{stat.st_size}|{stat.st_mtime_ns}"
    return hashlib.sha1(raw.encode()).hexdigest()


@torch.no_grad()
def text_tower_embeddings(text_model, texts: Sequence[str], batch_size: int = 128, progress: bool = False) -> torch.Tensor:
    """MiniLM mean-pooled, normalised embeddings (the text head's input). ``text_model``: a text-only ST model."""
    vectors = text_model.encode(list(texts), batch_size=batch_size, convert_to_tensor=True,
                                normalize_embeddings=True, show_progress_bar=progress)
    return vectors.detach().cpu().float()


@contextlib.contextmanager
def channels_last(module: torch.nn.Module):
    """Run a CNN in channels-last layout (2-2.5x faster on CPU here), then restore the default layout,
    because safetensors refuses to save non-contiguous weights."""
    module.to(memory_format=torch.channels_last)
    try:
        yield
    finally:
        module.to(memory_format=torch.contiguous_format)


@torch.no_grad()
def image_tower_features(tower, images: Sequence, batch_size: int = 32, cache_dir: str | Path | None = None,
                         progress: bool = False, desc: str = "image features") -> ImageFeatures:
    """Run the frozen EfficientNet tower over images (paths or PIL images), reusing per-file disk cache entries."""
    tower.eval()
    count = len(images)
    pooled = torch.zeros(count, tower.net._fc.in_features)
    logits = torch.zeros(count, tower.net._fc.out_features)
    cache = Path(cache_dir) if cache_dir else None
    if cache:
        cache.mkdir(parents=True, exist_ok=True)
    todo: list[int] = []
    keys: dict[int, str] = {}
    for index, image in enumerate(images):
        if cache and isinstance(image, (str, os.PathLike)):
            keys[index] = _cache_key(str(image))
            entry = cache / f"{keys[index]}.npy"
            if entry.exists():
                row = torch.from_numpy(np.load(entry))
                pooled[index], logits[index] = row[: pooled.shape[1]], row[pooled.shape[1]:]
                continue
        todo.append(index)
    bar = None
    if progress and todo:
        bar = tqdm(total=len(todo), desc=desc, unit="img")
    device = next(tower.parameters()).device
    with channels_last(tower.net):
        for start in range(0, len(todo), batch_size):
            batch = todo[start:start + batch_size]
            _run_batch(tower, images, batch, device, pooled, logits, cache, keys)
            if bar:
                bar.update(len(batch))
    if bar:
        bar.close()
    return ImageFeatures(pooled, logits)


def _run_batch(tower, images, batch, device, pooled, logits, cache, keys) -> None:
    pixels = tower.preprocess([load_image(images[i]) for i in batch])["pixel_values"]
    pixels = pixels.to(device).contiguous(memory_format=torch.channels_last)
    batch_pooled, batch_logits = tower.tower(pixels)
    for offset, index in enumerate(batch):
        pooled[index], logits[index] = batch_pooled[offset].cpu(), batch_logits[offset].cpu()
        if cache and index in keys:
            row = torch.cat([pooled[index], logits[index]]).numpy().astype(np.float32)
            tmp = cache / f"{keys[index]}.tmp.npy"
            np.save(tmp, row)
            os.replace(tmp, cache / f"{keys[index]}.npy")


def bridge_embeddings(logits: torch.Tensor, class_text: torch.Tensor, temperature: float | torch.Tensor) -> torch.Tensor:
    """The ImageNet bridge: softmax(logits / T) @ class-name embeddings, normalised (as the tower computes it)."""
    probs = torch.softmax(logits / temperature, dim=-1)
    return torch.nn.functional.normalize(probs @ class_text, dim=-1)
