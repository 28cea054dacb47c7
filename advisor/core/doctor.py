"""Health checks of a data home: what is wrong, and what to do about it."""
from __future__ import annotations

import shutil

from pydantic import BaseModel, ConfigDict

from advisor.core.store.db import current_heads
from indexes import VectorIndexError


class Check(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    ok: bool
    detail: str
    fix: str = ""


def run_checks(advisor, load_model: bool = True) -> list[Check]:
    """Database migrations, index/database agreement, interrupted writes, model loadable, disk space."""
    checks: list[Check] = []
    settings = advisor.settings
    free = shutil.disk_usage(settings.home).free
    checks.append(Check(name="disk", ok=free > 1 << 30, detail=f"{free / 2**30:.1f} GiB free under {settings.home}",
                        fix="free some disk space (the index and models need room to be rewritten)"))
    try:
        applied, heads = current_heads(advisor.store.engine)
        checks.append(Check(name="migrations", ok=applied == heads, detail=f"applied {sorted(applied)}, code {sorted(heads)}",
                            fix="run any advisor command once (migrations apply on open), or `alembic upgrade heads`"))
    except Exception as exc:  # noqa: BLE001 - report, don't crash
        checks.append(Check(name="migrations", ok=False, detail=f"database unreachable: {exc}", fix="check ADVISOR_DB_URL"))
        return checks
    catalog = advisor.catalog
    markers = catalog.interrupted_writes()
    checks.append(Check(name="interrupted writes", ok=not markers, detail=f"{len(markers)} interrupted write(s) pending",
                        fix="any advisor command repairs them on start"))
    items = set(advisor.store.item_ids())
    try:
        vectors = set(catalog.load_saved().ids().tolist()) if catalog.path.exists() else set()
        problem = ""
    except VectorIndexError as exc:
        vectors, problem = set(), str(exc)
    agree = items == vectors and not problem
    checks.append(Check(name="index", ok=agree, detail=problem or f"{len(items)} items, {len(vectors)} vectors "
                        f"({len(items - vectors)} missing, {len(vectors - items)} orphans)", fix="run `advisor index rebuild`"))
    if load_model:
        try:
            dim = advisor.encoder.encode_text(["health check"]).shape[1]
            checks.append(Check(name="encoder", ok=True, detail=f"{advisor.encoder_spec} loads, dimension {dim}"))
        except Exception as exc:  # noqa: BLE001
            checks.append(Check(name="encoder", ok=False, detail=f"{advisor.encoder_spec}: {exc}",
                                fix="set ADVISOR_ENCODER to 'default' or a model directory that exists"))
    return checks
