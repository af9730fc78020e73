"""Children, FAQ, glossary and sources pages: fixed anchors, care cards, numbers drawn from data/,
the 'not yet reviewed' notice, the sources-disagree summary, and none of the seed-text errors."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from helpers import ROOT
from macros.data import load_site_data
from macros.html import fmt_num

SITE = load_site_data(ROOT / "data")

FAQ_IDS = [
    "will-it-work", "try-it-first", "too-late", "lose-stiffness", "tablets", "children", "who-pays",
    "how-big", "move-or-flip", "battery", "removed-or-switched-off", "does-a-refill-hurt",
    "how-often-refills", "alarm-date", "missed-refill", "alarm-sounds", "what-can-go-wrong",
    "withdrawal-or-overdose", "what-to-carry", "can-i-fly", "mri", "hot-tubs-swimming",
]
FAQ_SECTIONS = ["before-you-decide", "the-pump", "refills-and-alarms", "safety", "everyday-life"]
SEED_ERRORS = [r"too much GABA", r"excessive GABA", r"MRI[- ]compatible", r"dehydrat",
               r"3\s*(?:to|-|–)\s*6 months", r"one week before (?:it|the medicine|your pump) runs out"]


def article(built_site, path) -> BeautifulSoup:
    soup = BeautifulSoup((built_site / path / "index.html").read_text(), "html.parser")
    return soup.select_one("article.md-content__inner")


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def answer_of(heading):
    """The paragraphs between a FAQ question and the next heading."""
    parts = []
    for sib in heading.find_next_siblings():
        if sib.name in {"h2", "h3"}:
            break
        parts.append(sib)
    return parts


def test_faq_questions_have_fixed_ids_under_grouped_sections(built_site):
    page = article(built_site, "faq")
    questions = page.find_all("h3")
    assert [q.get("id") for q in questions] == FAQ_IDS
    assert len(questions) >= 18
    assert [h.get("id") for h in page.find_all("h2") if h.get("id") in FAQ_SECTIONS] == FAQ_SECTIONS
    for q in questions:
        assert q.find_previous("h2").get("id") in FAQ_SECTIONS, f"#{q['id']} is not under a section"


@pytest.mark.parametrize("qid", FAQ_IDS)
def test_each_faq_answer_is_short_and_links_to_the_full_page(built_site, qid):
    page = article(built_site, "faq")
    parts = answer_of(page.find(id=qid))
    prose = " ".join(text(p) for p in parts if not (p.find("a") and text(p) == text(p.find("a"))))
    prose = re.sub(r"\[[A-Z0-9, ]+\]", "", prose)  # citations
    sentences = [s for s in re.split(r"(?<=[.?!])\s+", prose.strip()) if s]
    assert 2 <= len(sentences) <= 4, f"#{qid}: {len(sentences)} sentences"
    links = [a["href"] for p in parts for a in p.find_all("a") if not a["href"].startswith("#")]
    assert links, f"#{qid} has no link to a full page"


def test_faq_numbers_come_from_data(built_site):
    page = text(article(built_site, "faq"))
    p20, p40 = SITE.pumps["synchromed-ii-20"], SITE.pumps["synchromed-ii-40"]
    assert f"lasts {fmt_num(p20.battery_years_min.value)} to {fmt_num(p20.battery_years_max.value)} years" in page
    assert f"never more than {fmt_num(p20.battery_hard_stop_years.value)}" in page
    assert f"up to {fmt_num(p20.mri.max_tesla.value)} tesla" in page
    assert f"{fmt_num(p40.diameter_mm.value)} mm across" in page
    assert f"{fmt_num(SITE.refill.max_interval_days.value)} days" in page
    assert "emptied before a scan" in page  # Prometra must be emptied before MRI


@pytest.mark.parametrize("path", ["faq", "children", "sources", "glossary"])
def test_no_seed_text_errors(built_site, path):
    page = text(article(built_site, path))
    for pattern in SEED_ERRORS:
        assert not re.search(pattern, page, re.I), f"/{path}/ repeats a known error: {pattern}"


def test_children_page_sections_and_care_cards(built_site):
    page = article(built_site, "children")
    for anchor in ["age-and-size", "growth", "after-the-operation", "school", "caregivers", "infection",
                   "warning-signs", "what-to-do", "growing-up"]:
        assert page.find(id=anchor) is not None, f"#{anchor} missing on /children/"
    cards = {kind: page.select(f".care-card.{kind}") for kind in ("emergency", "urgent", "routine")}
    assert all(cards.values()), "children page needs emergency, urgent and routine cards"
    emergency = text(cards["emergency"][0])
    assert emergency.startswith(f"Emergency advice: Call {SITE.clinic.emergency_number} now")
    for sign in ["hard to wake", "Slow, shallow or difficult breathing", "floppiness spreading", "much stiffer muscles", "seizure"]:
        assert sign in emergency
    urgent = " ".join(text(c) for c in cards["urgent"])
    for sign in ["grumpy or irritable", "Itching", "two-tone alarm", "Fluid leaks from either cut"]:
        assert sign in urgent
    # NHS style: a few bullets, most serious first; the rest of a tier is named in one "Also call for" line.
    for card in page.select(".care-card"):
        assert len(card.select("li")) <= 6, "a care card has at most six bullets"


def test_children_page_age_and_size_from_sources_and_data(built_site):
    page = text(article(built_site, "children"))
    assert "aged 4 and older" in page and "from age 12" in page
    assert f"{fmt_num(SITE.pumps['synchromed-ii-40'].diameter_mm.value)} mm across" in page
    assert f"{fmt_num(SITE.pumps['synchromed-ii-20'].thickness_mm.value)} mm thick" in page


def test_sources_page_explains_review_and_independence(built_site):
    page = article(built_site, "sources")
    for anchor in ["how-we-check", "not-medical-advice", "review", "independence", "report-a-mistake",
                   "where-sources-disagree", "all-sources"]:
        assert page.find(id=anchor) is not None, f"#{anchor} missing on /sources/"
    words = text(page)
    assert SITE.clinic.reviewer is None
    assert "not yet been reviewed by a named clinician" in words
    assert "no ads" in words.lower() and "no cookies" in words.lower()
    assert not re.search(r"[\w.]+@[\w.]+", words), "no invented contact email"


def test_sources_page_summarises_each_disagreement(built_site):
    page = article(built_site, "sources")
    for topic in ["battery", "mri", "refill-timing", "refill-interval", "bolus-peak", "tolerance", "tingling"]:
        heading = page.find(id=f"disagree-{topic}")
        assert heading is not None and heading.find_previous("h2").get("id") == "where-sources-disagree"
    words = text(page)
    peak = SITE.drug.screening.peak_hours
    assert f"{fmt_num(peak.min)} to {fmt_num(peak.max)} hours" in words
    assert f"{fmt_num(SITE.refill.default_margin_days.value)}-day margin" in words


def test_sources_page_lists_every_source(built_site):
    page = article(built_site, "sources")
    listed = {li["id"].removeprefix("source-") for li in page.select("#all-sources ~ ul.source-list li")}
    assert listed == set(SITE.sources)


def test_glossary_page_lists_every_term_with_an_anchor(built_site):
    page = article(built_site, "glossary")
    ids = [dt["id"] for dt in page.select("dl.glossary dt")]
    assert sorted(ids) == sorted(t.id for t in SITE.glossary.terms)


def test_tooltips_use_the_glossary_meaning(built_site):
    catheter = next(t for t in SITE.glossary.terms if t.id == "catheter")
    abbrs = article(built_site, "children").find_all("abbr", string="catheter")
    assert abbrs and all(a["title"] == catheter.plain for a in abbrs)
    # Common words stay plain text.
    assert not article(built_site, "faq").find_all("abbr", string="pump")
