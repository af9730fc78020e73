"""The refill planner's HTML and the settings it hands to the JavaScript (macros/render_planner.py)."""
from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from helpers import ROOT
from macros.data import load_site_data
from macros.html import IdMaker
from macros.render_planner import dec, record_href, refill_planner, relative_url

SITE = load_site_data(ROOT / "data")


def render(ids=None, team="your pump team", record=""):
    return refill_planner(SITE.pumps, SITE.drug, SITE.refill, ids or IdMaker("refill-planner"), team,
                          "Baclofen Pump Handbook", record_href=record)


def config_of(html):
    return json.loads(BeautifulSoup(html, "html.parser").select_one("script.itb-refill-config").string)


def test_config_names_the_public_page_for_copy_link_from_disk():
    # Issue 23: "Copy link" in the offline copy (file://) copies the public address when the build knew one,
    # else it says the link only works on this computer, never a file:/// path.
    local = config_of(render())
    assert local["publicPage"] is None
    assert local["fileLinkNote"] == ("This copy of the handbook is on your computer, so a link to it only works "
                                     "on this computer. Write the numbers down to share them.")
    html = refill_planner(SITE.pumps, SITE.drug, SITE.refill, IdMaker("x"), "your pump team", "Site",
                          public_page="https://pump-handbook.org/refill-planner/")
    assert config_of(html)["publicPage"] == "https://pump-handbook.org/refill-planner/"


def test_config_carries_the_data():
    cfg = config_of(render())
    pumps = {p["id"]: p for p in cfg["pumps"]}
    assert pumps["synchromed-ii-40"] == {"id": "synchromed-ii-40", "name": "SynchroMed II 40 mL", "reservoir": "40",
                                         "alarm": "2", "alarmNote": None, "minFlow": "0.048"}
    assert pumps["prometra-ii-20"]["alarm"] is None and pumps["prometra-ii-20"]["minFlow"] is None
    assert "not found" in pumps["prometra-ii-20"]["alarmNote"]
    assert cfg["concs"] == ["500", "1000", "2000"] and cfg["maxListedConc"] == "2000"
    assert (cfg["margin"], cfg["cap"]) == (7, 180)
    assert cfg["usual"] == [["24", "1199"]] and cfg["limitedAbove"] == "1000"
    assert cfg["limits"]["dose"] == ["1", "10000"] and cfg["limits"]["vol"] == ["0.001", "100"]


def test_messages_use_the_clinic_wording_and_give_no_dosing_advice():
    cfg = config_of(render(team="the Example Clinic pump team"))
    assert cfg["warnings"]["dose_unusual"] == ("This is outside the usual range — check the number with "
                                               "the Example Clinic pump team.")
    assert "the Example Clinic pump team" in cfg["messages"]["alarm_at_fill"]
    texts = " ".join(list(cfg["warnings"].values()) + list(cfg["messages"].values())).lower()
    for advice in ("increase your dose", "lower your dose", "you should take", "change your dose"):
        assert advice not in texts
    assert "{min_flow}" in cfg["warnings"]["below_min_flow"] and "{margin}" in cfg["warnings"]["within_margin"]


def test_form_fields_are_labelled_described_and_hidden_without_javascript():
    soup = BeautifulSoup(render(), "html.parser")
    form = soup.select_one("form")
    assert form.has_attr("hidden") and form.has_attr("novalidate")
    names = [c["data-field"] for c in form.select("[data-field]")]
    assert names == ["pump", "reservoir", "vol", "alarm", "concChoice", "conc", "dose", "filled", "margin"]
    for control in form.select("[data-field]"):
        assert soup.select_one(f'label[for="{control["id"]}"]') is not None
        error = soup.find(id=control["aria-describedby"].split()[-1])
        assert error["aria-live"] == "polite" and error["data-error-for"] == control["data-field"]
        if control.name == "input" and control["type"] == "text":
            assert control["inputmode"] == "decimal" and not control.has_attr("min")
    assert soup.select_one('[data-role="nojs"]') is not None
    assert "printout from your clinic’s programmer" in soup.select_one('[data-role="result"]').get_text()
    assert [o["value"] for o in form.select('[data-field="pump"] option')] == [
        "", "synchromed-ii-20", "synchromed-ii-40", "prometra-ii-20", "prometra-ii-40", "custom"]


def test_twice_on_a_page_gives_unique_ids_and_no_blank_lines():
    ids = IdMaker("refill-planner")
    html = render(ids) + render(ids)
    assert not re.search(r"\n\s*\n", html)
    counts = Counter(t["id"] for t in BeautifulSoup(html, "html.parser").select("[id]"))
    assert all(n == 1 for n in counts.values()), counts
    refs = re.findall(r'(?<![\w-])(?:for|aria-describedby)="([^"]+)"', html)
    assert len(refs) > 20 and all(r in counts for ref in refs for r in ref.split())


def test_config_script_cannot_be_closed_by_data():
    pumps = {k: v.model_copy(update={"name": "</script><script>alert(1)</script>"}) for k, v in SITE.pumps.items()}
    html = refill_planner(pumps, SITE.drug, SITE.refill, IdMaker("x"), "your pump team", "Site")
    script = html[html.index('<script type="application/json"'):]
    assert "</script><script>" not in script.split("</script>", 1)[0]
    assert config_of(html)["pumps"][0]["name"] == "</script><script>alert(1)</script>"


def test_pump_record_link():
    assert 'data-role="record"' not in render()
    soup = BeautifulSoup(render(record="../pump-record/"), "html.parser")
    assert soup.select_one('a[data-role="record"]')["href"] == "../pump-record/"
    assert relative_url("pump-record/", "refill-planner/") == "../pump-record/"
    assert relative_url("pump-record.html", "refill-planner.html") == "pump-record.html"
    assert relative_url("pump-record/", "") == "pump-record/"
    assert record_href(ROOT / "docs", True, "refill-planner/") == "../pump-record/"
    assert record_href(ROOT / "macros", True, "refill-planner/") == ""


def test_decimal_strings_for_the_javascript():
    assert [dec(20), dec(0.048), dec(2.5), dec("1199")] == ["20", "0.048", "2.5", "1199"]
    with pytest.raises(ValueError, match="more than 3 decimal places"):
        dec("0.0001")


# ---------------------------------------------------------------- one definition of the link keys and limits

def test_link_keys_limits_and_date_range_reach_the_javascript_from_one_place():
    import macros.render_planner as rp
    cfg = config_of(render())
    assert cfg["keys"] == ["pump", "reservoir", "vol", "alarm", "conc", "dose", "filled", "margin"]
    assert cfg["dateRange"] == ["2000-01-01", "2099-12-31"]
    assert cfg["limits"]["margin"] == ["0", "90"] and cfg["limits"]["reservoir"] == ["1", "100"]
    assert not hasattr(rp, "FIELDS")  # the dead copy is gone
    from macros import render_clinics
    from macros.planner_links import KEY_NAMES
    assert render_clinics.PLANNER_PARAMS is KEY_NAMES


def test_settings_table_is_rendered_from_the_same_definitions():
    from macros.planner_links import settings_table_html
    soup = BeautifulSoup(settings_table_html(SITE.pumps), "html.parser")
    rows = [[td.get_text() for td in tr.select("td")] for tr in soup.select("tbody tr")]
    assert [r[0] for r in rows] == ["pump", "reservoir", "vol", "alarm", "conc", "dose", "filled", "margin"]
    allowed = {r[0]: r[2] for r in rows}
    assert allowed["pump"] == "synchromed-ii-20, synchromed-ii-40, prometra-ii-20, prometra-ii-40, custom"
    assert allowed["dose"] == "1 to 10,000 mcg a day"
    assert allowed["vol"] == "0.001 to 100 mL"
    assert allowed["margin"] == "0 to 90 days"
    assert allowed["filled"] == "A real date from 2000-01-01 to 2099-12-31"
    assert "\n" not in settings_table_html(SITE.pumps)


def test_every_message_and_state_is_plain_and_names_the_clinic():
    cfg = config_of(render(team="the Example Clinic pump team"))
    assert cfg["messages"]["mg"] == "Did you mean {mcg} mcg? Doses are in micrograms (mcg), not milligrams (mg)."
    assert cfg["messages"]["date_range"].startswith("Enter a date from 2000 through 2099.")
    # how soon: the actions table's words (data/actions.yml missed-refill, refill-due-no-visit), one voice
    assert cfg["states"]["alarm_past"] == ("Your alarm date has passed or is today. Call the Example Clinic pump team "
                                           "straight away, day or night.")
    assert cfg["states"]["book_now"] == ("The alarm is due within your safety margin. Call the Example Clinic pump "
                                         "team to book a visit. Do not wait for the alarm.")
    assert "team today" not in " ".join(cfg["states"].values())
    assert cfg["notices"]["not_understood"] == "Parts of this link were not understood, so they were not used."
    assert "{list}" in cfg["notices"]["used_not"]


def test_mg_typed_for_mcg_and_a_zero_margin_in_python():
    from macros.refill import looks_like_mg, plan, RefillInputError
    usual = [(24, 1199)]
    assert looks_like_mg("0.4", usual) and looks_like_mg("1.199", usual)
    assert not looks_like_mg("1.2", usual) and not looks_like_mg("24", usual) and not looks_like_mg("0.01", usual)
    with pytest.raises(RefillInputError, match="did you mean 400 mcg"):
        plan(filled_ml=20, alarm_ml=2, conc=2000, dose="0.4", margin_days=7, cap_days=180, usual_ranges=usual)
    p = plan(filled_ml=20, alarm_ml=2, conc=500, dose=300, margin_days=0, cap_days=180, usual_ranges=usual)
    assert (p.refill_by_days, p.warnings) == (30, ("margin_zero",))


def test_date_fields_carry_the_one_date_range():
    from macros import render_clinics
    planner_date = BeautifulSoup(render(), "html.parser").select_one('input[type="date"]')
    builder_date = BeautifulSoup(render_clinics.link_builder_html(SITE.pumps, [500], "https://x.example/", {"margin": 7},
                                                                  IdMaker("c")), "html.parser").select_one('input[type="date"]')
    for control in (planner_date, builder_date):
        assert (control["min"], control["max"]) == ("2000-01-01", "2099-12-31")


# ---------------------------------------------------------------- a refill date after today (issue 23)

def test_the_days_a_refill_date_may_be_ahead_come_from_the_data():
    cfg = config_of(render())
    assert cfg["maxDaysAhead"] == SITE.refill.max_interval_days.value == 180
    cap = SITE.refill.max_interval_days.model_copy(update={"value": 120})
    other = SITE.refill.model_copy(update={"max_interval_days": cap})
    html = refill_planner(SITE.pumps, SITE.drug, other, IdMaker("refill-planner"), "your pump team", "Site")
    assert config_of(html)["maxDaysAhead"] == 120


def test_the_future_date_words_name_the_date_and_say_to_check_the_year():
    cfg = config_of(render())
    assert cfg["warnings"]["filled_future"] == (
        "This refill date, {filled}, hasn't happened yet. The dates below start from it. If your last refill has "
        "already happened, check the year.")
    assert cfg["messages"]["filled_too_far"].startswith("This date is more than {max} days after today. Check the year")
    assert "{filled}" in cfg["messages"]["ics_future"] and "check the year" in cfg["messages"]["ics_future"]


# ---------------------------------------------------------------- issue 18: long empty, and "about" from one rule

def test_long_empty_asks_first_and_its_threshold_reaches_the_javascript():
    from macros.refill import LONG_EMPTY_DAYS
    cfg = config_of(render(team="the Example Clinic pump team"))
    assert cfg["longEmptyDays"] == LONG_EMPTY_DAYS == 7
    assert cfg["states"]["long_empty"].startswith("Has the pump been refilled since {filled}?")
    assert "{days}" in cfg["states"]["long_empty"]
    assert cfg["states"]["long_empty_link"] == "If it has, enter the date of the latest refill."


def test_the_cap_in_months_is_worked_out_from_the_cap():
    cfg = config_of(render())
    assert "within about 180 days (about 6 months)" in cfg["warnings"]["capped"]
    cap = SITE.refill.max_interval_days.model_copy(update={"value": 90})
    other = SITE.refill.model_copy(update={"max_interval_days": cap})
    html = refill_planner(SITE.pumps, SITE.drug, other, IdMaker("refill-planner"), "your pump team", "Site")
    assert "within about 90 days (about 3 months)" in config_of(html)["warnings"]["capped"]


def test_the_printout_sentence_is_at_body_size_and_the_working_is_an_aside():
    soup = BeautifulSoup(render(), "html.parser")
    result = soup.select_one('[data-role="result"]')
    printout = result.find("strong", string=re.compile("Your real date is on the printout"))
    assert printout is not None and printout.parent.get("class") == ["itb-planner__printout"]
    how = result.select_one('details[data-role="how"]')
    assert how is not None and not how.has_attr("open") and how.summary.get_text() == "How this works"
    assert how.select_one('[data-role="working"]') is not None
