"""The layer contract holds, and it can fail: a core module importing an agent breaks it.

The contract itself lives in ``pyproject.toml`` (``[tool.importlinter]``) and ``make test`` runs it before the
tests; this test checks that it is enforced rather than decorative.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("advisor", "agents", "indexes", "ui")
LINT = Path(sys.executable).with_name("lint-imports")


def copy_tree(target: Path) -> None:
    skip = shutil.ignore_patterns("__pycache__", "*.safetensors", "*.npz", "*.npy", "*.txt", "*.yaml", "*.json")
    for package in PACKAGES:
        shutil.copytree(ROOT / package, target / package, ignore=skip)
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")


def lint(tree: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run([str(LINT), "--config", str(tree / "pyproject.toml"), "--no-cache"], cwd=tree, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    if not LINT.exists():
        pytest.skip("import-linter is not installed (pip install -e '.[dev]')")
    target = tmp_path_factory.mktemp("layers")
    copy_tree(target)
    return target


def test_the_shipped_tree_keeps_every_layer(tree):
    done = lint(tree)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


@pytest.mark.parametrize(("module", "statement", "broken"), [
    ("advisor/core/settings.py", "import agents.registry", "advisor.core is not allowed to import agents"),
    ("agents/general.py", "import advisor.application.facade", "agents is not allowed to import advisor.application"),
    ("ui/render.py", "import advisor.core.store", "ui is not allowed to import advisor.core"),
    ("indexes/base.py", "import advisor.core.types", "indexes is not allowed to import advisor.core"),
])
def test_a_deliberate_violation_fails_the_contract(tree, tmp_path, module, statement, broken):
    broken_tree = tmp_path / "broken"
    shutil.copytree(tree, broken_tree)
    path = broken_tree / module
    path.write_text(path.read_text() + f"\n{statement}  # deliberate layer violation\n")
    done = lint(broken_tree)
    assert done.returncode != 0
    assert broken in " ".join(done.stdout.split()), done.stdout
