"""The words a rule's prompts compete with: prompt templates and a general vocabulary from standard label sets.

A crop is scored by a softmax over *every* candidate description, not by a raw cosine: the rule's own prompts,
its negative prompts, the prompts of every other rule, and a general vocabulary:

* the 80 COCO object categories (the standard detection label set: objects at the level rules name them),
* optionally the 1,000 ImageNet-1k class names (``advisor/core/assets/imagenet_classes.txt``, first name of each
  class): off by default, because the default image tower *is* an ImageNet classifier and a person crop then
  goes to "academic gown" or "groom" rather than to "a person" (measured in docs/SURVEILLANCE.md),
* scene words for what fixed cameras see when nothing happens (shadow, reflection, headlights, rain,
  foliage, an insect on the lens, ...).

A crop of leaves then goes to "foliage" or "a bush" instead of leaking into whichever rule is nearest. Vocabulary
words too close to a rule's own prompts (synonyms, e.g. ImageNet's "assault rifle" for a rule "a rifle") are
dropped from the competition for that rule (see :class:`agents.surveillance.scoring.PromptBank`).
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

TEMPLATES = ("a photo of {}.", "a picture of {}.", "{}.")

COCO_CATEGORIES = (
    "person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat", "traffic light",
    "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat", "dog", "horse", "sheep", "cow",
    "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella", "handbag", "tie", "suitcase", "frisbee",
    "skis", "snowboard", "sports ball", "kite", "baseball bat", "baseball glove", "skateboard", "surfboard",
    "tennis racket", "bottle", "wine glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple",
    "sandwich", "orange", "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair", "couch",
    "potted plant", "bed", "dining table", "toilet", "tv", "laptop", "mouse", "remote", "keyboard", "cell phone",
    "microwave", "oven", "toaster", "sink", "refrigerator", "book", "clock", "vase", "scissors", "teddy bear",
    "hair drier", "toothbrush",
)

SCENE_WORDS = (
    "an empty street", "an empty room", "an empty parking lot", "a wall", "a floor", "a road", "a pavement",
    "gravel", "grass", "the sky", "a building", "a fence", "foliage", "leaves moving in the wind", "a bush",
    "a tree", "a shadow", "a reflection", "headlights", "sunlight", "glare", "rain", "snow", "fog",
    "an insect on the lens", "a spider web", "a dark night scene", "a blurry image", "noise",
)


@lru_cache(maxsize=1)
def imagenet_names() -> tuple[str, ...]:
    """The first name of every ImageNet-1k class, in class order (shipped with the default encoder's assets)."""
    text = resources.files("advisor.core").joinpath("assets", "imagenet_classes.txt").read_text(encoding="utf-8")
    names = [line.split(",")[0].strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return tuple(dict.fromkeys(names))


def general_vocabulary(imagenet: bool = False) -> tuple[str, ...]:
    """What a crop may be instead of a rule's target: scene words and COCO categories, optionally ImageNet names."""
    return tuple(dict.fromkeys(SCENE_WORDS + COCO_CATEGORIES + (imagenet_names() if imagenet else ())))


def templated(prompt: str) -> list[str]:
    """The sentences a prompt is encoded as (their mean vector stands for the prompt)."""
    return [template.format(prompt) for template in TEMPLATES]
