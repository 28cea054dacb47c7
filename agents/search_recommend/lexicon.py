"""English word lists of the query parser: colour names and their spellings, and category synonyms.

Chinese is translated with CC-CEDICT (:mod:`agents.search_recommend.chinese`), not with a word list.
"""
from __future__ import annotations

# canonical colour -> English spellings
COLOURS: dict[str, tuple[str, ...]] = {
    "red": ("red", "scarlet", "crimson"),
    "orange": ("orange",),
    "yellow": ("yellow", "golden"),
    "green": ("green",),
    "blue": ("blue", "navy"),
    "purple": ("purple", "violet"),
    "pink": ("pink",),
    "brown": ("brown",),
    "black": ("black",),
    "white": ("white",),
    "grey": ("grey", "gray", "silver"),
}
COLOUR_WORDS = {word: colour for colour, words in COLOURS.items() for word in words}

# English category synonyms -> names a catalog may use
EN_CATEGORY_SYNONYMS: dict[str, tuple[str, ...]] = {
    "animals": ("animals", "animal"), "pets": ("animals",), "food": ("food",), "foods": ("food",),
    "groceries": ("food",), "plants": ("plants", "plant"), "vehicles": ("vehicles", "transportation"),
    "cars": ("vehicles", "transportation"), "tools": ("tools", "tool"), "clothes": ("clothing", "clothes"),
    "clothing": ("clothing", "clothes"), "electronics": ("electronics",), "gadgets": ("electronics",),
    "buildings": ("buildings", "building"), "toys": ("toys", "recreation"), "games": ("recreation", "toys"),
    "office supplies": ("office",), "stationery": ("office", "education"), "decorations": ("decorations",),
    "containers": ("containers",), "people": ("people",),
}

# words that never name a metadata value on their own ("a new one" is no filter on a "new" condition field)
STOP_VALUES = frozenset(["a", "an", "the", "of", "and", "or", "not", "no", "with", "in", "on", "at", "to", "for", "from", "by", "is", "are", "be", "this", "that", "it", "one", "ones", "any", "some", "all", "item", "items", "thing", "things", "stuff", "please", "show", "me", "find"])


def stem(word: str) -> str:
    """A light English stemmer for matching captions and catalog values: cats -> cat, boxes -> box, berries -> berry.

    >>> [stem(w) for w in ("cats", "boxes", "berries", "glass")]
    ['cat', 'box', 'berry', 'glass']
    """
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word
