"""The offline default encoder: MiniLM text tower + EfficientNet-Lite0 image tower, aligned by residual heads.

Text:  MiniLM mean-pooled, normalised (384-d) -> ``t + W_t t``                    -> normalise
Image: EfficientNet-Lite0 -> ImageNet bridge b (384-d, in the text space) -> ``b + W_i f`` -> normalise

The heads and the class-name embeddings ship in ``advisor/core/assets/default_heads.safetensors``, written by
``scripts/build_default_heads.py`` (reproducible, seeded); without that file the heads are zero and the encoder is
the pure zero-shot bridge.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

import torch
from safetensors.torch import load_file
from sentence_transformers import SentenceTransformer
from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Router, Transformer

from advisor.core.encoder.modules import FEATURE_DIM, EfficientNetTower, ResidualHead, minilm_path
from advisor.core.encoder.parts import parts_of

log = logging.getLogger(__name__)

ASSETS = Path(__file__).resolve().parent.parent / "assets"
HEADS_FILE = ASSETS / "default_heads.safetensors"
CLASSES_FILE = ASSETS / "imagenet_classes.txt"
CLASS_TEMPLATES = ("a picture of a {}.", "a drawing of a {}.", "a {}.")
TEXT_DIM = 384
LATIN = re.compile(r"^[A-Z][a-z]+ [a-z]+$")


def imagenet_class_names() -> list[list[str]]:
    """Per class, its English lemmas (Latin binomials dropped)."""
    rows = [line for line in CLASSES_FILE.read_text().splitlines() if line and not line.startswith("#")]
    names = []
    for row in rows:
        lemmas = [lemma.strip() for lemma in row.split(",") if lemma.strip()]
        # the first lemma is always English; later ones may be Latin binomials ("Tinca tinca")
        english = lemmas[:1] + [lemma for lemma in lemmas[1:] if not LATIN.match(lemma)]
        names.append(english[:3])
    return names


def class_text_embeddings(text_model) -> torch.Tensor:
    """(1000, 384) normalised text embeddings of the ImageNet class names, averaged over prompt templates."""
    names = imagenet_class_names()
    prompts, owners = [], []
    for index, lemmas in enumerate(names):
        for lemma in lemmas:
            for template in CLASS_TEMPLATES:
                prompts.append(template.format(lemma))
                owners.append(index)
    vectors = text_model.encode(prompts, batch_size=256, convert_to_tensor=True, normalize_embeddings=True).cpu()
    out = torch.zeros(len(names), vectors.shape[1])
    out.index_add_(0, torch.tensor(owners), vectors)
    return torch.nn.functional.normalize(out, dim=-1)


def text_modules():
    transformer = Transformer(minilm_path(), max_seq_length=128)
    return [transformer, Pooling(transformer.get_embedding_dimension(), pooling_mode="mean"), Normalize()]


def build_default_model(heads_file: Path | None = HEADS_FILE, device: str = "cpu"):
    """Assemble the default SentenceTransformer; load trained heads when the file exists."""
    text = text_modules()
    state = None
    if heads_file is not None and Path(heads_file).exists():
        state = load_file(str(heads_file))
        class_text = state["class_text"]
        temperature = float(state["bridge_temperature"].item())
    else:
        log.warning("no trained heads at %s: using the zero-shot ImageNet bridge", heads_file)
        class_text = class_text_embeddings(SentenceTransformer(modules=text, device="cpu"))
        temperature = 1.0
    tower = EfficientNetTower(bridge_temperature=temperature, text_dim=TEXT_DIM, class_text=class_text)
    text_head = ResidualHead(TEXT_DIM, TEXT_DIM)
    image_head = ResidualHead(FEATURE_DIM, TEXT_DIM, input_key="image_features")
    if state is not None:
        text_head.linear.load_state_dict({"weight": state["text.weight"], "bias": state["text.bias"]})
        image_head.linear.load_state_dict({"weight": state["image.weight"], "bias": state["image.bias"]})
    router = Router(
        sub_modules={"text": [*text, text_head], "image": [tower, image_head]},
        route_mappings={(None, "text"): "text", (None, "image"): "image"},
    )
    model = SentenceTransformer(modules=[router, Normalize()], device=device)
    model.eval()
    return model


def default_heads_state(model) -> dict[str, torch.Tensor]:
    """The tensors that ship in ``default_heads.safetensors`` (heads, class-name embeddings, temperature)."""
    parts = parts_of(model)
    return {
        "class_text": parts.image_tower.class_text.detach().cpu().contiguous(),
        "bridge_temperature": torch.tensor([parts.image_tower.bridge_temperature]),
        "text.weight": parts.text_head.linear.weight.detach().cpu().contiguous(),
        "text.bias": parts.text_head.linear.bias.detach().cpu().contiguous(),
        "image.weight": parts.image_head.linear.weight.detach().cpu().contiguous(),
        "image.bias": parts.image_head.linear.bias.detach().cpu().contiguous(),
    }
