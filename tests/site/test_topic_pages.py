"""The home page and the four "before the pump" topic pages: required anchors, numbers drawn from data/,
no doses except the screening test doses, and none of the seed-text errors."""
import re

import pytest
from bs4 import BeautifulSoup

from helpers import ROOT
from macros.data import load_site_data
from macros.html import fmt_num
from tools.readability import NOT_PROSE

SITE = load_site_data(ROOT / "data")
TOPIC_PAGES = ["", "spasticity/", "candidacy/", "trial-dose/", "implantation/"]


def article(built_site, path) -> BeautifulSoup:
    soup = BeautifulSoup((built_site / path / "index.html").read_text(), "html.parser")
    return soup.select_one("article.md-content__inner")


def text_of(built_site, path) -> str:
    return " ".join(article(built_site, path).get_text(" ").split())


def prose_of(built_site, path) -> str:
    """The page's own words, without charts, tables and figures that other macros render."""
    node = article(built_site, path)
    for selector in NOT_PROSE:
        for hit in node.select(selector):
            hit.decompose()
    return " ".join(node.get_text(" ").split())


@pytest.mark.parametrize("path, anchor", [
    ("", "key-facts"), ("", "topics"), ("candidacy/", "who-may-benefit"),
    ("trial-dose/", "what-happens"), ("implantation/", "recovery"), ("spasticity/", "how-baclofen-works"),
])
def test_linked_anchors_exist(built_site, path, anchor):
    assert article(built_site, path).find(id=anchor) is not None, f"#{anchor} missing on /{path}"


@pytest.mark.parametrize("path", TOPIC_PAGES, ids=lambda p: p or "home")
def test_only_screening_doses_are_named(built_site, path):
    allowed = {fmt_num(d.value) for d in SITE.drug.screening.doses_mcg}
    allowed.add(fmt_num(SITE.drug.screening.small_or_walking_start_mcg.value))
    prose = prose_of(built_site, path)
    named = set(re.findall(r"(\d[\d,.]*)\s*(?:mcg|micrograms?)\b", prose))
    assert named <= allowed, f"/{path} names doses that are not screening test doses: {named - allowed}"
    assert not re.search(r"\d\s*mg\b", prose), f"/{path} names a milligram dose"


def test_trial_dose_numbers_come_from_data(built_site):
    text = text_of(built_site, "trial-dose/")
    s = SITE.drug.screening
    for dose in s.doses_mcg:
        assert f"{fmt_num(dose.value)} mcg" in text
    assert f"at {fmt_num(s.small_or_walking_start_mcg.value)} mcg" in text
    assert f"{fmt_num(s.hours_between_doses.value)} hours" in text
    assert f"for {fmt_num(s.observe_hours.min)} to {fmt_num(s.observe_hours.max)} hours" in text
    # The peak differs between the label and the maker's site; the page must show both.
    assert f"about {fmt_num(s.peak_hours.min)} hours" in text
    assert f"says {fmt_num(s.peak_hours.min)} to {fmt_num(s.peak_hours.max)} hours" in text
    assert "Sources differ" in text


def test_home_key_facts_come_from_data(built_site):
    box = " ".join(article(built_site, "").select_one(".key-facts").get_text(" ").split())
    p20, p40 = SITE.pumps["synchromed-ii-20"], SITE.pumps["synchromed-ii-40"]
    assert f"{fmt_num(p40.diameter_mm.value)} mm" in box
    assert f"{fmt_num(p20.thickness_mm.value)} to {fmt_num(p40.thickness_mm.value)} mm" in box
    assert f"{fmt_num(p20.battery_years_min.value)} to {fmt_num(p20.battery_years_max.value)} years" in box
    assert f"{fmt_num(SITE.refill.max_interval_days.value)} days" in box
    # citations are superscript numbers now (macros/render_sources.py), not "[P1]" codes
    cites = article(built_site, "").select_one(".key-facts").select("sup.cite")
    assert len(cites) >= 5, "every key fact carries a citation"


def test_home_links_to_every_topic_page_and_help(built_site):
    hrefs = {a["href"] for a in article(built_site, "").select("#topics ~ ul a")}
    for page in ["emergency/", "spasticity/", "candidacy/", "trial-dose/", "implantation/",
                 "maintenance/", "refill-planner/", "risks/", "living-with-a-pump/", "faq/"]:
        assert page in hrefs, f"home page does not link to {page}"


def test_oral_comparison_is_not_a_conversion_rule(built_site):
    text = text_of(built_site, "spasticity/")
    assert f"about {fmt_num(SITE.drug.oral_baclofen.plasma_ratio_note.value)} times lower" in text
    assert "roughly 1%" in text
    assert "not a way to work out a dose" in text


@pytest.mark.parametrize("path", TOPIC_PAGES, ids=lambda p: p or "home")
def test_seed_errors_are_absent(built_site, path):
    text = text_of(built_site, path).lower()
    for wrong in ["too much gaba", "excessive gaba", "gaba release", "mri-compatible", "mri compatible",
                  "dehydration", "every 3-6 months", "every 3 to 6 months", "one week before it runs out"]:
        assert wrong not in text, f"/{path} repeats a seed error: {wrong!r}"
