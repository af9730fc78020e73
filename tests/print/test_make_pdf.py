"""tools/make_pdf.py on small made-up sites: the network guard, the width check and the outline reader."""
from __future__ import annotations

import pytest

from tools import make_pdf

PRINT_PAGE = """<!doctype html><html lang="en"><head><title>x</title></head><body><article>
<div id="print-site-page">
<section id="print-site-cover-page"><div class="print-cover"><h1 class="print-cover__title">Test Book</h1>
<p><time datetime="2026-11-22">22 November 2026</time></p></div></section>
<section class="print-page" style="break-before: page"><div id="print-page-toc"><nav><h1 class="print-page-toc-title">Contents</h1>
<ul><li><a href="#one"><span class="md-ellipsis">One</span></a></li>
<li><a href="#two"><span class="md-ellipsis">Two</span></a></li></ul></nav></div></section>
<section class="print-page" id="one" style="break-before: page"><h1>Chapter one</h1><h2>Two</h2><p>Text.</p>{extra}</section>
<section class="print-page" id="two" style="break-before: page"><h1>Two</h1><p>More text.</p></section>
</div></article></body></html>"""
HANDOUT = '<!doctype html><html lang="en"><head><title>h</title></head><body><article><h1>H</h1></article></body></html>'


def make_site(root, extra: str = ""):
    (root / "print_page").mkdir(parents=True)
    (root / "print_page" / "index.html").write_text(PRINT_PAGE.replace("{extra}", extra))
    for name in ("emergency-card", "pump-record"):
        (root / name).mkdir()
        (root / name / "index.html").write_text(HANDOUT)
    return root


def test_small_site_prints_with_numbered_contents(tmp_path, browser):
    site = make_site(tmp_path / "site")
    report = make_pdf.build_pdfs(site, paper="A4", browser=browser)
    assert report.pages == {"handbook": 4, "emergency-card": 1, "pump-record": 1}
    outline = make_pdf.pdf_outline(site / "itb-handbook.pdf")
    # A section titled like a later chapter ("Two", an h2 in chapter one) is not taken for that chapter.
    assert make_pdf.chapter_pages(outline, ["Chapter one", "Two"], after="Contents") == [3, 4]
    assert report.timings.keys() >= {"browser", "handbook", "emergency-card", "pump-record"}


def test_a_request_that_leaves_the_machine_fails_the_pdf_step(tmp_path, browser):
    site = make_site(tmp_path / "site", extra='<img src="https://example.org/tracker.png" alt="">'
                                               '<link rel="stylesheet" href="https://cdn.example.net/x.css">')
    with pytest.raises(make_pdf.NetworkError) as failure:
        make_pdf.build_pdfs(site, paper="Letter", browser=browser)
    assert "https://example.org/tracker.png" in str(failure.value)
    assert "https://cdn.example.net/x.css" in str(failure.value)


def test_content_wider_than_the_paper_fails_with_its_name(tmp_path, browser):
    site = make_site(tmp_path / "site", extra='<table class="too-wide" style="width: 1200px"><tr><td>x</td></tr></table>')
    with pytest.raises(make_pdf.PdfError, match=r"wider than Letter paper[\s\S]*one: table\.too-wide"):
        make_pdf.build_pdfs(site, paper="Letter", browser=browser)


def test_missing_print_page_is_explained(tmp_path):
    with pytest.raises(make_pdf.PdfError, match="build the site first"):
        make_pdf.build_pdfs(tmp_path)


def test_chapter_pages_needs_every_chapter():
    outline = [(1, "Book", 1), (1, "Contents", 2), (1, "One", 3), (2, "Two", 3), (1, "Three", 5)]
    assert make_pdf.chapter_pages(outline, ["One", "Three"], after="Contents") == [3, 5]
    with pytest.raises(make_pdf.PdfError, match="'Two'"):
        make_pdf.chapter_pages(outline, ["One", "Two"], after="Contents")
    with pytest.raises(make_pdf.PdfError, match="contents heading"):
        make_pdf.chapter_pages(outline, ["One"], after="Index")


def test_only_local_addresses_are_local():
    base = "http://127.0.0.1:8123/"
    assert make_pdf.is_local(base + "print_page/", base)
    assert make_pdf.is_local("data:image/svg+xml,<svg/>", base)
    assert not make_pdf.is_local("http://127.0.0.1:9999/", base)
    assert not make_pdf.is_local("https://example.org/", base)
