"""Distributed ingest: images are embedded by a pool of Ray actors (one encoder each), the driver commits.

Ray Data streams the candidate images through ``map_batches`` on an actor pool, so each worker loads its model
once and decodes and embeds its share; GPU workers are used when the cluster has GPUs. The driver keeps the
database writes: it commits items and vectors in bounded batches (one transaction each) and adds them to the
vector index, so a crash loses at most the batch in flight. Re-running skips items already stored (same file
content, caption and domain), which makes an interrupted ingest resumable.

Example::

    >>> from advisor.ingest_ray import RayIngestOptions, ingest_with_ray
    >>> ingest_with_ray(advisor, "photos/", options=RayIngestOptions(workers=4))   # doctest: +SKIP
    IngestReport(added=10000, ...)
"""
from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from advisor.core.encoder import ImageLoadError, load_encoder
from advisor.core.ingest import Candidate, file_sha256, iter_candidates
from advisor.core.settings import Settings
from advisor.core.store import Item
from advisor.core.types import IngestReport, Skipped

log = logging.getLogger(__name__)


class RayIngestOptions(BaseModel):
    """How to run an ingest on Ray."""

    model_config = ConfigDict(extra="forbid")

    address: str | None = Field(default=None, description="Ray cluster address (ray://host:10001, 'auto'); None starts a local cluster.")
    workers: int = Field(default=2, ge=1, le=4096, description="Encoder actors (one model each).")
    encode_batch: int = Field(default=32, ge=1, le=4096, description="Images per actor call.")
    commit_batch: int = Field(default=256, ge=1, le=100_000, description="Items per database transaction.")
    gpus_per_worker: float | None = Field(default=None, ge=0, description="GPUs per actor; None: 1 when the cluster has GPUs, else 0.")


class EncoderJob(BaseModel):
    """What every actor needs to build the same encoder as the driver."""

    model_config = ConfigDict(extra="forbid")

    spec: str = Field(description="Encoder spec (the catalog's active encoder).")
    backend: str = Field(description="Encoder inference backend (auto, torch, int8, onnx).")
    batch_size: int = Field(description="Encoding batch size inside an actor.")
    max_image_pixels: int = Field(description="Images over this many pixels are refused.")
    max_file_bytes: int = Field(description="Files over this size are refused.")


class EmbedImages:
    """A Ray Data actor: loads the encoder once, then embeds batches of image paths (bad images are named)."""

    def __init__(self, job: dict[str, Any], use_gpu: bool):
        job = EncoderJob(**job)
        settings = Settings(encoder_backend=job.backend, max_image_pixels=job.max_image_pixels,
                            max_file_bytes=job.max_file_bytes, batch_size=job.batch_size)
        self.encoder = load_encoder(job.spec, device="cuda" if use_gpu else "cpu", settings=settings)

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        images, good, errors = [], [], []
        for path in batch["path"]:
            try:
                images.append(self.encoder.load_images([str(path)])[0])
                good.append(len(errors))
                errors.append("")
            except ImageLoadError as exc:
                errors.append(str(exc).split(": ", 1)[-1] or "unreadable image")
            except OSError as exc:
                errors.append(f"unreadable ({exc.strerror or exc})")
        vectors = np.zeros((len(errors), self.encoder.dim), np.float32)  # a bad image keeps a zero row
        if images:
            vectors[good] = self.encoder.encode_images(images)
        return {"position": batch["position"], "vector": vectors, "error": np.asarray(errors, dtype=object)}



def _stored_keys(store, keys: list[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    """Which (sha256, caption, domain) keys the database already holds."""
    found: set[tuple[str, str, str]] = set()
    digests = sorted({key[0] for key in keys})
    for start in range(0, len(digests), 500):
        with store.session() as session:
            rows = session.execute(select(Item.sha256, Item.caption, Item.domain)
                                   .where(Item.sha256.in_(digests[start:start + 500]))).all()
        found.update((row[0], row[1], row[2]) for row in rows)
    return found


def _pending(candidates: list[Candidate], domain: str | None, store, report: IngestReport) -> list[dict[str, Any]]:
    """Rows still to ingest: readable, not stored already (resume), each key once."""
    rows = []
    for cand in candidates:
        try:
            digest = file_sha256(cand.image)
        except OSError as exc:
            report.skipped.append(Skipped(source=cand.source, reason=f"unreadable ({exc.strerror or exc})"))
            continue
        rows.append({"source": cand.source, "uri": str(cand.image.resolve()), "caption": cand.caption,
                     "domain": domain or cand.domain or "default", "meta": cand.metadata, "sha256": digest})
    stored = _stored_keys(store, [(r["sha256"], r["caption"], r["domain"]) for r in rows])
    pending, seen = [], set(stored)
    for row in rows:
        key = (row["sha256"], row["caption"], row["domain"])
        if key in seen:
            report.duplicates += 1
            continue
        seen.add(key)
        pending.append(row)
    return pending


def _connect(options: RayIngestOptions) -> bool:
    """Connect to the cluster (or start a local one); True when this call started Ray and must shut it down."""
    import ray  # optional dependency: the 'scale' extra  # noqa: PLC0415 - optional extra [scale]

    if ray.is_initialized():
        return False
    if options.address:
        ray.init(address=options.address, log_to_driver=False)
    else:  # one logical CPU per actor plus one for Ray Data's own tasks
        ray.init(num_cpus=options.workers + 1, include_dashboard=False, log_to_driver=False)
    return True


def _embedded_batches(pending: list[dict[str, Any]], job: EncoderJob, options: RayIngestOptions):
    """Yield (positions, vectors, errors) as the actor pool finishes them, in input order."""
    import ray  # noqa: PLC0415 - optional extra [scale]

    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True  # ids follow the source order, as in a local ingest
    gpus = options.gpus_per_worker
    if gpus is None:
        gpus = 1.0 if ray.cluster_resources().get("GPU", 0) >= 1 else 0.0
    blocks = max(options.workers, -(-len(pending) // options.encode_batch))  # enough blocks to feed every actor
    dataset = ray.data.from_items([{"position": i, "path": row["uri"]} for i, row in enumerate(pending)],
                                  override_num_blocks=min(blocks, len(pending)))
    embedded = dataset.map_batches(EmbedImages, fn_constructor_kwargs={"job": job.model_dump(), "use_gpu": gpus > 0},
                                   batch_size=options.encode_batch, num_cpus=1,
                                   compute=ray.data.ActorPoolStrategy(size=options.workers),
                                   num_gpus=gpus, batch_format="numpy")
    for batch in embedded.iter_batches(batch_size=options.commit_batch, batch_format="numpy"):
        yield batch["position"], batch["vector"], batch["error"]


def _commit(advisor, rows: list[dict[str, Any]], vectors: np.ndarray) -> list[int]:
    """One transaction of items and vectors (rows another ingest stored meanwhile are dropped), then the index."""
    catalog = advisor.catalog
    fields = ("uri", "caption", "domain", "meta", "sha256")
    items, kept = advisor.store.add_new_items([{k: row[k] for k in fields} for row in rows], vectors, catalog.space)
    ids = [item.id for item in items]
    if ids:
        catalog.add(ids, vectors[kept])
    return ids


def ingest_with_ray(advisor, source: str | Path, domain: str | None = None, options: RayIngestOptions | None = None,
                    confine: bool = False) -> IngestReport:
    """Ingest like ``Advisor.ingest``, embedding on a Ray cluster. ``advisor`` provides settings, store, catalog."""
    options = options or RayIngestOptions()
    started = time.perf_counter()
    report = IngestReport()
    settings = advisor.settings
    entries = list(iter_candidates(source, settings.max_text_chars, exclude=settings.home, confine=confine))
    report.skipped.extend(e for e in entries if isinstance(e, Skipped))
    pending = _pending([e for e in entries if isinstance(e, Candidate)], domain, advisor.store, report)
    if pending:
        job = EncoderJob(spec=advisor.encoder_spec, backend=settings.encoder_backend, batch_size=settings.batch_size,
                         max_image_pixels=settings.max_image_pixels, max_file_bytes=settings.max_file_bytes)
        started_ray = _connect(options)
        try:
            with advisor.catalog.writing():  # a crash leaves a marker: the next start repairs the index
                _commit_all(advisor, pending, job, options, report)
        finally:
            if started_ray:
                import ray  # noqa: PLC0415 - optional extra [scale]

                ray.shutdown()
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _commit_all(advisor, pending, job: EncoderJob, options: RayIngestOptions, report: IngestReport) -> None:
    for positions, vectors, errors in _embedded_batches(pending, job, options):
        rows, good = [], []
        for row_number, (position, error) in enumerate(zip(positions, errors)):
            row = pending[int(position)]
            if error:
                report.skipped.append(Skipped(source=row["source"], reason=str(error)))
                continue
            rows.append(row)
            good.append(row_number)
        if rows:
            ids = _commit(advisor, rows, np.ascontiguousarray(vectors[good], np.float32))
            report.ids.extend(ids)
            report.added += len(ids)
            report.duplicates += len(rows) - len(ids)
        log.info("ray ingest: %d committed, %d skipped", report.added, len(report.skipped))
