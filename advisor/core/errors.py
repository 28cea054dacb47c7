"""Every error a caller of the advisor may catch, in one module that all layers import.

Each is a ``ValueError`` (bad input, the message says what to change) or a ``RuntimeError`` (a part that is not
available). Lower-level packages keep their own specific errors (``FilterError``, ``IngestError``...) as
subclasses of these, so ``except AdvisorError`` catches every bad request.
"""
from __future__ import annotations


class AdvisorError(ValueError):
    """A request the advisor cannot serve; the message says why."""


class FeedbackError(AdvisorError):
    """Feedback that cannot be recorded (unknown kind, unknown item, bad user id); the message says which."""


class ImageLoadError(AdvisorError):
    """An image that cannot be read: missing, not an image, truncated, or too large; the message names it."""


class NotInstalledError(RuntimeError):
    """An optional part (an extra) is not installed; the message gives the ``pip install`` line."""


def missing_extra(package: str, extra: str) -> NotInstalledError:
    """The error for a missing optional dependency, with the install hint.

    >>> str(missing_extra("cv2", "surveillance"))
    "cv2 is not installed: pip install 'smart-advisor[surveillance]'"
    """
    return NotInstalledError(f"{package} is not installed: pip install 'smart-advisor[{extra}]'")
