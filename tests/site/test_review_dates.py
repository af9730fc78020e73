"""Every page's review dates, as readers see them: on screen on every page of the generic build, and in print.

The footer box (overrides/partials/review-dates.html) must show the page's own front-matter dates, written as
the site writes dates ("22 November 2026"). The expected text is written by hand for docs/faq.md; every other page
is checked with this file's own month names, never with the site's formatter."""
from __future__ import annotations

import datetime as dt

import pytest
import yaml
from bs4 import BeautifulSoup

from helpers import DOCS, page_paths

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
FAQ_LINES = ["Last checked against sources: 22 November 2026", "Next review due: 22 November 2027"]


def front_matter(path: str) -> dict:
    md = DOCS / (f"{path.rstrip('/')}.md" if path else "index.md")
    return yaml.safe_load(md.read_text(encoding="utf-8").split("---", 2)[1])


def words(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def review_box(built_site, path: str):
    soup = BeautifulSoup((built_site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
    boxes = soup.select("aside.review-dates")
    assert len(boxes) == 1, f"{path or 'home'}: {len(boxes)} review-date boxes"
    return boxes[0]


def test_faq_footer_dates_written_by_hand(built_site):
    box = review_box(built_site, "faq/")
    lines = [" ".join(p.get_text().split()) for p in box.find_all("p")]
    assert lines[:2] == FAQ_LINES
    assert [t["datetime"] for t in box.find_all("time")][:2] == ["2026-11-22", "2027-11-22"]


@pytest.mark.parametrize("path", page_paths(), ids=lambda p: p or "home")
def test_every_pages_footer_dates_are_its_front_matter(built_site, path):
    meta = front_matter(path)
    checked, review = meta["last_checked"], meta["next_review"]
    times = review_box(built_site, path).find_all("time")
    assert [(t["datetime"], t.get_text()) for t in times[:2]] == [
        (checked.isoformat(), words(checked)), (review.isoformat(), words(review))]


PRINT_STATE = """(box) => {
  const shown = e => { for (let n = e; n; n = n.parentElement) { const s = getComputedStyle(n);
                         if (s.display === 'none' || s.visibility !== 'visible' || +s.opacity < 0.5) return false; }
                       const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  return {shown: shown(box), times: [...box.querySelectorAll('time')].map(t => [shown(t), t.textContent]),
          lines: [...box.querySelectorAll('p')].map(p => p.textContent.replace(/\\s+/g, ' ').trim()),
          colour: getComputedStyle(box).color, fontSize: parseFloat(getComputedStyle(box).fontSize)};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_printed_page_shows_its_review_dates(open_page, scheme):
    page = open_page("faq/", scheme=scheme)
    page.emulate_media(media="print")
    box = page.locator("aside.review-dates")
    assert box.is_visible()
    state = box.evaluate(PRINT_STATE)
    assert state["shown"], state
    assert state["times"][:2] == [[True, "22 November 2026"], [True, "22 November 2027"]], state
    assert state["lines"][:2] == FAQ_LINES, state
    rgb = [float(x) for x in state["colour"][state["colour"].index("(") + 1:-1].replace(",", " ").split()[:3]]
    assert sum(rgb) / 3 < 128, f"review dates not printed in a dark ink: {state['colour']}"
    assert state["fontSize"] >= 8, state
