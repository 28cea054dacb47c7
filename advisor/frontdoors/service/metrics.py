"""Prometheus metrics of one service instance, on its own ``CollectorRegistry`` (two apps never share counters).

Request figures are counted as requests happen; catalog figures (items, index size, model version, drift,
alerts by state) are read from the store when ``/metrics`` is scraped, at most every ``refresh_s`` seconds.
"""
from __future__ import annotations

import logging
import time
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

from advisor.application.monitoring import snapshot

log = logging.getLogger(__name__)
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class ServiceMetrics:
    """Every metric the service exports; ``observe_*`` methods are called by the routes."""

    def __init__(self, refresh_s: float = 10.0):
        self.registry = CollectorRegistry(auto_describe=True)
        self.refresh_s = refresh_s
        self._refreshed = 0.0
        r = self.registry
        self.requests = Counter("advisor_http_requests_total", "HTTP requests by route, method and status.",
                                ["route", "method", "status"], registry=r)
        self.latency = Histogram("advisor_http_request_duration_seconds", "HTTP request latency by route.",
                                 ["route", "method"], buckets=LATENCY_BUCKETS, registry=r)
        self.agent_latency = Histogram("advisor_agent_duration_seconds", "Latency of /v1/ask by answering agent.",
                                       ["agent"], buckets=LATENCY_BUCKETS, registry=r)
        self.routing = Counter("advisor_routing_decisions_total", "Agents chosen for /v1/ask messages.",
                               ["agent", "forced"], registry=r)
        self.fallbacks = Counter("advisor_routing_fallbacks_total", "Messages answered by the general agent while "
                                 "another agent scored highest (the router was unsure).", registry=r)
        self.agent_errors = Counter("advisor_agent_errors_total", "Replies whose agent failed.", ["agent"], registry=r)
        self.triage = Counter("advisor_triage_levels_total", "Triage assessments by level.", ["level"], registry=r)
        self.acks = Counter("advisor_alerts_acknowledged_total", "Alerts acknowledged through the API.", registry=r)
        self.alerts = Gauge("advisor_alerts", "Stored alerts by state (all alerts ever raised, summed).", ["state"],
                            registry=r)
        self.ingested = Counter("advisor_ingest_items_total", "Ingest outcomes per item.", ["outcome"], registry=r)
        self.ingest_seconds = Counter("advisor_ingest_seconds_total", "Time spent in ingest jobs.", registry=r)
        self.ingest_rate = Gauge("advisor_ingest_last_items_per_second", "Throughput of the last ingest job.",
                                 registry=r)
        self.items = Gauge("advisor_catalog_items", "Items in the database.", registry=r)
        self.vectors = Gauge("advisor_index_vectors", "Vectors in the active index.", registry=r)
        self.model = Gauge("advisor_model_info", "The encoder serving now (value 1).", ["version", "encoder"],
                           registry=r)
        self.drift = Gauge("advisor_embedding_drift_cosine", "Mean cosine of the newest items to the serving model's "
                           "reference centroid (see docs/SERVICE.md).", registry=r)
        self.drift_reference = Gauge("advisor_embedding_reference_cosine", "Mean cosine of the reference items to "
                                     "their centroid (compare with advisor_embedding_drift_cosine).", registry=r)

    # -- events ----------------------------------------------------------------------------------------------
    def observe_request(self, route: str, method: str, status: int, seconds: float) -> None:
        self.requests.labels(route, method, str(status)).inc()
        self.latency.labels(route, method).observe(seconds)

    def observe_reply(self, reply: Any, forced: bool, seconds: float) -> None:
        """Routing, agent latency, triage level and failures of one ``/v1/ask`` reply."""
        self.agent_latency.labels(reply.agent).observe(seconds)
        self.routing.labels(reply.agent, str(forced).lower()).inc()
        scores = dict(reply.scores or {})
        if not forced and reply.agent == "general" and scores and max(scores, key=scores.get) != "general":
            self.fallbacks.inc()
        if reply.error:
            self.agent_errors.labels(reply.agent).inc()
        level = getattr(reply.data, "level", None) if getattr(reply.data, "kind", None) == "triage" else None
        if level is not None:
            self.triage.labels(str(getattr(level, "value", level))).inc()

    def observe_ingest(self, report: Any) -> None:
        self.ingested.labels("added").inc(report.added)
        self.ingested.labels("duplicate").inc(report.duplicates)
        self.ingested.labels("skipped").inc(len(report.skipped))
        self.ingest_seconds.inc(report.seconds)
        handled = report.added + report.duplicates + len(report.skipped)
        if report.seconds > 0:
            self.ingest_rate.set(handled / report.seconds)

    # -- scrape ----------------------------------------------------------------------------------------------
    def refresh(self, advisor: Any, alert_counts: dict[str, int] | None = None) -> None:
        """Read the store's figures (not more often than ``refresh_s``)."""
        if time.monotonic() - self._refreshed < self.refresh_s:
            return
        figures = snapshot(advisor)
        self.items.set(figures.items)
        self.vectors.set(figures.vectors)
        self.model.clear()
        self.model.labels(figures.model_version, figures.encoder).set(1)
        if figures.drift is not None:
            self.drift.set(figures.drift.recent_cosine)
            self.drift_reference.set(figures.drift.reference_cosine)
        for state, count in (alert_counts or {}).items():
            self.alerts.labels(state).set(count)
        self._refreshed = time.monotonic()

    def render(self) -> bytes:
        return generate_latest(self.registry)
