"""The medical_triage agent (registered with ``@register`` on import): safe, explained triage from symptom descriptions (English and Chinese).

Public API::

    from agents.medical_triage import MedicalTriageAgent, TriageAssessment, TriageLevel, deidentify
"""
from agents.medical_triage import models  # noqa: F401 - registers the triage_cases table with the ORM
from agents.medical_triage.agent import MedicalTriageAgent, MedicalTriageConfig
from agents.medical_triage.assessment import TriageAssessment, TriageReason
from agents.medical_triage.deid import deidentify, redact
from agents.medical_triage.levels import TriageLevel

__all__ = ["MedicalTriageAgent", "MedicalTriageConfig", "TriageAssessment", "TriageLevel", "TriageReason", "deidentify", "redact"]
