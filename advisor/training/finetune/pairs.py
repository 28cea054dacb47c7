"""Pair files: JSONL rows ``{"image": PATH, "caption": TEXT}``, paths absolute or relative to the file.

Rows that are not JSON, lack a field or name a missing/unreadable image are skipped, each named, with a count.

Example::

    >>> pairs = load_pairs("train.jsonl")          # doctest: +SKIP
    >>> len(pairs), pairs.skipped[:1]              # doctest: +SKIP
    (480, [])
"""
from __future__ import annotations

import json
import logging
import random
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

log = logging.getLogger(__name__)


class PairsError(ValueError):
    """A pair file cannot be used (missing, empty, too few usable pairs); the message says why."""


class TooFewPairsError(PairsError):
    """Fewer usable pairs than the operation needs (training needs at least 2: InfoNCE needs negatives)."""


@dataclass
class PairSet:
    """Usable pairs of a file, with the skipped rows as ``(line, reason)``."""

    images: list[str]
    captions: list[str]
    source: str = ""
    skipped: list[tuple[int, str]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.images)

    def subset(self, indices) -> PairSet:
        return PairSet([self.images[i] for i in indices], [self.captions[i] for i in indices], self.source)

    def split(self, fraction: float, seed: int) -> tuple[PairSet, PairSet]:
        """Seeded (rest, held-out) split; pairs sharing a caption or an image stay on one side."""
        groups: dict[str, list[int]] = {}
        for index, caption in enumerate(self.captions):
            groups.setdefault(caption.strip().lower(), []).append(index)
        keys = sorted(groups)
        random.Random(seed).shuffle(keys)
        held: list[int] = []
        target = max(2, int(round(len(self) * fraction)))
        for key in keys:
            if len(held) >= target:
                break
            held.extend(groups[key])
        held_set = set(held)
        rest = [i for i in range(len(self)) if i not in held_set]
        return self.subset(rest), self.subset(sorted(held))


def _check_image(path: Path, max_pixels: int) -> str | None:
    """Cheap readability check (header, size limit, chunk checksums; no full decode)."""
    if not path.is_file():
        return "image file not found"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                if image.width * image.height > max_pixels:
                    return f"{image.width}x{image.height} pixels is over the {max_pixels}-pixel limit"
                image.verify()
    except Exception as exc:  # noqa: BLE001 - any failure means the image is unusable
        return f"not a readable image ({type(exc).__name__}: {exc})"
    return None


def load_pairs(path: str | Path, min_pairs: int = 2, check_images: bool = True,
               max_pixels: int = 50_000_000) -> PairSet:
    """Read a JSONL pair file; raise :class:`PairsError` if it is missing and :class:`TooFewPairsError`
    when fewer than ``min_pairs`` usable pairs remain."""
    path = Path(path)
    if not path.is_file():
        raise PairsError(f"{path}: pair file not found")
    base = path.resolve().parent
    pairs = PairSet([], [], str(path))
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        reason, image, caption = _parse_row(line, base)
        if reason is None and check_images:
            reason = _check_image(Path(image), max_pixels)
        if reason:
            pairs.skipped.append((number, f"{image or '?'}: {reason}" if image else reason))
            continue
        pairs.images.append(image)
        pairs.captions.append(caption)
    for number, reason in pairs.skipped:
        log.warning("%s line %d skipped: %s", path, number, reason)
    if len(pairs) < min_pairs:
        raise TooFewPairsError(f"{path}: {len(pairs)} usable pair(s) ({len(pairs.skipped)} skipped), "
                               f"at least {min_pairs} needed")
    return pairs


def _parse_row(line: str, base: Path) -> tuple[str | None, str | None, str | None]:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"not valid JSON ({exc.msg})", None, None
    if not isinstance(row, dict):
        return "not a JSON object", None, None
    image, caption = row.get("image"), row.get("caption")
    if not isinstance(image, str) or not image.strip():
        return "no 'image' field", None, None
    try:
        resolved = Path(image).expanduser()
        resolved = str(resolved if resolved.is_absolute() else (base / resolved).resolve())
    except (RuntimeError, ValueError, OSError) as exc:  # "~nobody/x.jpg", a NUL byte
        return f"unusable 'image' path ({exc})", None, None
    if not isinstance(caption, str) or not caption.strip():
        return "no 'caption' field", resolved, None
    return None, resolved, caption.strip()


def write_pairs(path: str | Path, images, captions) -> Path:
    """Write a JSONL pair file (absolute image paths)."""
    path = Path(path)
    with path.open("w", encoding="utf-8") as handle:
        for image, caption in zip(images, captions):
            handle.write(json.dumps({"image": str(image), "caption": caption}) + "\n")
    return path
