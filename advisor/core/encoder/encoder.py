"""One interface for every image+text model: ``encode_text`` and ``encode_images`` -> normalised float32 (n, d).

Example::

    >>> from advisor import load_encoder
    >>> enc = load_encoder()                                   # doctest: +SKIP
    >>> enc.encode_text(["a red apple"]).shape                 # doctest: +SKIP
    (1, 384)
"""
from __future__ import annotations

import importlib
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from advisor.core.encoder.images import ImageLoadError, load_image
from advisor.core.settings import Settings

log = logging.getLogger(__name__)

TRUSTED_MODULE_PREFIXES = ("sentence_transformers.", "advisor.")


class EncoderLoadError(RuntimeError):
    """The encoder spec could not be loaded; the message says why and what to do."""


def _normalise(array: np.ndarray) -> np.ndarray:
    array = np.asarray(array, dtype=np.float32)
    norms = np.linalg.norm(array, axis=-1, keepdims=True)
    return np.ascontiguousarray(array / np.maximum(norms, 1e-12), dtype=np.float32)


class Encoder:
    """A loaded dual encoder. ``model`` is a SentenceTransformer whose routes take text and images."""

    def __init__(self, model: Any, spec: str, device: str, batch_size: int = 32,
                 max_image_pixels: int = 50_000_000, max_file_bytes: int = 50 * 1024 * 1024, backend: str = "torch"):
        self.model = model
        self.backend = backend
        self.spec = spec
        self.device = device
        self.batch_size = batch_size
        self.max_image_pixels = max_image_pixels
        self.max_file_bytes = max_file_bytes
        self._dim: int | None = None

    @property
    def dim(self) -> int:
        if self._dim is None:
            self._dim = int(self.encode_text(["dimension probe"]).shape[1])
        return self._dim

    def encode_text(self, texts: Sequence[str], batch_size: int | None = None, progress: bool = False) -> np.ndarray:
        if isinstance(texts, str):
            raise TypeError("encode_text takes a list of strings, not a single string")
        texts = list(texts)
        for position, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError(f"text {position} is {type(text).__name__}, not str")
        if not texts:
            return np.zeros((0, self._dim or 0), np.float32)
        vectors = self.model.encode(texts, batch_size=batch_size or self.batch_size, convert_to_numpy=True,
                                    show_progress_bar=progress, normalize_embeddings=True)
        return _normalise(vectors)

    def load_images(self, images: Sequence[Any]) -> list:
        return [load_image(image, self.max_image_pixels, self.max_file_bytes) for image in images]

    def encode_images(self, images: Sequence[Any], batch_size: int | None = None, progress: bool = False) -> np.ndarray:
        """Encode images (PIL images or paths). A bad image raises :class:`ImageLoadError` naming it."""
        if isinstance(images, (str, os.PathLike)):
            raise TypeError("encode_images takes a list of images or paths")
        images = list(images)
        if not images:
            return np.zeros((0, self._dim or 0), np.float32)
        batch = batch_size or self.batch_size
        chunks = []
        for start in range(0, len(images), batch):
            loaded = [self._prepare(image) for image in self.load_images(images[start:start + batch])]
            chunks.append(self.model.encode(loaded, batch_size=batch, convert_to_numpy=True,
                                            show_progress_bar=False, normalize_embeddings=True))
        return _normalise(np.vstack(chunks))

    @staticmethod
    def _prepare(image):
        from advisor.core.encoder.modules import to_rgb_on_white  # noqa: PLC0415 - pulls torch (torch is heavy: loaded on first use)

        return to_rgb_on_white(image)

    def __repr__(self) -> str:
        return f"Encoder(spec={self.spec!r}, device={self.device!r})"


def _resolve_device(device: str | None) -> str:
    if device in (None, "auto"):
        import torch  # noqa: PLC0415 - torch is heavy: loaded on first use

        return "cuda" if torch.cuda.is_available() else "cpu"
    return device


def _trusted_modules(path: Path) -> bool:
    modules = json.loads((path / "modules.json").read_text())
    return all(str(m.get("type", "")).startswith(TRUSTED_MODULE_PREFIXES) for m in modules)


# Models saved before the package was layered name their custom modules by the old path.
LEGACY_MODULE_PATHS = {"advisor.encoder": "advisor.core.encoder", "advisor.encoder.modules": "advisor.core.encoder.modules"}


def _alias_legacy_modules(path: Path) -> None:
    """Let models saved by earlier releases (``advisor.encoder.modules.X``) load: alias the old module paths."""
    if "advisor.encoder." not in (path / "modules.json").read_text():
        return
    for old, new in LEGACY_MODULE_PATHS.items():
        sys.modules.setdefault(old, importlib.import_module(new))


def load_model(spec: str | None, device: str = "cpu"):
    """The SentenceTransformer behind a spec: 'default', a saved model directory, a HF CLIP directory or hub id."""
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if spec in (None, "", "default"):
        from advisor.core.encoder.default import build_default_model  # noqa: PLC0415 - pulls torch (torch is heavy: loaded on first use)

        return build_default_model(device=device)
    from sentence_transformers import SentenceTransformer  # noqa: PLC0415 - sentence-transformers is heavy (~4 s): loaded on first use

    path = Path(spec).expanduser()
    if path.exists():
        if not path.is_dir():
            raise EncoderLoadError(f"{spec}: an encoder is a directory (a saved model or a HF CLIP checkpoint), not a file")
        if (path / "modules.json").exists():
            trusted = _trusted_modules(path)
            if not trusted:
                raise EncoderLoadError(f"{spec}: modules.json names code outside sentence_transformers/advisor; refusing to run it")
            _alias_legacy_modules(path)
            return SentenceTransformer(str(path), device=device, trust_remote_code=True, local_files_only=True)
        if (path / "config.json").exists():
            return _load_hf_clip(str(path), device, local_only=True)
        raise EncoderLoadError(f"{spec}: neither a saved encoder (modules.json) nor a HF checkpoint (config.json)")
    if "/" not in spec:
        raise EncoderLoadError(f"{spec!r} is not 'default', an existing directory or a hub id like 'openai/clip-vit-base-patch32'")
    return _load_hf_clip(spec, device, local_only=os.environ.get("HF_HUB_OFFLINE") == "1")


def _load_hf_clip(spec: str, device: str, local_only: bool):
    from sentence_transformers import SentenceTransformer  # noqa: PLC0415 - sentence-transformers is heavy (~4 s): loaded on first use

    try:
        return SentenceTransformer(spec, device=device, local_files_only=local_only)
    except Exception as exc:  # noqa: BLE001 - translate into an actionable message
        hint = " (no network: download the checkpoint elsewhere and pass its directory)" if local_only else ""
        raise EncoderLoadError(f"could not load encoder {spec!r}: {type(exc).__name__}: {exc}{hint}") from exc


def _auto_backend(model, device: str) -> str:
    """ONNX Runtime for the default towers on CPU (measured 6x images/s, same embeddings), else torch as loaded."""
    if device != "cpu":
        return "torch"
    from advisor.core.encoder.backends import BackendError, apply_backend  # noqa: PLC0415 - pulls torch (torch is heavy: loaded on first use)

    try:
        return apply_backend(model, "onnx", device=device)
    except BackendError as exc:  # not the default towers, or no onnxruntime: the torch model is untouched
        log.debug("auto backend: torch (%s)", exc)
        return "torch"
    except Exception as exc:  # noqa: BLE001 - an export that fails must never stop the encoder from loading
        log.warning("ONNX export failed (%s: %s); using torch", type(exc).__name__, exc)
        return "torch"


def load_encoder(spec: str | None = None, device: str | None = None, batch_size: int | None = None, settings=None,
                 backend: str | None = None) -> Encoder:
    """Load an encoder. ``spec``: None (the settings' ``encoder``), 'default', a directory, or a hub id.
    ``backend``: auto, torch, int8 or onnx (default the settings' ``encoder_backend``; ``auto`` is ONNX Runtime for
    the default towers on CPU and torch otherwise; see ``advisor.encoder.backends``)."""
    settings = settings or Settings()
    spec = spec or settings.encoder
    device = _resolve_device(device or settings.device)
    model = load_model(spec, device=device)
    backend = backend or settings.encoder_backend
    if backend == "auto":
        backend = _auto_backend(model, device)
    elif backend != "torch":
        from advisor.core.encoder.backends import apply_backend  # noqa: PLC0415 - pulls torch (torch is heavy: loaded on first use)

        backend = apply_backend(model, backend, device=device)
    return Encoder(model, spec=spec or "default", device=device, batch_size=batch_size or settings.batch_size,
                   max_image_pixels=settings.max_image_pixels, max_file_bytes=settings.max_file_bytes, backend=backend)


__all__ = ["Encoder", "EncoderLoadError", "ImageLoadError", "load_encoder", "load_model"]
