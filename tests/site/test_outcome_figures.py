"""Issue 18, item 4 on the built site: risks and benefits are counts of people out of 100, each with a picture
and the same number in words beside it, never shares of problems or operations."""
from __future__ import annotations

import re

from bs4 import BeautifulSoup

SHARE_OF_THINGS = re.compile(r"\b\d+ in \d+ (?:problems|operations|complications|implants)\b|"
                             r"\b1 in \d+ problems\b|\bin \d+ problems\b", re.I)


def page(built_site, path):
    return BeautifulSoup((built_site / path / "index.html").read_text(), "html.parser").select_one("article")


def test_risks_page_shows_people_out_of_100_for_benefits_and_risks(built_site):
    risks = page(built_site, "risks")
    benefits = [s.get_text() for s in risks.select(".people-figure--benefit .people-figure__count")]
    harms = [s.get_text() for s in risks.select(".people-figure--risk .people-figure__count")]
    assert benefits == ["About 97 in 100", "About 94 in 100", "About 87 in 100", "About 76 in 100"]
    assert harms == ["About 18 in 100", "About 23 in 100", "About 15 in 100", "About 6 in 100"]
    for fig in risks.select("figure.people-figure"):
        count = int(fig.select_one(".people-figure__count").get_text().split()[1])
        assert len(fig.select("svg circle.pf-dot--on")) == count
        assert fig.select_one("figcaption a.cite__link") is not None
    text = risks.get_text(" ", strip=True)
    assert "We did not find a reliable figure for how many adults get an infection" in text


def test_no_page_counts_shares_of_problems_or_operations(built_site):
    found = {}
    for html in sorted(built_site.rglob("index.html")):
        if html.parent.name == "print_page":
            continue
        art = BeautifulSoup(html.read_text(), "html.parser").select_one("article")
        if art is None:
            continue
        hits = SHARE_OF_THINGS.findall(art.get_text(" ", strip=True))
        if hits:
            found[html.parent.name] = hits
    assert not found, found
