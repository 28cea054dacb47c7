"""Score one image against the stored rules ("check this frame"), without a camera's calibration history.

Example::

    >>> from agents.surveillance.checks import check_image
    >>> check_image(advisor, "snapshot.jpg")[0]                          # doctest: +SKIP
    {'rule': 'fire', 'severity': 'critical', 'probability': 0.81, 'raw': 0.41, 'matched': True, 'box': [...]}
"""
from __future__ import annotations

import hashlib
import json
import statistics
from typing import Any

from sqlalchemy import select

from agents.surveillance.models import AlertRuleRow
from agents.surveillance.rules import STARTER_RULES, Mode, Rule

_SCORERS: dict[tuple[int, str], Any] = {}


def stored_rules(store) -> list[Rule]:
    """Enabled rules recorded by ``advisor watch``; the demo rules when none were loaded yet."""
    with store.session() as s:
        rows = s.scalars(select(AlertRuleRow).where(AlertRuleRow.enabled.is_(True)).order_by(AlertRuleRow.id)).all()
        definitions = [dict(r.definition) for r in rows]
    return [Rule.model_validate(d) for d in (definitions or STARTER_RULES)]


def scorer_for(context, rules: list[Rule]):
    from agents.surveillance.scoring import FrameScorer  # noqa: PLC0415 - pulls cv2 (optional extra [surveillance])

    key = (id(context), hashlib.sha1(json.dumps([r.model_dump(mode="json") for r in rules], sort_keys=True).encode()).hexdigest())
    if key not in _SCORERS:
        _SCORERS.clear()
        _SCORERS[key] = FrameScorer(context.encoder, rules)
    return _SCORERS[key]


def background_levels(store) -> dict[str, float]:
    """Per rule, the median over cameras of the background share recorded by ``advisor watch``."""
    from agents.surveillance.watch import BACKGROUNDS_KEY  # noqa: PLC0415 - pulls cv2 (optional extra [surveillance])

    levels = json.loads(store.get_value(BACKGROUNDS_KEY) or "{}")
    return {rule: statistics.median(per_camera.values()) for rule, per_camera in levels.items() if per_camera}


def check_image(context, image) -> list[dict[str, Any]]:
    """Per rule: softmax share, raw cosine, best box and whether it matches.

    A presence rule is judged by its presence threshold, as in ``advisor watch``. A novelty rule has no camera
    history here: it is judged against its background level recorded by earlier watches (the same ``lift_factor``
    test), or, before any watch, by a fixed share (``check_probability``).
    """
    rules = stored_rules(context.store)
    levels = background_levels(context.store)
    scorer = scorer_for(context, rules)
    picture = context.encoder.load_images([image])[0].convert("RGB")
    crops = scorer.crops(picture)
    scorer.encode(picture, crops)
    out = []
    for rule, ev in zip(rules, scorer.evidence(crops, picture.size)):
        if rule.threshold is not None:
            matched = ev.raw >= rule.threshold
        elif rule.mode == Mode.presence:
            matched = ev.probability >= scorer.presence_threshold(rule)
        elif rule.name in levels:
            matched = ev.probability >= scorer.config.lift_factor * levels[rule.name] and ev.probability > ev.chance
        else:
            matched = ev.probability >= scorer.config.check_probability
        out.append({"rule": rule.name, "severity": rule.severity.value, "probability": round(ev.probability, 4),
                    "raw": round(ev.raw, 4), "matched": bool(matched), "box": list(ev.box) if ev.box else None})
    return sorted(out, key=lambda r: -r["probability"])
