"""Unit tests for macros/render_clinics.py: linkable sections, QR codes, discharge notes, the link builder's
form and the moved-section marker. The QR codes are checked module by module against segno and decoded
with zxing-cpp."""
from __future__ import annotations

import re

import pytest
import segno
import zxingcpp
from PIL import Image

from helpers import ROOT
from macros import render_clinics as rc
from macros.data import load_site_data
from macros.html import IdMaker

SITE = load_site_data(ROOT / "data")
BASE = "https://itb-handbook.example.org/"


# ---------------------------------------------------------------- sections and pages

def test_page_path_uses_directory_urls():
    assert rc.page_path("index.md") == ""
    assert rc.page_path("faq.md") == "faq/"
    assert rc.page_path("guides/index.md") == "guides/"
    assert rc.page_path("guides/mri.md") == "guides/mri/"


def test_explicit_sections_reads_ids_levels_and_titles_outside_code():
    md = "\n".join([
        "# Title",
        "## Refills { #refills }",
        "### Can I *fly*? {#can-i-fly .special}",
        "## No id here",
        "```markdown",
        "## In a code block { #not-a-heading }",
        "```",
        "## Call {{ pump_team }} today { #call-today }",
        "## A [linked](x.md) `code` title { #linked }",
    ])
    render = lambda t: t.replace("{{ pump_team }}", "the Example Neurology Clinic pump team")  # noqa: E731
    sections = rc.explicit_sections(md, "x.md", render)
    assert [(s.id, s.level, s.title) for s in sections] == [
        ("refills", 2, "Refills"),
        ("can-i-fly", 3, "Can I fly?"),
        ("call-today", 2, "Call the Example Neurology Clinic pump team today"),
        ("linked", 2, "A linked code title"),
    ]


def test_explicit_sections_rejects_duplicate_and_bad_ids():
    with pytest.raises(ValueError, match=r"faq.md: heading id 'mri' is used twice"):
        rc.explicit_sections("## A { #mri }\n## B { #mri }", "faq.md")
    with pytest.raises(ValueError, match=r"faq.md: heading id 'Bad_Id' must be lowercase"):
        rc.explicit_sections("## A { #Bad_Id }", "faq.md")


def test_macro_headings_are_included_where_the_macro_is_called():
    md = "## Before { #before }\n\n{{ emergency_care_cards() }}\n\n## After { #after }\n"
    macros = rc.anchor_macros(SITE, "911", "your pump team")
    ids = [s.id for s in rc.explicit_sections(md, "emergency.md", anchor_macros=macros)]
    assert ids == ["before", "call-now", "call-today", "book-a-refill", "after"]
    titles = [s.title for s in rc.explicit_sections(md, "emergency.md", anchor_macros=macros)]
    assert titles[1].startswith("Call 911") and "your pump team" in titles[2]


def test_nav_pages_flattens_sections():
    nav = [{"Home": "index.md"}, {"Help": [{"Now": "emergency.md"}, {"Later": "faq.md"}]}, "glossary.md"]
    assert rc.nav_pages(nav) == [("Home", "index.md"), ("Now", "emergency.md"), ("Later", "faq.md"),
                                 ("glossary.md", "glossary.md")]


def test_contract_entries_lists_pages_then_their_anchors():
    pages = rc.linkable_pages([("Home", "index.md", "## A { #a }"), ("FAQ", "faq.md", "### Fly? { #can-i-fly }")])
    assert rc.contract_entries(pages) == ["/", "/#a", "/faq/", "/faq/#can-i-fly"]


def test_absolute_url_needs_an_http_site_url():
    assert rc.absolute_url("https://x.example/itb", "faq/", "mri") == "https://x.example/itb/faq/#mri"
    with pytest.raises(ValueError, match="site_url must be an absolute http"):
        rc.absolute_url("", "faq/")


# ---------------------------------------------------------------- QR codes

def svg_matrix(svg: str) -> tuple[int, list[list[bool]]]:
    """Read the module grid back out of our SVG (one stroked path of horizontal runs)."""
    size = int(re.search(r'viewBox="0 0 (\d+) \1"', svg).group(1))
    d = re.search(r'<path stroke="#000" d="([^"]+)"', svg).group(1)
    grid = [[False] * size for _ in range(size)]
    x = y = 0.0
    for cmd, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", d):
        if cmd == "M":
            x, y = float(a), float(b)
        elif cmd == "m":
            x, y = x + float(a), y + float(b)
        else:
            for i in range(int(a)):
                grid[int(y)][int(x) + i] = True
            x += int(a)
    return size, grid


def rasterise(grid: list[list[bool]], scale: int = 6) -> Image.Image:
    size = len(grid)
    img = Image.new("L", (size * scale, size * scale), 255)
    for y, row in enumerate(grid):
        for x, dark in enumerate(row):
            if dark:
                img.paste(0, (x * scale, y * scale, (x + 1) * scale, (y + 1) * scale))
    return img


URLS = [BASE, BASE + "faq/#can-i-fly", BASE + "living-with-a-pump/#what-to-write-down",
        BASE + "refill-planner/#pump=synchromed-ii-40&reservoir=40&vol=38.5&alarm=2&conc=2000&dose=400"
               "&filled=2026-11-20&margin=7"]


@pytest.mark.parametrize("url", URLS)
def test_qr_svg_matches_segno_and_decodes(url):
    svg = rc.qr_svg(url, "QR code for a test")
    size, grid = svg_matrix(svg)
    code = segno.make(url, error="l", boost_error=True, mode="byte", micro=False, mask=rc.QR_MASK)
    assert code.error in ("L", "M", "Q", "H")
    assert size == code.symbol_size(scale=1, border=4)[0]
    expected = [[False] * size for _ in range(size)]
    for y, row in enumerate(code.matrix):
        for x, v in enumerate(row):
            expected[y + 4][x + 4] = bool(v)
    assert grid == expected
    decoded = zxingcpp.read_barcodes(rasterise(grid))
    assert [(r.text, r.format.name) for r in decoded] == [(url, "QRCode")]


def test_qr_svg_markup_is_accessible_and_one_line():
    svg = rc.qr_svg(BASE + "faq/", 'QR code for "FAQ" & more')
    assert "\n" not in svg
    assert svg.startswith('<svg class="qr" role="img" aria-label="QR code for &quot;FAQ&quot; &amp; more"')
    assert f'data-qr="{BASE}faq/"' in svg
    assert '<path fill="#fff" d="M0 0h' in svg  # white background: dark-mode safe


# ---------------------------------------------------------------- the list and downloads

def test_linkable_list_has_a_qr_for_every_page_and_section_and_unique_ids():
    pages = rc.linkable_pages([("Home", "index.md", "## A { #a }"), ("FAQ", "faq.md", "### Fly? { #can-i-fly }")])
    ids = IdMaker("clinics")
    html = rc.linkable_list_html(pages, BASE, ids) + rc.linkable_list_html(pages, BASE, ids)
    assert "\n" not in html
    qr_urls = re.findall(r'data-qr="([^"]+)"', html)
    assert qr_urls == [BASE, BASE + "#a", BASE + "faq/", BASE + "faq/#can-i-fly"] * 2
    element_ids = re.findall(r' id="([^"]+)"', html)
    assert len(element_ids) == len(set(element_ids)) == 4
    assert '<h3 id="clinics-page-faq"><a href="https://itb-handbook.example.org/faq/">FAQ</a></h3>' in html
    assert "Links to parts of this page (1 part)" in html


def test_downloads_lists_pdf_and_offline_copy():
    html = rc.downloads_html(BASE)
    assert re.findall(r'data-qr="([^"]+)"', html)[:2] == [BASE + "itb-handbook.pdf", BASE + "itb-handbook-offline.zip"]


# ---------------------------------------------------------------- discharge notes

GENERIC = ("your pump team", "911")
CLINIC = ("the Example Neurology Clinic pump team on 555-0100", "112")


@pytest.mark.parametrize("kind", rc.NOTE_KINDS)
@pytest.mark.parametrize("wording", [GENERIC, CLINIC], ids=["generic", "clinic"])
def test_discharge_notes_use_the_sites_wording_and_links(kind, wording):
    team, emergency = wording
    text = rc.discharge_note(kind, BASE, team, emergency)
    assert team in text
    urls = rc.note_urls(text)
    assert len(urls) >= 2 and all(u.startswith(BASE) for u in urls)
    if kind != "before-mri":
        assert f"Call {emergency} if" in text
    # Plain language: every sentence 20 words or fewer.
    for sentence in re.split(r"(?<=[.?!])\s+|\n", text):
        assert len(sentence.split()) <= 20, sentence
    assert "911" not in text if emergency != "911" else True


def test_discharge_note_texts_link_where_they_say():
    assert rc.note_urls(rc.discharge_note("before-mri", BASE, *GENERIC))[0] == BASE + "living-with-a-pump/#mri"
    assert rc.note_urls(rc.discharge_note("travel", BASE, *GENERIC))[0] == BASE + "living-with-a-pump/#travel"
    assert rc.note_urls(rc.discharge_note("after-refill", BASE, *GENERIC))[0] == BASE + "maintenance/#refills"
    assert rc.note_urls(rc.discharge_note("new-implant", BASE, *GENERIC))[0] == BASE + "implantation/#recovery"


def test_discharge_note_unknown_kind_is_a_clear_error():
    with pytest.raises(ValueError, match=r"discharge_note: kind must be one of new-implant, after-refill, "
                                         r"before-mri, travel \(got 'surgery'\)"):
        rc.discharge_note("surgery", BASE, *GENERIC)


def test_discharge_note_html_keeps_lines_without_raw_newlines():
    ids = IdMaker("clinics")
    html = rc.discharge_note_html("travel", "Line one & two\n\nLine <three>", ids)
    again = rc.discharge_note_html("travel", "x", ids)
    assert "\n" not in html
    assert "Line one &amp; two&#10;&#10;Line &lt;three&gt;" in html
    assert 'id="clinics-note-travel"' in html and 'id="clinics-note-travel-2"' in again
    assert 'data-copy="clinics-note-travel"' in html


# ---------------------------------------------------------------- link builder

def test_link_builder_form_cannot_send_anything_and_starts_hidden():
    ids = IdMaker("clinics")
    html = rc.link_builder_html(SITE.pumps, [500, 1000, 2000], BASE, {"margin": 7}, ids)
    assert "\n" not in html
    form = re.search(r"<form [^>]*>", html).group(0)
    assert " hidden" in form and "action=" not in form and "method=" not in form
    assert f'data-planner="{BASE}refill-planner/"' in form
    names = re.findall(r' name="([^"]+)"', html)
    assert sorted(names) == sorted(rc.PLANNER_PARAMS)
    for pid, pump in SITE.pumps.items():
        assert f'<option value="{pid}" data-reservoir="{pump.reservoir_ml.value:g}">' in html
    assert '<option value="custom">' in html
    assert "Leave empty for 7 days." in html
    element_ids = re.findall(r' id="([^"]+)"', html)
    assert len(element_ids) == len(set(element_ids))
    second = rc.link_builder_html(SITE.pumps, [500], BASE, {"margin": 7}, ids)
    assert not set(element_ids) & set(re.findall(r' id="([^"]+)"', second))


# ---------------------------------------------------------------- moved sections

def test_moved_section_marker_is_markdown_with_the_old_id():
    out = rc.moved_section("can-i-fly", "living-with-a-pump.md#travel", "Travel and flying")
    assert out == ('<p class="moved-section" id="can-i-fly" markdown="1">'
                   "This part has moved to [Travel and flying](living-with-a-pump.md#travel).</p>")
    with pytest.raises(ValueError, match="target must be a page file"):
        rc.moved_section("can-i-fly", "https://elsewhere.example/", "x")


# ---------------------------------------------------------------- a local build (issue 23, Medium 1)
# No public address (site_url None): links within the copy, no address, no QR code, and a note to set
# ITB_SITE_URL wherever an address would be. The placeholder never appears.

def local_href(path, anchor=None):
    return "../" + path + (f"#{anchor}" if anchor else "")


def test_a_local_list_links_within_the_copy_with_no_address_or_qr_code():
    pages = rc.linkable_pages([("Home", "index.md", "## A { #a }"), ("FAQ", "faq.md", "### Fly? { #can-i-fly }")])
    html = rc.linkable_list_html(pages, None, IdMaker("clinics"), local_href=local_href)
    assert re.findall(r'href="([^"]+)"', html) == ["../", "../#a", "../faq/", "../faq/#can-i-fly"]
    assert "data-qr" not in html and "<code" not in html and "qr" not in html.replace("clinic-", "")
    assert html.startswith('<p class="clinic-local-note">') and "set ITB_SITE_URL" in html
    downloads = rc.downloads_html(None, local_href=local_href)
    assert re.findall(r'href="([^"]+)"', downloads)[:2] == ["../itb-handbook.pdf", "../itb-handbook-offline.zip"]
    assert "data-qr" not in downloads and "set ITB_SITE_URL" in downloads


@pytest.mark.parametrize("kind", rc.NOTE_KINDS)
def test_a_local_discharge_note_says_to_set_the_address_instead_of_a_link(kind):
    text = rc.discharge_note(kind, None, *GENERIC)
    assert rc.note_urls(text) == [] and "example" not in text
    assert text.count("[no web address: build the handbook with ITB_SITE_URL]") == 2 + (kind == "new-implant")


def test_a_local_link_builder_is_a_note():
    html = rc.link_builder_html(SITE.pumps, [500], None, {"margin": 7}, IdMaker("clinics"))
    assert "<form" not in html and "data-planner" not in html
    assert html == ('<p class="clinic-local-note">The link builder needs the handbook&#x27;s web address, so a '
                    "patient&#x27;s phone can open the link. This copy was built without it: set ITB_SITE_URL to "
                    "the address where the handbook is published, and build it again.</p>")
