"""What a run leaves behind: the model, ``metrics.json``, ``curve.png`` and a ``README.md`` model card,
written into a temporary sibling directory and renamed into place, so an interrupted run leaves nothing half-written.
"""
from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import tempfile
from pathlib import Path

from advisor.training.finetune.evaluate import KS

log = logging.getLogger(__name__)


@contextlib.contextmanager
def atomic_directory(out: Path):
    """Yield a temporary directory beside ``out``; on success it replaces ``out``, on any error it is removed."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        yield tmp
        old = None
        if out.exists():
            old = out.parent / f".{out.name}.old-{os.getpid()}"
            os.replace(out, old)
        os.replace(tmp, out)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:  # KeyboardInterrupt included: leave no half-written model behind
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def write_metrics(path: Path, result) -> None:
    path.write_text(json.dumps(result.model_dump(mode="json"), indent=2) + "\n")


def plot_curve(path: Path, history: list[dict], title: str) -> None:
    """Training loss and validation metric per epoch (matplotlib, Agg backend); skipped without matplotlib."""
    try:
        import matplotlib  # noqa: PLC0415 - optional extra [train]: plots only
    except ModuleNotFoundError:
        log.warning("no training-curve plot: matplotlib is not installed (pip install 'smart-advisor[train]')")
        return

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt  # noqa: PLC0415 - optional extra [train]: plots only

    fig, axis = plt.subplots(figsize=(6, 3.5), dpi=100)
    losses = [(h["epoch"], h["train_loss"]) for h in history if h.get("train_loss") is not None]
    scores = [(h["epoch"], h["val_metric"]) for h in history if h.get("val_metric") is not None]
    if losses:
        axis.plot(*zip(*losses), color="tab:blue", marker=".", label="training loss")
    axis.set_xlabel("epoch")
    axis.set_ylabel("training loss (InfoNCE)", color="tab:blue")
    twin = axis.twinx()
    if scores:
        twin.plot(*zip(*scores), color="tab:orange", marker=".", label="validation mean recall")
    twin.set_ylabel("validation mean recall@1/5/10", color="tab:orange")
    axis.set_title(title)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def _metrics_table(before: dict, after: dict) -> list[str]:
    rows = ["| metric | before | after |", "|---|---|---|"]
    for direction in ("t2i", "i2t"):
        for k in KS:
            key = f"{direction}_recall@{k}"
            rows.append(f"| {key} | {before.get(key, float('nan')):.3f} | {after.get(key, float('nan')):.3f} |")
        key = f"{direction}_median_rank"
        rows.append(f"| {key} | {before.get(key, float('nan')):.1f} | {after.get(key, float('nan')):.1f} |")
    return rows


def write_model_card(path: Path, result) -> None:
    lines = [
        f"# Fine-tuned encoder ({result.mode})",
        "",
        f"- base: `{result.base}`",
        f"- mode: `{result.mode}`",
        f"- training pairs: {result.train_pairs}; validation pairs: {result.val_pairs} ({result.val_source})",
        f"- skipped rows: {len(result.skipped)}",
        f"- best epoch: {result.best_epoch:g}; wall time {result.seconds:.1f} s; peak memory {result.peak_memory_mb:.0f} MB",
        "",
        "Load it with `advisor.load_encoder(\"<this directory>\")` or `ADVISOR_ENCODER=<this directory>`.",
        "",
        "## Hyper-parameters",
        "",
        *[f"- {key}: {value}" for key, value in sorted(result.hyperparameters.items())],
        "",
        "## Validation metrics (recall = share of queries whose right answer is in the top k)",
        "",
        *_metrics_table(result.before, result.after),
        "",
        "## Notes",
        "",
        *[f"- {note}" for note in result.notes],
        "",
        "![training curve](curve.png)",
        "",
    ]
    path.write_text("\n".join(lines))
