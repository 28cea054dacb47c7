"""Store triage cases de-identified, keep an attached photo (re-encoded, no metadata) and find similar past cases.

Example::

    >>> from agents.medical_triage.cases import CaseStore
    >>> cases = CaseStore(advisor)                                    # doctest: +SKIP
    >>> case_id = cases.save(None, "emergent", [], "[NAME] has chest pain", "en", {}, image="rash.jpg")  # doctest: +SKIP
    >>> cases.similar_cases(case_id, k=5)                             # doctest: +SKIP
    [SimilarCase(id=3, score=0.91, level='non_emergent', ...)]
"""
from __future__ import annotations

import logging
import uuid
from pathlib import Path
from typing import Any, Optional

import numpy as np
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from advisor.core import audit
from advisor.core.catalog import space_name
from agents.medical_triage import models  # noqa: F401 - registers the table with the ORM
from agents.medical_triage.models import TriageCase
from indexes import FaissIndex

log = logging.getLogger(__name__)


class CaseError(ValueError):
    """A case operation that cannot be done (unknown case, no photo); the message says why."""


class SimilarCase(BaseModel):
    """A stored case whose photo resembles the query case's photo."""

    model_config = ConfigDict(extra="forbid")
    id: int
    score: float = Field(description="Cosine similarity of the photo embeddings.")
    level: str
    text: str = Field(description="The de-identified description.")
    image_uri: Optional[str] = None


class CaseStore:
    """Triage cases in the advisor's database; photos under ``<home>/uploads/triage``."""

    def __init__(self, context: Any):
        self.context = context
        self.store = context.store
        self.photo_dir = Path(context.settings.uploads_dir) / "triage"

    # -- photos ------------------------------------------------------------------------------------------------
    def keep_photo(self, image: Any) -> tuple[str, np.ndarray, str]:
        """Re-encode the photo as PNG under a random name (drops EXIF such as GPS and owner), embed it.

        Returns (stored path, embedding, embedding space). Raises ``ImageLoadError`` for an unusable image.
        """
        encoder = self.context.encoder
        picture = encoder.load_images([image])[0].convert("RGB")
        self.photo_dir.mkdir(parents=True, exist_ok=True)
        target = self.photo_dir / f"{uuid.uuid4().hex}.png"
        clean = picture.copy()
        clean.info = {}
        clean.save(target, format="PNG")
        vector = encoder.encode_images([clean])[0].astype(np.float32)
        return str(target), vector, space_name(getattr(encoder, "spec", "default"))

    # -- rows --------------------------------------------------------------------------------------------------
    def save(self, case_id: Optional[int], level: str, reasons: list[dict], text: str, language: str,
             facts: dict, session_id: Optional[str] = None, photo: Optional[tuple[str, np.ndarray, str]] = None) -> int:
        """Insert a case, or update ``case_id`` when it exists (one case per conversation). ``text`` must be de-identified."""
        with self.store.session() as s:
            row = s.get(TriageCase, case_id) if case_id is not None else None
            if row is None:
                row = TriageCase(session_id=session_id, level=level)
                s.add(row)
            row.level, row.reasons, row.text, row.language, row.facts = level, reasons, text, language, facts
            if photo is not None:
                row.image_uri, vector, row.image_space = photo
                row.image_vector = np.asarray(vector, np.float32).tobytes()
            s.flush()
            return int(row.id)

    def get(self, case_id: int, viewer: Optional[str] = None) -> dict:
        """One case; with ``viewer``, the view is written to the audit log."""
        with self.store.session() as s:
            row = s.get(TriageCase, case_id)
            if row is None:
                raise CaseError(f"no triage case with id {case_id}")
            if viewer is not None:
                audit.record(self.store, viewer, "triage.view", f"triage_case:{row.id}", session=s)
            return row.to_dict()

    def similar_cases(self, case_id: int, k: int = 5) -> list[SimilarCase]:
        """Past cases whose photos are most similar to this case's photo (exact FAISS inner-product search)."""
        if not isinstance(k, int) or k < 1:
            raise CaseError(f"k must be a positive integer, got {k!r}")
        with self.store.session() as s:
            query = s.get(TriageCase, case_id)
            if query is None:
                raise CaseError(f"no triage case with id {case_id}")
            if query.image_vector is None:
                raise CaseError(f"triage case {case_id} has no photo to compare")
            space = query.image_space
            rows = s.execute(select(TriageCase.id, TriageCase.image_vector, TriageCase.level, TriageCase.text, TriageCase.image_uri)
                             .where(TriageCase.image_space == space, TriageCase.image_vector.is_not(None),
                                    TriageCase.id != case_id)).all()
            query_vector = np.frombuffer(query.image_vector, np.float32)
        if not rows:
            return []
        index = FaissIndex(dim=len(query_vector), kind="flat", use_gpu=False)
        index.add([r[0] for r in rows], np.vstack([np.frombuffer(r[1], np.float32) for r in rows]))
        scores, ids = index.search(query_vector[None, :], min(k, len(rows)))
        by_id = {r[0]: r for r in rows}
        return [SimilarCase(id=int(i), score=round(float(sc), 6), level=by_id[int(i)][2], text=by_id[int(i)][3],
                            image_uri=by_id[int(i)][4]) for sc, i in zip(scores[0], ids[0]) if int(i) in by_id]
