"""Ties to one build engine, cut where it costs nothing (issue 25): the page's source file through one helper,
the macros importable without PYTHONPATH, and the built-site link check runnable on its own over site/."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from macros import pages

ROOT = Path(__file__).resolve().parents[2]


def test_the_source_path_of_a_page():
    assert pages.source_path(SimpleNamespace(file=SimpleNamespace(src_path="a/b.md"))) == "a/b.md"
    assert pages.source_path(SimpleNamespace(file=SimpleNamespace(src_path="index.md"))) == "index.md"


def test_a_page_without_a_file_fails_with_one_clear_line():
    with pytest.raises(ValueError, match=r"has no \.file.*macros/pages\.py"):
        pages.source_path(SimpleNamespace(url="faq/"))


def test_only_the_helper_reads_page_file():
    found = []
    for path in sorted((ROOT / "macros").glob("*.py")) + sorted((ROOT / "hooks").glob("*.py")):
        if path.name == "pages.py":
            continue
        found += [f"{path.name}: {m.group(0)}" for m in re.finditer(r"\bpage\.file\b", path.read_text(encoding="utf-8"))]
    assert found == []


# How Zensical 0.0.73's macros extension loads `module_name: macros` (zensical/extensions/macros.py, _load_module):
# from its file, with nothing on sys.path for the project folder.
ZENSICAL_LOAD = """
import importlib.util, sys
from pathlib import Path
spec = importlib.util.spec_from_file_location("macros", Path(sys.argv[1]) / "macros" / "__init__.py")
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
print(mod.define_env.__name__)
"""


def test_the_macros_load_from_their_file_without_pythonpath(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run([sys.executable, "-I", "-c", ZENSICAL_LOAD, str(ROOT)], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout.strip()) == (0, "define_env"), result.stderr[-2000:]


def test_the_link_check_runs_on_its_own_over_a_built_site(tmp_path):
    site = tmp_path / "site"
    (site / "faq").mkdir(parents=True)
    (site / "index.html").write_text('<a href="faq/#ok">ok</a> <a href="faq/#gone">gone</a>', encoding="utf-8")
    (site / "faq" / "index.html").write_text('<h2 id="ok">OK</h2>', encoding="utf-8")
    run = [sys.executable, "-m", "macros", "check-links"]
    broken = subprocess.run([*run, str(site)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert broken.returncode == 1
    assert broken.stderr.strip().splitlines() == [
        "check-links: 1 broken link or anchor in " + str(site) + ":",
        "  index.html: link 'faq/#gone': no element with id 'gone' in faq/index.html"]
    (site / "index.html").write_text('<a href="faq/#ok">ok</a>', encoding="utf-8")
    fine = subprocess.run([*run, str(site)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert (fine.returncode, fine.stderr) == (0, ""), fine.stderr
    assert fine.stdout.strip() == f"check-links: every local link and anchor in {site} resolves (2 pages)"
    missing = subprocess.run([*run, str(tmp_path / "nothing")], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2 and "no index.html" in missing.stderr
