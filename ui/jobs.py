"""Long operations (fine-tuning, re-indexing) as background ``advisor`` subprocesses with visible progress.

A job outlives the page that started it (navigating away does not stop it); its progress is parsed from the
command's progress bars on stderr and its result is the JSON document it prints on stdout (``--json``).

Example::

    >>> job = start("finetune", ["finetune", "--train", "pairs.jsonl", "--out", "runs/a", "--mode", "heads"])  # doctest: +SKIP
    >>> job.fraction, job.state                                                                              # doctest: +SKIP
    (0.4, 'running')
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

PROGRESS = re.compile(r"(?:(?P<label>[A-Za-z][\w .-]{0,40}):\s*)?(?P<pct>\d{1,3})%\|[^|]*\|\s*(?P<done>\d+)/(?P<total>\d+)")
MAX_LOG_LINES = 200
_jobs: dict[str, Job] = {}
_lock = threading.Lock()


@dataclass
class Job:
    """One background command and what is known about it."""

    id: str
    title: str
    command: list[str]
    state: Literal["running", "done", "failed"] = "running"
    fraction: float = 0.0
    stage: str = ""
    log: list[str] = field(default_factory=list)
    result: dict[str, Any] | None = None
    error: str | None = None
    started: float = field(default_factory=time.time)
    finished: float | None = None
    process: subprocess.Popen | None = field(default=None, repr=False)

    @property
    def seconds(self) -> float:
        return round((self.finished or time.time()) - self.started, 1)


def advisor_command(*args: str) -> list[str]:
    """The ``advisor`` CLI of this interpreter (works without the console script on PATH)."""
    return [sys.executable, "-m", "advisor", *args]


def _read_progress(job: Job, stream) -> None:
    buffer = ""
    while True:
        chunk = stream.read(1)
        if not chunk:
            break
        if chunk not in "\r\n":
            buffer += chunk
            continue
        _note(job, buffer.strip())
        buffer = ""
    _note(job, buffer.strip())


def _note(job: Job, line: str) -> None:
    if not line:
        return
    match = PROGRESS.search(line)
    if match:
        total = int(match["total"])
        job.fraction = min(1.0, int(match["done"]) / total) if total else job.fraction
        job.stage = (match["label"] or job.stage or "working").strip()
        return
    job.log.append(line)
    del job.log[:-MAX_LOG_LINES]


def _wait(job: Job) -> None:
    process = job.process
    stdout = process.stdout.read()  # stderr belongs to the progress reader
    process.wait()
    job.finished = time.time()
    documents = [line for line in (stdout or "").splitlines() if line.strip().startswith("{")]
    if documents:
        try:
            job.result = json.loads(documents[-1])
        except json.JSONDecodeError:
            job.result = None
    if process.returncode == 0 and not (job.result or {}).get("error"):
        job.state, job.fraction = "done", 1.0
        return
    job.state = "failed"
    errors = [line for line in job.log if line.lower().startswith("error")]
    job.error = ((job.result or {}).get("error") or (errors[-1] if errors else None)
                 or (job.log[-1] if job.log else f"exit status {process.returncode}"))


def start(title: str, args: list[str], command: list[str] | None = None, env: dict[str, str] | None = None,
          json_output: bool = True, on_success: Callable[[Job], None] | None = None) -> Job:
    """Start ``advisor ARGS [--json]`` (or ``command``) in the background and return its :class:`Job`.

    With ``json_output`` the command's JSON document becomes ``job.result``; without it, only the exit status
    counts (for commands that hide their progress bars under ``--json``). ``on_success(job)`` runs in the
    background when the command succeeds (e.g. to switch the app to a new encoder).
    """
    command = command or advisor_command(*args, *(["--json"] if json_output else []))
    job = Job(id=uuid.uuid4().hex[:8], title=title, command=command)
    environment = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    job.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment)
    reader = threading.Thread(target=_read_progress, args=(job, job.process.stderr), daemon=True)
    reader.start()

    def finish() -> None:
        reader.join()  # the whole stderr first, so that a failure's last words are in the log
        _wait(job)
        if job.state == "done" and on_success is not None:
            try:
                on_success(job)
            except Exception as exc:  # noqa: BLE001 - reported on the job, never raised in a thread
                job.state, job.error = "failed", f"after the command: {type(exc).__name__}: {exc}"

    threading.Thread(target=finish, daemon=True).start()
    with _lock:
        _jobs[job.id] = job
    return job


def all_jobs() -> list[Job]:
    """Every job of this process, newest first."""
    with _lock:
        return sorted(_jobs.values(), key=lambda j: -j.started)


def running(title_prefix: str = "") -> list[Job]:
    return [j for j in all_jobs() if j.state == "running" and j.title.startswith(title_prefix)]


def forget_finished() -> int:
    """Drop finished jobs from the list (running ones stay); returns how many were dropped."""
    with _lock:
        done = [job_id for job_id, job in _jobs.items() if job.state != "running"]
        for job_id in done:
            del _jobs[job_id]
    return len(done)
