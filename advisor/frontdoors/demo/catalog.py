"""The demo catalog: a few hundred items with images, titles, categories, colours and prices, from images that
install on a fresh machine (Debian ``openclipart-png``, and ``fonts-noto-color-emoji`` rendered with Pillow).

* **image, title, caption**: the clip-art file (or the rendered emoji) and a caption cleaned from its name
  (:mod:`advisor.training.corpus`).
* **category**: from the clip-art folder (``animals``, ``food``, ``people/clothing`` -> ``clothing``, ...); for
  emoji, from keywords of the emoji's name.
* **colour**: the colour named in the title when there is one ("red apple" -> red), otherwise the dominant
  non-white hue of the image.
* **price**: SYNTHETIC. A seeded, log-uniform price in a range per category; it exists so that price filters can
  be demonstrated, and means nothing.

Building is deterministic and idempotent: the same machine and arguments give the same manifest, and an unchanged
manifest is not rewritten. ``advisor ingest <out_dir>/catalog.jsonl --domain catalog`` ingests it.

Example::

    >>> from agents.search_recommend.demo import build_demo_catalog
    >>> build_demo_catalog(Path("/tmp/demo"), limit=400)          # doctest: +SKIP
    PosixPath('/tmp/demo/catalog.jsonl')
"""
from __future__ import annotations

import functools
import hashlib
import json
import math
import random
import re
from collections import defaultdict
from pathlib import Path

import numpy as np
from PIL import Image

from advisor.training.corpus import emoji_pairs, openclipart_pairs
from agents.search_recommend import lexicon

MANIFEST_NAME = "catalog.jsonl"
OPENCLIPART_ROOT = Path("/usr/share/openclipart/png")
# (folder prefix, category); the first matching prefix wins; folders not listed are left out of the demo
CLIPART_CATEGORIES = (
    ("people/clothing", "clothing"), ("computer/hardware", "electronics"), ("electronics", "electronics"),
    ("transportation/vehicles", "vehicles"), ("transportation/boating", "vehicles"), ("animals", "animals"),
    ("food", "food"), ("plants", "plants"), ("tools", "tools"), ("office", "office"), ("buildings", "buildings"),
    ("recreation/sports", "sports"), ("recreation/music", "music"), ("recreation/games/chess", "games"),
    ("recreation/games/dice", "games"), ("containers", "containers"), ("education", "office"),
)
EMOJI_CATEGORIES = (
    ("animals", r"\b(cat|dog|horse|cow|pig|mouse|rabbit|tiger|lion|bear|panda|monkey|bird|chicken|penguin|fish|whale|"
                r"dolphin|snake|frog|turtle|bug|bee|ant|spider|octopus|crab|shrimp|unicorn|dragon|dinosaur|sauropod|"
                r"rex|fox|wolf|deer|elephant|camel|giraffe|zebra|kangaroo|owl|eagle|duck|swan|parrot|bat|hedgehog|"
                r"squirrel|badger|otter|sloth|goat|sheep|ram|ox|boar|snail|butterfly|beetle|scorpion|lizard|shark)\b"),
    ("food", r"\b(apple|pear|banana|grapes|melon|watermelon|lemon|orange|tangerine|peach|cherries|strawberry|kiwi|"
             r"tomato|avocado|eggplant|potato|carrot|corn|pepper|cucumber|broccoli|bread|croissant|cheese|meat|"
             r"poultry|bacon|hamburger|fries|pizza|hot dog|sandwich|taco|burrito|egg|cooking|salad|popcorn|rice|"
             r"curry|spaghetti|sushi|dumpling|cookie|cake|shortcake|pie|chocolate|candy|lollipop|custard|honey|"
             r"milk|coffee|tea|sake|wine|cocktail|beer|tumbler|beverage|doughnut|ice cream|shaved ice|oden|"
             r"bento|noodle|mushroom|peanuts|chestnut|pancakes|waffle|butter|salt|onion|garlic|ginger|coconut|mango|pineapple)\b"),
    ("plants", r"\b(flower|rose|tulip|blossom|sunflower|hibiscus|bouquet|tree|palm|cactus|herb|shamrock|clover|leaf|"
               r"leaves|seedling|plant|maple|evergreen|lotus|hyacinth)\b"),
    ("vehicles", r"\b(car|automobile|taxi|bus|trolleybus|minibus|ambulance|fire engine|police car|truck|lorry|"
                 r"tractor|bicycle|scooter|motorcycle|railway|train|locomotive|tram|metro|airplane|aeroplane|"
                 r"helicopter|rocket|boat|ship|sailboat|canoe|speedboat|ferry|motor boat|racing car|skateboard)\b"),
    ("clothing", r"\b(shirt|t shirt|jeans|dress|kimono|bikini|coat|sock|gloves|scarf|necktie|hat|cap|crown|shoe|"
                 r"boot|sandal|handbag|purse|pouch|backpack|glasses|sunglasses|goggles|ring|lipstick|lab coat|"
                 r"billed cap|womans clothes|briefs|shorts|sari|swim)\b"),
    ("sports", r"\b(ball|football|soccer|baseball|softball|basketball|volleyball|tennis|bowling|cricket|hockey|"
               r"golf|ping pong|badminton|boxing|martial|goal|ski|sled|curling|trophy|medal|skate|fishing)\b"),
    ("music", r"\b(music|musical|guitar|piano|keyboard|trumpet|violin|drum|saxophone|microphone|headphone|radio|notes)\b"),
    ("electronics", r"\b(computer|laptop|desktop|printer|mouse|trackball|joystick|mobile phone|telephone|pager|"
                    r"fax|battery|plug|television|camera|video|movie|floppy|disk|dvd|calculator|watch|clock|light bulb)\b"),
    ("faces", r"\b(face|grinning|smiling|smiley|winking|crying|kiss)\b"),
)
CATEGORY_PRICES = {  # synthetic: (low, high) of a log-uniform draw
    "food": (1.0, 25.0), "animals": (5.0, 90.0), "plants": (3.0, 60.0), "vehicles": (15.0, 400.0),
    "tools": (4.0, 120.0), "office": (1.0, 40.0), "clothing": (8.0, 160.0), "electronics": (15.0, 900.0),
    "buildings": (20.0, 600.0), "sports": (5.0, 150.0), "music": (10.0, 700.0), "games": (3.0, 80.0),
    "containers": (2.0, 50.0), "faces": (1.0, 10.0), "symbols": (1.0, 10.0),
}


class DemoCatalogError(RuntimeError):
    """No source images are installed; the message says which package to install."""


def _clipart_category(path: str, root: Path) -> str | None:
    try:
        relative = Path(path).relative_to(root).as_posix()
    except ValueError:
        return None
    for prefix, category in CLIPART_CATEGORIES:
        if relative.startswith(prefix + "/"):
            return category
    return None


def emoji_category(name: str) -> str:
    """A demo category for an emoji name, from keywords ("a red apple" -> food); "symbols" when none match."""
    for category, pattern in EMOJI_CATEGORIES:
        if re.search(pattern, name):
            return category
    return "symbols"


def dominant_colour(image) -> str:
    """The colour name of an image's dominant non-white pixels (transparent areas count as white).

    >>> from PIL import Image
    >>> dominant_colour(Image.new("RGB", (8, 8), (220, 30, 30)))
    'red'
    """
    rgba = image.convert("RGBA")
    rgba.thumbnail((64, 64))
    arr = np.asarray(rgba, np.float32) / 255.0
    alpha = arr[..., 3:4]
    rgb = arr[..., :3] * alpha + (1.0 - alpha)
    top, low = rgb.max(-1), rgb.min(-1)
    saturation = np.where(top > 0, (top - low) / np.maximum(top, 1e-6), 0.0)
    ink = ~((top > 0.9) & (saturation < 0.12))
    if not ink.any():
        return "white"
    value, saturation, rgb = top[ink], saturation[ink], rgb[ink]
    chromatic = (saturation >= 0.25) & (value >= 0.2)
    if chromatic.mean() < 0.15:
        mean = float(value.mean())
        return "black" if mean < 0.35 else ("white" if mean > 0.85 else "grey")
    hue = _hue(rgb[chromatic])
    names = np.array([_hue_name(h, s, v) for h, s, v in zip(hue, saturation[chromatic], value[chromatic])])
    weights = saturation[chromatic]
    totals = defaultdict(float)
    for name, weight in zip(names, weights):
        totals[name] += float(weight)
    return max(sorted(totals), key=lambda n: totals[n])


def _hue(rgb: np.ndarray) -> np.ndarray:
    r, g, b = rgb[:, 0], rgb[:, 1], rgb[:, 2]
    top, low = rgb.max(-1), rgb.min(-1)
    delta = np.maximum(top - low, 1e-6)
    hue = np.where(top == r, ((g - b) / delta) % 6, np.where(top == g, (b - r) / delta + 2, (r - g) / delta + 4))
    return hue * 60.0


def _hue_name(hue: float, saturation: float, value: float) -> str:
    if (hue < 45 or hue >= 345) and value < 0.6 and hue >= 10:
        return "brown"
    if hue < 15 or hue >= 345:
        return "pink" if saturation < 0.5 and value > 0.8 else "red"
    if hue < 45:
        return "orange"
    if hue < 70:
        return "yellow"
    if hue < 170:
        return "green"
    if hue < 255:
        return "blue"
    if hue < 290:
        return "purple"
    return "pink"


def title_colour(title: str) -> str | None:
    """A colour named in the title ("red apple" -> red), else None."""
    for word in re.findall(r"[a-z]+", title.lower()):
        if word in lexicon.COLOUR_WORDS:
            return lexicon.COLOUR_WORDS[word]
    return None


def synthetic_price(key: str, category: str, seed: int = 0) -> float:
    """A deterministic, made-up price for an item: log-uniform in its category's range, ending in .99."""
    low, high = CATEGORY_PRICES.get(category, (2.0, 100.0))
    fraction = int(hashlib.sha1(f"{seed}:{key}".encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    value = math.exp(math.log(low) + fraction * (math.log(high) - math.log(low)))
    return round(max(1.0, round(value)) - 0.01, 2)


@functools.lru_cache(maxsize=4)
def _clipart_rows(root: Path) -> tuple[dict, ...]:
    rows = []
    for pair in openclipart_pairs(root=root):
        category = _clipart_category(pair.path, root)
        if category is not None:
            rows.append({"image": pair.path, "caption": pair.caption, "title": pair.title, "category": category,
                         "source": "openclipart", "license": "public domain (openclipart.org)"})
    return tuple(rows)


def _emoji_rows(image_dir: Path, limit: int) -> list[dict]:
    rows = []
    for pair in emoji_pairs(image_dir, limit=limit):
        rows.append({"image": pair.path, "caption": pair.caption, "title": pair.title,
                     "category": emoji_category(pair.title), "source": "noto-emoji", "license": "OFL-1.1 (Noto Color Emoji)"})
    return rows


def _balanced(rows: list[dict], limit: int, seed: int) -> list[dict]:
    """Up to ``limit`` rows spread evenly over categories (small categories give all they have)."""
    by_category: dict[str, list[dict]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: r["image"]):
        by_category[row["category"]].append(row)
    rng = random.Random(seed)
    for members in by_category.values():
        rng.shuffle(members)
    picked: list[dict] = []
    categories = sorted(by_category)
    while len(picked) < limit and any(by_category[c] for c in categories):
        for category in categories:
            if by_category[category] and len(picked) < limit:
                picked.append(by_category[category].pop())
    return sorted(picked, key=lambda r: (r["category"], r["image"]))


def build_demo_catalog(out_dir: Path, limit: int = 400, seed: int = 0, sources: tuple[str, ...] = ("openclipart", "emoji"),
                       openclipart_root: Path = OPENCLIPART_ROOT, categories: tuple[str, ...] | None = None) -> Path:
    """Write ``<out_dir>/catalog.jsonl`` (image, caption, title, category, colour, price, source, license).

    Clip-art comes first; rendered emoji fill up to ``limit`` when clip-art is missing or short. ``categories``
    keeps only those categories. Returns the manifest path; raises :class:`DemoCatalogError` when no source
    image is installed.
    """
    if limit < 1:
        raise ValueError(f"limit must be positive, got {limit}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rows: list[dict] = []
    problems = []
    if "openclipart" in sources:
        if Path(openclipart_root).is_dir():
            rows = _balanced([dict(r) for r in _clipart_rows(Path(openclipart_root))
                              if categories is None or r["category"] in categories], limit, seed)
        else:
            problems.append(f"{openclipart_root} is missing (apt-get install openclipart-png)")
    if len(rows) < limit and "emoji" in sources:
        try:
            emoji = [r for r in _emoji_rows(out_dir / "emoji", limit=4 * (limit - len(rows)))
                     if categories is None or r["category"] in categories]
            rows += _balanced(emoji, limit - len(rows), seed)
        except FileNotFoundError as exc:
            problems.append(str(exc))
    if not rows:
        raise DemoCatalogError("no demo images: " + "; ".join(problems or ["no source selected"]))
    lines = [json.dumps(_finish(row, seed), ensure_ascii=False, sort_keys=True) for row in rows]
    manifest = out_dir / MANIFEST_NAME
    text = "\n".join(lines) + "\n"
    if not manifest.exists() or manifest.read_text(encoding="utf-8") != text:
        tmp = manifest.with_suffix(".jsonl.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(manifest)
    return manifest


def _finish(row: dict, seed: int) -> dict:
    colour = title_colour(row["title"])
    if colour is None:
        with Image.open(row["image"]) as image:
            colour = dominant_colour(image)
    key = f"{row['source']}:{Path(row['image']).name}"
    return {**row, "colour": colour, "price": synthetic_price(key, row["category"], seed)}
