"""Uploaded .zip archives: members and manifest rows that would escape the upload are refused by name; the rest ingest."""
from __future__ import annotations

import io
import json
import stat
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from advisor.core.settings import Settings
from tests.conftest import draw_shape
from ui.uploads import UploadError, extract_archive


def png_bytes(colour: str, shape: str) -> bytes:
    buffer = io.BytesIO()
    draw_shape(colour, shape, size=96).save(buffer, format="PNG")
    return buffer.getvalue()


def make_zip(entries: dict[str, bytes], links: dict[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
        for name, target in (links or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, target)
    return buffer.getvalue()


@pytest.fixture
def small_settings(tmp_path):
    return Settings(home=tmp_path / "home", max_file_bytes=1_000_000)


def test_escaping_members_are_refused_and_never_written(small_settings, tmp_path):
    data = make_zip({"red_circle.png": png_bytes("red", "circle"), "../evil.png": b"x", "/abs/evil.png": b"x",
                     "sub/../../evil2.png": b"x", "C:/windows/evil.png": b"x", "ok/blue_square.png": png_bytes("blue", "square")},
                    links={"link.png": "/etc/passwd"})
    extracted = extract_archive(small_settings, "shop.zip", data)
    refused = dict(extracted.refused)
    assert set(refused) == {"../evil.png", "/abs/evil.png", "sub/../../evil2.png", "C:/windows/evil.png", "link.png"}
    assert "escape" in refused["../evil.png"] and "link" in refused["link.png"]
    written = sorted(p.relative_to(extracted.folder).as_posix() for p in extracted.folder.rglob("*") if p.is_file())
    assert written == ["ok/blue_square.png", "red_circle.png"]
    assert extracted.folder.is_relative_to(small_settings.uploads_dir)
    assert not list(tmp_path.rglob("evil*.png"))


def test_zip_bombs_and_non_archives_are_refused(small_settings):
    bomb = make_zip({"huge.png": b"\0" * 3_000_000, "fine.png": png_bytes("red", "circle")})
    extracted = extract_archive(small_settings, "bomb.zip", bomb)
    assert [name for name, _ in extracted.refused] == ["huge.png"] and "MB" in extracted.refused[0][1]
    with pytest.raises(UploadError, match="not a readable zip"):
        extract_archive(small_settings, "fake.zip", b"PK\x03\x04 truncated")
    with pytest.raises(UploadError, match="only .zip"):
        extract_archive(small_settings, "images.tar", b"x" * 10)
    with pytest.raises(UploadError, match="empty"):
        extract_archive(small_settings, "empty.zip", b"")


def test_manifest_rows_cannot_reach_outside_the_archive(ui_advisor, tmp_path):
    from advisor.application import views as services

    secret = tmp_path / "secret_yellow_triangle.png"
    draw_shape("yellow", "triangle", size=96).save(secret)
    before = ui_advisor.store.count_items()
    rows = [{"image": "green_circle.png", "caption": "a green circle"},
            {"image": str(secret), "caption": "absolute path"},
            {"image": "../../../secret_yellow_triangle.png", "caption": "dot-dot"},
            {"image": "missing.png", "caption": "not in the archive"}]
    manifest = "".join(json.dumps(r) + "\n" for r in rows).encode()
    data = make_zip({"manifest.jsonl": manifest, "green_circle.png": png_bytes("green", "circle")})
    extracted = extract_archive(ui_advisor.settings, "upload.zip", data)
    assert extracted.manifest is not None and extracted.manifest.name == "manifest.jsonl"
    report = services.ingest_archive(ui_advisor, extracted, "catalog", lambda done, total: None)
    assert report.added == 1
    reasons = {s.source: s.reason for s in report.skipped}
    assert "absolute" in reasons["manifest.jsonl:2"] and "escapes" in reasons["manifest.jsonl:3"]
    assert "manifest.jsonl:4" in reasons
    assert ui_advisor.store.count_items() == before + 1
    assert all("secret" not in hit.image for hit in ui_advisor.search(text="yellow triangle", k=50))
    assert ui_advisor.index_report().agree


@hyp_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(st.text(st.sampled_from(list("ab./\\:.._~ \x00")), min_size=1, max_size=12), min_size=1, max_size=6,
                      unique=True))
def test_no_member_name_lands_outside_the_upload(small_settings, names):
    try:
        data = make_zip({n: b"data" for n in names})
    except (IndexError, ValueError):  # names zipfile itself cannot write
        assume(False)
    try:
        extracted = extract_archive(small_settings, "fuzz.zip", data)
    except UploadError:
        return
    uploads = Path(small_settings.uploads_dir).resolve()
    for path in extracted.folder.rglob("*"):
        assert path.resolve().is_relative_to(extracted.folder.resolve())
    assert all(p.resolve().is_relative_to(uploads) for p in Path(small_settings.home).rglob("*") if p.is_file()
               and "uploads" in p.parts)
