"""One situation, one tier, on every built page: each action rendered from data/actions.yml carries
data-action-id and data-tier, and each danger-sign card item that is a situation in the table sits on the card
of that situation's tier. Collected across all pages, a situation must never show two tiers."""
from __future__ import annotations

from collections import defaultdict

from bs4 import BeautifulSoup

from helpers import ROOT
from macros.data import load_site_data

SITE = load_site_data(ROOT / "data")
CARD_TIER = {"emergency": "emergency", "urgent": "urgent", "routine": "watch"}


def squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def collect(site) -> dict[str, set[tuple[str, str]]]:
    """situation id -> {(tier, page)} for every rendered action and every card item naming a situation."""
    by_wording = {squash(a.sign): a.id for a in SITE.actions.actions if a.sign}
    by_wording.update({squash(a.situation): a.id for a in SITE.actions.actions})
    seen: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for html in sorted(site.rglob("*.html")):
        page = str(html.relative_to(site))
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for el in soup.select("[data-action-id]"):
            seen[el["data-action-id"]].add((el.get("data-tier", "(none)"), page))
        for card in soup.select(".care-card"):
            kind = next((k for k in CARD_TIER if k in card.get("class", [])), None)
            for li in card.select(":scope > ul > li"):
                situation = by_wording.get(squash(li.get_text(" ")))
                if kind and situation:
                    seen[situation].add((CARD_TIER[kind], page))
    return seen


def tier_problems(site) -> list[str]:
    tiers = {a.id: a.tier for a in SITE.actions.actions}
    return [f"{sid}: " + ", ".join(sorted(f"{t} on {p}" for t, p in where))
            for sid, where in sorted(collect(site).items()) if {t for t, _ in where} != {tiers.get(sid)}]


def test_the_check_catches_two_pages_with_two_tiers(tmp_path):
    """Two pages: one renders the missed refill as urgent, the other puts it on the book-a-visit card."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<span class="itb-action" data-action-id="missed-refill" data-tier="urgent">Call ...</span>')
    (tmp_path / "b" / "index.html").write_text(
        '<div class="admonition care-card routine"><p>Call your pump team to book a visit</p><ul>'
        "<li>You missed a refill, or the alarm date on your printout has passed</li></ul></div>")
    assert tier_problems(tmp_path) == ["missed-refill: urgent on a/index.html, watch on b/index.html"]


def test_each_situation_has_one_tier_across_all_pages(built_site):
    problems = tier_problems(built_site)
    assert not problems, "a situation is given another tier than its row in data/actions.yml:\n" + "\n".join(problems)


def test_the_pages_that_gave_advice_by_hand_now_render_it_from_the_table(built_site):
    seen = collect(built_site)
    pages = defaultdict(set)
    for sid, where in seen.items():
        for _, page in where:
            pages[page].add(sid)
    expected = {
        "faq/index.html": {"missed-refill", "two-tone-alarm", "single-tone-alarm", "emergency-signs"},
        "maintenance/index.html": {"missed-refill"},
        "refill-planner/index.html": {"missed-refill", "two-tone-alarm", "single-tone-alarm"},
        "trial-dose/index.html": {"high-fever", "very-unwell", "headache-after-procedure", "leak-after-procedure",
                                  "cannot-pass-urine"},
        "emergency/index.html": {"high-fever", "stiffness-back", "itching", "missed-refill"},
        "emergency-card/index.html": {"emergency-signs"},
    }
    for page, ids in expected.items():
        assert ids <= pages[page], f"{page}: missing {sorted(ids - pages[page])}"


def test_no_built_page_gives_the_old_softer_wordings(built_site):
    """"The same day" and "call today" for urgent situations are gone from every page's text (scripts, such
    as the planner's configuration, are left to the planner's own tests)."""
    for html in built_site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.select("script, template, style"):
            tag.decompose()
        text = squash(soup.get_text(" "))
        for old in ("call your pump team the same day", "call your pump team today", "call straight away",
                    "today if, after the test"):
            assert old not in text, f"{html.relative_to(built_site)}: {old!r}"
