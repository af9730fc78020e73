"""The URL contract (tests/published_urls.txt): every listed page and anchor resolves in the built site;
the check fails when a page or an anchor disappears, and follows a moved page's redirect and a moved
section's marker."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from mkdocs_redirects.plugin import write_html

import url_contract as uc
from helpers import PUBLIC_SITE_URL, ROOT
from macros import render_clinics

ENTRIES = uc.read_contract()
PAGES_AND_ANCHORS = [e for e in ENTRIES if not uc.is_download(e)]


def test_contract_file_lists_pages_anchors_planner_link_and_downloads():
    assert "/" in ENTRIES and "/faq/" in ENTRIES and "/faq/#can-i-fly" in ENTRIES
    assert "/emergency/#call-now" in ENTRIES  # an anchor made by a macro (the care cards)
    assert "/emergency-card/" in ENTRIES and "/pump-record/" in ENTRIES
    assert [e for e in ENTRIES if uc.is_planner_link(e)] == [
        "/refill-planner/#pump=synchromed-ii-40&conc=2000&dose=400&filled=2026-11-20"]
    assert {"/itb-handbook.pdf", "/itb-handbook-offline.zip"} <= {e for e in ENTRIES if uc.is_download(e)}
    assert len(ENTRIES) == len(set(ENTRIES)), "an entry is listed twice"


def test_every_listed_page_and_anchor_resolves(built_site):
    assert uc.contract_problems(built_site, PAGES_AND_ANCHORS) == []


def test_every_page_and_explicit_id_in_the_sources_is_in_the_contract():
    missing = [e for e in uc.published_today() if e not in ENTRIES]
    assert missing == [], ("new pages or heading ids are not in tests/published_urls.txt; add them with "
                           f"`python tests/clinics/url_contract.py --write`: {missing}")


# ---------------------------------------------------------------- a broken copy of the built site

@pytest.fixture
def site_copy(built_site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    return copy


def edit_html(path, change):
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def test_a_removed_page_fails_the_contract(site_copy):
    shutil.rmtree(site_copy / "living-with-a-pump")
    problems = uc.contract_problems(site_copy, PAGES_AND_ANCHORS)
    assert "/living-with-a-pump/: page /living-with-a-pump/ is not in the built site" in problems
    assert "/living-with-a-pump/#travel: page /living-with-a-pump/ is not in the built site" in problems
    assert all("/living-with-a-pump/" in p for p in problems)


def test_a_removed_anchor_fails_the_contract(site_copy):
    edit_html(site_copy / "faq" / "index.html", lambda s: s.replace('id="can-i-fly"', 'id="flying"'))
    problems = uc.contract_problems(site_copy, PAGES_AND_ANCHORS)
    assert problems == ["/faq/#can-i-fly: anchor #can-i-fly is not on /faq/"]


def test_a_moved_page_with_a_redirect_passes_and_keeps_its_anchors(site_copy):
    # What mkdocs-redirects writes for `faq.md: questions.md` after faq.md was renamed.
    shutil.move(site_copy / "faq", site_copy / "questions")
    write_html(str(site_copy), "faq/index.html", "../questions/")
    assert uc.contract_problems(site_copy, PAGES_AND_ANCHORS) == []
    assert uc.resolve(site_copy, "/faq/#can-i-fly") == (None, "/questions/#can-i-fly")
    # The redirect is followed, but a missing anchor on the new page still fails.
    edit_html(site_copy / "questions" / "index.html", lambda s: s.replace('id="mri"', 'id="scans"'))
    assert uc.contract_problems(site_copy, PAGES_AND_ANCHORS) == ["/faq/#mri: anchor #mri is not on /questions/"]


def test_a_redirect_to_nowhere_fails(site_copy):
    shutil.rmtree(site_copy / "faq")
    write_html(str(site_copy), "faq/index.html", "../questions/")
    problems = uc.contract_problems(site_copy, PAGES_AND_ANCHORS)
    assert "/faq/: page /questions/ is not in the built site" in problems


def test_a_moved_section_with_its_marker_passes(site_copy):
    # The FAQ's "Can I fly?" moves to the travel section; the old id stays as a moved_section() marker,
    # rendered the way the macro's Markdown renders (a paragraph with a relative link).
    marker = ('<p class="moved-section" id="can-i-fly">This part has moved to '
              '<a href="../living-with-a-pump/#travel">Travel and flying</a>.</p>')
    edit_html(site_copy / "faq" / "index.html",
              lambda s: re.sub(r'<h3 id="can-i-fly">.*?</h3>', marker, s, count=1, flags=re.S))
    assert uc.resolve(site_copy, "/faq/#can-i-fly") == (None, "/living-with-a-pump/#travel")
    assert uc.contract_problems(site_copy, PAGES_AND_ANCHORS) == []
    # A marker pointing at a section that is gone fails.
    edit_html(site_copy / "living-with-a-pump" / "index.html", lambda s: s.replace('id="travel"', 'id="trips"'))
    problems = uc.contract_problems(site_copy, PAGES_AND_ANCHORS)
    assert "/faq/#can-i-fly: anchor #travel is not on /living-with-a-pump/" in problems


def test_the_planner_link_needs_the_planner_and_known_settings(site_copy):
    entry = "/refill-planner/#pump=synchromed-ii-40&conc=2000&dose=400&filled=2026-11-20"
    assert uc.resolve(site_copy, entry)[0] is None
    assert "unknown planner setting(s) colour" in uc.resolve(site_copy, entry + "&colour=red")[0]
    edit_html(site_copy / "refill-planner" / "index.html", lambda s: s.replace('data-field="pump"', 'data-x="pump"'))
    assert uc.resolve(site_copy, entry)[0] == f"{entry}: /refill-planner/ has no planner form"


def test_the_moved_section_macro_renders_a_marker_the_contract_follows(tmp_path):
    from helpers import copy_project, mkdocs_build
    project = copy_project(tmp_path / "project")
    faq = project / "docs" / "faq.md"
    text = faq.read_text(encoding="utf-8")
    start = text.index("### Can I fly? { #can-i-fly }")
    end = text.index("\n### ", start + 1)
    faq.write_text(text[:start] + "{{ moved_section('can-i-fly', 'living-with-a-pump.md#travel', "
                   "'Travel and flying') }}\n" + text[end:], encoding="utf-8")
    result = mkdocs_build(project, project / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    soup = BeautifulSoup((project / "out" / "faq" / "index.html").read_text(encoding="utf-8"), "html.parser")
    marker = soup.find(id="can-i-fly")
    assert marker.name == "p" and "moved-section" in marker["class"]
    assert marker.a["href"] == "../living-with-a-pump/#travel"
    assert uc.resolve(project / "out", "/faq/#can-i-fly") == (None, "/living-with-a-pump/#travel")


# ---------------------------------------------------------------- the for-clinics page shows the contract

def test_for_clinics_page_has_a_qr_code_for_every_contract_entry(public_site):
    # The build with a public address: a local build shows no QR codes (tests/site/test_no_placeholder_address.py).
    soup = BeautifulSoup((public_site / "for-clinics" / "index.html").read_text(encoding="utf-8"), "html.parser")
    base = soup.select_one('link[rel="canonical"]')["href"].split("for-clinics/")[0]
    assert base == PUBLIC_SITE_URL
    shown = [img["data-qr"].removeprefix(base) for img in soup.select("img.qr[data-qr]")]
    expected = [e.lstrip("/") for e in ENTRIES if not uc.is_planner_link(e)]
    assert sorted(shown) == sorted(expected)
    # Each QR code sits next to a link to the same address, and every one is absolute under site_url.
    for img in soup.select("img.qr[data-qr]"):
        assert img.find_previous("a")["href"] == img["data-qr"]
    assert render_clinics.absolute_url(base, "") == base and base.startswith("https://")


# ---------------------------------------------------------------- the full published build (make build)

def test_every_entry_resolves_in_the_full_published_build(published_site):
    assert uc.contract_problems(published_site, ENTRIES) == []
    downloads = [e for e in ENTRIES if uc.is_download(e)]
    assert {"/itb-handbook.pdf", "/itb-handbook-offline.zip"} <= set(downloads)
    for entry in downloads:
        head = (published_site / entry.lstrip("/")).read_bytes()[:4]
        assert head == (b"%PDF" if entry.endswith(".pdf") else b"PK\x03\x04"), entry


def test_the_html_only_build_lacks_the_downloads_and_the_check_says_so(built_site):
    problems = uc.contract_problems(built_site, [e for e in ENTRIES if uc.is_download(e)])
    assert "/itb-handbook.pdf: file /itb-handbook.pdf is not in the built site" in problems
