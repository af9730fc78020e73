"""The whole-site PDF (/itb-handbook.pdf), checked on the real file with poppler: metadata, outline,
contents, page numbers, chapter breaks, care-card wording, charts and links."""
from __future__ import annotations

import re
import subprocess

from bs4 import BeautifulSoup

from tools import make_pdf

LETTER = "612 x 792 pts (letter)"


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_pdf_is_tagged_titled_letter_and_has_the_document_language(handbook):
    assert handbook.info["Tagged"] == "yes"
    assert handbook.info["Title"] == "Baclofen Pump Handbook"
    assert handbook.info["Page size"] == LETTER
    assert b"/Lang (en)" in handbook.path.read_bytes()


def test_page_count_is_plausible(handbook, chapters):
    pages = int(handbook.info["Pages"])
    # cover + contents + at least one page per chapter, and not absurdly long
    assert len(chapters) + 2 <= pages <= 400
    assert len(handbook.pages) - 1 == pages  # pdftotext ends every page with a form feed


def test_pdf_size_within_budget(handbook):
    assert handbook.path.stat().st_size <= 5_000_000, f"{handbook.path.stat().st_size / 1e6:.2f} MB > 5 MB"


def test_every_page_title_is_in_the_text_and_the_outline(handbook, chapters):
    text = normalise(handbook.text)
    top = min(depth for depth, _, _ in handbook.outline)
    outline_titles = [title for depth, title, _ in handbook.outline if depth == top]
    for chapter in chapters:
        assert chapter.title in text, f"page title {chapter.title!r} ({chapter.path}) is not in the PDF text"
        assert chapter.title in outline_titles, f"no top-level bookmark for {chapter.title!r}"


def test_each_chapter_starts_on_a_new_page_with_its_title(handbook, chapters):
    starts = make_pdf.chapter_pages(handbook.outline, [c.title for c in chapters], after="Contents")
    assert starts == sorted(starts) and len(set(starts)) == len(starts), starts
    for chapter, page in zip(chapters, starts):
        first_line = next(line for line in handbook.pages[page - 1].splitlines() if line.strip())
        assert normalise(first_line) == chapter.title, f"page {page} starts with {first_line.strip()!r}"


def test_cover_shows_title_edition_and_online_address_without_a_page_number(handbook, built_site):
    cover = normalise(handbook.pages[0])
    html = (built_site / "print_page" / "index.html").read_text(encoding="utf-8")
    edition = BeautifulSoup(html, "html.parser").select_one(".print-cover time")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", edition["datetime"])
    assert "Baclofen Pump Handbook" in cover
    assert f"Edition {edition.get_text()}" in cover
    # The address is printed only when the build has a real one (tests/print/test_paper.py builds with one);
    # a local build says so instead of printing the placeholder.
    assert ("Latest version online http" in cover) != ("Local copy, not for handing out" in cover)
    assert "example.org" not in cover
    assert "Page 1 of" not in cover


def test_contents_lists_every_chapter_with_its_real_page_number(handbook, chapters):
    contents = handbook.pages[1]
    assert normalise(contents).startswith("Contents")
    entries = re.findall(r"^\s*(\S.*?\S)\s{2,}(\d+)\s*$", contents, re.M)
    assert len(entries) == len(chapters), entries
    starts = make_pdf.chapter_pages(handbook.outline, [c.title for c in chapters], after="Contents")
    assert [int(n) for _, n in entries] == starts
    assert entries[0][0] == "Introduction"
    for (label, _), chapter in zip(entries[1:], chapters[1:]):
        assert label == chapter.title


def test_footer_numbers_pages_and_names_the_edition(handbook):
    total = int(handbook.info["Pages"])
    for n in (2, 3, total):
        footer = normalise(handbook.pages[n - 1].strip().splitlines()[-1])
        assert footer.endswith(f"Page {n} of {total}"), footer
        assert footer.startswith("Baclofen Pump Handbook") and "edition" in footer


def test_care_cards_keep_their_urgency_words(handbook, chapters, built_site):
    """Every care card's heading, with the urgency prefix screen readers hear, is printed as words."""
    text = normalise(handbook.text)
    found = 0
    for chapter in chapters:
        soup = BeautifulSoup((built_site / chapter.path / "index.html").read_text(encoding="utf-8"), "html.parser")
        for card in soup.select("article .care-card"):
            title = normalise(card.select_one(".admonition-title").get_text(" "))
            assert title.split(":")[0] in {"Emergency advice", "Urgent advice", "Non-urgent advice"}, title
            assert title in text, f"care card {title!r} on /{chapter.path} is not printed as words"
            first_item = card.select_one("li")
            if first_item:
                assert normalise(first_item.get_text(" ")) in text
            found += 1
    assert found >= 3
    assert "Emergency advice: Call 911 now" in text


def test_charts_print_as_vector_graphics_with_their_data_tables(handbook, built_site):
    listing = subprocess.run(["pdfimages", "-list", str(handbook.path)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    assert listing == [], "the PDF holds bitmaps; charts and pictures should stay vector:\n" + "\n".join(listing)
    assert b"/Subtype /Image" not in handbook.path.read_bytes(), "a fill was turned into a bitmap (pattern/gradient)"
    text = normalise(handbook.text)
    soup = BeautifulSoup((built_site / "risks" / "index.html").read_text(encoding="utf-8"), "html.parser")
    svg_texts = [normalise(t.get_text(" ")) for t in soup.select("article svg text")]
    assert len(svg_texts) > 5
    assert all(t in text for t in svg_texts[:5]), "chart labels should be real (vector) text"
    # The data table beside each chart is printed open, even though it is folded away on screen.
    tables = soup.select("article details.data-table table")
    assert tables
    for table in tables:
        assert normalise(table.select_one("caption").get_text(" ")) in text
        last_row = normalise(table.select("tbody tr")[-1].select_one("th, td").get_text(" "))
        assert last_row in text, f"data table row {last_row!r} is not printed"


def test_planner_form_is_left_out_and_its_table_and_rule_printed(handbook, built_site):
    text = normalise(handbook.text)
    soup = BeautifulSoup((built_site / "refill-planner" / "index.html").read_text(encoding="utf-8"), "html.parser")
    button = normalise(soup.select_one(".itb-planner__form button[type=submit]").get_text())
    # The page's steps name the button in quotes ("Then press "Work out my dates"."); the button itself must not print.
    assert button not in text.replace(f'"{button}"', "")
    assert normalise(soup.select_one(".itb-refill-table caption, .itb-refill-table .rt-title").get_text(" ")) in text


def test_external_links_print_their_address(handbook, built_site):
    squeezed = re.sub(r"\s+", "", handbook.text)
    soup = BeautifulSoup((built_site / "sources" / "index.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = [a["href"] for a in soup.select("article a[href^=http]")]
    assert len(hrefs) > 10
    missing = [h for h in hrefs if re.sub(r"\s+", "", h) not in squeezed]
    assert not missing, f"external links printed without their address: {missing[:5]}"
