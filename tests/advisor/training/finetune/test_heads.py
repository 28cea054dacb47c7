import torch

from advisor.training.finetune.features import bridge_embeddings, image_tower_features
from advisor.training.finetune.heads import (
    HeadsConfig,
    embed,
    heads_from_model,
    train_heads,
    training_loss,
)
from advisor.training.finetune.heads_mode import cached_tower_outputs
from advisor.training.finetune.pairs import load_pairs


def test_cached_features_match_the_model(default_model, pair_files, tmp_path):
    """Heads on cached tower outputs compute exactly what the full model computes."""
    from advisor.core.encoder import Encoder
    from advisor.training.finetune.config import FinetuneConfig

    pairs = load_pairs(pair_files[1]).subset(range(6))
    config = FinetuneConfig(train=pair_files[0], out=tmp_path / "x", progress=False, cache_dir=tmp_path / "cache")
    data = cached_tower_outputs(default_model, pairs, config, "probe")
    text, images = embed(heads_from_model(default_model), data)
    encoder = Encoder(default_model, "default", "cpu")
    assert torch.allclose(text, torch.from_numpy(encoder.encode_text(pairs.captions)), atol=1e-4)
    assert torch.allclose(images, torch.from_numpy(encoder.encode_images(pairs.images)), atol=1e-4)
    again = cached_tower_outputs(default_model, pairs, config, "probe")  # from the disk cache
    assert torch.allclose(again.images.pooled, data.images.pooled)


def test_heads_lower_the_training_loss(default_model, pair_files, tmp_path):
    from advisor.training.finetune.config import FinetuneConfig

    pairs = load_pairs(pair_files[0])
    config = FinetuneConfig(train=pair_files[0], out=tmp_path / "x", progress=False)
    data = cached_tower_outputs(default_model, pairs, config, "train")
    start = heads_from_model(default_model)
    outcome = train_heads(data, None, start, HeadsConfig(epochs=30, batch_size=8, lr=3e-3, patience=30, seed=0),
                          select_best=False)
    assert training_loss(outcome.heads, data, 0.05) < training_loss(start, data, 0.05) - 0.05
    losses = [h["train_loss"] for h in outcome.history[1:]]
    assert losses[-1] < losses[0]


def test_training_is_seeded(default_model, pair_files, tmp_path):
    from advisor.training.finetune.config import FinetuneConfig

    pairs = load_pairs(pair_files[0])
    data = cached_tower_outputs(default_model, pairs, FinetuneConfig(train=pair_files[0], out=tmp_path, progress=False), "t")
    config = HeadsConfig(epochs=3, batch_size=8, seed=5)
    first = train_heads(data, None, heads_from_model(default_model), config, select_best=False)
    second = train_heads(data, None, heads_from_model(default_model), config, select_best=False)
    assert torch.equal(first.heads.image.weight, second.heads.image.weight)


def test_bridge_matches_the_tower(default_model, emoji_rows):
    from advisor.core.encoder.parts import parts_of

    tower = parts_of(default_model).image_tower
    features = image_tower_features(tower, [r.path for r in emoji_rows[:3]])
    pixels = tower.preprocess([__import__("PIL.Image", fromlist=["Image"]).open(r.path) for r in emoji_rows[:3]])
    with torch.no_grad():
        expected = tower({"pixel_values": pixels["pixel_values"]})["sentence_embedding"]
    got = bridge_embeddings(features.logits, tower.class_text, tower.bridge_temperature)
    assert torch.allclose(got, expected, atol=1e-4)


def test_without_val_the_split_chooses_epochs_then_all_pairs_refit(default_model, pair_files, tmp_path):
    import copy

    from advisor.training.finetune.config import FinetuneConfig
    from advisor.training.finetune.heads_mode import run_heads
    from advisor.training.finetune.run import load_train_val

    config = FinetuneConfig(train=pair_files[0], out=tmp_path / "x", epochs=6, progress=False)
    train, val, source, skipped = load_train_val(config)
    assert source == "split" and len(train) + len(val) == 28 and not skipped
    model = copy.deepcopy(default_model)
    outcome = run_heads(model, train, val, config)
    assert outcome["after"]["mean_recall"] >= outcome["before"]["mean_recall"]
    if outcome["best_epoch"] > 0:
        assert any("retrained on all training pairs" in note for note in outcome["notes"])
