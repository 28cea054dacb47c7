"""`advisor finetune` and `advisor eval`: JSON on stdout with --json, progress and prose on stderr."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from pydantic import ValidationError

from advisor.frontdoors.cli.common import emit_json, fail, get_advisor


def finetune_cmd(
    train: Optional[Path] = typer.Option(None, "--train", help="JSONL pairs {image, caption} to train on."),
    out: Path = typer.Option(..., "--out", help="Directory for the model, metrics.json, curve.png, README.md."),
    val: Optional[Path] = typer.Option(None, "--val", help="JSONL pairs for early stopping and metrics (default: a seeded split)."),
    mode: str = typer.Option("heads", "--mode", help="heads | lora | full."),
    base: str = typer.Option("default", "--base", help="'default', a saved model directory, a HF CLIP directory or hub id."),
    epochs: Optional[int] = typer.Option(None, "--epochs", min=1, help="Maximum epochs (default per mode)."),
    lr: Optional[float] = typer.Option(None, "--lr", help="Peak learning rate (default per mode)."),
    batch_size: Optional[int] = typer.Option(None, "--batch-size", min=2, help="Pairs per step (default per mode)."),
    seed: int = typer.Option(0, "--seed", help="Seed for the split, shuffling and initialisation."),
    max_steps: Optional[int] = typer.Option(None, "--max-steps", min=1, help="Stop after this many optimiser steps "
                                                                         "(lora/full): a quick trial run."),
    from_feedback: bool = typer.Option(False, "--from-feedback", help="Train on the liked/bought items (image, "
                                                                      "caption) since the last registered model."),
    register_model: bool = typer.Option(True, "--register/--no-register", help="Record the run in the model "
                                                                               "registry as a candidate."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON on stdout."),
) -> None:
    """Fine-tune the encoder on image-caption pairs, report before/after recall, and register the model.

    lora and full modes train data-parallel when launched as several processes
    (one per GPU; CPU processes on a machine without GPUs), e.g.
    accelerate launch --multi_gpu --num_processes 2 -m advisor finetune ...
    or torchrun --nproc_per_node 2 -m advisor finetune ...
    --batch-size is then per process; only the main process writes --out,
    prints the result and registers the model.
    """
    from advisor.core.encoder import EncoderLoadError  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast
    from advisor.training.finetune import FinetuneConfig, PairsError, finetune  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast
    from advisor.training.finetune.distributed import launched_processes  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast

    if from_feedback == (train is not None):
        fail("give either --train FILE or --from-feedback", as_json=as_json)
    if from_feedback and launched_processes() > 1:
        fail("--from-feedback writes its pair files from the data home: run it in one process, or write the pairs "
             "to a file and pass --train/--val to the launched processes", as_json=as_json)
    if from_feedback:
        try:
            train, val = _feedback_files(out, val, seed)
        except PairsError as exc:
            fail(str(exc), as_json=as_json)
    try:
        config = FinetuneConfig(train=train, val=val, out=out, mode=mode, base=base, epochs=epochs, lr=lr,
                                batch_size=batch_size, seed=seed, max_steps=max_steps)
    except ValidationError as exc:
        fail("; ".join(f"{'.'.join(map(str, e['loc'])) or 'config'}: {e['msg']}" for e in exc.errors()), as_json=as_json)
    try:
        result = finetune(config)
    except (PairsError, EncoderLoadError) as exc:
        fail(str(exc), as_json=as_json)
    if result is None:  # another process of a launched run: the main process writes, reports and registers
        return
    if register_model:
        _register(result, train, val)  # the version goes to stderr: the JSON document stays a FinetuneResult
    if as_json:
        emit_json(result)
        return
    from advisor.training.finetune.evaluate import format_metrics  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast

    typer.echo(f"before:\n{format_metrics(result.before)}", err=True)
    typer.echo(f"after:\n{format_metrics(result.after)}", err=True)
    typer.echo(f"{result.mode} fine-tuning done in {result.seconds:.1f}s (peak memory {result.peak_memory_mb:.0f} MB); "
               f"model in {result.out}", err=True)


def _feedback_files(out: Path, val: Optional[Path], seed: int) -> tuple[Path, Optional[Path]]:
    """Pair files from feedback since the last registered model, beside the output directory."""
    from advisor.training.feedback_pairs import write_feedback_pairs  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast

    advisor = get_advisor()
    folder = out.expanduser().resolve().parent / f".{out.name}-feedback"
    train, heldout, count = write_feedback_pairs(advisor.store, advisor.registry.last_created_at(), folder, seed=seed)
    typer.echo(f"{count} pairs from feedback (train {train}, held out {heldout})", err=True)
    return train, val or heldout


def _register(result, train: Path, val: Optional[Path]) -> Optional[str]:
    """Record the run as a registry candidate; a failure here is reported and leaves the model on disk."""
    try:
        record = get_advisor().registry.register_run(result, train_file=train, heldout=val)
    except Exception as exc:  # noqa: BLE001 - the trained model is already saved; say why it is not registered
        typer.echo(f"warning: the model was not registered ({type(exc).__name__}: {exc})", err=True)
        return None
    typer.echo(f"registered as {record.version} (candidate); promote with `advisor models promote "
               f"{record.version}`", err=True)
    return record.version


def eval_cmd(
    pairs: Path = typer.Option(..., "--pairs", help="JSONL pairs {image, caption} to evaluate on."),
    model: Optional[str] = typer.Option(None, "--model", help="Encoder: a fine-tuned directory, 'default' or a CLIP checkpoint "
                                                             "(default: the configured encoder)."),
    report: bool = typer.Option(False, "--report", help="Add the matched/unmatched classification report."),
    as_json: bool = typer.Option(False, "--json", help="Print the metrics as JSON on stdout."),
) -> None:
    """Recall@1/5/10 (text->image, image->text) and median rank on captioned images."""
    from advisor.core.encoder import EncoderLoadError  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast
    from advisor.training.finetune import PairsError, evaluate_pairs  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast
    from advisor.training.finetune.evaluate import format_metrics, format_report  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast

    try:
        metrics = evaluate_pairs(pairs, model=model, report=report, progress=not as_json)
    except (PairsError, EncoderLoadError) as exc:
        fail(str(exc), as_json=as_json)
    if as_json:
        emit_json(metrics)
        return
    typer.echo(f"{metrics['pairs']} pairs ({metrics['skipped']} skipped)", err=True)
    typer.echo(format_metrics(metrics))
    if report:
        typer.echo(format_report(metrics["report"]))


def register(app: typer.Typer) -> None:
    app.command("finetune")(finetune_cmd)
    app.command("eval")(eval_cmd)
