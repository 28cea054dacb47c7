"""Metadata filters, applied in SQL to produce the id set that FAISS searches inside (never post-filtering).

A filter is a mapping of field -> condition::

    {"category": "fruit"}                       # equality
    {"colour": ["red", "pink"]}                 # any of
    {"price": {"gte": 20, "lte": 50}}           # range (gt, gte, lt, lte, eq, ne, in)
    {"colour": {"nin": ["red", "pink"]}}        # none of (items without the field pass)
    {"price": {"not": {"gt": 50}}}              # negation of any condition (items without the field pass)

``domain`` is a column; every other field is looked up in the item's metadata JSON.

On PostgreSQL the metadata column is JSONB with a GIN index: equality and any-of on text values become ``@>``
containment (index-backed); numeric comparisons cast only values that look like numbers (CSV manifests store
numbers as text), so one odd value never fails the query. SQLite uses ``json_extract``.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Float, and_, case, cast, false, not_, or_, select, type_coerce
from sqlalchemy.dialects.postgresql import JSONB

from advisor.core.store.models import Item

OPERATORS = {"gt", "gte", "lt", "lte", "eq", "ne", "in", "nin", "not"}
FIELD_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.")
NUMBER_PATTERN = r"^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$"


class FilterError(ValueError):
    """A filter that cannot be applied; the message names the field and the problem."""


def _check_field(field: str) -> None:
    if not field or not set(field) <= FIELD_CHARS or len(field) > 64:
        raise FilterError(f"filter field {field!r} is not a valid metadata name")


def _column(field: str, numeric: bool, dialect: str = "sqlite"):
    if field == "domain":
        return Item.domain
    if field == "caption":
        return Item.caption
    _check_field(field)
    value = Item.meta[field]
    if numeric and dialect == "postgresql":
        text = value.as_string()
        return type_coerce(case((text.regexp_match(NUMBER_PATTERN), cast(text, Float)), else_=None), Float)
    return value.as_float() if numeric else value.as_string()


def _text_equals(field: str, values: list[str], dialect: str):
    """``field`` equals one of ``values`` (text); on PostgreSQL as JSONB containment, which the GIN index serves."""
    if dialect != "postgresql" or field in ("domain", "caption"):
        column = _column(field, False, dialect)
        return column == values[0] if len(values) == 1 else column.in_(values)
    _check_field(field)
    document = type_coerce(Item.meta, JSONB)
    return or_(*(document.contains({field: value}) for value in values))


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _negation(field: str, spec: Any, dialect: str):
    """Items failing ``spec``, and items without the field: "not red" keeps the items that have no colour."""
    if isinstance(spec, (list, tuple, set)) and not spec:
        return None  # "none of nothing" excludes nothing
    inner = _condition(field, spec, dialect)
    if inner is None:
        return None
    return or_(_column(field, False, dialect).is_(None), not_(inner))


def _operator(field: str, op: str, value: Any, dialect: str):
    if op == "in":
        return _condition(field, list(value), dialect)
    if op == "nin" and not isinstance(value, (list, tuple, set)):
        raise FilterError(f"filter on {field!r}: nin needs a list of values, got {value!r}")
    if op in ("nin", "not"):
        return _negation(field, list(value) if op == "nin" else value, dialect)
    numeric = _is_number(value)
    if op in {"gt", "gte", "lt", "lte"} and not numeric:
        raise FilterError(f"filter on {field!r}: {op} needs a number, got {value!r}")
    if not numeric:
        return _text_equals(field, [str(value)], dialect) if op == "eq" else _column(field, False, dialect) != str(value)
    column = _column(field, True, dialect)
    return {"gt": column > value, "gte": column >= value, "lt": column < value, "lte": column <= value,
            "eq": column == value, "ne": column != value}[op]


def _condition(field: str, spec: Any, dialect: str = "sqlite"):
    if isinstance(spec, Mapping):
        unknown = set(spec) - OPERATORS
        if unknown:
            raise FilterError(f"filter on {field!r}: unknown operator(s) {sorted(unknown)}; use {sorted(OPERATORS)}")
        parts = [_operator(field, op, value, dialect) for op, value in spec.items()]
        parts = [part for part in parts if part is not None]
        return and_(*parts) if parts else None
    if isinstance(spec, (list, tuple, set)):
        values = list(spec)
        if not values:
            return false()
        if all(_is_number(v) for v in values):
            return _column(field, True, dialect).in_([float(v) for v in values])
        return _text_equals(field, [str(v) for v in values], dialect)
    if spec is None:
        raise FilterError(f"filter on {field!r}: no value")
    if _is_number(spec):
        return _column(field, True, dialect) == spec
    return _text_equals(field, [str(spec)], dialect)


def build_query(filters: Mapping[str, Any] | None, domain: str | None = None, dialect: str = "sqlite"):
    """A SELECT of item ids matching the filters (and domain), in the SQL of ``dialect`` (the engine's name)."""
    if filters is not None and not isinstance(filters, Mapping):
        raise FilterError(f"filters must be a mapping of field -> condition, got {type(filters).__name__}")
    query = select(Item.id)
    conditions = []
    if domain is not None:
        conditions.append(Item.domain == domain)
    for field, spec in (filters or {}).items():
        condition = _condition(str(field), spec, dialect)
        if condition is not None:
            conditions.append(condition)
    return query.where(*conditions) if conditions else query


def matching_ids(store, filters: Mapping[str, Any] | None, domain: str | None = None) -> list[int] | None:
    """Ids matching, or None when nothing restricts the search."""
    if not filters and domain is None:
        return None
    with store.session() as session:
        return list(session.scalars(build_query(filters, domain, store.engine.dialect.name)).all())
