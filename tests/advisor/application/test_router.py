"""The router on real features (MiniLM + character n-grams): held-out accuracy, calibration, fallback,
follow-ups, Chinese, the disk cache, the optional LLM and latency."""
from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import numpy as np
import pytest
import yaml

from advisor.application.router import RouteDecision, Router, RouterConfig, RouterError, load_utterances, training_set
from advisor.application.router_model import (
    expected_calibration_error,
    fit_temperature,
    fit_threshold,
    latin_share,
    softmax,
)
from agents.base import Turn

FOUR = ("general", "medical_triage", "search_recommend", "surveillance")
EVAL_FILE = Path(__file__).parent / "data" / "route_eval.yaml"


@pytest.fixture(scope="session")
def router(tmp_path_factory) -> Router:
    """The production router (utterance file + installed agents' examples), routing to all four agents."""
    from agents.registry import available

    return Router.load_or_fit(cache_dir=tmp_path_factory.getbasetemp() / "router-cache", agents=available(),
                              installed=FOUR)


@pytest.fixture(scope="session")
def held_out():
    return yaml.safe_load(EVAL_FILE.read_text(encoding="utf-8"))["messages"]


def _search_history(text: str = "Here are 10 red shoes. Which one do you like?") -> list[Turn]:
    return [Turn(role="user", text="show me red shoes"), Turn(role="assistant", text=text, agent="search_recommend")]


# -- quality ---------------------------------------------------------------------------------------------------
def test_held_out_set_is_not_in_the_training_data(held_out):
    texts, _, _ = training_set({})
    seen = {t.lower() for t in texts}
    assert len(held_out) >= 120
    assert {m["agent"] for m in held_out} == set(FOUR) and {m["lang"] for m in held_out} == {"en", "zh"}
    assert not [m["text"] for m in held_out if m["text"].lower() in seen]


def test_accuracy_on_held_out_messages(router, held_out):
    decisions = [router.route(m["text"]) for m in held_out]
    correct = np.array([d.agent == m["agent"] for d, m in zip(decisions, held_out)])
    chinese = np.array([m["lang"] == "zh" for m in held_out])
    misses = [(m["text"], m["agent"], d.agent) for d, m in zip(decisions, held_out) if d.agent != m["agent"]]
    print(f"\nrouting accuracy: all {correct.mean():.3f} (n={len(held_out)}), en {correct[~chinese].mean():.3f}, "
          f"zh {correct[chinese].mean():.3f}; misses: {misses}")
    assert correct.mean() >= 0.90
    assert correct[chinese].mean() >= 0.85
    assert correct[~chinese].mean() >= 0.90


def test_confidences_are_calibrated_on_held_out_messages(router, held_out):
    classes = router.classes
    probs = np.array([[router.scores(m["text"])[c] for c in classes] for m in held_out])
    labels = np.array([classes.index(m["agent"]) for m in held_out])
    ece = expected_calibration_error(probs, labels)
    report = router.report
    print(f"\nECE held-out {ece:.3f}; out-of-fold before/after temperature {report['oof_ece_uncalibrated']} / "
          f"{report['oof_ece_calibrated']}, T={report['temperature']}, threshold={report['threshold']}")
    assert ece <= 0.10
    assert report["oof_ece_calibrated"] <= 0.06
    assert report["oof_ece_calibrated"] <= report["oof_ece_uncalibrated"] + 1e-9


def test_scores_are_probabilities_over_every_known_agent(router):
    decision = router.route("my chest hurts and I can't breathe")
    assert isinstance(decision, RouteDecision)
    assert set(decision.scores) == set(FOUR)
    assert abs(sum(decision.scores.values()) - 1.0) < 1e-2
    assert all(0.0 <= p <= 1.0 for p in decision.scores.values())
    assert decision.agent == "medical_triage" and decision.confidence == decision.scores["medical_triage"]
    assert not decision.fallback


@pytest.mark.parametrize("text, agent", [
    ("我胸口疼喘不上气", "medical_triage"), ("帮我找一双红色的运动鞋", "search_recommend"),
    ("三号摄像头有新的告警吗", "surveillance"), ("你好", "general"), ("谢谢你", "general"),
    ("推荐几款 bluetooth 耳机", "search_recommend"), ("孩子发烧 39 度", "medical_triage"),
    ("hello there", "general"), ("alert me when someone climbs the fence", "surveillance"),
])
def test_clear_messages_in_both_languages(router, text, agent):
    assert router.route(text).agent == agent


# -- calibration and threshold methods on synthetic data (each can fail) ------------------------------------------
def test_temperature_fit_recovers_a_known_temperature():
    rng = np.random.default_rng(0)
    logits = rng.normal(0, 3, size=(4000, 4))
    true_t = 2.5
    labels = np.array([rng.choice(4, p=p) for p in softmax(logits / true_t)])
    assert abs(fit_temperature(logits, labels) - true_t) < 0.25
    assert expected_calibration_error(softmax(logits / fit_temperature(logits, labels)), labels) < \
        expected_calibration_error(softmax(logits), labels)


def test_threshold_is_fitted_where_low_confidence_predictions_are_mostly_wrong():
    # 3 classes, general = 0. Predictions of class 1 with top probability < 0.5 are wrong 80% of the time.
    rng = np.random.default_rng(1)
    rows, labels = [], []
    for _ in range(500):
        confident = rng.random() < 0.6
        top = rng.uniform(0.7, 0.99) if confident else rng.uniform(0.35, 0.5)
        rows.append([(1 - top) / 2, top, (1 - top) / 2])
        labels.append(1 if (confident or rng.random() < 0.2) else 2)
    tau = fit_threshold(np.array(rows), np.array(labels), general=0, fallback_credit=0.5)
    assert 0.5 <= tau <= 0.7
    # when a fallback is worth nothing, falling back never helps
    assert fit_threshold(np.array(rows), np.array(labels), general=0, fallback_credit=0.0) == 0.0


def test_latin_share_gates_the_embedding_for_chinese():
    assert latin_share("hello world") == 1.0 and latin_share("我头疼") == 0.0
    assert 0.0 < latin_share("推荐 running shoes") < 1.0


# -- fallback ----------------------------------------------------------------------------------------------------
def test_low_confidence_falls_back_to_general(router):
    strict = Router(dataclasses.replace(router.model, threshold=1.01), router.embedder, installed=FOUR)
    decision = strict.route("find a blue backpack")
    assert decision.agent == "general" and decision.fallback
    assert "threshold" in decision.reason
    assert decision.scores == router.route("find a blue backpack").scores


def test_agent_not_installed_falls_back_to_general(router):
    partial = Router(router.model, router.embedder, installed=["search_recommend"])
    decision = partial.route("I have had a fever and a cough for three days")
    assert decision.agent == "general" and decision.fallback
    assert "medical_triage" in decision.reason and "not installed" in decision.reason
    assert max(decision.scores, key=decision.scores.get) == "medical_triage"


# -- follow-ups --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["more like the third one", "cheaper", "and the one before?", "show more",
                                  "它呢", "第二个", "再来几个", "the second one"])
def test_follow_ups_stay_with_the_previous_agent(router, text):
    decision = router.route(text, history=_search_history())
    assert decision.agent == "search_recommend", decision


def test_a_short_answer_to_the_agents_question_stays(router):
    history = [Turn(role="user", text="I have a headache"),
               Turn(role="assistant", agent="medical_triage", text="How old are you, and how long has it lasted?")]
    assert router.route("35, since Monday", history=history).agent == "medical_triage"
    assert router.route("35岁，从周一开始", history=history).agent == "medical_triage"


def test_a_clear_new_topic_or_thanks_leaves_the_previous_agent(router):
    history = _search_history()
    assert router.route("I have crushing chest pain", history=history).agent == "medical_triage"
    assert router.route("any alerts on camera 2 tonight?", history=history).agent == "surveillance"
    assert router.route("thanks!", history=history).agent == "general"
    assert router.route("谢谢", history=history).agent == "general"


def test_previous_agent_can_be_given_directly(router):
    assert router.invoke({"text": "cheaper", "previous_agent": "search_recommend"}).agent == "search_recommend"


# -- runnable, llm, cache, bad input -----------------------------------------------------------------------------
def test_router_is_a_langchain_runnable(router):
    decisions = router.batch(["hi", "我发烧了"])
    assert [d.agent for d in decisions] == ["general", "medical_triage"]


def test_llm_picks_among_agents_when_asked(router):
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    llm_router = Router(router.model, router.embedder, installed=FOUR, llm=FakeListChatModel(responses=["surveillance"]),
                        config=RouterConfig(llm_mode="always"))
    decision = llm_router.route("hello")
    assert decision.agent == "surveillance" and decision.reason.startswith("llm")
    nonsense = Router(router.model, router.embedder, installed=FOUR, llm=FakeListChatModel(responses=["no idea"]),
                      config=RouterConfig(llm_mode="always"))
    assert nonsense.route("hello").agent == "general"


def test_llm_is_only_asked_when_unsure_by_default(router):
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    llm = FakeListChatModel(responses=["search_recommend"])
    confident = Router(router.model, router.embedder, installed=FOUR, llm=llm)
    assert confident.route("my chest hurts and I can't breathe").agent == "medical_triage"
    unsure = Router(dataclasses.replace(router.model, threshold=1.01), router.embedder, installed=FOUR, llm=llm)
    assert unsure.route("find a blue backpack").agent == "search_recommend"


def test_a_failing_llm_keeps_the_classifier_choice(router):
    class Broken:
        def invoke(self, _):
            raise ConnectionError("offline")

    broken = Router(router.model, router.embedder, installed=FOUR, llm=Broken(), config=RouterConfig(llm_mode="always"))
    assert broken.route("I twisted my ankle").agent == "medical_triage"


SMALL = {
    "general": {"description": "small talk", "utterances": ["hi", "hello", "thanks", "bye", "你好", "谢谢"]},
    "search_recommend": {"description": "shopping", "utterances": ["red shoes", "cheap laptop", "find a lamp",
                                                                  "blue dress", "买鞋", "推荐耳机"]},
    "medical_triage": {"description": "symptoms", "utterances": ["I have a fever", "my head hurts", "chest pain",
                                                                "sprained ankle", "发烧了", "头疼"]},
}


def test_cache_is_reused_and_keyed_by_the_utterances(router, tmp_path):
    first = Router.load_or_fit(cache_dir=tmp_path, agents={}, embedder=router.embedder, utterances=SMALL)
    files = list(tmp_path.glob("router-*.npz"))
    assert len(files) == 1
    started = time.perf_counter()
    second = Router.load_or_fit(cache_dir=tmp_path, agents={}, embedder=router.embedder, utterances=SMALL)
    assert time.perf_counter() - started < 5.0
    for text in ("红色的鞋子", "my tummy hurts", "hey"):
        assert second.scores(text) == first.scores(text)
    assert second.report == first.report and second.model.threshold == first.model.threshold
    # different utterances: a different key, a new file
    changed = {**SMALL, "general": {**SMALL["general"], "utterances": [*SMALL["general"]["utterances"], "ok"]}}
    Router.load_or_fit(cache_dir=tmp_path, agents={}, embedder=router.embedder, utterances=changed)
    assert len(list(tmp_path.glob("router-*.npz"))) == 2


def test_a_damaged_cache_is_refitted(router, tmp_path, caplog):
    Router.load_or_fit(cache_dir=tmp_path, agents={}, embedder=router.embedder, utterances=SMALL)
    (cache,) = tmp_path.glob("router-*.npz")
    cache.write_bytes(b"not a zip file")
    again = Router.load_or_fit(cache_dir=tmp_path, agents={}, embedder=router.embedder, utterances=SMALL)
    assert "refitting" in caplog.text
    assert again.route("hello").agent == "general"


def test_bad_input(router, tmp_path):
    with pytest.raises(ValueError):
        router.route("   ")
    with pytest.raises(TypeError):
        router.invoke(42)
    bad = tmp_path / "bad.yaml"
    bad.write_text("agents: [1, 2]")
    with pytest.raises(RouterError):
        load_utterances(bad)
    with pytest.raises(RouterError, match="general"):
        training_set({}, {"search_recommend": {"description": "", "utterances": ["shoes"]}})


def test_warm_latency(router, held_out):
    result = router.benchmark([m["text"] for m in held_out])
    print(f"\nwarm route latency: {result}")
    assert result["messages"] == len(held_out)
    assert result["cpu_p95_ms"] < 200  # goal p95 <= 15 ms on a quiet 2-core machine; this only catches pathologies


def test_shipped_router_is_current_for_the_built_in_agents(router):
    """A fresh data home must not pay for a fit: rebuild with scripts/build_shipped_caches.py when this fails."""
    from advisor.application.router import SHIPPED_ROUTERS, RouterConfig, cache_key, training_set
    from agents.registry import available

    builtin = {n: c for n, c in available().items() if c.__module__.startswith("agents.")}
    texts, labels, _ = training_set(builtin, None, RouterConfig().include_agent_examples)
    shipped = SHIPPED_ROUTERS / f"router-{cache_key(texts, labels, router.embedder.space, RouterConfig())}.npz"
    assert shipped.exists(), f"{shipped.name} missing: run scripts/build_shipped_caches.py"
    assert sorted(p.name for p in SHIPPED_ROUTERS.glob("*.npz")) == [shipped.name]  # no stale files shipped
