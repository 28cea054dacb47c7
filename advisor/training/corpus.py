"""Generic image-caption corpora built from images installed on this machine.

* :func:`emoji_pairs` renders every Noto colour emoji (single code points and the multi-code-point sequences
  whose name can be composed: ZWJ sequences, keycaps) and captions it with its Unicode name.
* :func:`openclipart_pairs` captions the openclipart PNGs from their file and folder names, with author names,
  numeric suffixes and untranslatable non-English words removed.

Both return :class:`CaptionedImage` rows (``path``, ``caption``, ``title``, ``group``): ``title`` is the bare object
name ("zebra"), ``caption`` a short English caption ("a zebra"), ``group`` what held-out splits must keep together
(the category folder for clip-art, the emoji itself otherwise).

Example::

    >>> from advisor.corpus import emoji_pairs, openclipart_pairs
    >>> rows = emoji_pairs("/tmp/emoji", limit=3)                  # doctest: +SKIP
    >>> rows[0].caption                                            # doctest: +SKIP
    'a grinning face'
"""
from __future__ import annotations

import collections
import re
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path

from fontTools import ttLib
from PIL import Image, ImageDraw
from tqdm import tqdm

EMOJI_FONT = Path("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf")
OPENCLIPART_DIR = Path("/usr/share/openclipart/png")
EMOJI_SIZE = 109  # the only bitmap strike of Noto Color Emoji

SKIN_TONES = range(0x1F3FB, 0x1F400)
ZWJ, VS16, KEYCAP = 0x200D, 0xFE0F, 0x20E3
GENDER = {0x2640: "woman", 0x2642: "man"}


@dataclass(frozen=True)
class CaptionedImage:
    """One image with its caption. ``group`` keeps near-duplicates on one side of a held-out split."""

    path: str
    caption: str
    title: str
    group: str


def article(noun: str) -> str:
    """ "a zebra", "an apple", "pancakes" (no article before a plural)."""
    last = noun.split()[-1] if noun.split() else noun
    if last.endswith("s") and not last.endswith(("ss", "us", "is", "ys")):
        return noun
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


# ---------------------------------------------------------------- emoji

def _emoji_sequences(font_path: Path) -> dict[tuple[int, ...], str]:
    """Every code-point sequence the font draws as one glyph: the cmap plus its ligatures."""
    font = ttLib.TTFont(str(font_path))
    cmap = font.getBestCmap()
    glyph_to_cp = {glyph: cp for cp, glyph in cmap.items()}
    sequences = {(cp,): glyph for cp, glyph in cmap.items()}
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for table in lookup.SubTable:
            for first, ligatures in getattr(table, "ligatures", {}).items():
                for ligature in ligatures:
                    glyphs = [first, *ligature.Component]
                    if all(g in glyph_to_cp for g in glyphs):
                        sequences.setdefault(tuple(glyph_to_cp[g] for g in glyphs), ligature.LigGlyph)
    # the font also draws reversed ZWJ sequences (for right-to-left text): keep one order per glyph
    by_glyph: dict[str, list[tuple[int, ...]]] = collections.defaultdict(list)
    for sequence, glyph in sequences.items():
        by_glyph[glyph].append(sequence)
    return {min(options, key=_canonical_rank): glyph for glyph, options in by_glyph.items()}


def _canonical_rank(sequence: tuple[int, ...]) -> tuple:
    first = sequence[0]
    person = bool(re.search(r"\b(PERSON|MAN|WOMAN|ADULT|BOY|GIRL|CHILD)\b", unicodedata.name(chr(first), "")))
    return (first in GENDER, not person, -first, sequence)


def _clean_emoji_name(name: str) -> str:
    name = name.lower().replace("-", " ")
    name = re.sub(r"\b(emoji modifier|variation selector)\b.*", "", name)
    name = name.replace("emoji component ", "")
    name = re.sub(r"^(heavy|black|white) (?=(heart|star|circle|square|diamond|club|spade|flag|medium|large|small))", "", name)
    name = re.sub(r"\b(symbol|sign)$", "", name).strip()
    return re.sub(r"\s+", " ", name).strip()


def emoji_name(sequence: tuple[int, ...]) -> str | None:
    """An English name for a code-point sequence, or None when none can be composed (flags, skin tones)."""
    points = [cp for cp in sequence if cp != VS16]
    if not points or any(cp in SKIN_TONES or 0x1F1E6 <= cp <= 0x1F1FF or 0xE0000 <= cp <= 0xE007F for cp in points):
        return None
    if len(points) == 2 and points[1] == KEYCAP:
        base = unicodedata.name(chr(points[0]), "").lower()
        return f"keycap {base.replace('digit ', '')}" if base else None
    if len(points) == 1 and (points[0] < 0xA9 or unicodedata.category(chr(points[0])) in ("Cf", "Mn", "Me", "Zs", "Sk")):
        return None
    parts = [p for p in points if p != ZWJ]
    if len(parts) > 1 and 0x27A1 in parts:
        return None  # "facing right" variants duplicate their base emoji
    genders = [GENDER[p] for p in parts if p in GENDER] if len(parts) > 1 else []
    parts = [p for p in parts if not (genders and p in GENDER)]
    words = []
    for cp in parts:
        name = unicodedata.name(chr(cp), "")
        if not name or "CJK" in name or "IDEOGRAPH" in name:
            return None
        words.append(_clean_emoji_name(name))
    text = " ".join(w for w in words if w)
    if genders:
        gender = genders[0]
        if re.search(r"\b(person|people|adult)\b", text):
            text = re.sub(r"\b(person|people|adult)\b", gender, text, count=1)
        elif not re.search(r"\b(wo)?m[ae]n\b", text):
            text = f"{gender} {text}"
    return text or None


def render_emoji(text: str, font, size: int = EMOJI_SIZE):
    """Draw one emoji on a transparent canvas, cropped to its ink."""
    canvas = Image.new("RGBA", (size * 2, size * 2), (0, 0, 0, 0))
    ImageDraw.Draw(canvas).text((size // 4, size // 4), text, font=font, embedded_color=True)
    box = canvas.getbbox()
    return canvas.crop(box) if box else None


def emoji_pairs(out_dir: str | Path, limit: int | None = None, font_path: str | Path = EMOJI_FONT,
                progress: bool = False) -> list[CaptionedImage]:
    """Render every nameable Noto colour emoji as a PNG under ``out_dir`` (kept between calls) and caption it.

    Captions are the lower-cased Unicode names with an article ("a grinning face"); ZWJ sequences compose
    their parts' names ("woman technologist" stays as the font has it: "woman personal computer").
    """
    from PIL import ImageFont  # noqa: PLC0415 - fonts load only for rendering

    font_path = Path(font_path)
    if not font_path.exists():
        raise FileNotFoundError(f"{font_path}: Noto Color Emoji is not installed (apt-get install fonts-noto-color-emoji)")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    font = None
    rows: list[CaptionedImage] = []
    seen_names: set[str] = set()
    sequences = sorted(_emoji_sequences(font_path), key=lambda s: (len(s), s))
    iterator = sequences
    if progress:
        iterator = tqdm(sequences, desc="emoji", unit="glyph")
    for sequence in iterator:
        if limit is not None and len(rows) >= limit:
            break
        name = emoji_name(sequence)
        if not name or name in seen_names:
            continue
        path = out_dir / ("emoji_" + "_".join(f"{cp:04x}" for cp in sequence) + ".png")
        if not path.exists():
            font = font or ImageFont.truetype(str(font_path), EMOJI_SIZE)
            image = render_emoji("".join(chr(cp) for cp in sequence), font)
            if image is None or image.width < 8 or image.height < 8:
                continue
            image.save(path)
        seen_names.add(name)
        rows.append(CaptionedImage(str(path), article(name), name, f"emoji:{name}"))
    return rows


# ---------------------------------------------------------------- openclipart

# Frequent non-English (mostly Italian) words of the collection, translated; other non-English words are dropped.
TRANSLATIONS = {
    "anatra": "duck", "antilope": "antelope", "ape": "bee", "asse": "board", "biberon": "baby bottle",
    "borsetta": "handbag", "calzettoni": "socks", "cammello": "camel", "candela": "candle", "cane": "dog",
    "cani": "dogs", "canguro": "kangaroo", "carpentiere": "carpenter", "casa": "house", "cavallo": "horse",
    "ciuccio": "pacifier", "colombo": "pigeon", "coniglio": "rabbit", "corridore": "runner", "elefante": "elephant",
    "elefantone": "elephant", "fattoria": "farm", "festoni": "festoons", "fiocco": "bow", "foglie": "leaves",
    "fiore": "flower", "fiori": "flowers", "gabbiano": "seagull", "gatto": "cat", "gatti": "cats", "gufo": "owl",
    "lucertola": "lizard", "lucertolona": "lizard", "lucertolone": "lizard", "lucchetto": "padlock",
    "mela": "apple", "montacarichi": "forklift", "orso": "bear", "pecora": "sheep", "pesce": "fish",
    "pinguino": "penguin", "pittura": "painting", "rana": "frog", "ramarro": "lizard", "rinoceronte": "rhinoceros",
    "stambecco": "ibex", "tacchino": "turkey", "topo": "mouse", "toro": "bull", "uovo": "egg", "vacca": "cow",
    "tartaruga": "turtle", "farfalla": "butterfly", "albero": "tree", "chiave": "key", "libro": "book",
    "ambulanza": "ambulance", "betoniera": "concrete mixer", "candele": "candles", "martello": "hammer",
    "martellare": "hammering", "ombrello": "umbrella", "orologio": "clock", "sedia": "chair", "tavolo": "table",
    "bicicletta": "bicycle", "macchina": "car", "treno": "train", "nave": "ship", "aereo": "airplane",
    "pane": "bread", "vino": "wine", "formaggio": "cheese", "pomodoro": "tomato", "fragola": "strawberry",
    "uva": "grapes", "limone": "lemon", "arancia": "orange", "banana": "banana", "pera": "pear",
    "cornetto": "croissant", "condominio": "apartment building", "traslocatore": "mover", "donna": "woman",
    "uomo": "man", "bambino": "child", "bambina": "girl", "ragazzo": "boy", "ragazza": "girl", "sole": "sun",
    "luna": "moon", "stella": "star", "nuvola": "cloud", "pioggia": "rain", "neve": "snow", "montagna": "mountain",
    "esperimento": "experiment", "chimico": "chemistry", "canguri": "kangaroos", "scimmia": "monkey",
    "leone": "lion", "tigre": "tiger", "giraffa": "giraffe", "zebra": "zebra", "serpente": "snake",
    "delfino": "dolphin", "balena": "whale", "squalo": "shark", "granchio": "crab", "lumaca": "snail",
    "ragno": "spider", "formica": "ant", "mosca": "fly", "zanzara": "mosquito", "uccello": "bird",
    "gallina": "hen", "gallo": "rooster", "maiale": "pig", "capra": "goat", "asino": "donkey", "mucca": "cow",
    "blocco": "block", "ghiaccio": "ice", "notes": "notepad", "stiro": "ironing", "pennello": "paintbrush",
    "sorridente": "smiling", "arancioni": "orange", "marroni": "brown", "rosse": "red", "verdi": "green",
    "piccolo": "small", "grande": "big", "rosso": "red", "verde": "green", "giallo": "yellow", "blu": "blue",
    "nero": "black", "bianco": "white", "pezzata": "spotted", "rossa": "red", "vestito": "dress",
    "attaccapanni": "coat hanger", "natale": "christmas", "ghirlande": "garlands", "festa": "party",
    "carretta": "wheelbarrow", "cantiere": "building site", "stara": "old", "ksiega": "book",
    "pinguini": "penguins", "tatuaggio": "tattoo", "orme": "footprints", "canguro_": "kangaroo",
}
FOREIGN_STOPWORDS = {"di", "e", "con", "da", "del", "della", "dei", "il", "lo", "la", "le", "gli", "un", "una",
                     "al", "alla", "sulla", "sul", "col", "per", "tra", "fra", "de", "des", "du", "der", "die",
                     "das", "und", "el", "los", "las", "y", "tante", "arrotolata", "valdostano", "corsa"}
# Words that say nothing about the picture.
NOISE_WORDS = {"bw", "md", "svg", "png", "icon", "clipart", "clip", "art", "v", "ver", "version", "copy",
               "remix", "openclipart", "sketch", "by", "gnome", "mime", "lemon", "etiquette", "outline", "contour", "colour", "color", "mono", "r", "s"}
# Folder names that give no context.
GENERIC_FOLDERS = {"unsorted", "special", "duplicates", "icons", "computer", "misc", "other", "theme", "actions",
                   "action", "apps", "applications", "simple", "white", "bordered", "ornamental", "png"}
TOKEN = re.compile(r"[a-z]+")
ARTICLES = {"a", "an", "the", "another", "some"}


def _vocabulary() -> frozenset[str]:
    """English-ish whole words: MiniLM's (BERT uncased) vocabulary minus word pieces."""
    from advisor.core.encoder.modules import minilm_path  # noqa: PLC0415 - pulls torch (torch is heavy: loaded on first use)

    vocab = Path(minilm_path()) / "vocab.txt"
    words = vocab.read_text(encoding="utf-8").split()
    return frozenset(w for w in words if w.isalpha() and w.isascii() and len(w) > 1)


def _stem_tokens(stem: str) -> list[str]:
    stem = re.sub(r"([a-z])([A-Z])", r"\1 \2", stem)  # camelCase
    return TOKEN.findall(stem.lower())


def _folder_context(folder: Path) -> str:
    for part in reversed(folder.parts):
        words = [w for w in _stem_tokens(part) if w not in GENERIC_FOLDERS]
        if words and not any(ch.isdigit() for ch in part):
            return " ".join(words)
    return ""


def find_author_tokens(files: list[Path], root: Path, min_folders: int = 4) -> set[str]:
    """Tokens that recur after the title across unrelated top-level folders: author names and their fragments."""
    top_folders: dict[str, set[str]] = collections.defaultdict(set)
    first: collections.Counter = collections.Counter()
    total: collections.Counter = collections.Counter()
    for path in files:
        tokens = _stem_tokens(path.stem)
        top = path.relative_to(root).parts[0]
        for position, token in enumerate(tokens):
            total[token] += 1
            first[token] += position == 0
            top_folders[token].add(top)
    authors = {t for t, folders in top_folders.items()
               if len(folders) >= min_folders and first[t] <= 0.25 * total[t] and t not in _COMMON_WORDS}
    # truncated names ("architetto_fra") leave prefixes of author names behind
    return authors


# Frequent English words that recur across folders but are not author names.
_COMMON_WORDS = {"of", "and", "in", "on", "with", "the", "for", "to", "a", "an", "red", "blue", "green", "black",
                 "white", "yellow", "orange", "purple", "pink", "brown", "grey", "gray", "simple", "glass", "left",
                 "right", "up", "down", "arrow", "sign", "flag", "symbol", "tree", "star", "new", "full", "cross",
                 "fire", "man", "woman", "hand", "square", "circle", "home", "water", "box", "car", "bus", "wine",
                 "flower", "text", "image", "button", "double", "next", "empty", "two", "one", "mail", "stop",
                 "info", "help", "user", "network", "folder", "cartoon", "stylized", "christmas", "south", "islands",
                 "head", "face", "girl", "boy", "old", "big", "small", "light", "dark", "cd", "usb", "html"}


def clean_title(stem: str, authors: set[str], vocabulary: frozenset[str]) -> str:
    """The object a clip-art file name describes, in English ("" when nothing usable is left)."""
    tokens = _stem_tokens(stem)
    words: list[str] = []
    for position, token in enumerate(tokens):
        if position > 0 and (token in authors or any(a.startswith(token) for a in authors if len(token) >= 3)):
            break  # the author's name starts here; the rest is the name or its truncation
        if token in NOISE_WORDS or token in FOREIGN_STOPWORDS or len(token) < 2 or (not words and token in ARTICLES):
            continue
        if token in TRANSLATIONS:
            words.append(TRANSLATIONS[token])
        elif token in vocabulary:
            words.append(token)
    truncated = len(re.sub(r"(_\d*r?|_)$", "", stem)) >= 22
    if truncated and words and words[-1] == tokens[-1] and len(tokens) > 2:
        words = words[:-1]  # a name cut at 24 characters ends in a fragment
    deduplicated = list(dict.fromkeys(words))
    return " ".join(deduplicated[:5])


def _pixels(path: Path) -> int:
    """Width x height from the file header (no decoding); 0 when unreadable."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(path) as image:
                return image.width * image.height
    except Exception:  # noqa: BLE001 - any unreadable file is simply left out
        return 0


def openclipart_pairs(limit: int | None = None, root: str | Path = OPENCLIPART_DIR, max_per_caption: int = 4,
                      with_context: bool = False, max_pixels: int = 16_000_000) -> list[CaptionedImage]:
    """Caption the openclipart PNGs from their names: "a zebra", or with ``with_context`` "a zebra (mammals)".

    Images whose name leaves no English word are skipped; at most ``max_per_caption`` images share a caption
    (the 1,400 numbered stars would otherwise swamp everything); unreadable images and those over
    ``max_pixels`` (a few are posters of 100+ megapixels) are left out.
    """
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(f"{root}: openclipart is not installed (apt-get install openclipart-png)")
    files = sorted(p for p in root.rglob("*.png") if p.is_file())
    authors = find_author_tokens(files, root)
    vocabulary = _vocabulary()
    per_caption: collections.Counter = collections.Counter()
    rows: list[CaptionedImage] = []
    for path in files:
        if limit is not None and len(rows) >= limit:
            break
        title = clean_title(path.stem, authors, vocabulary)
        if not title or per_caption[title] >= max_per_caption or not 0 < _pixels(path) <= max_pixels:
            continue
        per_caption[title] += 1
        folder = path.parent.relative_to(root)
        context = _folder_context(folder)
        if "flags" in folder.parts and not title.startswith("flag"):
            title = f"flag of {title}"
        caption = article(title) + (f" ({context})" if with_context and context and context != title else "")
        rows.append(CaptionedImage(str(path), caption, title, f"openclipart:{folder.as_posix()}"))
    return rows


__all__ = ["CaptionedImage", "emoji_pairs", "openclipart_pairs", "emoji_name", "clean_title", "article"]
