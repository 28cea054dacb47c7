"""Smart Advisor: a multimodal advisor with a fine-tunable CLIP-style encoder, a vector index and agents.

The public API::

    from advisor import Advisor, load_encoder, Settings

The package is layered (``docs/ARCHITECTURE.md``): ``advisor.core`` (settings, store, encoder, catalog, ingest,
search, errors, types), ``advisor.training`` (fine-tuning, evaluation, corpora), ``advisor.application`` (the
``Advisor`` facade, conversations, router, recommender) and ``advisor.frontdoors`` (CLI, REST service, benchmarks,
demo builders).
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["Advisor", "AdvisorError", "Hit", "IngestReport", "Settings", "load_encoder", "__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from advisor.application.facade import Advisor
    from advisor.core.encoder import load_encoder
    from advisor.core.errors import AdvisorError
    from advisor.core.settings import Settings
    from advisor.core.types import Hit, IngestReport

# Name -> module. Resolved on first use (PEP 562), so `import advisor` and `advisor --help` stay fast: the facade
# pulls torch and sentence-transformers.
_EXPORTS = {
    "Advisor": "advisor.application.facade",
    "AdvisorError": "advisor.core.errors",
    "load_encoder": "advisor.core.encoder",
    "Settings": "advisor.core.settings",
    "Hit": "advisor.core.types",
    "IngestReport": "advisor.core.types",
}


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'advisor' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
