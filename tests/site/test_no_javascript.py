"""With JavaScript off every page still reads fully (rule 4): title, text, sources, review dates and the help link;
every chart's numbers table and every tool's no-JavaScript content are there; and nothing on the page is hidden
unless it is listed below with the no-JavaScript alternative that stands in for it, and that alternative shows."""
from __future__ import annotations

import pytest

from helpers import ROOT, open_folded, page_paths
from macros.data import load_site_data

SITE = load_site_data(ROOT / "data")

# What may be hidden with JavaScript off -> (why, the selector that must then be visible instead). The
# alternative is looked for inside the hidden element's closest `scope` (or the whole article when None).
# A hidden element that matches no entry fails the test: add an entry only with a real alternative.
HIDDEN_WITH_ALTERNATIVE = {
    "form.itb-planner__form[hidden]": ("the planner form needs JavaScript", None, ".itb-planner__nojs"),
    ".itb-planner__result[hidden]": ("the planner's answer needs JavaScript", None, ".itb-refill-table table"),
    ".rt-controls[hidden]": ("the table's filters need JavaScript", ".itb-refill-table", "table"),
    ".itb-refill-table .rt-cell-label": ("a cell's column label, shown only in the phone card layout", "table",
                                         "thead th"),
    ".chart__drawing--narrow": ("the narrow drawing of a chart, for small screens", "figure", ".chart__drawing--wide svg"),
    ".chart__drawing--wide": ("the wide drawing of a chart, for large screens", "figure", ".chart__drawing--narrow svg"),
    ".discharge-note__actions[hidden]": ("the copy button needs JavaScript", ".discharge-note", "pre.discharge-note__text"),
    "form.link-builder[hidden]": ("the link builder needs JavaScript", None, ".clinic-params table"),
    ".pump-record__planner-note[hidden]": ("says the sheet was filled from a planner link", None, ".record__groups"),
    ".print-only": ("printed on paper only (the page's address)", None, "h1"),
    ".handout-instructions": ("cutting and folding, printed on paper only", None, ".wallet-card__strip"),
}

HIDDEN_JS = """(rules) => {
  const article = document.querySelector('article.md-content__inner');
  const shown = el => el.checkVisibility();
  const problems = [];
  for (const el of article.querySelectorAll('*')) {
    if (shown(el) || !el.parentElement || !shown(el.parentElement)) continue;   // only the outermost hidden
    if (['SCRIPT', 'STYLE', 'TEMPLATE', 'BR'].includes(el.tagName)) continue;
    if (el.parentElement.closest('svg')) continue;                              // <title>, <desc>: names, not text
    const details = el.closest('details');
    if (details && !details.open && el.tagName !== 'SUMMARY') continue;         // opens without JavaScript
    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
                 [...el.classList].map(c => '.' + c).join('') + (el.hidden ? '[hidden]' : '');
    const rule = rules.find(([selector]) => el.matches(selector));
    if (!rule) { problems.push(`${name} is hidden and has no no-JavaScript alternative`); continue; }
    const [selector, scope, alternative] = rule;
    const root = scope ? el.closest(scope) : article;
    const alt = root && root.querySelector(alternative);
    if (!alt || !shown(alt)) problems.push(`${name} is hidden, and its alternative ${alternative} is not shown`);
  }
  return problems;
}"""


def article_words(page) -> int:
    return len(page.locator("article.md-content__inner").inner_text().split())


@pytest.mark.parametrize("path", page_paths(), ids=lambda p: p or "home")
def test_page_reads_without_javascript(open_page, path):
    page = open_page(path, javascript=False)
    article = page.locator("article.md-content__inner")
    assert article.locator("h1").is_visible()
    assert article_words(page) >= 60, f"only {article_words(page)} words visible without JavaScript"
    assert page.locator("#page-sources").is_visible()
    assert page.locator(".review-dates").is_visible()
    assert page.locator("a.get-help").is_visible()
    rules = [[sel, scope, alt] for sel, (_, scope, alt) in HIDDEN_WITH_ALTERNATIVE.items()]
    problems = page.evaluate(HIDDEN_JS, rules)
    # Every chart has its numbers as a table (in a <details> that opens without JavaScript).
    for i in range(page.locator("figure.chart").count()):
        figure = page.locator("figure.chart").nth(i)
        if figure.locator("details.data-table table tbody tr").count() < 2:
            problems.append(f"chart {i + 1} has no numbers table")
            continue
        outer = figure.locator("xpath=ancestor::details")                  # outermost first; each opens by click
        for j in range(outer.count()):
            if outer.nth(j).get_attribute("open") is None:
                outer.nth(j).locator(":scope > summary").click()
        if figure.locator("details.data-table").get_attribute("open") is None:
            figure.locator("details.data-table > summary").click()
        if not figure.locator("details.data-table table").is_visible():
            problems.append(f"chart {i + 1}: its numbers table does not open without JavaScript")
    assert not problems, "\n".join(problems)


def test_tools_show_their_no_javascript_content(open_page):
    page = open_page("refill-planner/", javascript=False)
    assert page.locator(".itb-planner__nojs").is_visible()
    assert "The table and the steps on this page show the same sums" in page.locator(".itb-planner__nojs").inner_text()
    assert not page.locator("form.itb-planner__form").is_visible()
    rows = page.locator(".itb-refill-table table tbody tr")
    assert rows.count() >= len(SITE.refill.table.doses_mcg_per_day)
    assert all(rows.nth(i).is_visible() for i in range(rows.count())), "a row of the refill table is hidden"

    page = open_page("maintenance/", javascript=False)
    open_folded(page)  # the refill table is in a closed section: it opens without JavaScript
    rows = page.locator(".itb-refill-table table tbody tr")
    assert rows.count() >= len(SITE.refill.table.doses_mcg_per_day)
    assert rows.first.is_visible() and rows.last.is_visible()

    page = open_page("for-clinics/", javascript=False)
    assert page.locator(".clinic-params table").is_visible()
    assert page.locator("pre.discharge-note__text").first.is_visible()

    page = open_page("emergency/", javascript=False)
    assert page.locator(".itb-care-cards").is_visible()
    assert page.locator("#call-now").is_visible()
