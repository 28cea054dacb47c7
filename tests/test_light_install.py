"""The light core install works: without the optional extras, ingest, search, ask and heads fine-tuning still run.

`pip install smart-advisor` leaves out Streamlit, OpenCV, peft, datasets, matplotlib and ONNX Runtime. A child
process hides those packages (a ``None`` entry in ``sys.modules`` makes them look uninstalled) and runs the core through the public
API; the extras' features then fail with an install hint instead of an ImportError deep in a stack.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from tests.conftest import draw_shape

# datasets and accelerate (also in [train]) are left out of the list: sentence-transformers probes them through
# package metadata, which a hidden import cannot fool.
EXTRAS = ("streamlit", "cv2", "peft", "matplotlib", "onnxruntime", "onnx")

SCRIPT = textwrap.dedent("""
    import json, sys

    HIDDEN = set(sys.argv[1].split(","))
    for name in HIDDEN:  # `import name` raises ModuleNotFoundError; importlib.util.find_spec(name) is None
        sys.modules[name] = None

    from advisor import Advisor
    from advisor.training.finetune import FinetuneConfig, finetune

    folder, home, out = sys.argv[2:5]
    adv = Advisor.from_settings(home=home)
    report = adv.ingest(folder)
    hits = adv.search(text="a red circle", k=3)
    reply = adv.ask("hello")
    pairs = [{"image": f"{folder}/{name}.png", "caption": name.replace("_", " ")}
             for name in ("red_circle", "blue_square", "green_triangle", "yellow_circle", "red_square",
                          "blue_triangle", "green_circle", "yellow_square")]
    with open(f"{out}.jsonl", "w") as handle:
        handle.write("\\n".join(json.dumps(p) for p in pairs))
    result = finetune(FinetuneConfig(train=f"{out}.jsonl", out=out, mode="heads", epochs=1, device="cpu",
                                     progress=False))
    try:
        finetune(FinetuneConfig(train=f"{out}.jsonl", out=out + "-lora", mode="lora", epochs=1, device="cpu",
                                max_steps=1, progress=False))
        lora = "ran"
    except Exception as exc:
        lora = f"{type(exc).__name__}: {exc}"
    loaded = sorted(name for name in HIDDEN if sys.modules.get(name) is not None)
    print(json.dumps({"added": report.added, "hits": len(hits), "agent": reply.agent,
                      "after": result.after.get("t2i_recall@5"), "lora": lora, "loaded": loaded}))
""")


def test_core_runs_without_the_optional_extras(tmp_path):
    folder = tmp_path / "shapes"
    folder.mkdir()
    for colour in ("red", "blue", "green", "yellow"):
        for shape in ("circle", "square", "triangle"):
            draw_shape(colour, shape).save(folder / f"{colour}_{shape}.png")
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    env = {k: v for k, v in env.items() if not k.startswith("ADVISOR_")}
    done = subprocess.run([sys.executable, "-c", SCRIPT, ",".join(EXTRAS), str(folder), str(tmp_path / "home"),
                           str(tmp_path / "run")], capture_output=True, text=True, env=env, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["added"] == 12 and result["hits"] == 3 and result["agent"] == "general"
    assert result["after"] is not None
    assert result["loaded"] == []
    assert "pip install 'smart-advisor[train]'" in result["lora"]
