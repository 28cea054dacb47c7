"""``lora`` and ``full`` modes (and ``heads`` for non-default architectures) through the sentence-transformers
trainer: symmetric InfoNCE (``MultipleNegativesRankingLoss`` both directions, one softmax per direction, as CLIP),
AdamW with per-group learning rates, warm-up then cosine decay, early stopping on validation recall.

Launched as several processes, each one takes ``batch_size`` pairs per step and the loss gathers the embeddings of
all processes, so every pair is contrasted with the whole global batch (as one process with a batch that large).
"""
from __future__ import annotations

import contextlib
import logging
import math
import sys
import tempfile
from pathlib import Path

import torch
import torch.distributed as dist
from sentence_transformers import SentenceTransformerTrainer, SentenceTransformerTrainingArguments
from sentence_transformers.base.evaluation import BaseEvaluator
from sentence_transformers.base.training_args import BatchSamplers
from sentence_transformers.sentence_transformer.losses import MultipleNegativesRankingLoss
from sentence_transformers.sentence_transformer.modules import Router
from torch import nn
from transformers import TrainerCallback

from advisor.core.encoder import Encoder
from advisor.core.encoder.images import load_image
from advisor.core.encoder.modules import to_rgb_on_white
from advisor.core.errors import missing_extra
from advisor.training.finetune.config import FinetuneConfig
from advisor.training.finetune.distributed import Launch
from advisor.training.finetune.evaluate import ids_of, retrieval_metrics
from advisor.training.finetune.pairs import PairSet, TooFewPairsError
from advisor.training.finetune.towers import is_head_parameter, prepare_trainable

log = logging.getLogger(__name__)

LOSS_SCALE = 20.0  # 1 / temperature 0.05: sentence-transformers' tuned default, CLIP's learned value is ~100
PRIMARY = "mean_recall"


def _evaluator_class():
    class PairRetrievalEvaluator(BaseEvaluator):
        """Recall@1/5/10 both ways on validation pairs; primary metric: their mean."""

        def __init__(self, pairs: PairSet, name: str = "val", batch_size: int = 32):
            super().__init__()
            self.pairs, self.name, self.batch_size = pairs, name, batch_size
            self.primary_metric = PRIMARY

        def __call__(self, model, output_path=None, epoch: int = -1, steps: int = -1) -> dict[str, float]:
            metrics = pair_metrics(model, self.pairs, self.batch_size)
            metrics = {k: v for k, v in metrics.items() if k != "pairs"}
            metrics = self.prefix_name_to_metrics(metrics, self.name)
            self.store_metrics_in_model_card_data(model, metrics, epoch, steps)
            return metrics

    return PairRetrievalEvaluator


@torch.no_grad()
def pair_metrics(model, pairs: PairSet, batch_size: int = 32) -> dict[str, float]:
    """Retrieval metrics of a SentenceTransformer on pairs, encoded exactly as :class:`Encoder` does."""
    was_training = model.training
    model.eval()
    encoder = Encoder(model, spec="in-memory", device=str(model.device), batch_size=batch_size)
    text = encoder.encode_text(pairs.captions)
    images = encoder.encode_images(pairs.images)
    model.train(was_training)
    return retrieval_metrics(text, images, ids_of(pairs.captions), ids_of(pairs.images))


def _callback_class():
    class KeepBest(TrainerCallback):
        """Early stopping with patience on the validation metric; restores the best trainable weights at the end
        (kept in memory: no checkpoint of a 100 MB model per epoch)."""

        def __init__(self, model: nn.Module, metric_key: str, patience: int):
            self.model, self.metric_key, self.patience = model, metric_key, patience
            self.best, self.best_epoch, self.best_state, self.stale = -math.inf, 0.0, None, 0
            self.history: list[dict] = []
            self._loss: float | None = None

        def on_log(self, args, state, control, logs=None, **kwargs):
            if logs and "loss" in logs:
                self._loss = float(logs["loss"])

        def on_evaluate(self, args, state, control, metrics=None, **kwargs):
            score = float((metrics or {}).get(self.metric_key, math.nan))
            self.history.append({"epoch": round(float(state.epoch or 0), 3), "train_loss": self._loss, "val_metric": score})
            if score > self.best + 1e-4:
                self.best, self.best_epoch, self.stale = score, float(state.epoch or 0), 0
                self.best_state = {n: p.detach().clone() for n, p in self.model.named_parameters() if p.requires_grad}
            else:
                self.stale += 1
                if self.stale >= self.patience:
                    control.should_training_stop = True

        def restore(self) -> None:
            if self.best_state is None:
                return
            params = dict(self.model.named_parameters())
            with torch.no_grad():
                for name, value in self.best_state.items():
                    params[name].copy_(value)

    return KeepBest


def to_dataset(pairs: PairSet):
    """A ``datasets.Dataset`` with a text column ``caption`` and a PIL column ``image`` (flattened on white)."""
    try:
        from datasets import Dataset  # noqa: PLC0415 - optional extra [train]
    except ImportError as exc:  # pragma: no cover - install hint
        raise missing_extra("datasets (lora/full fine-tuning)", "train") from exc

    dataset = Dataset.from_dict({"caption": list(pairs.captions), "image": list(pairs.images)})

    def decode(batch):
        return {"caption": batch["caption"], "image": [to_rgb_on_white(load_image(p)) for p in batch["image"]]}

    return dataset.with_transform(decode)


def _optimizer(model: nn.Module, config: FinetuneConfig) -> torch.optim.Optimizer:
    lr, decay = config.resolved("lr"), config.resolved("weight_decay")
    groups: dict[tuple[bool, bool], list] = {}
    for name, param in model.named_parameters():
        if param.requires_grad:
            groups.setdefault((is_head_parameter(name), param.dim() > 1), []).append(param)
    param_groups = [{"params": params, "lr": lr if head else lr * config.tower_lr_ratio,
                     "weight_decay": decay if matrix else 0.0}
                    for (head, matrix), params in groups.items()]
    return torch.optim.AdamW(param_groups, lr=lr)


def train_with_trainer(model, train: PairSet, val: PairSet, config: FinetuneConfig, work_dir: Path,
                       launch: Launch | None = None) -> dict:
    """Fine-tune ``model`` in place; returns ``{"history", "best_epoch", "notes"}``.

    Under a launcher every process calls this together; the evaluator runs on the main process and its metrics are
    broadcast, so early stopping decides alike everywhere.
    """
    processes = launch.processes if launch else 1
    notes = prepare_trainable(model, config)
    loss = MultipleNegativesRankingLoss(model, scale=LOSS_SCALE, directions=("query_to_doc", "doc_to_query"),
                                        partition_mode="per_direction", gather_across_devices=processes > 1)
    evaluator = _evaluator_class()(val, name="val")
    keep_best = _callback_class()(model, f"eval_val_{PRIMARY}", config.patience)
    # gathering needs equal batches on every process: several processes drop the incomplete last batch
    batch_size = min(config.resolved("batch_size"), len(train) // processes)
    if batch_size < 2:
        raise TooFewPairsError(f"{len(train)} training pairs are too few for {processes} processes "
                               "(each needs 2 pairs per step)")
    if processes > 1:
        notes.append(f"data-parallel over {processes} processes: {batch_size} pairs per process per step, "
                     f"negatives gathered across processes (global batch {batch_size * processes})")
    args = SentenceTransformerTrainingArguments(
        output_dir=str(work_dir), num_train_epochs=config.resolved("epochs"), max_steps=config.max_steps or -1,
        per_device_train_batch_size=batch_size, per_device_eval_batch_size=batch_size,
        gradient_accumulation_steps=config.gradient_accumulation, learning_rate=config.resolved("lr"),
        weight_decay=config.resolved("weight_decay"), warmup_steps=config.warmup_fraction, lr_scheduler_type="cosine",
        eval_strategy="epoch", logging_strategy="epoch", save_strategy="no", seed=config.seed, data_seed=config.seed,
        batch_sampler=BatchSamplers.NO_DUPLICATES, router_mapping=_router_mapping(model),
        # the loss runs the model twice per step (captions, then images), each pass reaching one tower: the default
        # unused-parameter search would mark the first tower unused; a static graph syncs each gradient once
        ddp_find_unused_parameters=False, ddp_static_graph=True,
        dataloader_drop_last=processes > 1, dataloader_pin_memory=False, report_to=[], disable_tqdm=not config.progress, use_cpu=str(model.device) == "cpu",
    )
    trainer = SentenceTransformerTrainer(model=model, args=args, train_dataset=to_dataset(train), loss=loss,
                                         evaluator=evaluator, callbacks=[keep_best],
                                         optimizers=(_optimizer(model, config), None))
    # the trainer prints its log dicts on stdout, which belongs to --json output: send them to stderr
    with contextlib.redirect_stdout(sys.stderr):
        trainer.train()
        if config.max_steps and not keep_best.history:  # a run shorter than one epoch: evaluate once
            trainer.evaluate()
    keep_best.restore()
    model.eval()
    if processes > 1:
        notes.append(replicas_agree(model))
    return {"history": keep_best.history, "best_epoch": keep_best.best_epoch, "notes": notes}


@torch.no_grad()
def replicas_agree(model: nn.Module) -> str:
    """Check that every process ends with the same trainable weights (gradients were averaged, not local)."""
    checksum = sum(float(p.double().abs().sum()) for p in model.parameters() if p.requires_grad)
    checksums: list = [None] * dist.get_world_size()
    dist.all_gather_object(checksums, checksum)
    spread = max(checksums) - min(checksums)
    if spread > 1e-6 * max(1.0, abs(checksum)):
        raise RuntimeError(f"the training processes ended with different weights (checksums {checksums})")
    return f"all {len(checksums)} processes hold the same trained weights (checksum spread {spread:.1e})"


def _router_mapping(model) -> dict[str, str]:
    if any(isinstance(module, Router) for module in model.children()):
        return {"caption": "query", "image": "document"}
    return {}


def scratch_dir(parent: Path) -> tempfile.TemporaryDirectory:
    parent.mkdir(parents=True, exist_ok=True)
    return tempfile.TemporaryDirectory(prefix=".trainer-", dir=parent)
