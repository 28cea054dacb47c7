"""Faster CPU inference paths for a loaded encoder, chosen by ``Settings.encoder_backend``.

* ``torch``: the model as loaded (the reference).
* ``int8``: dynamic int8 quantisation of the text tower's ``Linear`` layers (``torch.ao.quantization``), and the
  CNN image tower in channels-last memory layout (exact; convolutions run faster in that layout on CPU).
* ``onnx``: both towers of the default encoder exported once to ONNX (cached on disk under the models
  directory) and run by ONNX Runtime in fp32 (numerically the same model, ~1e-6 apart).

Inference only: a model with a swapped backend must not be fine-tuned or saved. ``docs/BENCHMARKS.md``
has the measured speed and recall of each.

Example::

    >>> from advisor import load_encoder
    >>> enc = load_encoder("default", backend="onnx")        # doctest: +SKIP
    >>> enc.encode_text(["a red apple"]).shape              # doctest: +SKIP
    (1, 384)
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
import tempfile
import warnings
from pathlib import Path

import torch

from advisor.core.encoder.parts import parts_of

log = logging.getLogger(__name__)

BACKENDS = ("torch", "int8", "onnx")
ONNX_OPSET = 17


class BackendError(RuntimeError):
    """The requested backend cannot run here (missing package, unsupported model); the message says what to do."""


def default_cache_dir() -> Path:
    """Where exported ONNX towers are kept: one file per weights hash, shared by every data home."""
    base = os.path.join(os.environ.get("XDG_CACHE_HOME", "~/.cache"), "smart-advisor", "onnx")
    return Path(base).expanduser()


def apply_backend(model, backend: str, device: str = "cpu", cache_dir: str | Path | None = None) -> str:
    """Swap the towers of a loaded SentenceTransformer for ``backend``; returns the backend actually in use.

    ``torch`` leaves the model untouched. On a non-CPU device the fast CPU paths make no sense: the model
    stays as loaded and ``torch`` is returned.
    """
    if backend not in BACKENDS:
        raise BackendError(f"unknown encoder backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    if backend == "torch":
        return "torch"
    if device != "cpu":
        log.warning("encoder backend %r is a CPU path; on %s the torch backend is used", backend, device)
        return "torch"
    if backend == "int8":
        _apply_int8(model)
    else:
        _apply_onnx(model, Path(cache_dir) if cache_dir else default_cache_dir())
    model.eval()
    return backend


# -- int8 ---------------------------------------------------------------------------------------------------------
def _apply_int8(model) -> None:
    parts = _default_parts(model)
    if parts is None:  # any other model: quantise every Linear layer
        _quantise_linears(model)
        return
    transformer = parts.text_modules[0]
    transformer.model = _quantise_linears(transformer.model)
    parts.image_tower.net.to(memory_format=torch.channels_last)
    parts.image_tower.tower = _ChannelsLastTower(parts.image_tower)


def _quantise_linears(module):
    with warnings.catch_warnings():  # torch.ao prints a migration notice on every call
        warnings.simplefilter("ignore")
        return torch.ao.quantization.quantize_dynamic(module, {torch.nn.Linear}, dtype=torch.qint8, inplace=True)


class _ChannelsLastTower:
    """The tower's CNN forward with its input in channels-last layout (the weights were converted once)."""

    def __init__(self, tower):
        self._forward = type(tower).tower.__get__(tower)

    def __call__(self, pixel_values):
        return self._forward(pixel_values.contiguous(memory_format=torch.channels_last))


# -- ONNX Runtime -------------------------------------------------------------------------------------------------
def _onnxruntime():
    try:
        import onnxruntime  # noqa: PLC0415 - optional extra [onnx]
    except ImportError as exc:
        raise BackendError("the onnx encoder backend needs ONNX Runtime: pip install onnxruntime onnx") from exc
    return onnxruntime


def _apply_onnx(model, cache_dir: Path) -> None:
    ort = _onnxruntime()
    parts = _default_parts(model)
    if parts is None:
        raise BackendError("the onnx backend supports the default encoder's towers only; use 'int8' or 'torch' for this model")
    transformer = parts.text_modules[0]
    text_path = _export_cached(_TextGraph(transformer.model), _text_example(transformer), "minilm", cache_dir,
                               ["input_ids", "attention_mask", "token_type_ids"], ["last_hidden_state"],
                               {0: "batch", 1: "tokens"})
    image_path = _export_cached(_ImageGraph(parts.image_tower), _image_example(parts.image_tower), "efficientnet",
                                cache_dir, ["pixel_values"], ["pooled", "logits"], {0: "batch"})
    transformer.model = _OrtTextModel(_session(ort, text_path), transformer.model.config)
    parts.image_tower.tower = _OrtImageTower(_session(ort, image_path))


def _session(ort, path: Path):
    options = ort.SessionOptions()
    options.intra_op_num_threads = max(1, torch.get_num_threads())
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    # no busy-waiting between ops: on a small machine shared with other work, spinning threads steal the cores
    # they wait for (measured: 2-thread text latency 48 -> 28 ms p50 under load, ~no cost when idle)
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def _digest(module, tag: str) -> str:
    digest = hashlib.sha256(f"{tag}|torch {torch.__version__}|opset {ONNX_OPSET}".encode())
    for name, tensor in sorted(module.state_dict().items()):
        digest.update(name.encode())
        digest.update(tensor.detach().cpu().contiguous().numpy().tobytes())
    return digest.hexdigest()[:16]


def _export_cached(graph, example: tuple, tag: str, cache_dir: Path, inputs: list[str], outputs: list[str],
                   dynamic: dict[int, str]) -> Path:
    """Export ``graph`` to ONNX once per weights (keyed by a hash of them); later loads reuse the file."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    final = cache_dir / f"{tag}-{_digest(graph, tag)}.onnx"
    if final.exists():
        return final
    log.info("exporting the %s tower to ONNX (once): %s", tag, final)
    fd, tmp = tempfile.mkstemp(prefix=final.stem + ".", suffix=".tmp", dir=cache_dir)
    os.close(fd)
    try:
        with torch.no_grad(), warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
            warnings.simplefilter("ignore")
            torch.onnx.export(graph.eval(), example, tmp, input_names=inputs, output_names=outputs,
                              dynamic_axes={name: dynamic for name in inputs + outputs}, opset_version=ONNX_OPSET,
                              dynamo=False)
        os.replace(tmp, final)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return final


def _text_example(transformer) -> tuple:
    batch = transformer.tokenizer(["an example sentence", "two"], padding=True, return_tensors="pt")
    token_types = batch.get("token_type_ids")
    if token_types is None:
        token_types = torch.zeros_like(batch["input_ids"])
    return batch["input_ids"], batch["attention_mask"], token_types


def _image_example(tower) -> tuple:
    return (torch.zeros(2, 3, tower.image_size, tower.image_size),)


class _TextGraph(torch.nn.Module):
    """MiniLM as an ONNX graph: token ids -> last hidden state (pooling stays in sentence-transformers)."""

    def __init__(self, bert):
        super().__init__()
        self.bert = bert

    def forward(self, input_ids, attention_mask, token_type_ids):
        return self.bert(input_ids=input_ids, attention_mask=attention_mask,
                         token_type_ids=token_type_ids).last_hidden_state


class _ImageGraph(torch.nn.Module):
    """EfficientNet-Lite0 as an ONNX graph: pixels -> (pooled features, class logits)."""

    def __init__(self, tower):
        super().__init__()
        self.net = tower.net
        self._tower = type(tower).tower.__get__(tower)

    def forward(self, pixel_values):
        return self._tower(pixel_values)


class _OrtTextModel(torch.nn.Module):
    """Stands in for the HF BertModel inside the sentence-transformers ``Transformer`` module."""

    def __init__(self, session, config):
        super().__init__()
        self.session, self.config = session, config
        self._wants_types = "token_type_ids" in {i.name for i in session.get_inputs()}

    def forward(self, input_ids, attention_mask=None, token_type_ids=None, **kwargs):
        if attention_mask is None:
            attention_mask = torch.ones_like(input_ids)
        feed = {"input_ids": input_ids.cpu().numpy(), "attention_mask": attention_mask.cpu().numpy()}
        if self._wants_types:
            types = token_type_ids if token_type_ids is not None else torch.zeros_like(input_ids)
            feed["token_type_ids"] = types.cpu().numpy()
        return {"last_hidden_state": torch.from_numpy(self.session.run(None, feed)[0])}


class _OrtImageTower:
    """The CNN forward ``pixels -> (pooled 1280-d, ImageNet logits)`` run by ONNX Runtime."""

    def __init__(self, session):
        self.session = session

    def __call__(self, pixel_values):
        pooled, logits = self.session.run(None, {"pixel_values": pixel_values.detach().cpu().float().contiguous().numpy()})
        return torch.from_numpy(pooled), torch.from_numpy(logits)


def _default_parts(model):
    try:
        return parts_of(model)
    except (ValueError, TypeError, IndexError, KeyError, AttributeError):
        return None


__all__ = ["BACKENDS", "BackendError", "apply_backend"]
