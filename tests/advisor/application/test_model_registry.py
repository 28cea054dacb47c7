"""The model lifecycle: `advisor finetune` registers, the gate refuses a model trained on wrong pairs,
promotion switches the index, rollback restores the previous model's search results exactly."""
from __future__ import annotations

import json
import threading

import pytest
from typer.testing import CliRunner

from advisor.application.model_registry import RegistryError
from advisor.frontdoors.cli.main import app

QUERIES = ("a red circle", "a blue square", "a yellow triangle")


@pytest.fixture
def pair_files(shapes_dir, tmp_path):
    """The twelve shapes with their captions, and the same images with captions rotated (all wrong)."""
    images = sorted(shapes_dir.glob("*.png"))
    captions = [p.with_suffix(".txt").read_text() for p in images]
    wrong = captions[5:] + captions[:5]
    files = {}
    for name, texts in (("right", captions), ("wrong", wrong)):
        path = tmp_path / f"{name}.jsonl"
        path.write_text("".join(json.dumps({"image": str(i), "caption": c}) + "\n" for i, c in zip(images, texts)))
        files[name] = path
    return files


@pytest.fixture
def home(tmp_path, encoder, shapes_dir):
    """An advisor on the test's ADVISOR_HOME (the one the CLI uses), with the shapes ingested."""
    from advisor.application.facade import Advisor
    from advisor.core.settings import Settings

    adv = Advisor(Settings(), encoder=encoder)
    adv.ingest(shapes_dir)
    yield adv
    adv.close()


def finetune(train, out, *extra) -> dict:
    result = CliRunner().invoke(app, ["finetune", "--train", str(train), "--out", str(out), "--mode", "heads",
                                      "--epochs", "1", "--json", *extra])
    assert "registered as v" in result.stderr
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout.strip().splitlines()[-1])


def results(adv) -> list[tuple[int, float]]:
    return [(h.id, h.score) for q in QUERIES for h in adv.search(q, k=5)]


def test_gate_refuses_a_model_trained_on_wrong_pairs(home, pair_files, tmp_path):
    run = finetune(pair_files["wrong"], tmp_path / "wrong-model")
    version = home.registry.version_of(run["out"])
    record = home.registry.get(version)
    assert record.status == "candidate" and record.mode == "heads" and len(record.train_hash) == 64
    with pytest.raises(RegistryError, match="refused"):
        home.registry.promote(version, pairs=pair_files["right"])
    assert home.encoder_spec == "default" and home.registry.get(version).status == "candidate"
    gate = home.registry.gate(record, pair_files["right"])
    assert gate.candidate < gate.serving and not gate.passed
    # the CLI says the same, and --force overrides
    refused = CliRunner().invoke(app, ["models", "promote", version, "--pairs", str(pair_files["right"]), "--json"])
    assert refused.exit_code != 0 and "refused" in refused.output
    with pytest.raises(RegistryError, match="held-out"):
        home.registry.promote(version)  # no held-out pairs were recorded (trained without --val)


def test_promote_switches_and_rollback_restores_exactly(home, pair_files, tmp_path):
    before = results(home)
    assert home.model_version == "default"
    run = finetune(pair_files["wrong"], tmp_path / "forced-model")  # surely a different model
    version = home.registry.version_of(run["out"])
    searched, failures, done = [], [], threading.Event()

    def search_during_switch() -> None:  # the old index keeps answering until the new one is complete
        while not done.is_set():
            try:
                searched.append(len(home.search("a red circle", k=5)))
            except Exception as exc:  # noqa: BLE001 - collected and asserted on below
                failures.append(repr(exc))

    reader = threading.Thread(target=search_during_switch)
    reader.start()
    try:
        report = home.registry.promote(version, pairs=pair_files["right"], force=True)
    finally:
        done.set()
        reader.join()
    assert not failures and searched and set(searched) == {5}
    assert not report.gate.passed and report.forced
    assert report.serving == version and report.previous == "default" and report.index.agree
    assert report.index.vectors == 12
    assert home.model_version == version and home.registry.get(version).status == "serving"
    promoted = results(home)
    assert promoted != before  # another model embeds the catalog and the queries
    assert home.ask("find a green square").model_version == version
    listed = CliRunner().invoke(app, ["models", "list", "--json"])
    assert json.loads(listed.stdout)["serving"] == version

    back = home.registry.rollback()
    assert back.serving == "default" and back.previous == version and back.index.agree
    assert home.registry.get(version).status == "retired"
    assert results(home) == before
    with pytest.raises(RegistryError, match="nothing to roll back"):
        home.registry.rollback()


def test_finetune_from_feedback_uses_liked_items(home, tmp_path):
    ids = home.store.item_ids()
    for item_id in ids[:10]:
        home.feedback("ana", item_id, "like")
    run = finetune_from_feedback(tmp_path / "feedback-model")
    record = home.registry.get(home.registry.version_of(run["out"]))
    assert run["train_pairs"] + run["val_pairs"] == 10 and record.heldout.endswith("feedback-heldout.jsonl")
    # nothing new since that model: the next window is empty
    again = CliRunner().invoke(app, ["finetune", "--from-feedback", "--out", str(tmp_path / "next"), "--json"])
    assert again.exit_code != 0 and "0 liked or bought" in again.output


def finetune_from_feedback(out) -> dict:
    result = CliRunner().invoke(app, ["finetune", "--from-feedback", "--out", str(out), "--mode", "heads",
                                      "--epochs", "1", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout.strip().splitlines()[-1])
