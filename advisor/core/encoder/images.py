"""Safe image loading: clear, named errors for anything that is not a readable image of sane size."""
from __future__ import annotations

import os
import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from advisor.core.errors import ImageLoadError

__all__ = ["ImageLoadError", "load_image"]


def load_image(source, max_pixels: int = 50_000_000, max_bytes: int = 50 * 1024 * 1024) -> Image.Image:
    """Open, verify and fully decode an image (first frame of an animation), refusing bombs and broken files."""
    if isinstance(source, Image.Image):
        _check_pixels(source.size, max_pixels, "image")
        return source
    if not isinstance(source, (str, os.PathLike)):
        raise ImageLoadError(f"expected an image path or PIL image, got {type(source).__name__}")
    path = Path(source)
    name = str(path)
    if not path.exists():
        raise ImageLoadError(f"{name}: file not found")
    if not path.is_file():
        raise ImageLoadError(f"{name}: not a regular file")
    size = path.stat().st_size
    if size == 0:
        raise ImageLoadError(f"{name}: empty file")
    if size > max_bytes:
        raise ImageLoadError(f"{name}: file is {size} bytes, over the {max_bytes}-byte limit")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as probe:
                _check_pixels(probe.size, max_pixels, name)
                probe.verify()
            image = Image.open(path)
            image.seek(0)
            image.load()
    except ImageLoadError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageLoadError(f"{name}: image too large (decompression bomb?): {exc}") from exc
    except UnidentifiedImageError as exc:
        raise ImageLoadError(f"{name}: not an image or an unsupported format") from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageLoadError(f"{name}: corrupt or truncated image ({exc})") from exc
    if image.width < 1 or image.height < 1:
        raise ImageLoadError(f"{name}: image has no pixels")
    return image


def _check_pixels(size: tuple[int, int], max_pixels: int, name: str) -> None:
    width, height = size
    if width * height > max_pixels:
        raise ImageLoadError(f"{name}: {width}x{height} pixels is over the {max_pixels}-pixel limit")
