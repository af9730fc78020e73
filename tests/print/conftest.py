"""Heavy print fixtures, made once per session: the PDFs (printed by tools/make_pdf.py from a copy of the
strict build) and the offline zip (tools/make_offline.py), unzipped into a temp folder."""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tools import make_offline, make_pdf


@dataclass(frozen=True)
class Pdf:
    path: Path
    info: dict[str, str]
    text: str                 # pdftotext -layout, pages separated by form feeds
    pages: list[str]
    outline: list[tuple[int, str, int]]

    @property
    def flat(self) -> str:
        """All text with runs of whitespace made single spaces (lines wrap anywhere in print)."""
        return " ".join(self.text.split())


def read_pdf(path: Path) -> Pdf:
    info_out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    info = {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in info_out.splitlines() if ":" in line)}
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return Pdf(path, info, text, text.split("\f"), make_pdf.pdf_outline(path))


@pytest.fixture(scope="session")
def handbook(print_site) -> Pdf:
    return read_pdf(print_site / make_pdf.HANDBOOK)


@pytest.fixture(scope="session")
def emergency_card_pdf(print_site) -> Pdf:
    return read_pdf(print_site / "emergency-card.pdf")


@pytest.fixture(scope="session")
def pump_record_pdf(print_site) -> Pdf:
    return read_pdf(print_site / "pump-record.pdf")


@dataclass(frozen=True)
class Chapter:
    path: str        # '' for home, 'risks/'
    title: str       # the page's h1, as printed


@pytest.fixture(scope="session")
def chapters(built_site) -> list[Chapter]:
    """The site's pages in navigation order, read from the built combined page."""
    html = (built_site / "print_page" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    out = []
    for section in soup.select("#print-site-page > section.print-page[id]"):
        h1 = section.find("h1")
        key = section["id"]
        path = "" if key == "index" else f"{key}/"
        out.append(Chapter(path, " ".join(h1.get_text(" ", strip=True).replace("\u00b6", "").split())))
    assert len(out) >= 10, "the combined print page lists fewer than 10 pages"
    return out


@pytest.fixture(scope="session")
def offline_root(offline_zip, tmp_path_factory) -> Path:
    """The zip unzipped into an empty temp folder; returns its one top-level folder."""
    dest = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(offline_zip) as zf:
        zf.extractall(dest)
    tops = [p for p in dest.iterdir()]
    assert [p.name for p in tops] == [make_offline.FOLDER], f"the zip should hold one folder, not {tops}"
    return tops[0]


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
