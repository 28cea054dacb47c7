"""Smart Advisor: a multimodal advisor with a fine-tunable CLIP-style encoder, a FAISS index and agents.

The public API::

    from advisor import Advisor, load_encoder, Settings
"""
from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["Advisor", "AdvisorError", "Hit", "IngestReport", "Settings", "load_encoder", "__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from advisor.application.facade import Advisor, AdvisorError
    from advisor.core.encoder import load_encoder
    from advisor.core.settings import Settings
    from advisor.core.types import Hit, IngestReport


def __getattr__(name: str):
    # Heavy imports (torch, sentence-transformers) wait until first use, so `advisor --help` stays fast.
    if name in ("Advisor", "AdvisorError"):
        from advisor.application import facade as app

        return getattr(app, name)
    if name == "load_encoder":
        from advisor.core.encoder import load_encoder

        return load_encoder
    if name == "Settings":
        from advisor.core.settings import Settings

        return Settings
    if name in ("Hit", "IngestReport"):
        from advisor.core import types

        return getattr(types, name)
    raise AttributeError(f"module 'advisor' has no attribute {name!r}")
