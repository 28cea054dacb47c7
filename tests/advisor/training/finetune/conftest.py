"""Fixtures for fine-tuning tests: rendered emoji pairs, a tiny CLIP checkpoint, the base model loaded once."""
from __future__ import annotations

import json
import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import pytest  # noqa: E402


def write_jsonl(path, rows) -> str:
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write((row if isinstance(row, str) else json.dumps(row)) + "\n")
    return str(path)


@pytest.fixture(scope="session")
def emoji_rows(tmp_path_factory):
    """40 rendered emoji with their Unicode-name captions (real images, real captions)."""
    from advisor.training.corpus import emoji_pairs

    rows = emoji_pairs(tmp_path_factory.mktemp("emoji"), limit=40)
    assert len(rows) == 40
    return rows


@pytest.fixture(scope="session")
def pair_files(emoji_rows, tmp_path_factory):
    """train.jsonl (28 pairs, image paths relative to the file) and val.jsonl (12 pairs, absolute paths)."""
    folder = tmp_path_factory.mktemp("pairs")
    image_dir = os.path.dirname(emoji_rows[0].path)
    train = [{"image": os.path.relpath(r.path, folder), "caption": r.caption} for r in emoji_rows[:28]]
    val = [{"image": r.path, "caption": r.caption} for r in emoji_rows[28:]]
    assert os.path.isdir(image_dir)
    return write_jsonl(folder / "train.jsonl", train), write_jsonl(folder / "val.jsonl", val)


@pytest.fixture(scope="session")
def tiny_clip(tmp_path_factory):
    """A tiny randomly initialised HF CLIPModel saved locally, borrowing MiniLM's tokenizer."""
    import torch
    from transformers import AutoTokenizer, CLIPConfig, CLIPImageProcessor, CLIPModel, CLIPProcessor

    from advisor.core.encoder.modules import minilm_path

    tokenizer = AutoTokenizer.from_pretrained(minilm_path())
    config = CLIPConfig(
        text_config={"vocab_size": tokenizer.vocab_size, "hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 2,
                     "num_attention_heads": 2, "max_position_embeddings": 64, "eos_token_id": tokenizer.sep_token_id},
        vision_config={"hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 2, "num_attention_heads": 2,
                       "image_size": 32, "patch_size": 8},
        projection_dim=16,
    )
    torch.manual_seed(0)
    out = tmp_path_factory.mktemp("tiny-clip")
    CLIPModel(config).save_pretrained(out)
    processor = CLIPProcessor(image_processor=CLIPImageProcessor(size={"shortest_edge": 32},
                                                                 crop_size={"height": 32, "width": 32}),
                              tokenizer=tokenizer)
    processor.save_pretrained(out)
    return str(out)


@pytest.fixture(scope="session")
def default_model():
    """The shipped default SentenceTransformer (towers + trained heads), loaded once."""
    from advisor.core.encoder.encoder import load_model

    return load_model("default", device="cpu")
