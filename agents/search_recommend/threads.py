"""Run one small query on few threads.

Embedding a short query and scanning the index for one vector are tiny jobs: splitting them over OpenMP threads
gains little on an idle machine and loses badly on a busy one (threads spin waiting for each other). Measured on
the 2-core development machine under load: one sentence through MiniLM took 788 ms on 2 threads and 23 ms on one;
one FAISS flat search over 100k vectors 78 ms on 2 threads and 28 ms on one; a 70 x 384 NumPy matrix product (MMR)
20 ms on OpenBLAS's 2 threads once torch is loaded, and 0.4 ms on one.

The thread counts of torch, FAISS and the BLAS/OpenMP libraries (through ``threadpoolctl``) are process-wide, so
they are lowered while at least one query is running and restored when the last one finishes (reference-counted;
batch work in other threads meanwhile runs on fewer threads for those milliseconds).

>>> with few_threads(1):
...     pass
"""
from __future__ import annotations

import contextlib
import sys
import threading

_lock = threading.Lock()
_active = 0
_saved: tuple[int | None, int | None] = (None, None)
_limiter = None
_controller = None
_controller_key: tuple | None = None


def _limit_native(count: int):
    """threadpoolctl limits on every loaded BLAS/OpenMP library (None when threadpoolctl is missing)."""
    global _controller, _controller_key
    try:
        from threadpoolctl import ThreadpoolController  # noqa: PLC0415 - optional: guarded by try/except
    except ImportError:  # pragma: no cover - optional (it comes with scikit-learn)
        return None
    key = tuple(name in sys.modules for name in ("torch", "faiss", "scipy", "sklearn"))
    if _controller is None or key != _controller_key:  # libraries loaded since: look again
        _controller, _controller_key = ThreadpoolController(), key
    return _controller.limit(limits=count)


def _get() -> tuple[int | None, int | None]:
    torch = sys.modules.get("torch")
    faiss = sys.modules.get("faiss")
    return (torch.get_num_threads() if torch else None,
            faiss.omp_get_max_threads() if faiss and hasattr(faiss, "omp_get_max_threads") else None)


def _set(torch_threads: int | None, faiss_threads: int | None) -> None:
    torch = sys.modules.get("torch")
    faiss = sys.modules.get("faiss")
    if torch is not None and torch_threads:
        torch.set_num_threads(torch_threads)
    if faiss is not None and faiss_threads and hasattr(faiss, "omp_set_num_threads"):
        faiss.omp_set_num_threads(faiss_threads)


@contextlib.contextmanager
def few_threads(count: int):
    """Lower torch's and FAISS's thread counts to ``count`` inside the block (0: leave them alone)."""
    global _active, _saved, _limiter
    if count <= 0:
        yield
        return
    with _lock:
        if _active == 0:
            _saved = _get()
            _set(count, count)
            _limiter = _limit_native(count)
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0:
                if _limiter is not None:
                    _limiter.restore_original_limits()
                    _limiter = None
                _set(*_saved)
