"""The REST service (``advisor serve``): FastAPI over the ``Advisor`` facade, with API keys and Prometheus metrics.

Needs the ``service`` extra (fastapi, uvicorn, python-multipart, prometheus-client, limits).
"""
from advisor.frontdoors.service.app import create_app
from advisor.frontdoors.service.schemas import ServiceConfig

__all__ = ["ServiceConfig", "create_app"]
