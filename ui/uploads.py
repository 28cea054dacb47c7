"""Save files uploaded in the browser under ``<home>/uploads``: size-limited, checked, with sanitised names.

Example::

    >>> path = save_upload(settings, "../../etc/My Photo.PNG", data)    # doctest: +SKIP
    >>> path.name                                                        # doctest: +SKIP
    '3f2a9c1e-My_Photo.png'
"""
from __future__ import annotations

import io
import re
import uuid
from datetime import datetime, timezone
from pathlib import Path

IMAGE_TYPES = ("png", "jpg", "jpeg", "gif", "bmp", "webp")
PAIRS_TYPES = ("jsonl",)
MAX_NAME_CHARS = 80


class UploadError(ValueError):
    """An upload that is refused; the message says why."""


def sanitise_name(name: str, default: str = "upload") -> str:
    """A safe file name: no directories, only letters, digits, ``._-``, at most 80 characters."""
    base = Path(str(name).replace("\\", "/")).name
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", stem).strip("_.-")[:MAX_NAME_CHARS] or default
    suffix = re.sub(r"[^A-Za-z0-9]+", "", suffix).lower()[:10]
    return f"{stem}.{suffix}" if suffix else stem


def _folder(settings, kind: str) -> Path:
    folder = Path(settings.uploads_dir) / kind / datetime.now(timezone.utc).strftime("%Y-%m-%d")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _size_check(settings, name: str, data: bytes) -> None:
    if not data:
        raise UploadError(f"{name} is empty")
    limit = int(settings.max_file_bytes)
    if len(data) > limit:
        raise UploadError(f"{name} is {len(data) / 1e6:.1f} MB; the limit is {limit / 1e6:.0f} MB")


def check_image(settings, name: str, data: bytes) -> None:
    """Refuse files that are not decodable images or exceed the pixel limit (decompression bombs)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > int(settings.max_image_pixels):
                raise UploadError(f"{name} has {width}×{height} pixels; the limit is {settings.max_image_pixels:,}")
            image.verify()
    except UploadError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise UploadError(f"{name} is not a readable image ({type(exc).__name__})") from exc


def save_upload(settings, name: str, data: bytes, kind: str = "images") -> Path:
    """Write ``data`` under ``<home>/uploads/<kind>/<date>/`` and return the path.

    ``kind="images"`` accepts only images; ``kind="pairs"`` accepts JSONL pair files.
    """
    safe = sanitise_name(name)
    suffix = safe.rsplit(".", 1)[-1] if "." in safe else ""
    allowed = IMAGE_TYPES if kind == "images" else PAIRS_TYPES
    if suffix not in allowed:
        raise UploadError(f"{safe}: only {', '.join(allowed)} files are accepted here")
    _size_check(settings, safe, data)
    if kind == "images":
        check_image(settings, safe, data)
    else:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UploadError(f"{safe} is not UTF-8 text") from exc
    path = _folder(settings, kind) / f"{uuid.uuid4().hex[:8]}-{safe}"
    path.write_bytes(data)
    return path


def caption_from_upload(name: str) -> str:
    """The caption the ingest would give the original file name (``red_leather-bag_2.jpg`` → ``red leather bag``)."""
    from advisor.ingest import caption_from_name

    return caption_from_name(Path(sanitise_name(name)))
