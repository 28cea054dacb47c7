"""The model registry: which encoders were trained, how they measured, which one serves, and the way back.

A fine-tuning run is registered as a ``candidate``. Promotion evaluates the candidate and the serving encoder on
the same held-out pairs (recorded at registration, or given), refuses a candidate whose mean recall is lower
(``force=True`` overrides), then re-embeds the catalog with the candidate into a new index and switches to it
atomically (:meth:`Advisor.reindex`). Rollback switches back to the encoder the promotion replaced; its stored
vectors are reused, so search results come back exactly as they were.

Example::

    >>> from advisor.model_registry import ModelRegistry
    >>> registry = ModelRegistry(advisor)                                               # doctest: +SKIP
    >>> record = registry.register_run(result, train_file="train.jsonl", heldout="val.jsonl")  # doctest: +SKIP
    >>> registry.promote(record.version).gate.passed                                     # doctest: +SKIP
    True
    >>> registry.rollback().serving                                                      # doctest: +SKIP
    'default'
"""
from __future__ import annotations

import getpass
import logging
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, select

from advisor.core import audit
from advisor.core.encoder import load_encoder
from advisor.core.ingest import file_sha256
from advisor.core.store.service_models import ModelVersion
from advisor.core.types import IndexReport
from advisor.training.finetune.evaluate import evaluate_pairs

log = logging.getLogger(__name__)
GATE_METRIC = "mean_recall"  # mean of recall@1/5/10, text->image and image->text


class RegistryError(ValueError):
    """A registry request that cannot be served; the message says why."""


class ModelRecord(BaseModel):
    """One registered encoder."""

    model_config = ConfigDict(extra="forbid")
    version: str = Field(description="Registry name, e.g. 'v3'.")
    spec: str = Field(description="Encoder spec: the model directory (or 'default').")
    base: str = Field(description="Encoder it was fine-tuned from.")
    mode: str = Field(description="Fine-tuning mode: heads, lora or full.")
    train_hash: str | None = Field(default=None, description="SHA-256 of the training pair file.")
    heldout: str | None = Field(default=None, description="Held-out pair file used by the promotion gate.")
    metrics_before: dict[str, Any] = Field(default_factory=dict, description="Validation metrics of the base.")
    metrics_after: dict[str, Any] = Field(default_factory=dict, description="Validation metrics after training.")
    created_by: str = Field(description="Who registered it.")
    created_at: datetime = Field(description="When it was registered (UTC).")
    status: str = Field(description="candidate, serving or retired.")
    replaced: str | None = Field(default=None, description="Encoder spec that served before this one's promotion.")


class GateResult(BaseModel):
    """Both encoders measured on the same held-out pairs."""

    model_config = ConfigDict(extra="forbid")
    pairs: str = Field(description="Held-out pair file.")
    metric: str = Field(default=GATE_METRIC, description="Metric compared.")
    candidate: float = Field(description="Candidate's value of the metric.")
    serving: float = Field(description="Serving encoder's value of the metric.")
    passed: bool = Field(description="True when the candidate is at least as good.")


class SwitchReport(BaseModel):
    """What a promotion or rollback did."""

    model_config = ConfigDict(extra="forbid")
    serving: str = Field(description="Version (or spec) serving now.")
    previous: str = Field(description="Version (or spec) that served before.")
    gate: GateResult | None = Field(default=None, description="The evaluation gate, when it ran.")
    forced: bool = Field(default=False, description="Promoted with --force over a failed or skipped gate.")
    index: IndexReport = Field(description="Database/index agreement after the switch.")



def same_spec(a: str, b: str) -> bool:
    """Two encoder specs name the same model (directories compared after resolving)."""
    if a == b:
        return True
    pa, pb = Path(a).expanduser(), Path(b).expanduser()
    return pa.exists() and pb.exists() and pa.resolve() == pb.resolve()


def _record(row: ModelVersion) -> ModelRecord:
    created = row.created_at.replace(tzinfo=row.created_at.tzinfo or timezone.utc)  # SQLite drops the zone
    return ModelRecord(version=row.version, spec=row.spec, base=row.base, mode=row.mode, train_hash=row.train_hash,
                       heldout=row.heldout, metrics_before=dict(row.metrics_before or {}),
                       metrics_after=dict(row.metrics_after or {}), created_by=row.created_by, created_at=created,
                       status=row.status, replaced=row.replaced)


class ModelRegistry:
    """The ``model_versions`` table of one data home, and the promotions it drives through the facade."""

    def __init__(self, advisor: Any):
        self.advisor = advisor
        self.store = advisor.store

    # -- reading ---------------------------------------------------------------------------------------------
    def list(self) -> list[ModelRecord]:
        """Every registered version, newest first."""
        with self.store.session() as s:
            return [_record(r) for r in s.scalars(select(ModelVersion).order_by(ModelVersion.id.desc())).all()]

    def get(self, version: str) -> ModelRecord:
        with self.store.session() as s:
            row = s.scalar(select(ModelVersion).where(ModelVersion.version == version))
            if row is None:
                known = ", ".join(s.scalars(select(ModelVersion.version)).all()) or "none"
                raise RegistryError(f"no model version {version!r} in the registry (known: {known})")
            return _record(row)

    def version_of(self, spec: str) -> str:
        """The registry version of an encoder spec; the spec itself when it was never registered."""
        with self.store.session() as s:
            for version, row_spec in s.execute(select(ModelVersion.version, ModelVersion.spec)
                                               .order_by(ModelVersion.id.desc())).all():
                if same_spec(row_spec, spec):
                    return version
        return spec

    def last_created_at(self) -> datetime | None:
        """When the newest version was registered (the start of the next feedback window)."""
        with self.store.session() as s:
            value = s.scalar(select(func.max(ModelVersion.created_at)))
        return value.replace(tzinfo=value.tzinfo or timezone.utc) if value is not None else None

    # -- registering -----------------------------------------------------------------------------------------
    def register(self, spec: str | Path, base: str, mode: str, train_file: str | Path | None = None,
                 heldout: str | Path | None = None, before: dict | None = None, after: dict | None = None,
                 created_by: str | None = None) -> ModelRecord:
        """Record a trained encoder as a candidate; its version is ``v<n>``."""
        spec = str(Path(spec).expanduser().resolve()) if Path(str(spec)).expanduser().exists() else str(spec)
        heldout_path = str(Path(heldout).expanduser().resolve()) if heldout else None
        with self.store.session() as s:
            number = int(s.scalar(select(func.count(ModelVersion.id))) or 0) + 1
            row = ModelVersion(version=f"v{number}", spec=spec, base=str(base), mode=mode,
                               train_hash=file_sha256(train_file) if train_file else None, heldout=heldout_path,
                               metrics_before=dict(before or {}), metrics_after=dict(after or {}),
                               created_by=(created_by or _current_user())[:128], status="candidate")
            s.add(row)
            s.flush()
            return _record(row)

    def register_run(self, result: Any, train_file: str | Path, heldout: str | Path | None = None,
                     created_by: str | None = None) -> ModelRecord:
        """Register a :class:`~advisor.training.finetune.FinetuneResult` (what ``advisor finetune`` does)."""
        return self.register(result.out, base=result.base, mode=result.mode, train_file=train_file, heldout=heldout,
                             before=_metric_summary(result.before), after=_metric_summary(result.after),
                             created_by=created_by)

    # -- the gate and the switch -----------------------------------------------------------------------------
    def gate(self, candidate: ModelRecord, pairs: str | Path | None = None) -> GateResult:
        """Measure the candidate and the serving encoder on the same held-out pairs."""
        pairs = pairs or candidate.heldout
        if not pairs:
            raise RegistryError(f"{candidate.version} has no held-out pairs recorded: pass --pairs FILE "
                                "(or --force to promote without the evaluation gate)")
        if not Path(pairs).is_file():
            raise RegistryError(f"held-out pair file {pairs} not found")
        candidate_encoder = load_encoder(candidate.spec, settings=self.advisor.settings)
        new = evaluate_pairs(pairs, encoder=candidate_encoder)[GATE_METRIC]
        old = evaluate_pairs(pairs, encoder=self.advisor.encoder)[GATE_METRIC]
        return GateResult(pairs=str(pairs), candidate=round(new, 6), serving=round(old, 6), passed=new >= old)

    def promote(self, version: str, force: bool = False, pairs: str | Path | None = None,
                actor: str | None = None) -> SwitchReport:
        """Gate, re-embed into a new index, switch atomically, and mark the candidate as serving."""
        self._check_not_pinned()
        candidate = self.get(version)
        if candidate.status == "serving":
            raise RegistryError(f"{version} is already serving")
        previous_spec = self.advisor.encoder_spec
        gate = None
        try:
            gate = self.gate(candidate, pairs)
        except RegistryError:
            if not force:
                raise
        if gate is not None and not gate.passed and not force:
            raise RegistryError(f"promotion of {version} refused: held-out {gate.metric} {gate.candidate:.4f} is "
                                f"below the serving model's {gate.serving:.4f} on {gate.pairs} (--force overrides)")
        previous_version = self.version_of(previous_spec)
        index = self.advisor.reindex(candidate.spec)
        self._mark_switch(serving=candidate.spec, retire=previous_spec, replaced=previous_spec)
        audit.record(self.store, actor or _current_user(), "model.promote", f"model:{version}",
                     {"previous": previous_version, "forced": bool(force), "gate": gate.model_dump() if gate else None})
        return SwitchReport(serving=version, previous=previous_version, gate=gate,
                            forced=bool(force and (gate is None or not gate.passed)), index=index)

    def rollback(self, actor: str | None = None) -> SwitchReport:
        """Switch back to the encoder the serving version replaced (its stored vectors are reused)."""
        self._check_not_pinned()
        current_spec = self.advisor.encoder_spec
        with self.store.session() as s:
            row = next((r for r in s.scalars(select(ModelVersion).where(ModelVersion.status == "serving")).all()
                        if same_spec(r.spec, current_spec)), None)
            if row is None or not row.replaced:
                raise RegistryError(f"nothing to roll back: the serving encoder {current_spec!r} was not promoted "
                                    "through the registry")
            version, target = row.version, row.replaced
        index = self.advisor.reindex(target)
        self._mark_switch(serving=target, retire=current_spec, replaced=None)
        restored = self.version_of(target)
        audit.record(self.store, actor or _current_user(), "model.rollback", f"model:{version}", {"restored": restored})
        return SwitchReport(serving=restored, previous=version, index=index)

    def _mark_switch(self, serving: str, retire: str, replaced: str | None) -> None:
        now = datetime.now(timezone.utc)
        with self.store.session() as s:
            for row in s.scalars(select(ModelVersion)).all():
                if same_spec(row.spec, serving):
                    row.status, row.promoted_at = "serving", now
                    if replaced is not None:
                        row.replaced = replaced
                elif row.status == "serving" or same_spec(row.spec, retire):
                    row.status = "retired"

    def _check_not_pinned(self) -> None:
        if "encoder" in self.advisor.settings.model_fields_set:
            raise RegistryError("the encoder is pinned by ADVISOR_ENCODER (or the settings file); unset it so the "
                                "registry can choose the serving model")


def _metric_summary(metrics: dict | None) -> dict:
    return {k: v for k, v in (metrics or {}).items() if isinstance(v, (int, float)) and not isinstance(v, bool)}


def _current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return "unknown"
