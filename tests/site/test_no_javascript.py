"""With JavaScript off every page still reads fully: title, text, care cards, sources and dates."""
import pytest

from helpers import page_paths


@pytest.mark.parametrize("path", page_paths(), ids=lambda p: p or "home")
def test_page_reads_without_javascript(open_page, path):
    page = open_page(path, javascript=False)
    article = page.locator("article.md-content__inner")
    assert article.locator("h1").is_visible()
    text = article.inner_text()
    assert len(text.split()) >= 60, f"only {len(text.split())} words visible without JavaScript"
    assert page.locator("#page-sources").is_visible()
    assert page.locator(".review-dates").is_visible()
    assert page.locator("a.get-help").is_visible()
    # Anything the page marks as needing JavaScript must not be the only thing there.
    hidden_required = page.locator("[data-requires-js]:visible").count()
    assert hidden_required == 0
