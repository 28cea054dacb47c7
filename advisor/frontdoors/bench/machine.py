"""The machine a run measured: hardware, versions, load, and two calibrations that give every floor.

* ``matmul_gflops``: fp32 matrix product through torch on this machine's threads (compute rate).
* ``read_gbps``: streaming read of a large float32 array through numpy (memory bandwidth, one pass).

A floor is then work over rate: images/s <= GFLOP/s / GFLOP per image; exact-search latency >=
bytes scanned / bandwidth.

Example::

    >>> info = machine_info()                # doctest: +SKIP
    >>> info["cores"]                         # doctest: +SKIP
    2
"""
from __future__ import annotations

import os
import platform
import time
from datetime import datetime, timezone
from importlib import metadata

import numpy as np


def _cpu_model() -> str:
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gb() -> float:
    try:
        for line in open("/proc/meminfo", encoding="utf-8"):
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return float("nan")


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _cpu_flags() -> list[str]:
    wanted = ("avx2", "avx512f", "avx512_vnni", "avx512_bf16", "amx_tile", "amx_int8", "amx_bf16")
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("flags"):
                present = set(line.split(":", 1)[1].split())
                return [flag for flag in wanted if flag in present]
    except OSError:
        pass
    return []


def machine_info() -> dict:
    """CPU model, cores, RAM, OS, library versions, date and load average at the start of the run."""
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        usable = os.cpu_count() or 1
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except OSError:  # pragma: no cover
        load = []
    return {
        "cpu": _cpu_model(),
        "cpu_flags": _cpu_flags(),
        "cores": usable,
        "ram_gb": _ram_gb(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "torch": _version("torch"),
        "faiss": _version("faiss-cpu") if _version("faiss-cpu") != "not installed" else _version("faiss-gpu-cu12"),
        "onnxruntime": _version("onnxruntime"),
        "sentence_transformers": _version("sentence-transformers"),
        "numpy": _version("numpy"),
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "load_average": load,
    }


def matmul_gflops(size: int = 1024, seconds: float = 0.5) -> float:
    """Measured fp32 GFLOP/s of a square matrix product through torch (best of a few runs)."""
    import torch  # noqa: PLC0415 - torch is heavy: loaded on first use

    a = torch.randn(size, size)
    b = torch.randn(size, size)
    torch.mm(a, b)
    best = float("inf")
    deadline = time.perf_counter() + seconds
    runs = 0
    while runs < 3 or time.perf_counter() < deadline:
        start = time.perf_counter()
        torch.mm(a, b)
        best = min(best, time.perf_counter() - start)
        runs += 1
        if runs >= 50:
            break
    return 2.0 * size ** 3 / best / 1e9


def read_gbps(megabytes: int = 512) -> float:
    """Measured memory read bandwidth in GB/s: the best of a few full passes summing a float32 array."""
    array = np.ones(megabytes * 1024 * 1024 // 4, dtype=np.float32)
    array.sum()
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        array.sum()
        best = min(best, time.perf_counter() - start)
    return array.nbytes / best / 1e9


def calibrate(quick: bool = False) -> dict[str, float]:
    """Both rates, measured now (the floors of this run use them)."""
    return {"matmul_gflops": round(matmul_gflops(768 if quick else 1024, 0.3 if quick else 1.0), 1),
            "read_gbps": round(read_gbps(256 if quick else 1024), 2)}


__all__ = ["calibrate", "machine_info", "matmul_gflops", "read_gbps"]
