"""Issue 23, Medium 3: tools/swap_site.py puts a finished build in place of site/ in one step, and never
touches site/ when the build is not finished."""
from __future__ import annotations

from pathlib import Path

import pytest

from tools import swap_site


def folder(path: Path, text: str) -> Path:
    path.mkdir()
    (path / "index.html").write_text(text)
    return path


@pytest.mark.parametrize("atomic", [True, False])
def test_swap_replaces_the_site(tmp_path, monkeypatch, atomic):
    if not atomic:
        monkeypatch.setattr(swap_site, "_exchange", lambda a, b: False)
    site = folder(tmp_path / "site", "old")
    (site / "old-only.txt").write_text("x")
    new = folder(tmp_path / "site.tmp-1", "new")
    swap_site.swap(new, site)
    assert (site / "index.html").read_text() == "new"
    assert not (site / "old-only.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_swap_is_one_exchange_on_linux(tmp_path, monkeypatch):
    calls = []
    real = swap_site._exchange
    monkeypatch.setattr(swap_site, "_exchange", lambda a, b: calls.append((a, b)) or real(a, b))
    site = folder(tmp_path / "site", "old")
    new = folder(tmp_path / "site.tmp-1", "new")
    swap_site.swap(new, site)
    assert calls == [(new, site)] and (site / "index.html").read_text() == "new"


def test_first_build_is_a_rename(tmp_path):
    new = folder(tmp_path / "site.tmp-1", "new")
    swap_site.swap(new, tmp_path / "site")
    assert (tmp_path / "site" / "index.html").read_text() == "new"


def test_an_unfinished_build_is_refused_and_the_site_kept(tmp_path, capsys):
    site = folder(tmp_path / "site", "old")
    new = tmp_path / "site.tmp-1"
    new.mkdir()
    assert swap_site.main([str(new), str(site)]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "index.html not found" in err
    assert (site / "index.html").read_text() == "old"
