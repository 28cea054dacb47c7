"""Feedback and recommendations of the Advisor. Owned by the search & recommend work (issue 10)."""
from __future__ import annotations


class RecommendMixin:
    """Methods mixed into ``Advisor``: ``feedback``, ``recommend``."""
