"""Signs found with phrases that stretch: stems in order with words (English) or characters (Chinese) between."""
from __future__ import annotations

import pytest

from agents.medical_triage.patterns import load_patterns
from agents.medical_triage.signs import SignLexicon, stem

LEXICON = load_patterns().lexicon()


def _signs(text: str, lexicon: SignLexicon = LEXICON) -> set[str]:
    return {match.sign for match in lexicon.find(text)}


@pytest.mark.parametrize("text, sign", [
    ("I vomited a small bowl of blood", "vomiting_blood"),
    ("she has been coughing up some blood", "coughing_blood"),
    ("he coughed up blood-stained phlegm", "coughing_blood"),
    ("my neck has gone really stiff", "neck_stiffness"),
    ("bright lights really hurt my eyes", "photophobia"),
    ("我刚才吐了一大口血", "vomiting_blood"),
    ("脖子有点发硬", "neck_stiffness"),
    ("一见光眼睛就疼", "photophobia"),
    ("他一句话都说不完整", "cannot_finish_sentences"),
])
def test_a_phrase_stretches_over_intervening_words(text, sign):
    assert sign in _signs(text)


@pytest.mark.parametrize("text, phrase", [
    ("blood came up after i vomited", "vomit blood"),  # the order of the phrase words matters
    ("i vomited and then later that day saw some blood", "vomit blood"),  # five words between: too far
    ("吐了好几次以后大便带血", "吐 血"),  # more than four characters between
])
def test_words_too_far_apart_or_out_of_order_do_not_match(text, phrase):
    assert not SignLexicon({"sign": [phrase]}, max_gap=4, zh_max_gap=4).find(text)


@pytest.mark.parametrize("text, sign", [
    ("I threw up twice but there was no blood", "vomiting_blood"),
    ("I have not coughed up any blood", "coughing_blood"),
    ("my neck is not stiff", "neck_stiffness"),
    ("the stiffness in my neck has gone", "neck_stiffness"),
    ("if I start vomiting blood should I call 999?", "vomiting_blood"),
    ("my brother coughed up blood years ago", "coughing_blood"),
    ("mum is 80 and confused about her new tablets", "confusion"),
    ("吐了，但是没有血", "vomiting_blood"),
    ("脖子不硬，也不怕光", "neck_stiffness"),
    ("脖子不硬，也不怕光", "photophobia"),
    ("如果吐血怎么办", "vomiting_blood"),
    ("睡觉落枕了，脖子僵", "neck_stiffness"),
    # a "not" denies its own predicate, not one joined after it with "and"
    ("the spots aren't purple and they fade when I press them", "rash_not_fading"),
])
def test_negated_hypothetical_past_or_excluded_mentions_are_not_signs(text, sign):
    assert sign not in _signs(text)


def test_background_conditions_count_when_stated_as_history():
    assert "diabetes" in _signs("I was diagnosed with diabetes years ago")
    assert "diabetes" not in _signs("I do not have diabetes")


def test_english_words_are_stemmed():
    assert stem("vomited") == stem("vomiting") == stem("vomit")
    assert {"vomiting_blood"} <= _signs("vomiting blood") & _signs("vomited blood")


def test_a_match_carries_its_words_and_clause():
    match = next(m for m in LEXICON.find("no fever, and I coughed up a lot of blood") if m.sign == "coughing_blood")
    assert match.text == "coughed up a lot of blood" and "fever" not in match.clause


def test_a_chinese_phrase_does_not_match_inside_another_word():
    from agents.medical_triage.text import Phrase, normalise

    assert not Phrase("肿").find(normalise("体检说没有肿瘤"))
    assert Phrase("肿").find(normalise("脚踝肿了"))
    assert not Phrase("烧").find(normalise("昨晚吃了烧烤"))


def test_the_two_characters_of_a_blister_read_alike_and_travel_sickness_is_a_health_word():
    from agents.medical_triage.text import looks_medical, normalise

    assert normalise("手上起了水疱") == normalise("手上起了水泡")
    assert looks_medical("always carsick on long drives")


def test_not_binds_a_reflexive_pronoun_but_other_phrases_keep_their_gaps():
    assert "confusion" in _signs("my mum is just not quite herself today")
    assert "confusion" not in _signs("she is not feverish or wetting herself")
    assert "cannot_finish_sentences" in _signs("I can't get a full sentence out")


def test_a_not_reaches_over_words_of_its_own_predicate():
    assert "rash_not_fading" in _signs("the spots don't really fade when I press them")
