"""The life of each alert as a stream: ``new`` when it is raised, ``update`` for every later frame in which its rule
still matches the same tracked object, ``end`` when the track is lost (or the event is superseded by a new alert).

Every message carries the stored alert's id as the event's identity, and the alert's fields as seen on the message's
own frame (``frame``, ``time``, ``score`` and ``scores`` are that frame's), so a consumer can count the frames on
which a rule matched, or keep only ``new`` messages for one line per alert. Updates store nothing and notify nobody:
the cooldown still governs new alerts and notifications. (Frigate publishes tracked objects the same way.)

Example::

    >>> for event in watcher.run_events():                              # doctest: +SKIP
    ...     print(event.type.value, event.alert.id, event.alert.frame)
    new 4 f08.png
    update 4 f09.png
    end 4 f09.png
"""
from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from agents.surveillance.alerts import AlertView


class EventType(str, enum.Enum):
    new = "new"  # the frame that raised (and stored) the alert
    update = "update"  # a later frame in which the rule still matches the same tracked object
    end = "end"  # the track was lost, or a new alert took over the event: no more lines for this id


class WatchEvent(BaseModel):
    """One message of the watcher's event stream."""

    model_config = ConfigDict(extra="forbid")
    type: EventType = Field(description="new, update or end.")
    alert: AlertView = Field(description="The stored alert (its id is the event's identity) as seen on this message's "
                                         "frame: frame, time, score and scores are that frame's; an end repeats the "
                                         "event's last matching frame.")


def follow(last: AlertView, frame: Any, time: datetime, score: float, thumbnail: str | None,
           scores: dict[str, Any]) -> AlertView:
    """The alert as seen on a later frame of the same event (nothing stored: the stored alert keeps its own frame)."""
    return last.model_copy(update={"frame": frame, "time": time, "score": score, "scores": scores,
                                   "thumbnail": thumbnail or last.thumbnail})


def ending(last: AlertView, summary: dict[str, Any]) -> WatchEvent:
    """The ``end`` message of an event whose last matching frame was ``last``; ``summary`` adds end, frames, dwell."""
    return WatchEvent(type=EventType.end, alert=last.model_copy(update={"scores": {**last.scores, **summary}}))
