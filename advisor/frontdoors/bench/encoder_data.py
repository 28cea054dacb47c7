"""Inputs for the encoder section (rendered emoji and their names) and the raw torch baselines.

Example::

    >>> texts = speed_texts(4)
    >>> len(texts)
    4
"""
from __future__ import annotations

import os
from pathlib import Path

from PIL import Image

from advisor.core.encoder.parts import parts_of
from advisor.frontdoors.bench.core import NotAvailable, best_rate
from advisor.training.corpus import emoji_pairs
from advisor.training.finetune.evaluate import ids_of

TEMPLATES = ("{}", "show me {} please", "do you have {} in a bigger size for a birthday present",
             "I am looking for {} that would look nice in a small kitchen")
NOUNS = ("a red apple", "a wooden chair", "a pair of running shoes", "a blue ceramic mug", "a cat on a sofa",
         "a city bicycle", "a paper lantern", "a leather backpack", "a desk lamp", "a winter coat")


def speed_texts(count: int) -> list[str]:
    """Queries of mixed length (2-17 words), deterministic."""
    return [TEMPLATES[i % len(TEMPLATES)].format(NOUNS[(i // len(TEMPLATES)) % len(NOUNS)]) for i in range(count)]


def emoji_cache(workdir: Path) -> Path:
    """Rendered emoji are kept between runs (the user cache), or in the run's scratch dir if that is not writable."""
    cache = Path(os.path.join(os.environ.get("XDG_CACHE_HOME", "~/.cache"), "smart-advisor", "emoji")).expanduser()
    try:
        cache.mkdir(parents=True, exist_ok=True)
        return cache
    except OSError:
        return Path(workdir) / "emoji"


def _emoji(workdir: Path, count: int):
    try:
        rows = emoji_pairs(emoji_cache(workdir), limit=None if count > 400 else count * 3)
    except (FileNotFoundError, ImportError) as exc:
        raise NotAvailable(f"the emoji retrieval set needs fonts-noto-color-emoji and fontTools: {exc}") from exc
    step = max(1, len(rows) // count)  # spread over the code-point range rather than the first block only
    return rows[::step][:count]


def speed_images(workdir: Path, count: int) -> list:
    """In-memory RGBA emoji images (decoded once; the encoder still flattens, pads, resizes and normalises them)."""
    images = []
    for row in _emoji(workdir, count):
        with Image.open(row.path) as image:
            images.append(image.copy())
    return images


def accuracy_set(workdir: Path, count: int) -> dict:
    """``count`` emoji images with their captions, for text→image recall@5."""
    rows = _emoji(workdir, count)
    captions = [row.caption for row in rows]
    return {"captions": captions, "images": [row.path for row in rows], "caption_ids": ids_of(captions)}


def _text_model(encoder):
    try:
        return parts_of(encoder.model).text_modules[0]
    except ValueError as exc:
        raise NotAvailable(f"the raw baseline needs the default encoder's towers: {exc}") from exc


def raw_text_rate(encoder, texts: list[str], batch: int, repeats: int) -> float:
    """Texts/s of MiniLM's own forward plus mean pooling on pre-tokenised, length-sorted batches (no ST, no heads)."""
    import torch  # noqa: PLC0415 - torch is heavy: loaded on first use

    transformer = _text_model(encoder)
    ordered = sorted(texts, key=len)
    batches = [transformer.tokenizer(ordered[i:i + batch], padding=True, truncation=True, max_length=128,
                                     return_tensors="pt") for i in range(0, len(ordered), batch)]
    bert = transformer.model

    def forward():
        with torch.inference_mode():
            for tokens in batches:
                hidden = bert(**tokens).last_hidden_state
                mask = tokens["attention_mask"].unsqueeze(-1).float()
                (hidden * mask).sum(1) / mask.sum(1)

    return best_rate(forward, len(texts), repeats)


def raw_image_rate(encoder, images: list, batch: int, repeats: int) -> float:
    """Images/s of EfficientNet-Lite0's forward (features, pooling, classifier) on preprocessed tensors."""
    import torch  # noqa: PLC0415 - torch is heavy: loaded on first use

    from advisor.core.encoder.modules import image_to_tensor  # noqa: PLC0415 - pulls torch (torch is heavy: loaded on first use)

    tower = parts_of(encoder.model).image_tower
    pixels = torch.stack([image_to_tensor(encoder._prepare(image)) for image in images])
    chunks = [pixels[i:i + batch] for i in range(0, len(pixels), batch)]
    forward_of = type(tower).tower.__get__(tower)  # the class method: never a backend's replacement

    def forward():
        with torch.inference_mode():
            for chunk in chunks:
                forward_of(chunk)

    return best_rate(forward, len(images), repeats)


def work_gflop(encoder, texts: list[str], batch: int) -> dict[str, float]:
    """Counted work (torch's FLOP counter, 2 FLOPs per multiply-add): per image through EfficientNet-Lite0 at
    224x224, and per text through MiniLM on the length-sorted, padded batches the encoder runs."""
    import torch  # noqa: PLC0415 - torch is heavy: loaded on first use
    from torch.utils.flop_counter import FlopCounterMode  # noqa: PLC0415 - torch is heavy: loaded on first use

    parts = parts_of(encoder.model)
    tower = parts.image_tower
    transformer = parts.text_modules[0]
    ordered = sorted(texts, key=len)
    with torch.inference_mode():
        with FlopCounterMode(display=False) as images:
            type(tower).tower(tower, torch.zeros(1, 3, tower.image_size, tower.image_size))
        with FlopCounterMode(display=False) as text:
            for start in range(0, len(ordered), batch):
                tokens = transformer.tokenizer(ordered[start:start + batch], padding=True, truncation=True,
                                               max_length=128, return_tensors="pt")
                transformer.model(**tokens)
    return {"image": images.get_total_flops() / 1e9, "text": text.get_total_flops() / 1e9 / max(1, len(texts))}


__all__ = ["accuracy_set", "raw_image_rate", "raw_text_rate", "speed_images", "speed_texts", "work_gflop"]
