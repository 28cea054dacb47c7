"""The router's fitted model: text features, a calibrated logistic regression, the fallback threshold, the cache.

``fit_model`` does the statistics (see ``advisor/application/router.py`` for the method); ``RouterModel`` predicts calibrated
probabilities and saves/loads itself as plain arrays (``.npz`` + JSON, no pickle).

Example::

    >>> model = fit_model(["hi", "I have a fever", ...], ["general", "medical_triage", ...], MiniLMEmbedder.shared(),
    ...                   RouterConfig())                                                       # doctest: +SKIP
    >>> model.predict_proba(["headache"], MiniLMEmbedder.shared())                             # doctest: +SKIP
    array([[0.01, 0.97, 0.01, 0.01]], dtype=float32)
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import tempfile
import threading
import unicodedata
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

log = logging.getLogger(__name__)
FORMAT_VERSION = 2
ECE_BINS = 10
MEMO_SIZE = 4096
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN_WORD = re.compile(r"[A-Za-z0-9]+")


class TextEmbedder(Protocol):
    """Anything that turns texts into L2-normalised vectors; ``space`` names the vector space (cache key)."""

    space: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class MiniLMEmbedder:
    """Mean-pooled, normalised all-MiniLM-L6-v2: the default encoder's text tower, without the image tower.

    ``quantize`` converts the Linear layers to int8 (dynamic quantisation: about 2x faster on CPU; the router is
    trained on the same int8 features, so nothing is lost in consistency). It runs on ``threads`` torch threads
    (1 by default: on a small shared CPU one thread is the steadiest; measured on 2 busy cores, 2 threads were
    several times slower per message). ``None`` keeps torch's setting.
    """

    _shared: MiniLMEmbedder | None = None
    _shared_lock = threading.Lock()

    def __init__(self, path: str | Path | None = None, threads: int | None = 1, max_length: int = 64,
                 quantize: bool = True):
        import torch  # noqa: PLC0415 - torch is heavy: loaded on first use
        from transformers import AutoModel, AutoTokenizer  # noqa: PLC0415 - transformers is heavy: loaded on first use

        if path is None:
            from advisor.core.encoder.modules import minilm_path  # noqa: PLC0415 - pulls torch (torch is heavy: loaded on first use)

            path = minilm_path()
        path = Path(path)
        self.tokenizer = AutoTokenizer.from_pretrained(str(path))
        self.model = AutoModel.from_pretrained(str(path)).eval()
        self.quantized = quantize and self._quantize(torch)
        self.threads = threads
        self.max_length = max_length
        self._lock = threading.Lock()
        self._memo: dict[str, np.ndarray] = {}
        self.memoize = True
        self._torch = torch
        stamp = "|".join(f"{p.name}:{p.stat().st_size}" for p in sorted(path.glob("*")) if p.is_file())
        precision = "int8" if self.quantized else "fp32"
        self.space = f"minilm-{hashlib.sha1(stamp.encode()).hexdigest()[:10]}-{max_length}-{precision}"

    def _quantize(self, torch) -> bool:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self.model = torch.ao.quantization.quantize_dynamic(self.model, {torch.nn.Linear}, dtype=torch.qint8)
            return True
        except Exception as exc:  # noqa: BLE001 - a torch without eager quantisation runs in fp32
            log.info("int8 quantisation unavailable (%s); MiniLM runs in fp32", exc)
            return False

    @classmethod
    def shared(cls) -> MiniLMEmbedder:
        with cls._shared_lock:
            if cls._shared is None:
                cls._shared = cls()
            return cls._shared

    @contextlib.contextmanager
    def _thread_limit(self, n_texts: int):
        torch = self._torch
        previous = torch.get_num_threads()
        limit = self.threads or None
        if limit and limit != previous:
            torch.set_num_threads(limit)
        try:
            yield
        finally:
            if limit and limit != previous:
                torch.set_num_threads(previous)

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """(n, 384) normalised vectors. Recent texts are memoised (refits and repeated messages are free)."""
        texts = list(texts)
        with self._lock:
            if not self.memoize:
                return self._forward(texts, batch_size) if texts else np.zeros((0, 384), np.float32)
            missing = list(dict.fromkeys(t for t in texts if t not in self._memo))
            if missing:
                for text, vector in zip(missing, self._forward(missing, batch_size)):
                    if len(self._memo) >= MEMO_SIZE:
                        self._memo.pop(next(iter(self._memo)))
                    self._memo[text] = vector
            if not texts:
                return np.zeros((0, 384), np.float32)
            return np.vstack([self._memo[t] for t in texts]).astype(np.float32)

    def _forward(self, texts: list[str], batch_size: int) -> np.ndarray:
        torch = self._torch
        if self.quantized:  # int8 activation scales are per batch: one text per pass keeps vectors batch-independent
            batch_size = 1
        chunks = []
        with self._thread_limit(len(texts)), torch.inference_mode():
            for start in range(0, len(texts), batch_size):
                batch = self.tokenizer(texts[start:start + batch_size], padding=True, truncation=True,
                                       max_length=self.max_length, return_tensors="pt")
                hidden = self.model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                chunks.append(torch.nn.functional.normalize(pooled, dim=-1).numpy())
        return np.vstack(chunks).astype(np.float32)


def normalise_text(text: str) -> str:
    """NFKC (full-width to half-width), lower case, collapsed spaces: the form every feature sees."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def jieba_tokens(text: str) -> list[str]:
    """Words of a message: jieba segments Chinese; English words pass through. Punctuation dropped."""
    import jieba  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

    jieba.setLogLevel(logging.ERROR)
    return [t for t in (w.strip() for w in jieba.lcut(text)) if t and any(c.isalnum() for c in t)]


def _vectorizer(kind: str, vocabulary: dict[str, int] | None = None):
    from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: PLC0415 - scikit-learn is heavy: loaded on first fit

    if kind == "char":
        return TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True, lowercase=False,
                               preprocessor=normalise_text, vocabulary=vocabulary, dtype=np.float32)
    return TfidfVectorizer(tokenizer=jieba_tokens, token_pattern=None, ngram_range=(1, 2), sublinear_tf=True,
                           lowercase=False, preprocessor=normalise_text, vocabulary=vocabulary, dtype=np.float32)


def latin_share(text: str) -> float:
    """Share of a message MiniLM can read: Latin words / (Latin words + CJK characters); 1.0 for no CJK.

    >>> latin_share("hello"), latin_share("你好"), latin_share("推荐 running shoes")
    (1.0, 0.0, 0.5)
    """
    cjk = len(CJK.findall(text))
    latin = len(LATIN_WORD.findall(text))
    return 1.0 if cjk == 0 else latin / (latin + cjk)


@dataclass
class Features:
    """TF-IDF blocks (characters, jieba words) and the weighted embedding block, stacked into one sparse row.

    With ``gate`` the embedding block is scaled by :func:`latin_share`: MiniLM turns most Chinese characters into
    ``[UNK]``, so its vector says little about a Chinese message and only the n-grams should decide.
    """

    vectorizers: dict[str, Any]
    embedding_weight: float
    gate: bool = True

    @classmethod
    def fit(cls, texts: Sequence[str], use_jieba: bool, embedding_weight: float, gate: bool = True) -> Features:
        kinds = ("char", "word") if use_jieba else ("char",)
        return cls({k: _vectorizer(k).fit(texts) for k in kinds}, embedding_weight, gate)

    def embed(self, texts: list[str], embedder: TextEmbedder, dim: int) -> np.ndarray:
        """(n, dim) MiniLM vectors, computed only where they count (a gated, all-Chinese message needs none)."""
        if self.embedding_weight <= 0:
            return np.zeros((len(texts), 0), np.float32)
        wanted = [i for i, t in enumerate(texts) if not self.gate or latin_share(t) > 0]
        if len(wanted) == len(texts):
            return embedder.encode(texts)
        out = np.zeros((len(texts), dim), np.float32)
        if wanted:
            out[wanted] = embedder.encode([texts[i] for i in wanted])
        return out

    @property
    def sparse_width(self) -> int:
        return sum(len(v.vocabulary_) for v in self.vectorizers.values())

    def transform(self, texts: Sequence[str], embeddings: np.ndarray):
        from scipy.sparse import csr_matrix, hstack  # noqa: PLC0415 - scipy is heavy: loaded on first use

        blocks = [v.transform(texts) for v in self.vectorizers.values()]
        if self.embedding_weight > 0:
            weights = np.full((len(texts), 1), self.embedding_weight, np.float32)
            if self.gate:
                weights *= np.array([[latin_share(t)] for t in texts], np.float32)
            blocks.append(csr_matrix(embeddings * weights))
        return hstack(blocks, format="csr", dtype=np.float32)


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)


def expected_calibration_error(probs: np.ndarray, labels: np.ndarray, bins: int = ECE_BINS) -> float:
    """ECE of the top prediction: |accuracy - confidence| per equal-width confidence bin, weighted by size."""
    confidence, correct = probs.max(axis=1), probs.argmax(axis=1) == labels
    edges = np.linspace(0.0, 1.0, bins + 1)
    total = 0.0
    for low, high in zip(edges[:-1], edges[1:]):
        inside = (confidence > low) & (confidence <= high)
        if inside.any():
            total += inside.mean() * abs(correct[inside].mean() - confidence[inside].mean())
    return float(total)


def fit_temperature(logits: np.ndarray, labels: np.ndarray) -> float:
    """The temperature T minimising the negative log-likelihood of softmax(logits / T) (bounded search)."""
    from scipy.optimize import minimize_scalar  # noqa: PLC0415 - scipy is heavy: loaded on first use

    def nll(log_t: float) -> float:
        probs = softmax(logits / np.exp(log_t))
        return float(-np.mean(np.log(np.clip(probs[np.arange(len(labels)), labels], 1e-12, None))))

    result = minimize_scalar(nll, bounds=(np.log(0.05), np.log(20.0)), method="bounded")
    return float(np.exp(result.x))


def fit_threshold(probs: np.ndarray, labels: np.ndarray, general: int, fallback_credit: float = 0.5) -> float:
    """The fallback threshold that maximises routing utility on held-out predictions (Chow's reject rule).

    A message whose top probability is below the threshold goes to ``general``. Utility: 1 for the right
    agent, 0 for a wrong one, and ``fallback_credit`` for a specialist's message sent to ``general`` (the user
    is told what the agents do and can rephrase: better than a wrong specialist, worse than the right one).
    Utility only changes at observed top probabilities, so those are the candidates; the answer is the middle
    of the lowest interval reaching the best utility.
    """
    top, predicted = probs.max(axis=1), probs.argmax(axis=1)
    cuts = np.unique(np.concatenate([[0.0], top]))
    best_utility, best = -1.0, 0.0
    for low, high in zip(np.concatenate([[0.0], cuts[:-1]]), cuts):
        kept = (top >= high) | (predicted == general)
        routed = np.where(kept, predicted, general)
        utility = np.where(routed == labels, 1.0, np.where(~kept, fallback_credit, 0.0)).mean()
        if utility > best_utility + 1e-12:
            best_utility, best = float(utility), (low + high) / 2.0 if high > 0 else 0.0
    return float(best)


def _folds(labels: np.ndarray, folds: int, seed: int = 0):
    from sklearn.model_selection import StratifiedKFold  # noqa: PLC0415 - scikit-learn is heavy: loaded on first fit

    counts = np.bincount(labels)
    splits = int(max(2, min(folds, counts[counts > 0].min())))
    return StratifiedKFold(n_splits=splits, shuffle=True, random_state=seed).split(np.zeros(len(labels)), labels)


def _logits(clf, X) -> np.ndarray:
    scores = clf.decision_function(X)
    return np.column_stack([np.zeros_like(scores), scores]) if scores.ndim == 1 else scores


def _classifier(regularisation: float):
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415 - scikit-learn is heavy: loaded on first fit

    return LogisticRegression(C=regularisation, solver="newton-cg", max_iter=1000)


@dataclass
class RouterModel:
    """A fitted router: features, linear weights, temperature, threshold and what fitting measured."""

    classes: list[str]
    features: Features
    coef: np.ndarray
    intercept: np.ndarray
    temperature: float
    threshold: float
    report: dict[str, Any] = field(default_factory=dict)

    def predict_proba(self, texts: Sequence[str], embedder: TextEmbedder) -> np.ndarray:
        embeddings = self.features.embed(list(texts), embedder, self.coef.shape[1] - self.features.sparse_width)
        logits = np.asarray(self.features.transform(texts, embeddings) @ self.coef.T) + self.intercept
        return softmax(logits / self.temperature).astype(np.float32)

    def save(self, path: str | Path) -> None:
        """Atomically write the model as one ``.npz`` of plain arrays."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        arrays: dict[str, np.ndarray] = {"coef": self.coef, "intercept": self.intercept}
        vocabularies = {}
        for kind, vectorizer in self.features.vectorizers.items():
            terms = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
            vocabularies[kind] = terms
            arrays[f"idf_{kind}"] = vectorizer.idf_.astype(np.float64)
        header = {"format": FORMAT_VERSION, "classes": self.classes, "temperature": self.temperature,
                  "threshold": self.threshold, "embedding_weight": self.features.embedding_weight,
                  "gate": self.features.gate,
                  "vocabularies": vocabularies, "report": self.report}
        arrays["header"] = np.array(json.dumps(header, ensure_ascii=False))
        handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".router-", suffix=".npz")
        try:
            with os.fdopen(handle, "wb") as out:
                np.savez(out, **arrays)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)

    @classmethod
    def load(cls, path: str | Path) -> RouterModel:
        with np.load(path, allow_pickle=False) as data:
            header = json.loads(str(data["header"]))
            if header.get("format") != FORMAT_VERSION:
                raise ValueError(f"router cache format {header.get('format')} != {FORMAT_VERSION}")
            vectorizers = {}
            for kind, terms in header["vocabularies"].items():
                vectorizer = _vectorizer(kind, {term: i for i, term in enumerate(terms)})
                vectorizer.idf_ = data[f"idf_{kind}"]
                vectorizers[kind] = vectorizer
            features = Features(vectorizers, header["embedding_weight"], header.get("gate", True))
            return cls(classes=list(header["classes"]), features=features,
                       coef=data["coef"].astype(np.float32), intercept=data["intercept"].astype(np.float32),
                       temperature=float(header["temperature"]), threshold=float(header["threshold"]),
                       report=header.get("report", {}))


def fit_model(texts: Sequence[str], labels: Sequence[str], embedder: TextEmbedder, config: Any) -> RouterModel:
    """Cross-validate (out-of-fold logits -> temperature and threshold), then fit on everything."""
    texts = list(texts)
    classes = sorted(set(labels))
    if len(classes) < 2:
        raise ValueError(f"the router needs at least two agents to choose between, got {classes}")
    y = np.array([classes.index(label) for label in labels])
    general = classes.index("general")
    embeddings = embedder.encode(texts) if config.embedding_weight > 0 else np.zeros((len(texts), 0), np.float32)

    def fit_on(index: np.ndarray):
        features = Features.fit([texts[i] for i in index], config.use_jieba, config.embedding_weight, config.gate_embeddings)
        clf = _classifier(config.regularisation).fit(features.transform([texts[i] for i in index], embeddings[index]), y[index])
        return features, clf

    oof = np.zeros((len(texts), len(classes)))
    for train, test in _folds(y, config.folds):
        features, clf = fit_on(train)
        oof[test] = _logits(clf, features.transform([texts[i] for i in test], embeddings[test]))
    temperature = fit_temperature(oof, y)
    calibrated = softmax(oof / temperature)
    threshold = fit_threshold(calibrated, y, general, config.fallback_credit)
    routed = np.where((calibrated.max(1) >= threshold) | (calibrated.argmax(1) == general), calibrated.argmax(1), general)
    report = {"utterances": len(texts), "per_agent": {c: int((y == i).sum()) for i, c in enumerate(classes)},
              "folds": int(min(config.folds, np.bincount(y).min())), "temperature": round(temperature, 4),
              "threshold": round(threshold, 4), "oof_accuracy": round(float(np.mean(oof.argmax(1) == y)), 4),
              "oof_accuracy_with_fallback": round(float(np.mean(routed == y)), 4),
              "oof_ece_uncalibrated": round(expected_calibration_error(softmax(oof), y), 4),
              "oof_ece_calibrated": round(expected_calibration_error(calibrated, y), 4)}
    features, clf = fit_on(np.arange(len(texts)))
    coef, intercept = clf.coef_, clf.intercept_
    if coef.shape[0] == 1:  # binary: logits [0, d] reproduce the fitted sigmoid
        coef, intercept = np.vstack([np.zeros_like(coef), coef]), np.concatenate([[0.0], intercept])
    log.info("router fitted: %s", report)
    return RouterModel(classes, features, coef.astype(np.float32), intercept.astype(np.float32), temperature,
                       threshold, report)
