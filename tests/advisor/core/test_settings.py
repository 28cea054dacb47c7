import pytest
from pydantic import ValidationError

from advisor.core.settings import Settings


def test_defaults_and_env(monkeypatch, tmp_path):
    monkeypatch.setenv("ADVISOR_HOME", str(tmp_path))
    monkeypatch.setenv("ADVISOR_DEVICE", "cpu")
    s = Settings()
    assert s.home == tmp_path.resolve()
    assert s.db_url == f"sqlite:///{tmp_path.resolve() / 'advisor.db'}"
    assert s.device == "cpu" and s.encoder == "default"


def test_unknown_keys_and_bad_values_rejected():
    with pytest.raises(ValidationError):
        Settings(no_such_key=1)
    with pytest.raises(ValidationError):
        Settings(device="tpu")


def test_toml_file(monkeypatch, tmp_path):
    cfg = tmp_path / "advisor.toml"
    cfg.write_text('encoder = "some/dir"\nbatch_size = 8\n')
    monkeypatch.setenv("ADVISOR_CONFIG_FILE", str(cfg))
    s = Settings()
    assert s.encoder == "some/dir" and s.batch_size == 8


def test_explicit_db_url_kept(tmp_path):
    assert Settings(home=tmp_path, db_url="sqlite:///x.db").db_url == "sqlite:///x.db"
