"""Read ingest sources: an image folder (optional same-name .txt captions) or a JSONL/CSV manifest.

Each source yields :class:`Candidate` rows or :class:`~advisor.core.types.Skipped` entries (named by file or line),
so one bad row never stops the rest.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor.core.types import Skipped

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp", ".tif", ".tiff"}
MANIFEST_SUFFIXES = {".jsonl", ".ndjson", ".csv", ".json"}
RESERVED = {"image", "caption", "domain"}


class IngestError(ValueError):
    """The ingest source itself is unusable (missing, unknown kind)."""


@dataclass
class Candidate:
    source: str
    image: Path
    caption: str
    domain: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


def caption_from_name(path: Path) -> str:
    words = re.sub(r"[_\-.]+", " ", path.stem)
    words = re.sub(r"\s+\d+$", "", words).strip()
    return words or path.stem


def iter_folder(folder: Path, max_caption_chars: int, exclude: Path | None = None,
                confine: bool = False) -> Iterator[Candidate | Skipped]:
    # the data home's own files (database, indexes, models) are never ingested; images kept there are
    home = exclude.resolve() if exclude is not None else None
    internal = [home / "index", home / "models"] if home is not None else []

    def is_internal(p: Path) -> bool:
        resolved = p.resolve()
        if home is not None and resolved.parent == home and resolved.name.startswith("advisor.db"):
            return True
        return any(resolved.is_relative_to(d) for d in internal)

    files = sorted(
        p for p in folder.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts) and not is_internal(p)
    )
    for path in files:
        suffix = path.suffix.lower()
        if suffix == ".txt":
            continue
        if confine and escapes(path, folder):
            yield Skipped(source=str(path), reason="a link that points outside the upload folder")
            continue
        if suffix not in IMAGE_SUFFIXES:
            yield Skipped(source=str(path), reason=f"not an image file type ({suffix or 'no extension'})")
            continue
        caption_file = path.with_suffix(".txt")
        caption = caption_from_name(path)
        if caption_file.exists():
            try:
                caption = caption_file.read_text(encoding="utf-8").strip() or caption
            except UnicodeDecodeError:
                yield Skipped(source=str(caption_file), reason="caption file is not valid UTF-8; used the file name")
        yield Candidate(source=str(path), image=path, caption=clean_caption(caption, max_caption_chars))


def clean_caption(text: str, max_chars: int) -> str:
    text = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in str(text))
    text = re.sub(r"\s+", " ", text).strip()
    return text[:max_chars]


def escapes(path: Path, base: Path) -> bool:
    """True when ``path`` (links followed) lies outside ``base``: an uploaded manifest or archive may not reach out."""
    try:
        return not path.resolve().is_relative_to(base.resolve())
    except (OSError, RuntimeError):  # unresolvable (link loops): treat as outside
        return True


def _row_to_candidate(row: Any, label: str, base: Path, max_caption_chars: int,
                      confine: bool = False) -> Candidate | Skipped:
    if not isinstance(row, dict):
        return Skipped(source=label, reason=f"row is {type(row).__name__}, not an object")
    image = row.get("image")
    if not isinstance(image, str) or not image.strip():
        return Skipped(source=label, reason="row has no 'image' value")
    if confine and (Path(image.strip()).is_absolute() or image.strip().startswith("~")):
        return Skipped(source=label, reason=f"image path {image.strip()[:200]!r} is absolute; uploaded manifests may only "
                                            "name files inside the upload")
    if "\x00" in image:
        return Skipped(source=label, reason="image path contains a NUL byte")
    try:
        path = Path(image.strip()).expanduser()
    except RuntimeError:  # "~someone/x.jpg" for a user this machine does not know
        return Skipped(source=label, reason=f"image path {image.strip()[:200]!r} names an unknown home directory")
    if not path.is_absolute():
        path = base / path
    if confine and escapes(path, base):
        return Skipped(source=label, reason=f"image path {image.strip()[:200]!r} escapes the upload folder")
    caption = row.get("caption")
    if caption is None or (isinstance(caption, str) and not caption.strip()):
        caption = caption_from_name(path)
    domain = row.get("domain")
    metadata = {k: v for k, v in row.items() if k not in RESERVED and k is not None and v not in (None, "")}
    try:
        json.dumps(metadata)
    except (TypeError, ValueError):
        return Skipped(source=label, reason="metadata is not JSON-serialisable")
    return Candidate(source=label, image=path, caption=clean_caption(caption, max_caption_chars),
                     domain=str(domain) if domain not in (None, "") else None, metadata=metadata)


def _decoded_lines(path: Path) -> Iterator[tuple[int, str | None]]:
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                yield number, raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                yield number, None


def iter_jsonl(path: Path, max_caption_chars: int, confine: bool = False) -> Iterator[Candidate | Skipped]:
    for number, line in _decoded_lines(path):
        label = f"{path.name}:{number}"
        if line is None:
            yield Skipped(source=label, reason="line is not valid UTF-8")
            continue
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            yield Skipped(source=label, reason=f"invalid JSON ({exc.msg})")
            continue
        yield _row_to_candidate(row, label, path.parent, max_caption_chars, confine)


def iter_csv(path: Path, max_caption_chars: int, confine: bool = False) -> Iterator[Candidate | Skipped]:
    lines = list(_decoded_lines(path))
    good = [(n, l) for n, l in lines if l is not None]
    for number, line in lines:
        if line is None:
            yield Skipped(source=f"{path.name}:{number}", reason="line is not valid UTF-8")
    if not good:
        return
    text = io.StringIO("".join(l for _, l in good))
    numbers = [n for n, _ in good]
    try:
        reader = csv.DictReader(text)
        if not reader.fieldnames or "image" not in reader.fieldnames:
            yield Skipped(source=path.name, reason=f"CSV header has no 'image' column (found {reader.fieldnames})")
            return
        for row in reader:
            line_no = numbers[min(reader.line_num - 1, len(numbers) - 1)]
            label = f"{path.name}:{line_no}"
            if None in row:
                yield Skipped(source=label, reason="row has more fields than the header")
                continue
            yield _row_to_candidate(row, label, path.parent, max_caption_chars, confine)
    except csv.Error as exc:
        yield Skipped(source=path.name, reason=f"invalid CSV ({exc})")


def iter_candidates(source: str | Path, max_caption_chars: int = 2000, exclude: Path | None = None,
                    confine: bool = False) -> Iterator[Candidate | Skipped]:
    """Yield candidates from a folder, a manifest (.jsonl/.csv) or a single image file.

    Hidden files and anything under ``exclude`` (the data home) are not ingested from folders.
    With ``confine`` (uploaded sources), every image must lie inside the source's own folder:
    absolute paths, ``..`` and links that lead out are skipped and named.
    """
    path = Path(source).expanduser()
    if not path.exists():
        raise IngestError(f"{source}: no such file or folder")
    if path.is_dir():
        yield from iter_folder(path, max_caption_chars, exclude, confine)
    elif path.suffix.lower() in {".jsonl", ".ndjson", ".json"}:
        yield from iter_jsonl(path, max_caption_chars, confine)
    elif path.suffix.lower() == ".csv":
        yield from iter_csv(path, max_caption_chars, confine)
    elif path.suffix.lower() in IMAGE_SUFFIXES:
        yield Candidate(source=str(path), image=path, caption=caption_from_name(path))
    else:
        raise IngestError(f"{source}: expected an image folder, a .jsonl/.csv manifest or an image file")


def file_sha256(path: str | Path) -> str:
    """The SHA-256 of a file's bytes (read in 1 MiB chunks): the content key that makes ingest skip duplicates."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
