"""Save files uploaded in the browser under ``<home>/uploads``: size-limited, checked, with sanitised names.

Example::

    >>> path = save_upload(settings, "../../etc/My Photo.PNG", data)    # doctest: +SKIP
    >>> path.name                                                        # doctest: +SKIP
    '3f2a9c1e-My_Photo.png'
"""
from __future__ import annotations

import io
import re
import stat
import uuid
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from advisor.application.views import caption_from_name, escapes

IMAGE_TYPES = ("png", "jpg", "jpeg", "gif", "bmp", "webp")
PAIRS_TYPES = ("jsonl",)
ARCHIVE_TYPES = ("zip",)
MAX_NAME_CHARS = 80
MAX_ARCHIVE_MEMBERS = 5000
MAX_ARCHIVE_RATIO = 200  # uncompressed / compressed size of one member: more is a zip bomb
MANIFEST_NAMES = ("manifest.jsonl", "manifest.csv", "captions.jsonl", "captions.csv")


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
    return caption_from_name(Path(sanitise_name(name)))


class ExtractedArchive:
    """What :func:`extract_archive` kept: the folder, the manifest inside it (if any) and the refused members."""

    def __init__(self, folder: Path, manifest: Path | None, refused: list[tuple[str, str]]):
        self.folder, self.manifest, self.refused = folder, manifest, refused

    @property
    def source(self) -> Path:
        """What to ingest (with ``confine=True``): the manifest when the archive has one, else the folder."""
        return self.manifest or self.folder


def _member_problem(name: str, is_link: bool, size: int, compressed: int, limit: int) -> str | None:
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return "absolute path (it would escape the upload)"
    if ".." in parts:
        return "path with '..' (it would escape the upload)"
    if is_link:
        return "a link (links are not extracted)"
    if size > limit:
        return f"{size / 1e6:.1f} MB uncompressed; the limit is {limit / 1e6:.0f} MB"
    if compressed > 0 and size / compressed > MAX_ARCHIVE_RATIO and size > 1_000_000:
        return f"compression ratio {size / compressed:.0f}:1 looks like a zip bomb"
    return None


def _archive_part(part: str) -> str:
    """One path component kept as the archive names it (captions come from names), minus unsafe characters."""
    return re.sub(r'[\x00-\x1f\x7f:*?"<>|]+', "_", part).strip()[:255]


def extract_archive(settings, name: str, data: bytes) -> ExtractedArchive:
    """Unpack an uploaded ``.zip`` of images (and optionally ``manifest.jsonl``/``.csv``) under the data home.

    Members with absolute paths, ``..``, links, too many bytes or a bomb-like compression ratio are refused
    by name and never written; the total is bounded by the member count and ``max_file_bytes`` per member.
    Raises :class:`UploadError` when the file is not a readable zip archive.
    """
    safe = sanitise_name(name, default="archive")
    if not safe.lower().endswith(".zip"):
        raise UploadError(f"{safe}: only .zip archives are accepted")
    _size_check(settings, safe, data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise UploadError(f"{safe} is not a readable zip archive ({type(exc).__name__})") from exc
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise UploadError(f"{safe} has {len(members):,} entries; the limit is {MAX_ARCHIVE_MEMBERS:,}")
    folder = _folder(settings, "archives") / f"{uuid.uuid4().hex[:8]}-{safe.rsplit('.', 1)[0]}"
    folder.mkdir(parents=True)
    refused: list[tuple[str, str]] = []
    manifest: Path | None = None
    limit = int(settings.max_file_bytes)
    for member in members:
        if member.is_dir():
            continue
        shown = "".join(ch if ch.isprintable() else "?" for ch in member.filename)[:200]
        is_link = stat.S_ISLNK(member.external_attr >> 16)
        problem = _member_problem(member.filename, is_link, member.file_size, member.compress_size, limit)
        if problem:
            refused.append((shown, problem))
            continue
        parts = [_archive_part(p) for p in member.filename.replace("\\", "/").split("/") if p not in ("", ".")]
        parts = [p for p in parts if p]
        if not parts or any(p.startswith(".") for p in parts):
            refused.append((shown, "hidden or empty name"))
            continue
        target = folder.joinpath(*parts)
        if escapes(target, folder):
            refused.append((shown, "path escapes the upload"))
            continue
        if target.exists() or any(parent.is_file() for parent in target.parents if parent.is_relative_to(folder)):
            refused.append((shown, "its name clashes with another entry of the archive"))
            continue
        try:
            with archive.open(member) as source:
                payload = source.read(limit + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError) as exc:
            refused.append((shown, f"unreadable entry ({type(exc).__name__})"))
            continue
        if len(payload) > limit:
            refused.append((shown, f"more than {limit / 1e6:.0f} MB uncompressed"))
            continue
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(payload)
        except OSError as exc:
            refused.append((shown, f"could not be written ({exc.strerror or type(exc).__name__})"))
            continue
        if len(parts) == 1 and parts[0].lower() in MANIFEST_NAMES and manifest is None:
            manifest = target
    return ExtractedArchive(folder, manifest, refused)
