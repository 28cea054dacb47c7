"""The words a rule's prompts compete with: prompt templates, empty-scene prompts and an open object vocabulary.

A frame crop is scored by a softmax over *every* candidate description, not by a raw cosine: the rule's own
prompts, its negative prompts, the prompts of every other rule, scenes with nothing in them, and a broad list
of everyday things (animals, plants, furniture, food, tools...). A crop showing a turtle then goes to "a turtle"
instead of leaking to whichever rule happens to be nearest. The lists are generic (COCO/ImageNet-like everyday
categories), not tuned to any dataset; words too close to a rule's own prompts are dropped from the competition
for that rule (see ``competitors``).
"""
from __future__ import annotations

TEMPLATES = ("a photo of {}.", "a drawing of {}.", "{}.", "a picture of {}.", "clip art of {}.", "a cartoon of {}.")

SCENE_PROMPTS = (
    "an empty street", "a room", "a parking lot", "nothing unusual", "a road", "a wall", "a floor", "a fence",
    "a building", "the sky", "grass", "an empty corridor", "a car park with no cars", "an empty room",
)

OBJECT_VOCABULARY = (
    "an animal", "a dog", "a cat", "a bird", "a horse", "a cow", "a pig", "a sheep", "a rabbit", "a mouse", "a fish",
    "a turtle", "a frog", "a deer", "an insect", "a butterfly", "a tree", "a plant", "a flower", "a cactus", "a leaf",
    "food", "a fruit", "an apple", "a banana", "a cake", "bread", "a sandwich", "a bowl", "a bottle", "a cup",
    "a glass", "a plate", "a chair", "a couch", "a table", "a bed", "a desk", "a shelf", "a lamp", "a television",
    "a computer", "a keyboard", "a phone", "a camera", "a book", "a clock", "a vase", "a box", "a bag", "a suitcase",
    "a basket", "a barrel", "a bucket", "an umbrella", "a ball", "a toy", "a game", "dice", "a musical instrument",
    "a tool", "a hammer", "a screwdriver", "a wrench", "a broom", "a vacuum cleaner", "scissors", "a brush",
    "a pen", "a paper", "an envelope", "a sign", "a flag", "a logo", "a symbol", "a map", "a satellite dish",
    "a telescope", "a kite", "a balloon", "a hat", "a shoe", "a shirt", "a key", "a lock", "a bench", "a trash can",
    "a mailbox", "a shape", "a pattern", "a cartoon", "a bicycle", "a boat",
)


def templated(prompt: str) -> list[str]:
    """The sentences a prompt is encoded as (their mean vector stands for the prompt)."""
    return [template.format(prompt) for template in TEMPLATES]
