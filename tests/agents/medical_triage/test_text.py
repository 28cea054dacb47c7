"""Text helpers shared by the rules and the knowledge-base query."""
from __future__ import annotations

import pytest

from agents.medical_triage.evidence import without_false_fevers
from agents.medical_triage.text import Phrase, hot_to_touch_as_fever, normalise


@pytest.mark.parametrize("text, expected", [
    ("孩子浑身摸着发烫，精神还行", "孩子浑身发烧，精神还行"),
    ("额头摸上去有点烫手", "额头发烧"),
    ("老人身上摸起来滚烫", "老人身上发烧"),
    # local heat is a sign of its own, not a fever: kept as said unless asked otherwise
    ("膝盖红肿，摸着发热", "膝盖红肿，摸着发热"),
    ("no touch words here", "no touch words here"),
])
def test_hot_to_touch_as_fever(text, expected):
    assert hot_to_touch_as_fever(text) == expected


def test_local_heat_is_written_as_asked():
    assert hot_to_touch_as_fever("晒伤了，后背摸着发烫", otherwise="摸着温") == "晒伤了，后背摸着温"


@pytest.mark.parametrize("text, has_fever_word", [
    ("hay fever again, sneezing all day", False),
    ("had my yellow fever jab yesterday", False),
    ("孩子浑身摸着发烫", True),
    ("晒得通红，摸着发热", False),
])
def test_the_rules_and_the_query_share_one_reading_of_hot_skin(text, has_fever_word):
    rewritten = without_false_fevers(normalise(text))
    assert (("fever" in rewritten) or ("发烧" in rewritten) or ("发热" in rewritten)) is has_fever_word
    # the knowledge-base query reads the body hot to the touch the same way
    assert ("发烧" in hot_to_touch_as_fever(normalise(text))) is ("发烧" in rewritten)


def test_a_house_number_is_no_negation():
    assert normalise("found our neighbour from no 12 on the floor") == "found our neighbour from number 12 on the floor"
    assert normalise("no 4 year old should have this") == "no 4 year old should have this"


def test_a_body_part_s_is_read_as_is():
    assert normalise("hip agony n her foot's turned out") == "hip agony and her foot is turned out"
    assert normalise("the leg's owner") == "the leg's owner"


@pytest.mark.parametrize("text, expected", [
    # a chat word with its g dropped is restored when only the word with its g is English; real words stay
    ("droolin n coughin", "drooling and coughing"),
    ("scratchin' his head", "scratching his head"),
    ("my cousin robin, within a day", "my cousin robin, within a day"),
])
def test_a_dropped_g_is_restored(text, expected):
    assert normalise(text) == expected


@pytest.mark.parametrize("phrase, text, found", [
    # the gap of a Chinese phrase may not end in a negation: "口子小不深" is a wound that is not deep
    ("口子...深", "膝盖擦破了，口子小不深", False),
    ("口子...深", "膝盖划了个口子挺深的", True),
    ("胸口...疼", "胸口有点疼", True),
    ("心跳...快", "心跳得特别快", True),
])
def test_a_chinese_phrase_gap_ends_in_no_negation(phrase, text, found):
    assert Phrase(phrase).find(normalise(text)) is found
