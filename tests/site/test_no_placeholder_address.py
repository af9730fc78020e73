"""Issue 23, Medium 1: a placeholder address never reaches a reader or paper. The test build has no
ITB_SITE_URL, so mkdocs.yml's placeholder (itb-handbook.example.org) is its site_url: canonical tags and the
sitemap may carry it, the line every printed page ends with may not."""
from __future__ import annotations

from bs4 import BeautifulSoup

from helpers import page_paths, placeholder_hits


def test_printed_pages_name_no_placeholder_address_and_say_how_to_set_one(built_site):
    for path in page_paths():
        soup = BeautifulSoup((built_site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
        lines = soup.select(".print-url")
        assert len(lines) == 1, f"/{path}: {len(lines)} 'Printed from' lines"
        text = lines[0].get_text(" ", strip=True)
        assert "example.org" not in text and "ITB_SITE_URL" in text, f"/{path} prints {text!r}"


def test_search_keeps_its_words_out_of_the_address(built_site):
    # Issue 23: search.highlight adds ?h=the+search+words to every result link, which servers log.
    import json
    for path in ("", "faq/"):
        soup = BeautifulSoup((built_site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
        config = json.loads(soup.select_one("script#__config").string)
        assert "search.highlight" not in config["features"], f"/{path}"


def test_search_result_links_carry_no_search_words(open_page):
    page = open_page("")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("withdrawal", delay=30)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    assert hrefs and not [h for h in hrefs if "?h=" in h or "withdrawal" in h.split("#")[0]], hrefs


def test_the_local_build_shows_no_placeholder_address_anywhere(built_site):
    # Every page (the For clinics page, /print_page/ for the PDF, 404.html), its links, QR codes, discharge
    # notes, the link builder and the search index: the default test build has no ITB_SITE_URL.
    assert (built_site / "print_page" / "index.html").is_file()
    assert placeholder_hits(built_site) == []
    # The canonical tags and the sitemap still carry it (that is allowed, and it shows the build is local).
    assert "itb-handbook.example.org" in (built_site / "sitemap.xml").read_text(encoding="utf-8")
