"""In-memory columns of the metadata the agent filters on (domain, category, colour, price), so that the id set
of a filter is computed with NumPy in about a millisecond instead of a JSON scan in SQL (~100 ms at 100k items).

It gives exactly what :func:`advisor.core.filters.matching_ids` gives for the filter shapes it understands (equality,
any-of, none-of, negation, ranges on these fields; SQL's NULL semantics: an item without the field matches no condition); for any
other shape it answers ``NotImplemented`` and the caller asks SQL. The id set still goes to FAISS as an id
selector: filtering happens inside the vector search either way.

>>> cols = MetadataColumns([1, 2, 3], ["c", "c", "c"], [{"price": 5}, {"price": 50}, {}])
>>> cols.matching({"price": {"lt": 10}}).tolist()
[1]
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

TEXT_FIELDS = ("category", "colour", "color")
NUMERIC_FIELDS = ("price",)
RANGE_OPS = {"gt": np.greater, "gte": np.greater_equal, "lt": np.less, "lte": np.less_equal}


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class MetadataColumns:
    """Column arrays aligned with ``ids`` (ascending item ids)."""

    def __init__(self, ids: list[int], domains: list[str], metas: list[dict]):
        self.ids = np.asarray(ids, np.int64)
        self.columns: dict[str, np.ndarray] = {"domain": np.asarray(domains, dtype=object)}
        self.unsupported: set[str] = set()
        for field in TEXT_FIELDS:
            values = [meta.get(field) for meta in metas]
            if any(v is not None and not isinstance(v, str) for v in values):
                self.unsupported.add(field)  # SQL's string cast of numbers/lists is not worth imitating
            self.columns[field] = np.asarray(values, dtype=object)
        for field in NUMERIC_FIELDS:
            values = [meta.get(field) for meta in metas]
            if any(v is not None and not (_is_number(v) and math.isfinite(v)) for v in values):
                self.unsupported.add(field)
            self.columns[field] = np.asarray([float(v) if _is_number(v) else np.nan for v in values], np.float64)

    def matching(self, filters: Mapping[str, Any] | None, domain: str | None = None):
        """Ids (ascending ``np.ndarray``) passing every filter, None when nothing restricts, or NotImplemented."""
        if not filters and domain is None:
            return None
        mask = np.ones(len(self.ids), bool)
        if domain is not None:
            mask &= self.columns["domain"] == domain
        for field, spec in (filters or {}).items():
            condition = self._condition(str(field), spec)
            if condition is NotImplemented:
                return NotImplemented
            mask &= condition
        return self.ids[mask]

    def _condition(self, field: str, spec: Any):
        if field in self.unsupported or field not in self.columns:
            return NotImplemented
        column = self.columns[field]
        numeric = field in NUMERIC_FIELDS
        present = ~np.isnan(column) if numeric else np.array([v is not None for v in column], bool)
        if isinstance(spec, Mapping):
            mask = np.ones(len(column), bool)
            for op, value in spec.items():
                if op in ("not", "nin"):  # SQL's semantics: items without the field pass a negation
                    if op == "nin" and not isinstance(value, (list, tuple, set)):
                        return NotImplemented
                    if op == "nin" and not value:
                        continue
                    inner = self._condition(field, list(value) if op == "nin" else value)
                    if inner is NotImplemented:
                        return NotImplemented
                    mask &= ~inner
                    continue
                part = self._operator(column, present, numeric, op, value)
                if part is NotImplemented:
                    return NotImplemented
                mask &= part
            return mask
        if isinstance(spec, (list, tuple, set)):
            values = list(spec)
            if not values:
                return np.zeros(len(column), bool)
            if numeric != all(_is_number(v) for v in values):
                return NotImplemented
            return present & np.isin(column, values if numeric else [str(v) for v in values])
        if spec is None or numeric != _is_number(spec):
            return NotImplemented
        return present & (column == (spec if numeric else str(spec)))

    @staticmethod
    def _operator(column, present, numeric: bool, op: str, value: Any):
        if op == "in":
            if not isinstance(value, (list, tuple, set)):
                return NotImplemented
            values = list(value)
            if not values:
                return np.zeros(len(column), bool)
            if numeric != all(_is_number(v) for v in values):
                return NotImplemented
            return present & np.isin(column, values if numeric else [str(v) for v in values])
        if numeric != _is_number(value):
            return NotImplemented
        if op in RANGE_OPS:
            return present & RANGE_OPS[op](column, value) if numeric else NotImplemented
        if op == "eq":
            return present & (column == (value if numeric else str(value)))
        if op == "ne":
            return present & (column != (value if numeric else str(value)))
        return NotImplemented
