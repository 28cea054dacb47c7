import json

import typer
from typer.testing import CliRunner

from advisor.frontdoors.cli.finetune_cmds import register

app = typer.Typer()
register(app)
runner = CliRunner()


def test_eval_json_reports_all_metrics(pair_files):
    result = runner.invoke(app, ["eval", "--pairs", pair_files[1], "--model", "default", "--json", "--report"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout.strip().splitlines()[-1])
    for key in ("t2i_recall@1", "t2i_recall@5", "t2i_recall@10", "i2t_recall@1", "i2t_recall@5", "i2t_recall@10",
                "t2i_median_rank", "i2t_median_rank"):
        assert key in metrics
    assert {"matched", "unmatched", "threshold"} <= set(metrics["report"])


def test_bad_inputs_are_clear_errors(tmp_path, pair_files):
    missing = runner.invoke(app, ["eval", "--pairs", str(tmp_path / "none.jsonl"), "--json"])
    assert missing.exit_code == 2 and "not found" in missing.stdout
    bad_mode = runner.invoke(app, ["finetune", "--train", pair_files[0], "--out", str(tmp_path / "o"),
                                   "--mode", "everything", "--json"])
    assert bad_mode.exit_code == 2 and "mode" in bad_mode.stdout


def test_full_mode_through_the_cli_prints_one_json_document(pair_files, tmp_path):
    result = runner.invoke(app, ["finetune", "--train", pair_files[0], "--val", pair_files[1], "--out",
                                 str(tmp_path / "run"), "--mode", "full", "--epochs", "1", "--batch-size", "8", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)  # progress and trainer logs went to stderr
    assert payload["mode"] == "full" and "t2i_recall@5" in payload["after"]
    from advisor.training.finetune import FinetuneResult
    from tests.advisor.training.finetune.test_modes import check_output

    check_output(FinetuneResult(**payload), tmp_path / "run")
