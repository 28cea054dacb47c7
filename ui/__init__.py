"""The Streamlit app: a chat page and the domain pages (catalog, alerts, triage, models).

Wiring only: every action calls the :class:`advisor.Advisor` facade or an agent package's public functions.
Start it with ``advisor ui`` (or ``advisor demo`` for the demo data), or ``streamlit run ui/app.py``.
"""
from pathlib import Path

APP_SCRIPT = Path(__file__).resolve().parent / "app.py"

__all__ = ["APP_SCRIPT"]
