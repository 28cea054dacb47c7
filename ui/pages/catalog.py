"""Catalog page: search by text and/or image with filters, browse, recommendations, and add new items."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from advisor.application import views
from ui import auth, render, resources
from ui.errors import guard
from ui.uploads import ARCHIVE_TYPES, IMAGE_TYPES, UploadError, caption_from_upload, extract_archive, save_upload

PER_PAGE = 12
ALL = "All"


def search_tab(advisor: Any, user: str, facets: dict[str, list[str]]) -> None:
    with st.form("catalog-search"):
        text = st.text_input("Describe what you are looking for", key="catalog-query", placeholder="a red bag")
        image = st.file_uploader("…or show an example", type=list(IMAGE_TYPES), key="catalog-image")
        columns = st.columns(4)
        domain = columns[0].selectbox("Domain", [ALL, *facets["domains"]], key="catalog-domain")
        categories = columns[1].multiselect("Category", facets["categories"], key="catalog-category")
        price_min = columns[2].number_input("Min price", min_value=0.0, value=None, key="catalog-price-min")
        price_max = columns[3].number_input("Max price", min_value=0.0, value=None, key="catalog-price-max")
        k = st.slider("Results", 4, 48, 12, step=4, key="catalog-k")
        submitted = st.form_submit_button("Search", type="primary")
    if submitted:
        image_path = None
        if image is not None:
            try:
                image_path = str(save_upload(advisor.settings, image.name, image.getvalue()))
            except UploadError as exc:
                st.error(str(exc))
                return
        if not (text or "").strip() and image_path is None:
            st.warning("Type a description or add an example image.")
            return
        with guard("searching the catalog"), st.spinner("Searching…"):
            hits = advisor.search(text=text or None, image=image_path, k=k, domain=None if domain == ALL else domain,
                                  filters=views.catalog_filters(categories, price_min, price_max))
            st.session_state["catalog-results"] = [hit.model_dump() for hit in hits]
    results = st.session_state.get("catalog-results")
    if results is not None:
        st.caption(f"{len(results)} result(s)")
        render.render_gallery({"results": results}, render.Context(advisor, user, key="catalog-search"))


def browse_tab(advisor: Any, user: str, facets: dict[str, list[str]]) -> None:
    left, right = st.columns([3, 1])
    domain = left.selectbox("Domain", [ALL, *facets["domains"]], key="browse-domain")
    _, total = views.browse(advisor, 0, 1, None if domain == ALL else domain)
    pages = max(1, -(-total // PER_PAGE))
    page = right.number_input(f"Page (of {pages})", min_value=1, max_value=pages, value=1, key="browse-page")
    rows, total = views.browse(advisor, int(page) - 1, PER_PAGE, None if domain == ALL else domain)
    st.caption(f"{total} item(s)")
    render.render_gallery({"results": rows}, render.Context(advisor, user, key=f"browse-{page}"))


def for_you_tab(advisor: Any, user: str) -> None:
    st.caption(f"Recommendations for **{user}**, from what you liked (:material/thumb_up:) in the chat and here.")
    if st.button("Show recommendations", key="catalog-recommend"):
        with guard("recommending"):
            st.session_state["catalog-recs"] = views.recommend(advisor, user, k=12)
    recs = st.session_state.get("catalog-recs")
    if recs is not None:
        render.render_gallery({"results": recs}, render.Context(advisor, user, key="catalog-recs"))


def add_tab(advisor: Any, facets: dict[str, list[str]]) -> None:
    limit_mb = advisor.settings.max_file_bytes / 1e6
    files = st.file_uploader(f"Images, or .zip archives of images (up to {limit_mb:.0f} MB each)",
                             type=list(IMAGE_TYPES + ARCHIVE_TYPES), accept_multiple_files=True, key="catalog-add-files")
    domain = st.text_input("Domain", value=(facets["domains"] or ["catalog"])[0], key="catalog-add-domain")
    category = st.text_input("Category (optional, for all)", key="catalog-add-category")
    price = st.number_input("Price (optional, for all)", min_value=0.0, value=None, key="catalog-add-price")
    st.caption("Captions come from the file names (e.g. `red_leather_bag.jpg` → “red leather bag”). An archive may carry "
               "a `manifest.jsonl` or `manifest.csv` (columns `image`, `caption`, …) naming files inside it.")
    if not st.button("Add to the catalog", key="catalog-add", type="primary", disabled=not files):
        return
    rows, folder, archives = [], None, []
    for upload in files:
        try:
            if upload.name.lower().endswith(".zip"):
                extracted = extract_archive(advisor.settings, upload.name, upload.getvalue())
                for member, reason in extracted.refused:
                    st.warning(f"{upload.name}: refused {member!r}: {reason}")
                archives.append(extracted)
                continue
            path = save_upload(advisor.settings, upload.name, upload.getvalue())
        except UploadError as exc:
            st.warning(str(exc))
            continue
        folder = path.parent
        rows.append({"image": path.name, "caption": caption_from_upload(upload.name), "category": category.strip() or None,
                     "price": price})
    if not rows and not archives:
        st.error("None of the files could be added.")
        return
    bar = st.progress(0.0, text="Embedding images…")

    def progress(done: int, total: int) -> None:
        bar.progress(done / max(total, 1), text=f"Embedded {done} of {total} image(s)")

    with guard("adding the images"):
        reports = [views.ingest_uploads(advisor, rows, Path(folder), domain.strip(), progress)] if rows else []
        reports += [views.ingest_archive(advisor, extracted, domain.strip(), progress) for extracted in archives]
        bar.progress(1.0, text="Done")
        st.success(f"Added {sum(r.added for r in reports)} item(s); {sum(r.duplicates for r in reports)} duplicate(s) skipped.")
        for report in reports:
            for skipped in report.skipped:
                st.warning(f"Skipped {Path(skipped.source).name}: {skipped.reason}")


def render_page() -> None:
    advisor = resources.shared_advisor()
    user = auth.user_id(advisor.settings)
    st.title(":material/storefront: Catalog")
    facets = views.catalog_facets(advisor)
    search, browse, for_you, add = st.tabs(["Search", "Browse", "For you", "Add items"])
    with search:
        search_tab(advisor, user, facets)
    with browse:
        browse_tab(advisor, user, facets)
    with for_you:
        for_you_tab(advisor, user)
    with add:
        add_tab(advisor, facets)


with guard("showing the catalog"):
    render_page()
