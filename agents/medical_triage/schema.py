"""Typed, validated views of the two reviewed data files: ``red_flags.yaml`` and ``conditions.yaml``.

A malformed file raises :class:`TriageDataError` naming the file and the key path of every problem, e.g.
``red_flags.yaml: rules.3.level: Input should be 'self_care', 'non_emergent' or 'emergent'``.

Example::

    >>> from agents.medical_triage.schema import load_red_flags, load_conditions
    >>> len(load_red_flags().rules) >= 25, len(load_conditions().conditions) >= 60
    (True, True)
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal, Optional

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from agents.medical_triage.levels import TriageLevel
from agents.medical_triage.text import compiled

DATA_DIR = Path(__file__).resolve().parent / "data"
RED_FLAGS_FILE = DATA_DIR / "red_flags.yaml"
CONDITIONS_FILE = DATA_DIR / "conditions.yaml"


class TriageDataError(ValueError):
    """A triage data file is missing or malformed; the message names the file and key paths."""


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Bilingual(_Closed):
    """A text in English and Chinese."""

    en: str = Field(min_length=1, description="English text.")
    zh: str = Field(min_length=1, description="Chinese text.")

    def get(self, language: str) -> str:
        return self.zh if language == "zh" else self.en


def _check_phrases(phrases: list[str]) -> list[str]:
    for phrase in phrases:
        if not phrase or not phrase.strip():
            raise ValueError("a phrase is empty")
        compiled(phrase)
    return phrases


class Condition(_Closed):
    """All the parts given must hold. Phrases are English or Chinese (see ``text.Phrase`` for the syntax)."""

    any: list[str] = Field(default_factory=list, description="At least one of these phrases, not negated.")
    all: list[list[str]] = Field(default_factory=list, description="Each group must have a phrase present.")
    near: list[list[str]] = Field(default_factory=list, description="Each group has a phrase present, all in one clause.")
    none: list[str] = Field(default_factory=list, description="A phrase match in a clause holding one of these is ignored.")
    not_if: list[str] = Field(default_factory=list, description="The condition does not hold when one of these is stated "
                              "(not negated) anywhere in the message: a nosebleed that 'has stopped'.")
    age_years_below: Optional[float] = Field(default=None, description="Age known and below this (years).")
    age_years_at_least: Optional[float] = Field(default=None, description="Age known and at least this (years).")
    temp_c_at_least: Optional[float] = Field(default=None, description="Temperature at least this (Celsius).")
    fever: Optional[bool] = Field(default=None, description="A fever: temperature >= 38 C or the word fever.")
    heart_rate_above: Optional[int] = None
    heart_rate_below: Optional[int] = None
    spo2_below: Optional[int] = None
    systolic_at_least: Optional[int] = None
    diastolic_at_least: Optional[int] = None
    pills_at_least: Optional[int] = Field(default=None, description="At least this many tablets taken at once.")
    duration_days_at_least: Optional[float] = None
    duration_days_below: Optional[float] = Field(default=None, description="Duration below this; unknown counts as short.")
    worsening: Optional[bool] = None
    pregnant: Optional[bool] = None
    immunosuppressed: Optional[bool] = None
    elderly: Optional[bool] = None
    infant: Optional[bool] = None
    child: Optional[bool] = None
    severe: Optional[bool] = Field(default=None, description="The person calls it severe / unbearable.")

    @field_validator("any", "none", "not_if")
    @classmethod
    def _phrases(cls, phrases: list[str]) -> list[str]:
        return _check_phrases(phrases)

    @field_validator("all", "near")
    @classmethod
    def _groups(cls, groups: list[list[str]]) -> list[list[str]]:
        for group in groups:
            if not group:
                raise ValueError("an `all` group is empty")
            _check_phrases(group)
        return groups

    @model_validator(mode="after")
    def _not_empty(self) -> Condition:
        if not self.model_dump(exclude_defaults=True, exclude={"none"}):
            raise ValueError("a condition needs at least one part")
        return self


class RedFlagRule(_Closed):
    """A reviewed rule: when any of its conditions holds, the level is raised to ``level``."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: Bilingual
    level: TriageLevel
    when: list[Condition] = Field(min_length=1, description="Alternatives: the rule fires when any one holds.")
    reason: Bilingual = Field(description="Why this matters, in plain words (no diagnosis).")
    advice: Bilingual = Field(description="What to do now.")
    guidance: str = Field(min_length=3, description="The public guidance this follows (NHS, CDC, ESI...), paraphrased.")
    crisis: bool = Field(default=False, description="Self-harm / suicide content: crisis resources go first.")
    graded: bool = Field(default=False, description="An exertional or improving finding lowers the level one step "
                                                    "(rules without it are hard floors).")
    examples_positive: list[str] = Field(min_length=1, description="Texts that must fire this rule.")
    examples_negative: list[str] = Field(min_length=1, description="Similar texts that must not fire it.")


class RedFlagFile(_Closed):
    version: int = 1
    rules: list[RedFlagRule] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> RedFlagFile:
        seen = set()
        for rule in self.rules:
            if rule.id in seen:
                raise ValueError(f"duplicate rule id {rule.id!r}")
            seen.add(rule.id)
        return self


class WarningSigns(_Closed):
    """Complaint-specific warning signs asked about as one follow-up question; "yes" raises to ``level``."""

    level: TriageLevel = TriageLevel.emergent
    en: list[str] = Field(min_length=1)
    zh: list[str] = Field(min_length=1)


class DoctorIf(_Closed):
    """Who should see a doctor for a complaint that others treat at home, because the usual home or pharmacy
    treatment is not for them (NHS Threadworms: "see a GP if you are pregnant or breastfeeding, or for a child under
    2"). A patient stated to be in one of these groups gets the complaint at least non-emergent."""

    pregnant: bool = Field(default=False, description="Pregnancy (or breastfeeding, stated as pregnancy) needs a doctor.")
    immunosuppressed: bool = Field(default=False, description="A weakened immune system needs a doctor.")
    under_age_years: Optional[float] = Field(default=None, gt=0, description="A patient younger than this needs a doctor.")


class PharmacyFirst(_Closed):
    """Who a community pharmacist may assess and treat for this complaint (NHS Pharmacy First). For them, with none
    of ``not_if`` stated, the entry's level drops to self-care (home or pharmacy care); everyone else keeps ``level``."""

    sex: Optional[Literal["female", "male"]] = Field(default=None, description="Only a patient stated to be of this sex.")
    min_age_years: float = Field(ge=0, description="Youngest age treated; a stated child is never treated.")
    max_age_years: float = Field(gt=0, description="Oldest age treated; a stated older person is never treated.")
    not_pregnant: bool = Field(default=True, description="Pregnancy excludes.")
    max_duration_days: Optional[float] = Field(default=None, gt=0, description="Longer than this and the pharmacist's "
                                                                               "treatment window has passed.")
    not_if: list[str] = Field(default_factory=list, description="Phrases that, stated (not negated), exclude: "
                                                                "recurrence, treatment that failed, blood, discharge...")
    advice: Bilingual = Field(description="What the pharmacist can do.")
    guidance: str = Field(min_length=3, description="The public guidance this follows.")

    @field_validator("not_if")
    @classmethod
    def _phrases(cls, phrases: list[str]) -> list[str]:
        return _check_phrases(phrases)


class KnowledgeEntry(_Closed):
    """One common presentation: how people describe it, its usual level, self-care and when to escalate."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    system: str = Field(min_length=2, description="Body system, e.g. respiratory, skin.")
    name: Bilingual
    level: TriageLevel = Field(description="The usual level when no red flag is present.")
    symptoms_en: list[str] = Field(min_length=2, description="Lay English descriptions.")
    symptoms_zh: list[str] = Field(min_length=2, description="Lay Chinese descriptions.")
    advice: Bilingual = Field(description="Self-care or what to do while waiting.")
    escalate: Bilingual = Field(description="When to seek care sooner.")
    escalate_after_days: Optional[float] = Field(default=None, gt=0, description="Self-care entries: lasting longer → see a doctor.")
    min_duration_days: Optional[float] = Field(default=None, gt=0, description="Long-lasting presentations: skipped when a shorter duration is stated.")
    min_age_years: Optional[float] = Field(default=None, ge=0, description="Skipped when the patient is stated to be younger.")
    max_age_years: Optional[float] = Field(default=None, gt=0, description="Skipped when the patient is stated to be older (baby-only presentations).")
    pregnancy_only: bool = Field(default=False, description="A presentation of pregnancy: skipped unless the patient is pregnant.")
    sex: Optional[Literal["female", "male"]] = Field(default=None, description="A presentation of one sex (a vaginal "
                                                                                   "discharge, a testicle lump): skipped when "
                                                                                   "the patient is said to be of the other.")
    needs_any: list[str] = Field(default_factory=list, description="A presentation with a named cause: skipped unless the "
                                                                   "message names one of these (coffee, for too much caffeine).")
    needs_current: bool = Field(default=False, description="``needs_any`` must be said as the patient's own finding, "
                                                          "not denied or feared: 'no fever, no back pain' names no "
                                                          "kidney infection; a word that is itself a negation "
                                                          "counts where it is said: 'won't feed').")
    needs_place: list[str] = Field(default_factory=list, description="A presentation of one place: skipped unless the "
                                                                     "message also says one of these as the patient's own "
                                                                     "(the scalp, for ringworm of the scalp).")
    warning_signs: Optional[WarningSigns] = None
    pharmacy_first: Optional[PharmacyFirst] = Field(default=None, description="Who a pharmacist may treat instead.")
    doctor_if: Optional[DoctorIf] = Field(default=None, description="Self-care entries: who should see a doctor instead.")
    source: str = Field(min_length=3, description="Public guidance the entry is written from (in our own words).")


class ConditionsFile(_Closed):
    version: int = 1
    conditions: list[KnowledgeEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> ConditionsFile:
        ids = [c.id for c in self.conditions]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate condition ids {duplicates}")
        return self


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader (the C one when built: it parses the data files ~10x faster), refusing a key given twice in one
    mapping: YAML would keep the last silently, and a rule's second ``none:`` would drop its first."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"key {key!r} given twice", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


def _read_yaml(path: Path) -> object:
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_UniqueKeyLoader)  # noqa: S506 - a safe loader
    except FileNotFoundError as exc:
        raise TriageDataError(f"{path.name}: file not found at {path}") from exc
    except yaml.YAMLError as exc:
        raise TriageDataError(f"{path.name}: not valid YAML: {exc}") from exc


def _validate(model: type[BaseModel], path: Path):
    raw = _read_yaml(path)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            where = ".".join(str(p) for p in error["loc"]) or "(top level)"
            problems.append(f"{where}: {error['msg']}")
        raise TriageDataError(f"{path.name}: " + "; ".join(problems[:10])) from None


@lru_cache(maxsize=8)
def _load_red_flags(path: str) -> RedFlagFile:
    return _validate(RedFlagFile, Path(path))


@lru_cache(maxsize=8)
def _load_conditions(path: str) -> ConditionsFile:
    return _validate(ConditionsFile, Path(path))


def load_red_flags(path: str | Path | None = None) -> RedFlagFile:
    """The red-flag rules (validated, cached per path)."""
    return _load_red_flags(str(Path(path or RED_FLAGS_FILE).resolve()))


def load_conditions(path: str | Path | None = None) -> ConditionsFile:
    """The condition knowledge base (validated, cached per path)."""
    return _load_conditions(str(Path(path or CONDITIONS_FILE).resolve()))
