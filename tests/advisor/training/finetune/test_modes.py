"""Each mode runs on a tiny real dataset, saves, and reloads with identical embeddings."""
import json

import pytest

from advisor.training.finetune import FinetuneConfig, TooFewPairsError, evaluate_pairs, finetune
from tests.advisor.training.finetune.conftest import write_jsonl

OUTPUT_FILES = ("metrics.json", "curve.png", "README.md", "modules.json")


def check_output(result, out):
    for name in OUTPUT_FILES:
        assert (out / name).is_file(), name
    metrics = json.loads((out / "metrics.json").read_text())
    for key in ("t2i_recall@1", "t2i_recall@5", "t2i_recall@10", "i2t_recall@10", "t2i_median_rank"):
        assert 0 <= metrics["before"][key] and 0 <= metrics["after"][key]
    assert any("reload verified" in note for note in result.notes)
    assert not [p for p in out.parent.iterdir() if ".tmp-" in p.name]


def test_heads_mode(pair_files, tmp_path):
    out = tmp_path / "heads"
    result = finetune(FinetuneConfig(train=pair_files[0], val=pair_files[1], out=out, mode="heads", epochs=20,
                                     progress=False))
    check_output(result, out)
    assert result.after["mean_recall"] >= result.before["mean_recall"]
    # `advisor eval` on the saved model reproduces the metrics computed on cached features
    metrics = evaluate_pairs(pair_files[1], model=out)
    for key in ("t2i_recall@1", "t2i_recall@5", "i2t_recall@5"):
        assert metrics[key] == pytest.approx(result.after[key], abs=0.02)


def test_lora_mode(pair_files, tmp_path):
    out = tmp_path / "lora"
    result = finetune(FinetuneConfig(train=pair_files[0], val=pair_files[1], out=out, mode="lora", epochs=1,
                                     batch_size=8, max_steps=2, progress=False))
    check_output(result, out)
    assert any("merged" in note for note in result.notes)
    from safetensors import safe_open

    for weights in out.rglob("*.safetensors"):
        with safe_open(str(weights), "pt") as handle:
            assert not [k for k in handle.keys() if "lora" in k]


def test_heads_mode_on_a_clip_checkpoint(pair_files, tiny_clip, tmp_path):
    out = tmp_path / "clip-heads"
    result = finetune(FinetuneConfig(train=pair_files[0], val=pair_files[1], out=out, mode="heads", base=tiny_clip,
                                     epochs=1, batch_size=8, max_steps=2, progress=False))
    check_output(result, out)
    from advisor.core.encoder import load_encoder

    assert load_encoder(str(out), device="cpu").encode_text(["a cat"]).shape == (1, 16)


def test_interrupt_leaves_no_half_written_model(pair_files, tmp_path, monkeypatch):
    import advisor.training.finetune.run as run

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(run, "_train", interrupted)
    with pytest.raises(KeyboardInterrupt):
        finetune(FinetuneConfig(train=pair_files[0], val=pair_files[1], out=tmp_path / "run", progress=False))
    assert list(tmp_path.iterdir()) == []


def test_bad_inputs(pair_files, emoji_rows, tmp_path):
    from advisor.core.encoder import EncoderLoadError

    one = write_jsonl(tmp_path / "one.jsonl", [{"image": emoji_rows[0].path, "caption": emoji_rows[0].caption}])
    with pytest.raises(TooFewPairsError):
        finetune(FinetuneConfig(train=one, out=tmp_path / "o", progress=False))
    with pytest.raises(EncoderLoadError, match="nope"):
        finetune(FinetuneConfig(train=pair_files[0], val=pair_files[1], out=tmp_path / "o", base=str(tmp_path / "nope"),
                                progress=False))
    with pytest.raises(ValueError):
        FinetuneConfig(train=pair_files[0], out=tmp_path / "o", mode="everything")
    with pytest.raises(ValueError):
        FinetuneConfig(train=pair_files[0], out=tmp_path / "o", unknown_key=1)
