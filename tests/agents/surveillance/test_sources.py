"""Frame sources: folders (sorted, bad files skipped), a generated video clip, and a stream that drops."""
from __future__ import annotations

import logging

import numpy as np
import pytest
from PIL import Image

from agents.surveillance.sources import Backoff, SourceError, open_source, stream_frames


def test_folder_is_read_in_natural_order_and_skips_unreadable(tmp_path, caplog):
    for index in (10, 2, 1):
        Image.new("RGB", (32, 24), (index * 20, 0, 0)).save(tmp_path / f"frame_{index}.png")
    (tmp_path / "frame_5.png").write_bytes(b"not a png")
    (tmp_path / "notes.txt").write_text("ignored")
    with caplog.at_level(logging.WARNING):
        frames = list(open_source(str(tmp_path), camera="gate", fps=2))
    assert [f.ref.rsplit("/", 1)[-1] for f in frames] == ["frame_1.png", "frame_2.png", "frame_10.png"]
    assert "frame_5.png" in caplog.text
    assert frames[0].json_ref == frames[0].ref  # a folder frame is reported by its path
    # the camera timeline is one frame per 1/fps seconds
    assert (frames[1].time - frames[0].time).total_seconds() == pytest.approx(0.5)


def test_video_file_is_sampled_at_the_requested_rate(tmp_path):
    import cv2

    path = tmp_path / "clip.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 10, (64, 48))
    for index in range(30):  # 3 seconds at 10 fps, brightness encodes the frame index
        writer.write(np.full((48, 64, 3), index * 8, np.uint8))
    writer.release()
    frames = list(open_source(str(path), camera="dock", fps=2))
    assert [f.index for f in frames] == [0, 5, 10, 15, 20, 25]
    assert frames[1].json_ref == 5 and frames[1].offset_s == pytest.approx(0.5)
    brightness = [np.asarray(f.image).mean() for f in frames]
    assert brightness == sorted(brightness) and frames[0].image.size == (64, 48)


def test_missing_source_and_unreadable_video(tmp_path):
    with pytest.raises(SourceError, match="not found"):
        open_source(str(tmp_path / "nope"), camera="x")
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(b"\x00" * 100)
    with pytest.raises(SourceError, match="cannot open"):
        list(open_source(str(bad), camera="x"))


class FakeCapture:
    """A stream that yields ``frames`` frames and then drops."""

    def __init__(self, opened: bool, frames: int = 0):
        self.opened, self.left = opened, frames

    def isOpened(self):
        return self.opened

    def read(self):
        if self.left <= 0:
            return False, None
        self.left -= 1
        return True, np.zeros((8, 8, 3), np.uint8)

    def release(self):
        pass


def test_stream_reconnects_with_exponential_backoff():
    script = [FakeCapture(False), FakeCapture(False), FakeCapture(True, 2), FakeCapture(False), FakeCapture(True, 5)]
    sleeps = []
    frames = list(stream_frames("rtsp://cam/1", "gate", fps=1e9, capture_factory=lambda url: script.pop(0),
                                sleep=sleeps.append, backoff=Backoff(initial_s=1, factor=2, max_s=30, max_retries=3),
                                max_frames=4))
    assert len(frames) == 4
    assert sleeps == [1, 2, 1]  # two failed opens, then one after the drop (back-off restarts)


def test_stream_gives_up_after_bounded_retries():
    sleeps = []
    with pytest.raises(SourceError, match="unreachable after 3 retries"):
        list(stream_frames("rtsp://cam/1", "gate", capture_factory=lambda url: FakeCapture(False), sleep=sleeps.append,
                           backoff=Backoff(initial_s=1, factor=2, max_s=3, max_retries=3)))
    assert sleeps == [1, 2, 3]  # capped at max_s
