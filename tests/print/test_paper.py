"""Issue 13, checked on the real PDFs: summaries printed whole, no near-empty pages, the page budget, the
For clinics chapter, the staff summary, the refill worksheet, no placeholder address, the publishing guard,
and the wallet card's smallest text (from poppler's word boxes)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import PUBLIC_SITE_URL, ROOT
from tools import engine, make_pdf



def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout

REAL_URL = PUBLIC_SITE_URL  # the public_site build's address
# Liberation Sans (Chromium's sans-serif here): a word box from pdftotext -bbox is 1.117 x the font size
# (ascent 0.905 + descent 0.212). Measured on this sheet too: the 16 pt h1 is 17.87 pt tall.
BOX_PER_PT = 1.117


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def starts(handbook, chapters) -> list[int]:
    return make_pdf.chapter_pages(handbook.outline, [c.title for c in chapters], after="Contents")


def body_lines(page_text: str) -> list[str]:
    """A page's lines of text without the footer (edition and page number)."""
    return [line for line in page_text.splitlines() if line.strip() and not re.search(r"Page \d+ of \d+\s*$", line)]


def printed(el) -> bool:
    """False when print CSS or the print step leaves the element out (forms, QR lists, hidden parts)."""
    return not el.find_parent(["form"]) and not el.find_parent(class_=["print-hide", "no-print", "clinic-sections"]) \
        and not el.find_parent(attrs={"hidden": True})


def test_every_summary_is_printed_whole(handbook, chapters, built_site):
    text = normalise(handbook.text)
    found = []
    for chapter in chapters:
        soup = BeautifulSoup((built_site / chapter.path / "index.html").read_text(encoding="utf-8"), "html.parser")
        for summary in soup.select("article details > summary"):
            if printed(summary):
                found.append(normalise(summary.get_text(" ")))
    assert "The numbers in this chart" in found and "Every sign in this chart, as a list" in found, found
    missing = [s for s in found if s not in text]
    assert not missing, f"summaries printed cut or not at all: {missing}"


def test_no_page_is_nearly_empty_except_the_cover_and_chapter_ends(handbook, chapters):
    total = int(handbook.info["Pages"])
    first = starts(handbook, chapters)
    chapter_ends = {p - 1 for p in first[1:]} | {total}
    thin = [(n, len(body_lines(handbook.pages[n - 1]))) for n in range(2, total + 1)
            if n not in chapter_ends and len(body_lines(handbook.pages[n - 1])) < 5]
    assert not thin, f"pages with fewer than 5 lines of text (page, lines): {thin}"


def test_handbook_is_at_most_100_letter_pages(handbook):
    assert int(handbook.info["Pages"]) <= 100, handbook.info["Pages"]


def chapter_span(handbook, chapters, title: str) -> tuple[int, int]:
    first = starts(handbook, chapters)
    i = [c.title for c in chapters].index(title)
    last = first[i + 1] - 1 if i + 1 < len(first) else int(handbook.info["Pages"])
    return first[i], last


def test_for_clinics_is_at_most_4_pages_and_has_no_qr_lists(handbook, chapters):
    first, last = chapter_span(handbook, chapters, "For clinics")
    assert last - first + 1 <= 4, f"For clinics runs over pages {first} to {last}"
    clinic = normalise(" ".join(handbook.pages[first - 1:last]))
    assert "Links to parts of this page" not in clinic  # the per-section QR lists stay on the web page
    assert "The web version of this page has a QR code for every page" in clinic
    assert "Text for discharge notes" in clinic and "A copy with your clinic's name and numbers" in clinic


def test_staff_summary_fits_two_pages(handbook, chapters):
    first, last = chapter_span(handbook, chapters, "For emergency staff")
    assert last - first + 1 <= 2, f"For emergency staff runs over pages {first} to {last}"


def test_planner_chapter_prints_the_worksheet_with_its_worked_example(handbook, chapters):
    first, last = chapter_span(handbook, chapters, "Refill planner")
    text = normalise(" ".join(handbook.pages[first - 1:last]))
    # Worked by hand: a 20 mL pump filled to the top, alarm at 2 mL, 2,000 mcg/mL, 400 mcg a day, 7-day margin.
    for words in ("Refill worksheet", "Example: 20 mL − 2 mL = 18 mL",
                  "Example: 400 mcg a day ÷ 2,000 mcg/mL = 0.2 mL a day",
                  "Example: 18 mL ÷ 0.2 mL a day = 90 days", "Example: 90 − 7 = 83 days",
                  "The printout from your clinic's programmer gives your real date",
                  "Amount put in", "Safety margin", "Date of the refill"):
        assert words in text, f"{words!r} is not in the printed planner chapter"


def test_local_build_prints_a_local_note_and_no_placeholder_address(handbook, emergency_card_pdf, pump_record_pdf):
    if os.environ.get("ITB_SITE_URL"):
        pytest.skip("this session builds with ITB_SITE_URL set; the real-address test covers it")
    cover = normalise(handbook.pages[0])
    assert "Local copy, not for handing out" in cover and "example.org" not in cover
    footers = [body_line for page in handbook.pages[1:-1] for body_line in page.splitlines()[-3:]]
    assert not any("example.org" in line for line in footers)
    for pdf in (emergency_card_pdf, pump_record_pdf):
        assert "example.org" not in pdf.text, pdf.path.name
    assert b"/Subtype /Image" not in handbook.path.read_bytes()  # no QR code (nor any bitmap) in the handbook


@pytest.fixture(scope="module")
def real_url_site(public_site, browser, tmp_path_factory) -> Path:
    """The site built with a real-looking public address (the shared public_site build, ITB_SITE_URL=REAL_URL),
    copied and printed."""
    site = tmp_path_factory.mktemp("real-url") / "site"
    shutil.copytree(public_site, site)
    make_pdf.build_pdfs(site, paper="Letter", browser=browser)
    return site


def test_no_example_address_anywhere_when_the_real_one_is_set(real_url_site):
    cover = pdf_text(real_url_site / make_pdf.HANDBOOK).split("\f")[0]
    assert f"Latest version online {REAL_URL}" in normalise(cover)
    for name in (make_pdf.HANDBOOK, "emergency-card.pdf", "pump-record.pdf"):
        assert "example.org" not in pdf_text(real_url_site / name), f"{name} prints the placeholder address"
    card = normalise(pdf_text(real_url_site / "emergency-card.pdf"))
    assert REAL_URL.split("//")[1] + "for-emergency-staff/" in card.replace(" ", "")


def test_publishing_build_fails_in_one_line_without_an_address(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("ITB_SITE_URL", "ITB_PUBLISH", "PUBLISH", "MAKEFLAGS")}
    # make: stops while reading the Makefile (before any set-up), with one line.
    for url in (None, "https://itb-handbook.example.org/"):
        run_env = dict(env, **({"ITB_SITE_URL": url} if url else {}))
        made = subprocess.run(["make", "-s", "html", "PUBLISH=1"], cwd=ROOT, env=run_env, capture_output=True,
                              text=True, timeout=60)
        assert made.returncode != 0
        lines = [line for line in made.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and "ITB_SITE_URL" in lines[0], made.stderr
    # The build itself (what the Dockerfile's clinic branch runs): ITB_PUBLISH=1 with the example address.
    built = subprocess.run(engine.command("build", "--strict", "-d", str(tmp_path / "s")),
                           cwd=ROOT, env=engine.environ(env, ITB_PUBLISH="1"), capture_output=True, text=True,
                           timeout=300)
    assert built.returncode != 0
    errors = [line for line in built.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1 and "ITB_SITE_URL" in errors[0], built.stderr[-1500:]
    assert "Traceback" not in built.stderr


def card_words(pdf: Path) -> list[tuple[str, float, float]]:
    """(word, top y, size in pt) for every word on the sheet, from pdftotext -bbox."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    out = []
    for m in re.finditer(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', xml):
        y0, y1 = float(m.group(1)), float(m.group(2))
        out.append((m.group(3), y0, (y1 - y0) / BOX_PER_PT))
    return out


def test_wallet_card_has_no_text_under_7_pt(emergency_card_pdf):
    words = card_words(emergency_card_pdf.path)
    h1 = next(size for word, _, size in words if word == "Emergency")
    assert h1 == pytest.approx(16, abs=0.1)  # the ratio holds for this sheet's font
    small = [(w, round(size, 2)) for w, _, size in words if size < 6.95]
    assert not small, f"text under 7 pt on the wallet card sheet: {small[:10]}"


def test_wallet_card_carries_every_field_and_the_emergency_signs(emergency_card_pdf):
    text = normalise(subprocess.run(["pdftotext", str(emergency_card_pdf.path), "-"], capture_output=True,
                                    text=True, check=True).stdout)
    for field in ("Name", "Date of birth", "Pump model and size", "Strength", "Daily dose", "Alarm date",
                  "Refill by", "Hospital", "Pump team phone"):
        assert text.count(field) >= 2, f"{field!r} should be on the card and on its full-size copy"
    assert "The same card, full size" in text
