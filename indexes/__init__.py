"""Vector indexes: the :class:`VectorIndex` interface and its FAISS implementation (CPU, or GPU when present)."""
from indexes.base import IndexError_ as VectorIndexError
from indexes.base import VectorIndex
from indexes.faiss_index import EXACT_LIMIT, RECALL_TARGET, FaissIndex, gpu_count

__all__ = ["EXACT_LIMIT", "RECALL_TARGET", "FaissIndex", "VectorIndex", "VectorIndexError", "gpu_count"]
