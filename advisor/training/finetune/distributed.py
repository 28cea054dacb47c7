"""Data-parallel fine-tuning under ``accelerate launch`` or ``torchrun``: which process this is, and its device.

Each launched process loads the pairs and the base model and trains on its shard of every batch (the transformers
trainer wraps the model in DistributedDataParallel); only the main process measures, saves and reports.

Example::

    >>> launch = current_launch("cpu")   # a plain `python` run: one process
    >>> launch.processes, launch.is_main
    (1, True)
"""
from __future__ import annotations

import os

from pydantic import BaseModel, ConfigDict, Field

from advisor.core.errors import missing_extra


class Launch(BaseModel):
    """The process layout of this run."""

    model_config = ConfigDict(extra="forbid")

    processes: int = Field(default=1, ge=1, description="Processes training together (WORLD_SIZE).")
    rank: int = Field(default=0, ge=0, description="This process's index; 0 is the main process.")
    device: str = Field(description="The device this process trains on (cuda:<local rank> on several GPUs).")
    backend: str | None = Field(default=None, description="torch.distributed backend (gloo on CPU, nccl on GPUs).")

    @property
    def is_main(self) -> bool:
        return self.rank == 0

    @property
    def distributed(self) -> bool:
        return self.processes > 1

    def wait_for_everyone(self) -> None:
        """A barrier across the launched processes (nothing on a single process)."""
        if self.distributed:
            import torch.distributed as dist  # noqa: PLC0415 - torch is heavy: loaded on first use

            if dist.is_available() and dist.is_initialized():
                dist.barrier()


def launched_processes() -> int:
    """How many processes the launcher started (``WORLD_SIZE``, set by ``accelerate launch`` and ``torchrun``)."""
    try:
        return max(1, int(os.environ.get("WORLD_SIZE", "1")))
    except ValueError:
        return 1


def current_launch(device: str) -> Launch:
    """This process's place in the run; joins the process group when a launcher started several processes.

    ``device`` is the configured one (``cpu`` or ``cuda``): on CPU every process uses ``cpu`` and the gloo backend,
    on GPUs each process takes the GPU of its local rank.
    """
    if launched_processes() == 1:
        return Launch(device=device)
    try:
        from accelerate import PartialState  # noqa: PLC0415 - optional extra [train]: only launched runs need it
    except ImportError as exc:  # pragma: no cover - install hint
        raise missing_extra("accelerate (several training processes)", "train") from exc

    on_cpu = device == "cpu"
    state = PartialState(cpu=on_cpu)
    return Launch(processes=state.num_processes, rank=state.process_index,
                  device="cpu" if on_cpu else str(state.device), backend=state.backend)
