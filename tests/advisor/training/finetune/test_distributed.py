"""lora/full fine-tuning launched as two CPU processes (data-parallel over gloo) through `accelerate launch`."""
import importlib.util
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from advisor.training.finetune.distributed import current_launch

REPO = Path(__file__).resolve().parents[4]

needs_accelerate = pytest.mark.skipif(importlib.util.find_spec("accelerate") is None,
                                      reason="accelerate is not installed (extra [train])")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def launch_env(tmp_path) -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
           "CUDA_VISIBLE_DEVICES": "", "OMP_NUM_THREADS": "1", "HF_HUB_OFFLINE": "1",
           "TOKENIZERS_PARALLELISM": "false", "HF_HOME": str(tmp_path / "hf")}  # no personal accelerate config
    env.pop("WORLD_SIZE", None)
    return env


def test_a_plain_run_is_one_main_process():
    launch = current_launch("cpu")
    assert (launch.processes, launch.rank, launch.is_main, launch.distributed) == (1, 0, True, False)


@needs_accelerate
def test_two_cpu_processes_write_one_model(pair_files, tiny_clip, tmp_path):
    out = tmp_path / "runs" / "ddp"
    command = [sys.executable, "-m", "accelerate.commands.launch", "--multi_gpu", "--num_processes", "2",
               "--num_machines", "1", "--mixed_precision", "no", "--dynamo_backend", "no",
               "--main_process_port", str(free_port()),
               "-m", "advisor", "finetune", "--train", pair_files[0], "--val", pair_files[1], "--out", str(out),
               "--mode", "full", "--base", tiny_clip, "--epochs", "1", "--batch-size", "4", "--max-steps", "2", "--json"]
    done = subprocess.run(command, env=launch_env(tmp_path), cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-12000:]
    assert "world size 2" in done.stderr
    payload = json.loads(done.stdout)  # one JSON document: only the main process reports
    assert payload["hyperparameters"]["processes"] == 2
    assert any("gathered across processes" in note for note in payload["notes"])
    assert any("all 2 processes hold the same trained weights" in note for note in payload["notes"])

    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["hyperparameters"]["processes"] == 2 and "t2i_recall@5" in metrics["after"]
    for name in ("curve.png", "README.md", "modules.json"):
        assert (out / name).is_file(), name
    assert sorted(p.name for p in out.parent.iterdir()) == ["ddp"]  # no temporary or scratch directory left over

    from advisor.core.encoder import load_encoder

    trained = load_encoder(str(out), device="cpu").encode_text(["a red heart"])
    assert trained.shape == (1, 16)
    base = load_encoder(tiny_clip, device="cpu").encode_text(["a red heart"])
    assert abs(trained - base).max() > 1e-4  # the two steps moved the weights, so equal replicas mean synced gradients

    from advisor.application.facade import Advisor

    advisor = Advisor.from_settings()
    try:
        assert [Path(record.spec).resolve() for record in advisor.registry.list()] == [out.resolve()]
    finally:
        advisor.close()


def test_from_feedback_is_refused_under_a_launcher(monkeypatch, tmp_path):
    import typer
    from typer.testing import CliRunner

    from advisor.frontdoors.cli.finetune_cmds import register

    app = typer.Typer()
    register(app)
    monkeypatch.setenv("WORLD_SIZE", "2")
    result = CliRunner().invoke(app, ["finetune", "--from-feedback", "--out", str(tmp_path / "o"), "--json"])
    assert result.exit_code == 2 and "one process" in result.stdout
    assert not (tmp_path / "o").exists()
