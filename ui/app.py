"""Entry script of the Streamlit app: ``streamlit run ui/app.py`` (or ``advisor ui``).

It opens the shared Advisor, draws the sidebar and hands over to the selected page (``st.navigation``).
"""
from __future__ import annotations

import sys
from pathlib import Path

_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:  # `streamlit run ui/app.py` from a checkout that is not pip-installed
    sys.path.insert(0, _ROOT)

import streamlit as st  # noqa: E402

from ui import resources, sidebar  # noqa: E402
from ui.errors import describe  # noqa: E402

PAGES = (  # (file, title, icon, url path)
    ("pages/chat.py", "Chat", ":material/chat:", "chat"),
    ("pages/catalog.py", "Catalog", ":material/storefront:", "catalog"),
    ("pages/alerts.py", "Alerts", ":material/notifications_active:", "alerts"),
    ("pages/triage.py", "Triage", ":material/medical_services:", "triage"),
    ("pages/models.py", "Models", ":material/model_training:", "models"),
)


def main() -> None:
    st.set_page_config(page_title="Smart Advisor", page_icon=":material/explore:", layout="wide")
    try:
        advisor = resources.shared_advisor()
    except Exception as exc:  # noqa: BLE001 - a broken data home gets a readable message, not a traceback
        st.error(f"The advisor could not start: {describe(exc)}")
        st.info("Check ADVISOR_HOME / ADVISOR_DB_URL / ADVISOR_ENCODER and restart `advisor ui`.")
        st.stop()
    sidebar.render(advisor)
    pages = [st.Page(path, title=title, icon=icon, url_path=url, default=(index == 0))
             for index, (path, title, icon, url) in enumerate(PAGES)]
    st.navigation(pages).run()


main()
