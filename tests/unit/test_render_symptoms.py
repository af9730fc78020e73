"""The danger signs (macros/render_symptoms.py): the diverging chart, the care cards and the alarm meanings
render from the same data/symptoms.yml and data/alarms.yml, with the clinic's wording filled in."""
from __future__ import annotations

import re
import shutil
from collections import Counter

import pytest
import yaml
from bs4 import BeautifulSoup

from helpers import ROOT, cite_numbers
from macros.data import DataError, load_site_data
from macros.html import IdMaker
from macros.render_symptoms import (Phones, alarm_meanings, card_items, danger_signs_card, emergency_care_cards, fill,
                                    signs_list, symptom_comparison_chart, tier_items)

SITE = load_site_data(ROOT / "data")
SYM = SITE.symptoms


def chart(ids=None, number="911", team="your pump team", symptoms=SYM):
    return symptom_comparison_chart(symptoms, ids or IdMaker("risks"), emergency_number=number, pump_team=team,
                                    cite=cite_numbers)


def cards(anchors=None, number="911", team="your pump team", symptoms=SYM, alarms=SITE.alarms, phones=None):
    return emergency_care_cards(symptoms, anchors or IdMaker(""), emergency_number=number, pump_team=team,
                                alarms=alarms, phones=phones, values={"replacement_warning_days": "90"})


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
    assert len(width["emergency"]) == 1 and len(width["urgent"]) == 1
    assert width["watch"] == set()   # no body sign is "book a visit": the third tier is the refill/alarm card
    assert width["emergency"].pop() > width["urgent"].pop()
    urgent = [b for b in bars if "c-sym-urgent" in b["class"]]
    assert all(b["fill"].startswith("url(#") for b in urgent)   # hatched pattern, not colour alone
    tiers = {t.get_text() for t in wide.select("text.c-tier")}
    assert tiers == {"Emergency", "Urgent"}
    legend = [squash(li.get_text()) for li in soup.select(".sym-legend li")]
    # The three tiers are the three cards: the same words as the card headings.
    assert legend[:3] == ["Emergency: Call 911 now", "Urgent: Call your pump team straight away, day or night",
                          "Non-urgent: Call your pump team to book a visit"]


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
    assert "Seizures (can happen with either)" in rows
    assert "Skin" in rows and "(can happen" not in "".join(k for k in rows if k.startswith("Skin"))


def test_context_rows_carry_no_tier():
    soup = BeautifulSoup(chart(), "html.parser")
    rows = {squash(tr.th.get_text()): squash(tr.get_text(" ")) for tr in soup.select(".data-table tbody tr")}
    assert "Non-urgent" not in rows["Common causes"] and "Non-urgent" not in rows["How fast it starts"]
    assert "(Urgent)" in rows["Stomach"]
    assert "No typical sign" in rows["Skin"]


def test_clinic_wording_reaches_the_chart():
    soup = BeautifulSoup(chart(number="112", team="the Example Clinic pump team"), "html.parser")
    legend = squash(soup.select_one(".sym-legend").get_text(" "))
    assert "Call 112 now" in legend and "Call the Example Clinic pump team straight away, day or night" in legend
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
    assert [squash(h.get_text()) for h in heads] == ["Emergency advice: Call 911 now",
                                                     "Urgent advice: Call your pump team straight away, day or night",
                                                     "Non-urgent advice: Call your pump team to book a visit"]
    kinds = [d["class"] for d in soup.select("div.care-card")]
    assert [k[-1] for k in kinds] == ["emergency", "urgent", "routine"]
    assert all(h.parent.name == "div" and "care-card" in h.parent["class"] for h in heads)


def test_headings_call_the_number_when_it_is_known():
    soup = BeautifulSoup(cards(), "html.parser")
    links = [h.find("a") for h in soup.find_all("h2")]
    assert links[0]["href"] == "tel:911" and links[0].get_text() == "Call 911 now"
    assert links[1] is None and links[2] is None      # no pump-team number in the generic build
    soup = BeautifulSoup(cards(team="the Example pump team",
                               phones=Phones("112", pump_team="555-0100", after_hours="555-0199")), "html.parser")
    links = [h.find("a") for h in soup.find_all("h2")]
    assert [a["href"] for a in links] == ["tel:112", "tel:5550100", "tel:5550100"]
    assert links[1].get_text() == "Call the Example pump team straight away, day or night"
    after = soup.select_one(".care-card.urgent .care-card__after-hours")
    assert after.a["href"] == "tel:5550199"


# (a) The expected lists are written out by hand from clinical-facts.md §7, §8, §9 and §13 and the label's
# boxed warning; they are not computed with the code's own filter.
EMERGENCY = [
    "Slow, shallow or difficult breathing",
    "Very sleepy, confused or hard to wake",
    "A seizure",
    "A high fever",
    "Rigid or much stiffer muscles",
    "Confused, agitated or seeing things",
    "Fainting or collapse",
    "Floppiness spreading up the body",
    "Low body temperature",
    "A racing heartbeat",
    "A very slow heartbeat",
]
URGENT = [
    "You hear the two-tone alarm (the medicine may have stopped)",
    "You missed a refill, or the alarm date on your printout has passed",
    "Your usual stiffness or spasms come back",
    "Itching, often with no rash",
    "Dizzy, light-headed or feeling faint",
    "Drowsy, or sleepier than usual",
    "Unusual weakness or floppiness",
    "Tingling or pins and needles",
    "Grumpy or irritable for no clear reason, mainly in children",
    "Nausea or throwing up",
]
BOOK_A_VISIT = [
    "You hear the single-tone alarm (the pump is low, or its battery is running down)",
    "Your next refill is due soon and you have no visit booked",
]


def test_each_tier_lists_exactly_these_signs_most_serious_first():
    assert card_items(SYM, "emergency", SITE.alarms) == EMERGENCY
    assert card_items(SYM, "urgent", SITE.alarms) == URGENT
    assert card_items(SYM, "watch", SITE.alarms) == BOOK_A_VISIT
    # The label's four severe withdrawal signs are each an emergency on their own [L1].
    for severe in ("A high fever", "Confused, agitated or seeing things",
                   "Rigid or much stiffer muscles"):
        assert severe in EMERGENCY
    # Low blood pressure is two different signs, one per tier.
    assert "Fainting or collapse" in EMERGENCY and "Dizzy, light-headed or feeling faint" in URGENT


def test_every_wording_has_one_tier_across_the_cards():
    everything = EMERGENCY + URGENT + BOOK_A_VISIT
    assert len(everything) == len(set(everything))
    soup = BeautifulSoup(cards(), "html.parser")
    text = {k: squash(c.get_text(" ")) for k, c in zip(("emergency", "urgent", "watch"), soup.select("div.care-card"))}
    for tier, signs in (("emergency", EMERGENCY), ("urgent", URGENT), ("watch", BOOK_A_VISIT)):
        for sign in signs:
            others = [t for t in text if t != tier]
            assert all(sign.lower() not in text[o].lower() for o in others), (sign, tier)


def test_cards_show_the_most_serious_as_bullets_and_name_the_rest():
    soup = BeautifulSoup(cards(), "html.parser")
    emergency, urgent, watch = soup.select("div.care-card")
    assert [li.get_text() for li in emergency.select("ul li")] == EMERGENCY[:6]
    also = squash(emergency.select_one(".care-card__also").get_text())
    assert also == ("Also call for: fainting or collapse; floppiness spreading up the body; low body temperature; "
                    "a racing heartbeat; a very slow heartbeat.")
    assert [li.get_text() for li in urgent.select("ul li")] == URGENT[:5]
    assert "grumpy or irritable for no clear reason, mainly in children" in urgent.select_one(".care-card__also").get_text()
    assert [li.get_text() for li in watch.select("ul li")] == BOOK_A_VISIT and not watch.select(".care-card__also")
    assert emergency.select_one(".care-card__catch-all") and urgent.select_one(".care-card__catch-all")
    assert all(len(c.select("li")) <= 6 for c in (emergency, urgent, watch))


def test_a_subset_card_links_to_the_rest():
    html = danger_signs_card(SYM, "emergency", emergency_number="911", pump_team="your pump team", limit=4,
                             also=False, more_href="emergency/#call-now")
    soup = BeautifulSoup(html, "html.parser")
    assert [li.get_text() for li in soup.select("li")] == EMERGENCY[:4]
    more = soup.select_one(".care-card__more a")
    assert more["href"] == "emergency/#call-now" and more.get_text() == "All 11 signs that mean: Call 911 now"
    assert soup.find("h2").a["href"] == "tel:911"


def test_wound_card_and_its_pointer_to_the_fever_sign():
    html = danger_signs_card(SYM, "urgent", emergency_number="911", pump_team="your pump team", group="wound",
                             refer=("high-fever",), level=3)
    soup = BeautifulSoup(html, "html.parser")
    assert [li.get_text() for li in soup.select("li")] == [
        "Fluid leaks from either cut", "A cut starts to open", "A cut, or the skin over the pump, turns red or firm",
        "Swelling or fluid near the pump or the back wound is getting worse"]
    assert squash(soup.select_one(".care-card__refer").get_text()) == "A high fever? Call 911 now."
    assert soup.find("h3") is not None and not soup.find("h3").get("id")
    with pytest.raises(ValueError, match=r"no sign with id 'fever' \(known: high-fever\)"):
        danger_signs_card(SYM, "urgent", emergency_number="911", pump_team="x", group="wound", refer=("fever",))


def test_alarm_meanings_give_each_alarm_its_cards_words():
    html = alarm_meanings(SITE.alarms, SYM, emergency_number="911", pump_team="your pump team",
                          replacement_warning_days=90)
    two, single = BeautifulSoup(html, "html.parser").select(".itb-alarm-text")
    assert "Two-tone alarm" in two.get_text() and "Call your pump team straight away, day or night." in two.get_text()
    text = squash(single.get_text(" "))
    assert "Call your pump team to book a visit." in text
    assert "low reservoir" in text and "Book a refill." in text
    assert "run out in about 90 days" in text and "Book a new pump." in text
    # One list of causes: every cause in data/alarms.yml, as on /maintenance/ (not only those with an action),
    # behind a closed "What can cause it" (the page still fits a phone).
    for alarm, block in zip(sorted(SITE.alarms.alarms, key=lambda a: a.kind), (two, single)):
        assert len(block.select("details:not([open]) li")) == len(alarm.causes), alarm.id
    assert "small fault in its memory" in text
    # One list of causes: every cause in data/alarms.yml, as on /maintenance/ (not only those with an action).
    for alarm, block in zip(sorted(SITE.alarms.alarms, key=lambda a: a.kind), (two, single)):
        assert len(block.select("li")) == len(alarm.causes), alarm.id
    assert "small fault in its memory" in text


def test_signs_lists_by_side_and_tier():
    html = signs_list(SYM, "withdrawal", "emergency", emergency_number="911", pump_team="your pump team")
    soup = BeautifulSoup(html, "html.parser")
    assert squash(soup.p.get_text()) == "Call 911 now:"
    assert [li.get_text() for li in soup.select("li")] == [
        "A seizure", "A high fever", "Rigid or much stiffer muscles",
        "Confused, agitated or seeing things", "Fainting or collapse", "A racing heartbeat"]
    html = signs_list(SYM, "overdose", emergency_number="911", pump_team="your pump team")
    items = [squash(li.get_text()) for li in BeautifulSoup(html, "html.parser").select("li")]
    assert items[0] == "Slow, shallow or difficult breathing: Call 911 now"
    assert items[-1] == "Nausea or throwing up: Call your pump team straight away, day or night"


def test_cards_use_the_clinic_wording_and_escape_it():
    html = cards(number="112", team="the <Example> Clinic pump team")
    soup = BeautifulSoup(html, "html.parser")
    assert squash(soup.find(id="call-now").get_text()).endswith("Call 112 now")
    assert "Call the <Example> Clinic pump team straight away, day or night" in soup.find(id="call-today").get_text()
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
    with pytest.raises(ValueError, match="'Call your pump team to book a visit' card \\(body signs\\) has no items"):
        cards(symptoms=no_watch, alarms=None)


def test_two_items_with_one_rank_fail_loudly():
    reasons = [r.model_copy(update={"rank": 1}) if r.tier == "urgent" else r for r in SYM.other_reasons]
    with pytest.raises(ValueError, match=r"data/alarms.yml: alarms\[two-tone\]: rank 1 in tier urgent is also used by "
                                         r"data/symptoms.yml: other_reasons\[0\]"):
        tier_items(SYM.model_copy(update={"other_reasons": reasons}), "urgent", SITE.alarms)


@pytest.mark.parametrize("change, message", [
    (lambda d: d["features"][0]["withdrawal"][0].pop("tier"),
     "data/symptoms.yml: features[0]: every sign needs a tier (emergency, urgent or watch); "
     "'Your usual stiffness or spasms come back' has none"),
    (lambda d: [f for f in d["features"] if f["id"] == "onset"][0]["withdrawal"][0].update(tier="watch"),
     "a context row (kind: context) gives background, not signs: remove its tiers"),
    # One wording, one tier: "A seizure" moved to urgent on one side only.
    (lambda d: [f for f in d["features"] if f["id"] == "seizures"][0]["overdose"][0].update(tier="urgent"),
     "'A seizure' has tier urgent rank 3, but features[3].withdrawal[0] gives the same words tier emergency rank 3: "
     "one wording, one tier"),
    (lambda d: d["wound_signs"].append({"sign": "A high fever", "tier": "urgent", "rank": 9, "sources": ["P3"]}),
     "wound_signs: 'A high fever' is also a body sign: one wording, one place"),
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
