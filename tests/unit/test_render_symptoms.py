"""Withdrawal versus overdose (macros/render_symptoms.py): the diverging chart and the emergency care
cards render from the same data/symptoms.yml, with the clinic's wording filled in."""
from __future__ import annotations

import re
import shutil
from collections import Counter

import pytest
import yaml
from bs4 import BeautifulSoup

from helpers import ROOT
from macros.data import DataError, load_site_data
from macros.html import IdMaker
from macros.render_symptoms import card_items, emergency_care_cards, fill, symptom_comparison_chart

SITE = load_site_data(ROOT / "data")
SYM = SITE.symptoms


def chart(ids=None, number="911", team="your pump team", symptoms=SYM):
    return symptom_comparison_chart(symptoms, ids or IdMaker("risks"), emergency_number=number, pump_team=team)


def cards(anchors=None, number="911", team="your pump team", symptoms=SYM):
    return emergency_care_cards(symptoms, anchors or IdMaker(""), emergency_number=number, pump_team=team)


def squash(text: str) -> str:
    return " ".join(text.split())


def test_every_sign_is_in_both_drawings_and_the_table():
    soup = BeautifulSoup(chart(), "html.parser")
    table = squash(soup.select_one("details.data-table").get_text(" "))
    for svg in soup.find_all("svg"):
        words = squash(" ".join(t.get_text() for t in svg.find_all("text")))
        for feature in SYM.features:
            assert feature.label in words
            for sign in feature.withdrawal + feature.overdose:
                assert sign.sign in words, sign.sign
                assert sign.sign in table
    assert "Too little baclofen (withdrawal)" in words and "Too much baclofen (overdose)" in words


def test_tier_is_shown_by_words_length_and_pattern():
    soup = BeautifulSoup(chart(), "html.parser")
    wide = soup.select_one(".chart__drawing--wide svg")
    n_signs = sum(1 for f in SYM.features if f.kind == "sign" for _ in f.withdrawal + f.overdose)
    bars = wide.select("rect.c-sym")
    assert len(bars) == n_signs
    assert len(wide.select("text.c-tier")) == n_signs
    width = {t: {float(b["width"]) for b in bars if f"c-sym-{t}" in b["class"]} for t in ("emergency", "urgent", "watch")}
    assert all(len(w) == 1 for w in width.values())
    assert width["emergency"].pop() > width["urgent"].pop() > width["watch"].pop()
    urgent = [b for b in bars if "c-sym-urgent" in b["class"]]
    assert all(b["fill"].startswith("url(#") for b in urgent)   # hatched pattern, not colour alone
    tiers = {t.get_text() for t in wide.select("text.c-tier")}
    assert tiers == {"Emergency", "Urgent", "Non-urgent"}
    legend = [squash(li.get_text()) for li in soup.select(".sym-legend li")]
    assert legend[:3] == ["Emergency: Call 911 now", "Urgent: Call your pump team today",
                          "Non-urgent: Watch, and tell your pump team"]


def test_shared_rows_are_marked_in_words_and_with_a_box():
    soup = BeautifulSoup(chart(), "html.parser")
    shared = [f for f in SYM.features if f.shared]
    assert {f.id for f in shared} == {"alertness", "heart", "seizures"}
    wide = soup.select_one(".chart__drawing--wide svg")
    assert len(wide.select("rect.c-shared-box")) == len(shared)
    words = squash(" ".join(t.get_text() for t in wide.find_all("text")))
    for f in shared:
        assert f"{f.label} (can happen with either)" in words
    rows = {squash(tr.th.get_text()): tr for tr in soup.select(".data-table tbody tr")}
    assert "Seizures (fits) (can happen with either)" in rows
    assert "Skin" in rows and "(can happen" not in "".join(k for k in rows if k.startswith("Skin"))


def test_context_rows_carry_no_tier():
    soup = BeautifulSoup(chart(), "html.parser")
    rows = {squash(tr.th.get_text()): squash(tr.get_text(" ")) for tr in soup.select(".data-table tbody tr")}
    assert "Non-urgent" not in rows["Common causes"] and "Non-urgent" not in rows["How fast it starts"]
    assert "(Non-urgent)" in rows["Stomach"]
    assert "No typical sign" in rows["Skin"]


def test_clinic_wording_reaches_the_chart():
    soup = BeautifulSoup(chart(number="112", team="the Example Clinic pump team"), "html.parser")
    legend = squash(soup.select_one(".sym-legend").get_text(" "))
    assert "Call 112 now" in legend and "Call the Example Clinic pump team today" in legend
    assert "911" not in str(soup)


def test_chart_twice_has_unique_ids_and_no_blank_lines():
    ids = IdMaker("risks")
    html = chart(ids) + chart(ids)
    assert not re.search(r"\n\s*\n", html)
    counts = Counter(t["id"] for t in BeautifulSoup(html, "html.parser").select("[id]"))
    assert all(n == 1 for n in counts.values()), counts
    refs = re.findall(r'aria-(?:labelledby|describedby)="([^"]+)"', html) + re.findall(r"url\(#([^)]+)\)", html)
    assert refs and all(r in counts for r in refs)


def test_three_cards_with_fixed_heading_ids():
    soup = BeautifulSoup(cards(), "html.parser")
    heads = soup.find_all("h2")
    assert [h["id"] for h in heads] == ["call-now", "call-today", "book-a-refill"]
    assert [squash(h.get_text()) for h in heads] == ["Emergency advice: Call 911 now if:",
                                                     "Urgent advice: Call your pump team today if:",
                                                     "Non-urgent advice: Book a refill if:"]
    kinds = [d["class"] for d in soup.select("div.care-card")]
    assert [k[-1] for k in kinds] == ["emergency", "urgent", "routine"]
    assert all(h.parent.name == "div" and "care-card" in h.parent["class"] for h in heads)


def test_card_items_match_the_chart_tiers():
    soup = BeautifulSoup(cards(), "html.parser")
    lists = [[li.get_text() for li in card.find_all("li")] for card in soup.select("div.care-card")]
    emergency = [s.sign for f in SYM.features for s in f.withdrawal + f.overdose if s.tier == "emergency"]
    assert lists[0] == list(dict.fromkeys(emergency))          # seizure once, though it is on both sides
    assert lists[0].count("Seizure") == 1
    assert "Slow or shallow breathing" in lists[0] and "High temperature (fever)" in lists[0]
    assert "Itching, often with no rash" in lists[1]
    assert "You hear the two-tone (critical) alarm: call straight away, day or night" in lists[1]
    assert lists[2] == ["You hear the single-tone (non-critical) alarm",
                        "Your next refill is due soon and you have no appointment"]
    assert "Feeling sick or being sick" not in sum(lists, [])    # a watch-tier body sign is not a refill reason
    assert card_items(SYM, "watch")[-2:] == lists[2]


def test_cards_use_the_clinic_wording_and_escape_it():
    html = cards(number="112", team="the <Example> Clinic pump team")
    soup = BeautifulSoup(html, "html.parser")
    assert squash(soup.find(id="call-now").get_text()).endswith("Call 112 now if:")
    assert "Call the <Example> Clinic pump team today if:" in soup.find(id="call-today").get_text()
    assert "<Example>" not in html and "&lt;Example&gt;" in html


def test_cards_twice_get_distinct_ids():
    anchors = IdMaker("")
    soup = BeautifulSoup(cards(anchors) + cards(anchors), "html.parser")
    assert [h["id"] for h in soup.find_all("h2")] == ["call-now", "call-today", "book-a-refill",
                                                      "call-now-2", "call-today-2", "book-a-refill-2"]


def test_placeholders():
    assert fill("Call {emergency_number} or {pump_team}", "999", "the X pump team") == "Call 999 or the X pump team"
    with pytest.raises(ValueError, match=r"unknown placeholder \{doctor\}"):
        fill("Call {doctor}", "911", "your pump team")
    tiers = [t.model_copy(update={"label": "Call {ambulance} now"}) if t.id == "emergency" else t for t in SYM.tiers]
    with pytest.raises(ValueError, match=r"data/symptoms.yml: unknown placeholder \{ambulance\}"):
        cards(symptoms=SYM.model_copy(update={"tiers": tiers}))


def test_a_card_with_nothing_to_list_fails_loudly():
    no_watch = SYM.model_copy(update={"other_reasons": [r for r in SYM.other_reasons if r.tier != "watch"]})
    with pytest.raises(ValueError, match="'Book a refill if:' card has no items"):
        cards(symptoms=no_watch)


@pytest.mark.parametrize("change, message", [
    (lambda d: d["features"][0]["withdrawal"][0].pop("tier"),
     "data/symptoms.yml: features[0]: every sign needs a tier (emergency, urgent or watch); "
     "'Your usual stiffness or spasms come back' has none"),
    (lambda d: [f for f in d["features"] if f["id"] == "onset"][0]["withdrawal"][0].update(tier="watch"),
     "a context row (kind: context) gives background, not signs: remove its tiers"),
])
def test_symptom_kinds_are_validated(tmp_path, change, message):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    raw = yaml.safe_load((data / "symptoms.yml").read_text())
    change(raw)
    (data / "symptoms.yml").write_text(yaml.safe_dump(raw, sort_keys=False))
    with pytest.raises(DataError) as exc:
        load_site_data(data)
    assert message in str(exc.value)
