"""Find the towers and heads inside a default-style dual encoder (for caching, freezing and training)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class DualParts:
    router: Any
    text_modules: list  # MiniLM Transformer, Pooling, Normalize (the frozen text tower)
    text_head: Any
    image_tower: Any
    image_head: Any


def parts_of(model) -> DualParts:
    """Split a default-style model into its towers and heads; ``ValueError`` for any other architecture."""
    from sentence_transformers.sentence_transformer.modules import Router  # noqa: PLC0415 - sentence-transformers is heavy (~4 s): loaded on first use

    from advisor.core.encoder.modules import EfficientNetTower, ResidualHead  # noqa: PLC0415 - pulls torch (torch is heavy: loaded on first use)

    router = model[0]
    if not isinstance(router, Router) or set(router.sub_modules) != {"text", "image"}:
        raise ValueError("not a default-style dual encoder (expected a Router with 'text' and 'image' routes)")
    text = list(router.sub_modules["text"])
    image = list(router.sub_modules["image"])
    if not (isinstance(text[-1], ResidualHead) and isinstance(image[0], EfficientNetTower) and isinstance(image[-1], ResidualHead)):
        raise ValueError("not a default-style dual encoder (heads or image tower missing)")
    return DualParts(router=router, text_modules=text[:-1], text_head=text[-1], image_tower=image[0], image_head=image[-1])
