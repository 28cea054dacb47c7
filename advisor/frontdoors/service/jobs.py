"""Background ingest jobs of the service: one worker thread (ingests write the index one at a time)."""
from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from advisor.frontdoors.service.schemas import JobView

log = logging.getLogger(__name__)
KEEP_JOBS = 500


class IngestJobs:
    """Submit ``Advisor.ingest`` calls; read their state by id."""

    def __init__(self, advisor: Any, on_done: Callable[[Any], None] | None = None):
        self.advisor = advisor
        self.on_done = on_done
        self._jobs: dict[str, JobView] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest")

    def submit(self, source: Path, domain: str | None) -> JobView:
        job = JobView(id=uuid.uuid4().hex, state="queued", submitted_at=datetime.now(timezone.utc))
        with self._lock:
            self._jobs[job.id] = job
            for old in list(self._jobs)[:-KEEP_JOBS]:
                del self._jobs[old]
        self._pool.submit(self._run, job.id, source, domain)
        return job

    def get(self, job_id: str) -> JobView | None:
        with self._lock:
            return self._jobs.get(job_id)

    def _update(self, job_id: str, **fields: Any) -> None:
        with self._lock:
            if job_id in self._jobs:
                self._jobs[job_id] = self._jobs[job_id].model_copy(update=fields)

    def _run(self, job_id: str, source: Path, domain: str | None) -> None:
        self._update(job_id, state="running")
        try:
            report = self.advisor.ingest(source, domain=domain, confine=True)
            self.advisor.catalog.save()
        except Exception as exc:  # noqa: BLE001 - a failed job reports why; the service goes on
            log.warning("ingest job %s failed: %s: %s", job_id, type(exc).__name__, exc)
            self._update(job_id, state="failed", error=f"{type(exc).__name__}: {exc}",
                         finished_at=datetime.now(timezone.utc))
            return
        if self.on_done is not None:
            self.on_done(report)
        self._update(job_id, state="done", result=report.model_dump(mode="json"), finished_at=datetime.now(timezone.utc))

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
