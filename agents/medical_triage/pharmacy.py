"""NHS Pharmacy First in the triage decision: for some complaints a community pharmacist may assess and treat some
people (uncomplicated cystitis in women of 16 to 64 who are not pregnant), so for them the complaint is a matter of
home or pharmacy care; for everyone else, and whenever something excludes it, the entry keeps its own level.

Example::

    >>> from agents.medical_triage.facts import extract_facts
    >>> from agents.medical_triage.schema import load_conditions
    >>> uti = next(c for c in load_conditions().conditions if c.id == "uti_symptoms")
    >>> text = "burning when i wee, going every 10 mins, no fever, not pregnant. 28f"
    >>> pharmacy_first_applies(uti, extract_facts(text), text)
    True
    >>> text = "3rd uti in 6 months, stinging when i wee, 34, not pregnant"
    >>> pharmacy_first_applies(uti, extract_facts(text), text), pharmacy_first_applies(uti, extract_facts("man 45"), "")
    (False, False)
"""
from __future__ import annotations

from agents.medical_triage.facts import Facts
from agents.medical_triage.schema import KnowledgeEntry
from agents.medical_triage.text import Phrase, normalise


def doctor_needed(entry: KnowledgeEntry, facts: Facts) -> bool:
    """Whether the patient is in a group that ``entry`` sends to a doctor instead of home or pharmacy care.

    >>> from agents.medical_triage.facts import extract_facts
    >>> from agents.medical_triage.schema import load_conditions
    >>> threadworms = next(c for c in load_conditions().conditions if c.id == "threadworms")
    >>> doctor_needed(threadworms, extract_facts("18 weeks pregnant, itchy bottom at night")), doctor_needed(
    ...     threadworms, extract_facts("my son is 6, itchy bottom at night"))
    (True, False)
    """
    rule = entry.doctor_if
    if rule is None:
        return False
    young = rule.under_age_years is not None and facts.age_years is not None and facts.age_years < rule.under_age_years
    # a pregnancy beside a child's complaint is the mother's ("my son is 5 ... I'm 20 weeks pregnant"), not the patient's
    pregnant = facts.pregnant and not facts.child and not (facts.age_years is not None and facts.age_years < 12)
    return (rule.pregnant and pregnant) or (rule.immunosuppressed and facts.immunosuppressed) or young


def pharmacy_first_applies(entry: KnowledgeEntry, facts: Facts, text: str) -> bool:
    """Whether a pharmacist may treat this patient for ``entry``: the stated sex and age fit, nothing excludes."""
    rule = entry.pharmacy_first
    if rule is None or (rule.sex is not None and facts.sex != rule.sex):
        return False
    if (rule.not_pregnant and facts.pregnant) or facts.immunosuppressed:
        return False
    age = facts.age_years
    if age is None:
        # no age: a stated child or older person is out, and a children's service needs a stated child
        if facts.infant or facts.elderly or (facts.child and rule.min_age_years >= 16) or (
                rule.max_age_years < 18 and not facts.child):
            return False
    elif not rule.min_age_years <= age <= rule.max_age_years:
        return False
    if rule.max_duration_days is not None and (facts.duration_days or 0) > rule.max_duration_days:
        return False
    normalised = normalise(text)
    return not any(Phrase(phrase).find(normalised) for phrase in rule.not_if)
