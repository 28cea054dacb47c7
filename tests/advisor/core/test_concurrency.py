"""Threads and processes writing and searching at once: no errors, no lost writes, index and DB agree."""
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

from tests.conftest import COLOURS, SHAPES, draw_shape

ADVISOR = str(Path(sys.executable).with_name("advisor"))


def _folder(root: Path, tag: str) -> Path:
    folder = root / tag
    folder.mkdir()
    for colour in COLOURS:
        for shape in SHAPES:
            image = draw_shape(colour, shape, size=96 + len(tag))
            image.save(folder / f"{tag}_{colour}_{shape}.png")
    return folder


def test_threads_ingest_and_search_at_once(advisor_home, tmp_path):
    folders = [_folder(tmp_path, f"t{i}") for i in range(3)]
    errors = []

    def ingest(folder):
        try:
            advisor_home.ingest(folder)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    def search():
        try:
            for _ in range(5):
                advisor_home.search(text="a red circle", k=3)
        except Exception as exc:  # noqa: BLE001
            if "give a text" not in str(exc):
                errors.append(exc)

    threads = [threading.Thread(target=ingest, args=(f,)) for f in folders] + [threading.Thread(target=search)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not errors, errors
    assert advisor_home.store.count_items() == 36
    assert advisor_home.index_report().agree


def test_processes_ingest_at_once(tmp_path):
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADVISOR_")} | {"ADVISOR_HOME": str(home)}
    folders = [_folder(tmp_path, f"p{i}") for i in range(2)]
    procs = [subprocess.Popen([ADVISOR, "ingest", str(f), "--json"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for f in folders]
    outs = [p.communicate(timeout=600) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    assert sum(json.loads(o[0])["added"] for o in outs) == 24
    verify = subprocess.run([ADVISOR, "index", "verify", "--json"], env=env, capture_output=True, text=True, timeout=300)
    assert verify.returncode == 0 and json.loads(verify.stdout)["items"] == 24, verify.stdout


def test_a_running_process_sees_items_another_process_ingested(tmp_path, encoder):
    """Two Advisors on one data home (as a UI process and an `advisor ingest` would be): the reader's loaded index
    picks up the writer's items on its next search, without a restart."""
    from advisor.application.facade import Advisor
    from advisor.core.settings import Settings

    settings = Settings(home=tmp_path / "shared")
    reader, writer = Advisor(settings, encoder=encoder), Advisor(settings, encoder=encoder)
    reader.ingest(_folder(tmp_path, "first"))
    assert len(reader.search(text="a red circle", k=50)) == 12  # the reader's index is loaded now
    added = writer.ingest(_folder(tmp_path, "second")).ids
    hits = reader.search(text="a red circle", k=50)
    assert len(hits) == 24 and set(added) <= {h.id for h in hits}
    writer.delete(added[:3])
    assert len(reader.search(text="a red circle", k=50)) == 21
    assert reader.index_report().agree and writer.index_report().agree
