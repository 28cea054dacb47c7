"""Models page: fine-tuning runs (metrics, curves, model cards), a new ``heads`` run, and the active encoder."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import streamlit as st

from advisor import Advisor
from advisor.application.monitoring import snapshot
from ui import jobs, resources
from ui.errors import guard
from ui.sidebar import active_encoder
from ui.uploads import UploadError, save_upload

RECALLS = ("t2i_recall@1", "t2i_recall@5", "t2i_recall@10", "i2t_recall@1", "i2t_recall@5", "i2t_recall@10")


def list_runs(models_dir: Path) -> list[dict[str, Any]]:
    """Finished runs under ``<home>/models``: directories with a ``metrics.json``, newest first."""
    runs = []
    for metrics_file in sorted(Path(models_dir).glob("*/metrics.json")):
        run_dir = metrics_file.parent
        if run_dir.name.startswith("."):
            continue  # a run still being written (atomic temp dir)
        try:
            metrics = json.loads(metrics_file.read_text())
        except (OSError, json.JSONDecodeError) as exc:
            metrics = {"error": f"metrics.json unreadable: {exc}"}
        runs.append({"name": run_dir.name, "path": run_dir, "metrics": metrics, "time": metrics_file.stat().st_mtime,
                     "curve": run_dir / "curve.png", "card": run_dir / "README.md"})
    return sorted(runs, key=lambda r: -r["time"])


def metrics_rows(metrics: dict[str, Any]) -> list[dict[str, Any]]:
    before, after = metrics.get("before") or {}, metrics.get("after") or {}
    return [{"metric": key, "before": before.get(key), "after": after.get(key),
             "change": (after[key] - before[key]) if isinstance(after.get(key), (int, float)) and
             isinstance(before.get(key), (int, float)) else None} for key in RECALLS if key in before or key in after]


def show_run(run: dict[str, Any], active: str, advisor: Any) -> None:
    metrics = run["metrics"]
    is_active = Path(active).expanduser().resolve() == run["path"].resolve() if active not in ("", "default") else False
    title = f"{':material/check_circle: ' if is_active else ''}{run['name']} · {metrics.get('mode', '?')} · base {metrics.get('base', '?')}"
    with st.expander(title, expanded=is_active):
        if metrics.get("error"):
            st.warning(metrics["error"])
        cols = st.columns(3)
        cols[0].metric("training pairs", metrics.get("train_pairs", "?"))
        cols[1].metric("validation pairs", metrics.get("val_pairs", "?"))
        cols[2].metric("time", f"{metrics.get('seconds', 0):.0f} s")
        rows = metrics_rows(metrics)
        if rows:
            st.dataframe(rows, hide_index=True, width="stretch")
        if run["curve"].is_file():
            st.image(str(run["curve"]), caption="training curve")
        if run["card"].is_file():
            with st.popover("Model card"):
                st.markdown(run["card"].read_text(encoding="utf-8", errors="replace").replace("![training curve](curve.png)", ""))
        if not is_active and st.button("Use this encoder", key=f"activate-{run['name']}"):
            start_switch(advisor, run["path"])


def start_switch(advisor: Any, model_dir: Path) -> None:
    """Re-embed the catalog with another encoder in the background (``advisor reindex``), then switch to it."""
    def switch(_job: jobs.Job) -> None:  # every browser session moves to the new encoder
        resources.provide(Advisor.from_settings(advisor.settings, encoder=str(model_dir)))

    jobs.start(f"reindex {model_dir.name}", ["reindex", "--model", str(model_dir)], env=advisor_env(advisor),
               json_output=False, on_success=switch)  # `reindex --json` hides its progress bar
    st.toast(f"Re-indexing the catalog with {model_dir.name}…")


def advisor_env(advisor: Any) -> dict[str, str]:
    """Environment that points a child ``advisor`` command at this app's data home and database."""
    settings = advisor.settings
    return {"ADVISOR_HOME": str(settings.home), "ADVISOR_DB_URL": str(settings.db_url)}


def finetune_form(advisor: Any) -> None:
    st.subheader("Fine-tune the heads on your pairs")
    st.caption("A JSONL file with one `{\"image\": ..., \"caption\": ...}` per line; image paths are absolute paths on "
               "the machine that runs the app. The towers stay frozen, so this takes seconds to minutes on a CPU.")
    with st.form("finetune-form"):
        pairs = st.file_uploader("Pairs file (.jsonl)", type=["jsonl"], key="finetune-pairs")
        name = st.text_input("Run name", value="heads-run", key="finetune-name")
        epochs = st.number_input("Epochs (max; early stopping may end sooner)", 1, 500, 60, key="finetune-epochs")
        submitted = st.form_submit_button("Start fine-tuning", type="primary")
    if not submitted:
        return
    if pairs is None:
        st.warning("Upload a pairs file first.")
        return
    try:
        path = save_upload(advisor.settings, pairs.name, pairs.getvalue(), kind="pairs")
    except UploadError as exc:
        st.error(str(exc))
        return
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in name).strip("-") or "heads-run"
    out = advisor.settings.models_dir / safe
    if out.exists():
        st.error(f"A run named {safe!r} exists already; choose another name.")
        return
    jobs.start(f"finetune {safe}", ["finetune", "--train", str(path), "--out", str(out), "--mode", "heads",
                                    "--epochs", str(int(epochs))], env=advisor_env(advisor))
    st.toast(f"Fine-tuning {safe} started.")


@st.fragment(run_every=2 if jobs.running() else None)
def job_panel() -> None:
    """Progress of background jobs (refreshes every 2 s while any runs; the page reloads when one ends)."""
    with guard("showing the jobs"):  # a fragment's errors do not reach the page's guard
        job_list()


def job_list() -> None:
    current = jobs.all_jobs()
    if not current:
        return
    finished = {j.id for j in current if j.state != "running"}
    if finished - st.session_state.setdefault("jobs-seen-finished", finished):
        st.session_state["jobs-seen-finished"] = finished
        st.rerun(scope="app")  # new runs, or a new active encoder, appear in the page above
    st.subheader("Jobs")
    for job in current[:5]:
        if job.state == "running":
            st.progress(job.fraction, text=f"{job.title}: {job.stage or 'starting'} · {job.seconds:.0f} s")
        elif job.state == "done":
            st.success(f"{job.title}: finished in {job.seconds:.0f} s")
        else:
            st.error(f"{job.title}: failed: {job.error}")


def registry_rows(advisor: Any) -> list[dict[str, Any]]:
    """The model registry as table rows, newest first (empty when the registry is not part of this build)."""
    registry = getattr(advisor, "registry", None)
    if registry is None:
        return []
    return [{"version": r.version, "status": r.status, "mode": r.mode, "created": f"{r.created_at:%Y-%m-%d %H:%M}",
             "by": r.created_by, "mean recall before": r.metrics_before.get("mean_recall"),
             "mean recall after": r.metrics_after.get("mean_recall"), "model": r.spec} for r in registry.list()]


def serving_panel(advisor: Any) -> None:
    """The figures `/metrics` exports for the serving model: version, catalog and index size, embedding drift."""
    figures = snapshot(advisor)
    cols = st.columns(4)
    cols[0].metric("serving model", figures.model_version)
    cols[1].metric("catalog items", figures.items)
    cols[2].metric("index vectors", figures.vectors)
    if figures.drift is not None:
        cols[3].metric("new items vs model centroid", f"{figures.drift.recent_cosine:.3f}",
                       delta=f"{-figures.drift.drop:+.3f} vs reference", help="Mean cosine of the newest items to the "
                       "centroid of the items the model was set up on; a falling value means drift (docs/SERVICE.md).")
    rows = registry_rows(advisor)
    if rows:
        st.dataframe(rows, hide_index=True, width="stretch")
        st.caption("Promote or roll back with `advisor models promote VERSION` / `advisor models rollback`.")


def render_page() -> None:
    advisor = resources.shared_advisor()
    st.title(":material/model_training: Models")
    active = active_encoder(advisor)
    st.caption(f"Active encoder: `{active}` · runs live in `{advisor.settings.models_dir}`")
    serving_panel(advisor)
    runs = list_runs(advisor.settings.models_dir)
    if not runs:
        st.info("No fine-tuning runs yet. Start one below, or run `advisor finetune --train pairs.jsonl --out "
                f"{advisor.settings.models_dir}/my-run`.")
    for run in runs:
        show_run(run, active, advisor)
    finetune_form(advisor)
    job_panel()


with guard("showing the models"):
    render_page()
