"""Issue 23: the Makefile's publishing check (Medium 2) and safe rebuilds (Medium 3), run through make itself.

The publishing check runs while make reads the Makefile, so `make -n` shows it without building. The safe
rebuild runs `make html` on a three-page copy of the project whose shared set-up is linked in (as in
tests/clinics/test_clinics_dockerfile.py), with make told that the set-up is up to date."""
from __future__ import annotations

import shutil
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, TEST_TODAY, copy_small_project

SET_UP = [".venv", "node_modules", "docs/assets/vendor"]
MADE_BY_SETUP = [".venv/.installed", "node_modules/.installed", "docs/assets/vendor/iframe-worker-shim.js"]
KEEP_SETUP = [arg for made in MADE_BY_SETUP for arg in ("-o", made)]


def make(args: list[str], cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items()
             if k not in ("ITB_SITE_URL", "ITB_PUBLISH", "PUBLISH", "MAKEFLAGS", "MAKELEVEL")}
    return subprocess.run(["make", *KEEP_SETUP, *args], cwd=cwd, env={**clean, "ITB_TODAY": TEST_TODAY, **env},
                          capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("url", ["http://127.1/", "http://2130706433/", "http://0x7f.1/", "http://[::1]/",
                                 "http://192.168.1.20/", "http://169.254.169.254/", "http://0.0.0.0/",
                                 "http://intranet/", "https://printer.local/", "https://clinic.test/",
                                 "https://user:s3cret@clinic.org/", "https://itb.example.com/",
                                 "https://example.net/", ""])
def test_makefile_publishing_check_refuses_in_one_line(url):
    for how in (["html", "PUBLISH=1", f"ITB_SITE_URL={url}"], ["build"]):
        made = make(["-n", *how], ITB_SITE_URL=url, ITB_PUBLISH="1")
        assert made.returncode != 0, f"make {how} accepted {url!r}"
        lines = [line for line in made.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and "ITB_SITE_URL" in lines[0], made.stderr
        assert "s3cret" not in made.stderr


@pytest.mark.parametrize("url", ["https://counterexample.org/", "https://clinic-example.nhs.uk/",
                                 "HTTPS://itb-handbook.org/", "https://www.clinic.org/itb/"])
def test_makefile_publishing_check_accepts_real_addresses(url):
    made = make(["-n", "html", "PUBLISH=1", f"ITB_SITE_URL={url}"])
    assert made.returncode == 0, made.stderr
    assert "tools.engine build --strict" in made.stdout  # the one engine entry (tools/engine.py)


def test_a_failed_build_keeps_the_last_good_site(tmp_path):
    project = copy_small_project(tmp_path / "project")
    for part in SET_UP:  # copy_project leaves these out; .venv is the one running this test
        if part.startswith("docs/"):  # the build refuses links under docs/ (issue 23): a real copy
            shutil.copytree(ROOT / part, project / part)
        else:
            (project / part).symlink_to(Path(sys.prefix) if part == ".venv" else ROOT / part)
    site = project / "site"
    (site / "faq").mkdir(parents=True)
    (site / "index.html").write_text("<p>the last good build</p>")
    (site / "faq" / "index.html").write_text("<p>faq</p>")
    home = project / "docs" / "index.md"
    good = home.read_text(encoding="utf-8")
    home.write_text(good.replace("next_review: 2027-11-22", "next_review: 2026-11-30"), encoding="utf-8")

    failed = make(["html"], cwd=project)
    assert failed.returncode != 0, "a page past its review date built"
    assert "next_review" in failed.stdout + failed.stderr
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == ["faq", "faq/index.html", "index.html"]
    assert (site / "index.html").read_text() == "<p>the last good build</p>"
    assert [p.name for p in project.iterdir() if p.name.startswith("site.")] == [], "a temp folder was left behind"

    home.write_text(good, encoding="utf-8")
    built = make(["html"], cwd=project)
    assert built.returncode == 0, built.stderr[-2000:]
    assert "Baclofen pump handbook" in (site / "index.html").read_text(encoding="utf-8")
    assert not (site / "faq").exists(), "the old site's files were kept in the new one"
    assert oct(site.stat().st_mode & 0o777) == oct(0o755), "the published folder must be readable by the server"
    assert [p.name for p in project.iterdir() if p.name.startswith("site.")] == []
