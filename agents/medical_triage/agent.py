"""The ``medical_triage`` agent: how urgently to seek care for described symptoms, why, and what to do next.

Example::

    >>> from agents.medical_triage import MedicalTriageAgent
    >>> agent = MedicalTriageAgent(advisor=None, config={"use_encoder": False})
    >>> reply = agent.invoke("my 6 week old baby has a temperature of 38.5")
    >>> reply.data.level.value
    'emergent'
    >>> agent.invoke({"text": "35", "state": reply.state}).data.level.value   # later turns pass the state back
    'emergent'
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Optional

from pydantic import Field, ValidationError

from advisor.core.encoder.images import ImageLoadError
from agents.base import Agent, AgentConfig, AgentRequest, Reply
from agents.medical_triage.assessment import TriageAssessment
from agents.medical_triage.cases import CaseStore
from agents.medical_triage.deid import redact
from agents.medical_triage.engine import TriageEngine, TriageState
from agents.medical_triage.examples import EXAMPLES
from agents.medical_triage.render import render
from agents.medical_triage.schema import TriageDataError
from agents.registry import register

log = logging.getLogger(__name__)


class MedicalTriageConfig(AgentConfig):
    """Settings of the medical_triage agent."""

    store_cases: bool = Field(default=True, description="Store each conversation as a de-identified triage case.")
    use_encoder: bool = Field(default=True, description="Match English text with the advisor's text encoder (else TF-IDF only).")
    max_chars: int = Field(default=2000, ge=50, le=100_000, description="Longer messages are truncated, with a notice.")
    max_questions: int = Field(default=3, ge=1, le=6, description="Follow-up questions asked at once.")
    max_follow_up_rounds: int = Field(default=2, ge=0, le=10, description="Turns in which follow-up questions are asked.")
    red_flags_file: Optional[Path] = Field(default=None, description="Reviewed red-flag rules (default: the shipped file).")
    conditions_file: Optional[Path] = Field(default=None, description="Condition knowledge base (default: the shipped file).")


@register
class MedicalTriageAgent(Agent):
    """Triage from a symptom description (English or Chinese, optionally with a photo). Never a diagnosis."""

    name = "medical_triage"
    description = "Symptom triage: how urgently to seek care (emergent, non_emergent, self_care), why, and what to do next."
    examples = EXAMPLES
    Config = MedicalTriageConfig

    def __init__(self, context: Any = None, config: AgentConfig | dict | None = None):
        super().__init__(context, config)
        self._engine: Optional[TriageEngine] = None

    # -- parts -------------------------------------------------------------------------------------------------
    def warm_up(self) -> None:
        """Build the engine (knowledge-base embeddings) now; the app calls this at start so the first reply is fast."""
        self.engine()

    def engine(self) -> TriageEngine:
        if self._engine is None:
            cfg = self.config
            self._engine = TriageEngine(encoder=self._encoder(), red_flags=cfg.red_flags_file, conditions=cfg.conditions_file,
                                        max_chars=cfg.max_chars, max_questions=cfg.max_questions,
                                        max_rounds=cfg.max_follow_up_rounds, cache_dir=self._cache_dir())
        return self._engine

    def _cache_dir(self) -> Optional[Path]:
        settings = getattr(self.context, "settings", None)
        return Path(settings.models_dir) / "medical_triage" if settings is not None else None

    def _encoder(self):
        if self.context is None or not self.config.use_encoder:
            return None
        try:
            return self.context.encoder
        except Exception as exc:  # noqa: BLE001 - triage still works on TF-IDF; say so in the log
            log.warning("medical_triage: text encoder unavailable (%s: %s); using TF-IDF only", type(exc).__name__, exc)
            return None

    def _cases(self):
        return CaseStore(self.context)

    # -- the agent ---------------------------------------------------------------------------------------------
    def invoke(self, request: AgentRequest, config: Any = None, **kwargs: Any) -> Reply:
        try:
            engine = self.engine()
        except TriageDataError as exc:
            return self.reply(f"The triage data files are invalid: {exc}", error=str(exc), session_id=request.session_id)
        try:
            state = TriageState.model_validate(request.state or {})
        except ValidationError:
            log.info("medical_triage: unreadable state from an earlier turn; starting afresh")
            state = TriageState()
        assessment, state = engine.assess(request.text, state)
        if request.image is not None or (self.context is not None and self.config.store_cases):
            self._store(request, assessment, state)
        log.debug("medical_triage session=%s level=%s text=%r", request.session_id, assessment.level.value,
                  state.texts[-1] if state.texts else "")
        return self.reply(render(assessment), data=assessment, state=state.model_dump(mode="json"),
                          session_id=request.session_id)

    def _store(self, request: AgentRequest, assessment: TriageAssessment, state: TriageState) -> None:
        """Keep the photo and store the de-identified case; an unusable photo becomes a notice (the text still counts)."""
        if self.context is None or not self.config.store_cases:
            if request.image is not None:
                assessment.notices.append(_PHOTO_NOT_KEPT[assessment.language])
            return

        photo = None
        if request.image is not None:
            try:
                photo = self._cases().keep_photo(request.image)
            except (ImageLoadError, OSError) as exc:
                assessment.notices.append(redact(_PHOTO_UNUSABLE[assessment.language].format(reason=exc)))
        reasons = [reason.model_dump(mode="json") for reason in assessment.reasons]
        facts = {**assessment.facts, "evidence": [item.model_dump(mode="json", exclude_defaults=True)
                                                  for item in assessment.evidence]}  # built from de-identified text
        case_id = self._cases().save(state.case_id, assessment.level.value, reasons, "\n".join(state.texts),
                                     assessment.language, facts, session_id=request.session_id, photo=photo)
        assessment.case_id = state.case_id = case_id

    def redact(self, text: str) -> str:
        """De-identify a user message; the conversation layer calls this before storing it."""
        return redact(text)

    def similar_cases(self, case_id: int, k: int = 5):
        """Stored cases whose photos look most like this case's photo (for a clinician's review)."""
        if self.context is None:
            raise ValueError("similar_cases needs an advisor (a database)")
        return self._cases().similar_cases(case_id, k)


_PHOTO_UNUSABLE = {"en": "The attached photo could not be used ({reason}); the level comes from the text.",
                   "zh": "附带的照片无法使用（{reason}）；分诊级别依据文字判断。"}
_PHOTO_NOT_KEPT = {"en": "The photo was not stored (case storage is off); the level comes from the text.",
                   "zh": "照片未保存（病例存储已关闭）；分诊级别依据文字判断。"}
