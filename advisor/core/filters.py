"""Metadata filters, applied in SQL to produce the id set that FAISS searches inside (never post-filtering).

A filter is a mapping of field -> condition::

    {"category": "fruit"}                       # equality
    {"colour": ["red", "pink"]}                 # any of
    {"price": {"gte": 20, "lte": 50}}           # range (gt, gte, lt, lte, eq, ne, in)
    {"colour": {"nin": ["red", "pink"]}}        # none of (items without the field pass)
    {"price": {"not": {"gt": 50}}}              # negation of any condition (items without the field pass)

``domain`` is a column; every other field is looked up in the item's metadata JSON.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import and_, false, not_, or_, select

from advisor.core.store.models import Item

OPERATORS = {"gt", "gte", "lt", "lte", "eq", "ne", "in", "nin", "not"}
FIELD_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.")


class FilterError(ValueError):
    """A filter that cannot be applied; the message names the field and the problem."""


def _column(field: str, numeric: bool):
    if field == "domain":
        return Item.domain
    if field == "caption":
        return Item.caption
    if not field or not set(field) <= FIELD_CHARS or len(field) > 64:
        raise FilterError(f"filter field {field!r} is not a valid metadata name")
    value = Item.meta[field]
    return value.as_float() if numeric else value.as_string()


def _condition(field: str, spec: Any):
    if isinstance(spec, Mapping):
        unknown = set(spec) - OPERATORS
        if unknown:
            raise FilterError(f"filter on {field!r}: unknown operator(s) {sorted(unknown)}; use {sorted(OPERATORS)}")
        parts = []
        for op, value in spec.items():
            if op == "in":
                parts.append(_condition(field, list(value)))
                continue
            if op == "nin" and not isinstance(value, (list, tuple, set)):
                raise FilterError(f"filter on {field!r}: nin needs a list of values, got {value!r}")
            if op in ("nin", "not"):
                parts.append(_negation(field, list(value) if op == "nin" else value))
                continue
            numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
            if op in {"gt", "gte", "lt", "lte"} and not numeric:
                raise FilterError(f"filter on {field!r}: {op} needs a number, got {value!r}")
            column = _column(field, numeric)
            parts.append({"gt": column > value, "gte": column >= value, "lt": column < value, "lte": column <= value,
                          "eq": column == value, "ne": column != value}[op] if numeric else
                         (column == str(value) if op == "eq" else column != str(value)))
        parts = [p for p in parts if p is not None]
        return and_(*parts) if parts else None
    if isinstance(spec, (list, tuple, set)):
        values = list(spec)
        if not values:
            return false()
        numeric = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)
        return _column(field, numeric).in_(values if numeric else [str(v) for v in values])
    if spec is None:
        raise FilterError(f"filter on {field!r}: no value")
    numeric = isinstance(spec, (int, float)) and not isinstance(spec, bool)
    return _column(field, numeric) == (spec if numeric else str(spec))


def _negation(field: str, spec: Any):
    """Items failing ``spec``, and items without the field: "not red" keeps the items that have no colour."""
    if isinstance(spec, (list, tuple, set)) and not spec:
        return None  # "none of nothing" excludes nothing
    inner = _condition(field, spec)
    if inner is None:
        return None
    missing = _column(field, False).is_(None)
    return or_(missing, not_(inner))


def build_query(filters: Mapping[str, Any] | None, domain: str | None = None):
    """A SELECT of item ids matching the filters (and domain)."""
    if filters is not None and not isinstance(filters, Mapping):
        raise FilterError(f"filters must be a mapping of field -> condition, got {type(filters).__name__}")
    query = select(Item.id)
    conditions = []
    if domain is not None:
        conditions.append(Item.domain == domain)
    for field, spec in (filters or {}).items():
        condition = _condition(str(field), spec)
        if condition is not None:
            conditions.append(condition)
    return query.where(*conditions) if conditions else query


def matching_ids(store, filters: Mapping[str, Any] | None, domain: str | None = None) -> list[int] | None:
    """Ids matching, or None when nothing restricts the search."""
    if not filters and domain is None:
        return None
    with store.session() as session:
        return list(session.scalars(build_query(filters, domain)).all())
