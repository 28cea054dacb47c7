"""Vector indexes: the :class:`VectorIndex` interface, FAISS (CPU, or GPU when present) and Milvus backends.

``IndexOptions`` names the backend; ``new_index`` / ``load_index`` / ``drop_index`` dispatch on it. The Milvus
backend needs the ``scale`` extra (pymilvus, milvus-lite) and is imported only when chosen.
"""
from indexes.base import IndexError_ as VectorIndexError
from indexes.base import VectorIndex
from indexes.faiss_index import EXACT_LIMIT, RECALL_TARGET, FaissIndex, gpu_count
from indexes.registry import IndexOptions, drop_index, index_path, load_index, new_index

__all__ = ["EXACT_LIMIT", "RECALL_TARGET", "FaissIndex", "IndexOptions", "VectorIndex", "VectorIndexError",
           "drop_index", "gpu_count", "index_path", "load_index", "new_index"]
