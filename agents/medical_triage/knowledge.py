"""Search the condition knowledge base: text-encoder similarity for English, character n-gram TF-IDF for Chinese.

MiniLM (the default text tower) cannot read most Chinese characters, so a Chinese description is matched with
character 1-3-gram TF-IDF against each entry's Chinese phrases; English is matched with the encoder (and a word
TF-IDF that also stands in when no encoder is available). Scores are mixed by the share of Chinese characters.
Negated spans ("no fever", "没有发烧") are removed from the query first.

Example::

    >>> from agents.medical_triage.knowledge import KnowledgeBase
    >>> kb = KnowledgeBase(encoder=None)                    # TF-IDF only
    >>> kb.search("流鼻涕打喷嚏，有点感冒", k=1)[0].entry.id
    'common_cold'
"""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
import threading
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import numpy as np

from advisor.core.catalog import space_name
from agents.medical_triage.schema import KnowledgeEntry, load_conditions
from agents.medical_triage.text import cjk_fraction, hot_to_touch_as_fever, looks_medical, normalise, strip_negated

DENSE_WEIGHT = 0.75  # share of the encoder in the English score; the rest is word TF-IDF


@dataclass(frozen=True)
class KnowledgeMatch:
    """A knowledge-base entry and how similar the description is to it (0-1)."""

    entry: KnowledgeEntry
    score: float
    escalate_after_days: Optional[float] = None
    strong: bool = True  # similar enough for an emergency entry to set the level on its own


def _top_per_entry(similarity: np.ndarray, owners: np.ndarray, n_entries: int) -> np.ndarray:
    """Per entry, the mean of its best two phrase similarities (one lucky phrase counts less)."""
    scores = np.zeros(n_entries, np.float32)
    for entry in range(n_entries):
        values = np.sort(similarity[owners == entry])[::-1]
        scores[entry] = float(values[:2].mean()) * 0.5 + float(values[0]) * 0.5 if len(values) else 0.0
    return scores


class KnowledgeBase:
    """The condition entries with their search indexes. Build once and reuse (the agent caches one per encoder)."""

    def __init__(self, encoder: Any = None, path: str | Path | None = None, cache_dir: str | Path | None = None):
        from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: PLC0415 - scikit-learn is heavy: loaded on first fit

        self.entries = load_conditions(path).conditions
        en_texts, en_owner, zh_texts, zh_owner = [], [], [], []
        for index, entry in enumerate(self.entries):
            for text in [entry.name.en, *entry.symptoms_en]:
                en_texts.append(normalise(text))
                en_owner.append(index)
            for text in [entry.name.zh, *entry.symptoms_zh]:
                zh_texts.append(normalise(text))
                zh_owner.append(index)
        self._en_owner, self._zh_owner = np.array(en_owner), np.array(zh_owner)
        self._en_tfidf = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True,
                                         token_pattern=r"(?u)\b\w+\b", stop_words=_EN_STOP)
        self._en_matrix = self._en_tfidf.fit_transform(en_texts)
        self._zh_tfidf = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True,
                                         preprocessor=_cjk_only)
        self._zh_matrix = self._zh_tfidf.fit_transform(zh_texts)
        self.encoder = encoder
        self._en_dense = _embed(encoder, en_texts, cache_dir) if encoder is not None else None

    def __len__(self) -> int:
        return len(self.entries)

    def scores(self, text: str) -> np.ndarray:
        """Similarity of ``text`` to every entry (0-1), in entry order."""
        # without what the message denies, unless nothing about health is left ("..., teeth are fine, no pain. what
        # helps?" leaves "what helps"): then the whole message
        normalised = normalise(text)
        stripped = strip_negated(normalised)
        query = stripped if stripped and (looks_medical(stripped) or len(stripped.split()) >= 4) else normalised
        n = len(self.entries)
        zh_share = cjk_fraction(query)
        english = _latin_only(query)
        en_scores = np.zeros(n, np.float32)
        if english.strip() and zh_share < 0.95:
            sparse = (self._en_tfidf.transform([english]) @ self._en_matrix.T).toarray()[0]
            en_scores = _top_per_entry(sparse, self._en_owner, n)
            if self._en_dense is not None:
                dense = self._en_dense @ self.encoder.encode_text([english])[0]
                en_scores = DENSE_WEIGHT * _top_per_entry(dense, self._en_owner, n) + (1 - DENSE_WEIGHT) * en_scores
        zh_scores = np.zeros(n, np.float32)
        if zh_share > 0:
            sparse = (self._zh_tfidf.transform([query]) @ self._zh_matrix.T).toarray()[0]
            zh_scores = _top_per_entry(sparse, self._zh_owner, n)
        if zh_share == 0:
            return en_scores
        if not english.strip():
            return zh_scores
        return np.maximum(en_scores * (1 - zh_share), zh_scores * min(1.0, zh_share * 2)) if zh_share < 0.5 else \
            np.maximum(zh_scores, en_scores * (1 - zh_share))

    def scores_without_background(self, text: str) -> np.ndarray:
        """Like :meth:`scores`, on the message without its background: a long-term condition or a regular medicine
        said in passing ("I have asthma ... stubbed my toe") otherwise pulls the match towards that
        condition instead of what is wrong now. A complaint of the condition itself keeps its own words ("wheezy,
        my blue inhaler isn't helping"); a message that is nothing but background is searched whole."""
        text = hot_to_touch_as_fever(normalise(text))  # "浑身摸着发烫" is a fever, not a sunburn's hot skin
        without = _REASSURANCE.sub(" ", _BACKGROUND.sub(" ", text))
        return self.scores(without if without.strip() and looks_medical(without) else text)

    def search(self, text: str, k: int = 3) -> list[KnowledgeMatch]:
        """The ``k`` most similar entries, best first."""
        scores = self.scores_without_background(text)
        order = np.argsort(-scores)[:k]
        return [KnowledgeMatch(entry=self.entries[i], score=round(float(scores[i]), 4)) for i in order]


SHIPPED_CACHE = Path(__file__).resolve().parent / "data" / "kb_cache"  # scripts/build_shipped_caches.py


def _embed(encoder: Any, texts: list[str], cache_dir: str | Path | None) -> np.ndarray:
    """Encoder embeddings of the entry phrases, cached on disk per encoder space and phrase list when possible."""
    if cache_dir is None:
        return encoder.encode_text(texts)

    digest = hashlib.sha1("\n".join(texts).encode("utf-8")).hexdigest()[:16]
    name = f"kb-{space_name(getattr(encoder, 'spec', 'default'))}-{digest}.npy"
    target = Path(cache_dir) / name
    for candidate in (target, SHIPPED_CACHE / name):  # shipped: built for the default encoder at release time
        if candidate.exists():
            try:
                cached = np.load(candidate, allow_pickle=False)
                if cached.shape[0] == len(texts):
                    return cached
            except (OSError, ValueError):
                pass
    vectors = encoder.encode_text(texts)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=target.parent, suffix=".npy")
        with os.fdopen(handle, "wb") as out:
            np.save(out, vectors)
        os.replace(tmp, target)
    except OSError:  # a read-only home only costs the cache
        pass
    return vectors


# Function words, time expressions and numbers: they carry no symptom and otherwise dominate character n-grams
# ("耳朵疼了三天" would match "腰疼了三天" on "疼了三天").
_ZH_FILLER = re.compile(
    "从昨天开始|从今天开始|昨天|今天|明天|前天|早上|晚上|下午|上午|中午|半夜|开始|已经|一直|最近|这几天|好几天|这两天|几天|之后|以后|"
    "的时候|时候|现在|刚才|大概|差不多|有点|有些|一点|一些|特别|非常|很|太|比较|还是|还|也|都|就|又|才|在|是|有|和|与|或|但|我的|我|你|"
    "他|她|它|们|的|了|着|过|吗|呢|吧|啊|呀|个|些|这|那|[零〇一二两三四五六七八九十百半几多]+(?:个)?(?:天|周|星期|月|年|小时|次|岁|度)?|\\d+")


# reassurance about hydration in a stomach bug ("still peeing, keeping water down"): said to rule dehydration out, it
# otherwise draws urinary entries
_REASSURANCE = re.compile(r"\b(?:still|and) (?:peeing|weeing|passing urine|having wet nappies)(?: (?:fine|ok|okay|normally|"
                          r"loads|plenty|a lot))?\b|\b(?:peeing|weeing|passing urine) (?:fine|ok|okay|normally)\b|"
                          r"\bkeeping (?:fluids|water|drinks|liquids|sips|it|things) down\b|"
                          r"(?:小便|尿|尿量)(?:也|还|都)?(?:正常|挺正常|跟平时一样)")
# what a person says about who they are rather than what is wrong now: a long-term condition or a regular medicine
# (the 'background' of a clinical history)
_BACKGROUND = re.compile(
    r"\b(?:i'?ve got|i have|i've|has|have got|with|he's got|she's got)\s+"
    r"(?:type [12] |bad |mild |severe |brittle )?(?:asthma|diabetes|copd|epilepsy|heart failure|"
    r"kidney disease|sickle cell(?: disease| anaemia)?|hiv|cancer|rheumatoid arthritis|ra|crohn'?s|colitis|lupus|ms)\b|"
    r"\b(?:asthmatic|diabetic|epileptic)\b|\b(?:on|taking|take|having|through|doing)\s+(?:a |an |my |the )?(?:preventer inhaler|"
    r"steroid inhaler|methotrexate|insulin|chemo(?:therapy)?|immunosuppressants?|the pill)\b"
    r"(?: for (?:my |his |her )?(?:\w+ )?cancer\b)?|"
    r"有(?:一型|二型|1型|2型)?(?:哮喘|糖尿病|慢阻肺|癫痫|心衰|肾病|类风湿|红斑狼疮)|"
    r"(?:用着|吃着|在吃|在用|打着)(?:吸入的激素|甲氨蝶呤|胰岛素|免疫抑制剂|避孕药)")
# Not background: a pregnancy (it changes what a symptom means: sickness, a blocked nose, heartburn), a blood thinner
# (bleeding, a stroke in atrial fibrillation) or steroid tablets (an adrenal crisis).


def _cjk_only(text: str) -> str:
    text = _ZH_FILLER.sub(" ", text)
    return "".join(c if "\u3400" <= c <= "\u9fff" else " " for c in text)


def _latin_only(text: str) -> str:
    return "".join(" " if "\u3400" <= c <= "\u9fff" else c for c in text)


_EN_STOP = ["a", "an", "the", "and", "or", "i", "my", "me", "it", "is", "am", "are", "was", "be", "been", "have", "has",
            "had", "of", "to", "in", "on", "at", "for", "with", "this", "that", "so", "just", "really", "very", "bit",
            "feel", "feels", "feeling", "got", "get", "since", "now", "after", "when", "like", "its", "im", "ive", "also"]

_CACHE: weakref.WeakKeyDictionary[Any, dict] = weakref.WeakKeyDictionary()
_PLAIN: dict[str, KnowledgeBase] = {}
_LOCK = threading.Lock()


def knowledge_base(encoder: Any = None, path: str | Path | None = None, cache_dir: str | Path | None = None) -> KnowledgeBase:
    """A cached ``KnowledgeBase`` for this encoder (entry embeddings are computed once per encoder and file,
    and kept in ``cache_dir`` across processes when given)."""
    key = str(path or "")
    with _LOCK:
        if encoder is None:
            if key not in _PLAIN:
                _PLAIN[key] = KnowledgeBase(None, path)
            return _PLAIN[key]
        try:
            per_encoder = _CACHE.setdefault(encoder, {})
        except TypeError:  # an encoder that cannot be weakly referenced: no caching
            return KnowledgeBase(encoder, path, cache_dir)
        if key not in per_encoder:
            per_encoder[key] = KnowledgeBase(encoder, path, cache_dir)
        return per_encoder[key]
