"""Settings: environment (prefix ``ADVISOR_``), an optional TOML file, or keyword overrides.

Example::

    >>> from advisor.settings import Settings
    >>> s = Settings(home="/tmp/adv")          # doctest: +SKIP
    >>> s.db_url                               # doctest: +SKIP
    'sqlite:////tmp/adv/advisor.db'
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict, TomlConfigSettingsSource


class Settings(BaseSettings):
    """Everything the advisor reads from its environment. Unknown keys are rejected."""

    model_config = SettingsConfigDict(env_prefix="ADVISOR_", extra="forbid", validate_assignment=True)

    home: Path = Field(default=Path("./.advisor"), description="Data home: database, indexes, uploads, models.")
    db_url: str | None = Field(default=None, description="SQLAlchemy URL; default a SQLite file under the data home.")
    encoder: str = Field(default="default", description="'default' (offline MiniLM + EfficientNet-Lite0), a model directory or a hub id.")
    device: Literal["auto", "cpu", "cuda", "mps"] = Field(default="auto", description="Where the encoder runs; 'auto' picks cuda when present.")
    encoder_backend: Literal["auto", "torch", "int8", "onnx"] = Field(default="auto", description="CPU inference path of the encoder's towers: auto (ONNX Runtime for the default towers on CPU, else torch), torch (reference), int8 (dynamic int8 text tower), onnx (ONNX Runtime); see docs/BENCHMARKS.md.")
    batch_size: int = Field(default=32, ge=1, le=4096, description="Encoding batch size.")
    max_image_pixels: int = Field(default=50_000_000, ge=1, description="Images with more pixels are refused (decompression bombs).")
    max_file_bytes: int = Field(default=50 * 1024 * 1024, ge=1, description="Files larger than this are refused.")
    max_text_chars: int = Field(default=10_000, ge=1, description="Messages and captions longer than this are refused or truncated.")
    index_type: Literal["auto", "flat", "ivf", "hnsw"] = Field(default="auto", description="FAISS index type; 'auto' chooses by size.")
    use_gpu: bool = Field(default=True, description="Move the FAISS index to the GPU when FAISS sees one.")
    index_backend: Literal["faiss", "milvus"] = Field(default="faiss", description="Vector engine: 'faiss' (a file per embedding space under the data home) or 'milvus' (a collection per space; see docs/SCALING.md).")
    milvus_uri: str | None = Field(default=None, description="Milvus to use with index_backend='milvus': a Milvus Lite file (default <home>/index/milvus.db) or http://host:19530 for a server or cluster.")
    milvus_token: SecretStr | None = Field(default=None, description="Milvus credentials ('user:password' or an API key) for a server that requires them.")
    log_level: str = Field(default="WARNING", description="Logging level for the advisor's own loggers.")
    config_file: Path | None = Field(default=None, description="Optional TOML file with any of these keys.")
    ui_password: SecretStr | None = Field(default=None, description="Password for the app's medical and surveillance pages (ADVISOR_UI_PASSWORD); unset: the local app runs open.")
    api_keys: SecretStr | None = Field(default=None, description="REST service keys for a simple deployment (ADVISOR_API_KEYS): 'KEY=scope,scope;KEY2=*', "
                                                                 "each key at least 16 characters; see docs/SERVICE.md. Keys made with `advisor keys create` live hashed in the database.")

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings, dotenv_settings, file_secret_settings):
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        toml_path = os.environ.get("ADVISOR_CONFIG_FILE")
        if toml_path:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=toml_path))
        return tuple(sources)

    @field_validator("home", mode="after")
    @classmethod
    def _expand_home(cls, value: Path) -> Path:
        return value.expanduser().resolve()

    @field_validator("db_url")
    @classmethod
    def _db_url_not_blank(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            return None
        return value

    @model_validator(mode="after")
    def _fill_db_url(self) -> Settings:
        if self.db_url is None:
            object.__setattr__(self, "db_url", f"sqlite:///{self.home / 'advisor.db'}")
        return self

    @property
    def index_dir(self) -> Path:
        return self.home / "index"

    @property
    def resolved_milvus_uri(self) -> str:
        """The Milvus URI in use: the configured one, else a Milvus Lite file under the data home."""
        return self.milvus_uri or str(self.index_dir / "milvus.db")

    @property
    def uploads_dir(self) -> Path:
        return self.home / "uploads"

    @property
    def models_dir(self) -> Path:
        return self.home / "models"

    def ensure_home(self) -> Path:
        for path in (self.home, self.index_dir, self.uploads_dir, self.models_dir):
            path.mkdir(parents=True, exist_ok=True)
        return self.home

    def resolved_device(self) -> str:
        if self.device != "auto":
            return self.device
        import torch  # noqa: PLC0415 - torch is heavy: loaded on first use

        return "cuda" if torch.cuda.is_available() else "cpu"
