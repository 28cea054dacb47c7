"""``heads`` mode on the default architecture: cache tower outputs once, train the residual heads on them."""
from __future__ import annotations

import sys

import torch
from sentence_transformers import SentenceTransformer

from advisor.core.encoder.parts import parts_of
from advisor.training.finetune.config import FinetuneConfig
from advisor.training.finetune.evaluate import ids_of, retrieval_metrics
from advisor.training.finetune.features import ImageFeatures, image_tower_features, text_tower_embeddings
from advisor.training.finetune.heads import HeadsConfig, HeadsData, embed, heads_from_model, install_heads, train_heads
from advisor.training.finetune.pairs import PairSet


def cached_tower_outputs(model, pairs: PairSet, config: FinetuneConfig, name: str) -> HeadsData:
    """MiniLM caption embeddings and EfficientNet features/logits of a pair set (the towers run once)."""
    parts = parts_of(model)
    text_model = SentenceTransformer(modules=parts.text_modules, device=str(model.device))
    text = text_tower_embeddings(text_model, pairs.captions)
    images = image_tower_features(parts.image_tower, pairs.images, cache_dir=config.cache_dir,
                                  progress=config.progress, desc=f"{name} image features")
    return HeadsData(text=text, images=images, labels=torch.from_numpy(ids_of(pairs.captions)))


def _metrics(heads, data: HeadsData, pairs: PairSet) -> dict:
    text, images = embed(heads, data)
    return retrieval_metrics(text.numpy(), images.numpy(), ids_of(pairs.captions), ids_of(pairs.images))


def heads_config(config: FinetuneConfig, epochs: int | None = None, patience: int | None = None) -> HeadsConfig:
    return HeadsConfig(epochs=epochs or config.resolved("epochs"), lr=config.resolved("lr"),
                       weight_decay=config.resolved("weight_decay"), batch_size=config.resolved("batch_size"),
                       warmup_fraction=config.warmup_fraction, patience=patience or config.patience, seed=config.seed)


def run_heads(model, train: PairSet, val: PairSet, config: FinetuneConfig) -> dict:
    """Train the heads of ``model`` in place; before/after metrics are on ``val``."""
    model.eval()
    train_data = cached_tower_outputs(model, train, config, "train")
    val_data = cached_tower_outputs(model, val, config, "validation")
    start = heads_from_model(model)
    before = _metrics(start, val_data, val)
    outcome = train_heads(train_data, val_data, start, heads_config(config), progress=config.progress)
    after = _metrics(outcome.heads, val_data, val)
    notes = ["towers frozen (eval mode), outputs cached once; residual heads trained with symmetric InfoNCE, "
             f"learned temperature {outcome.loss_temperature:.3f}, bridge temperature {outcome.heads.bridge_temperature:.3f}"]
    final = outcome.heads
    if config.refit and config.val is None and outcome.best_epoch > 0:
        # the split chose the epoch count; now use every training pair for that many epochs
        everything = _concat(train_data, val_data)
        refit = train_heads(everything, None, start, heads_config(config, patience=10**6), select_best=False,
                            stop_after=outcome.best_epoch)
        final = refit.heads
        notes.append(f"after choosing {outcome.best_epoch} epochs on the held-out split, the heads were retrained on "
                     "all training pairs for that many epochs (the 'after' metrics are those of the split model)")
    install_heads(model, final)
    if config.progress:
        print(f"heads: best epoch {outcome.best_epoch}, validation mean recall {outcome.best_metric:.3f}", file=sys.stderr)
    return {"before": before, "after": after, "history": outcome.history, "best_epoch": outcome.best_epoch,
            "notes": notes}


def _concat(a: HeadsData, b: HeadsData) -> HeadsData:
    offset = int(a.labels.max()) + 1 if len(a) else 0
    return HeadsData(text=torch.cat([a.text, b.text]),
                     images=ImageFeatures(torch.cat([a.images.pooled, b.images.pooled]),
                                          torch.cat([a.images.logits, b.images.logits])),
                     labels=torch.cat([a.labels, b.labels + offset]))
