"""The refill planner in the browser: worked examples through the form, bad input, deep links, hostile
fragments, the .ics reminder, JavaScript off, axe in each state, and 1,000+ inputs where the JavaScript
must agree exactly with macros/refill.py."""
from __future__ import annotations

import datetime as dt
import random
import re
from fractions import Fraction

import pytest

from helpers import ROOT, axe_violations, describe_violations
from macros.data import load_site_data
from macros.refill import RefillInputError, plan

PATH = "refill-planner/"
SITE = load_site_data(ROOT / "data")
CONCS = [c.mcg_per_ml for c in SITE.drug.concentrations.refill]
USUAL = tuple((m.range.min, m.range.max) for m in SITE.drug.maintenance_mcg_per_day)
RULES = dict(margin_days=int(SITE.refill.default_margin_days.value), cap_days=int(SITE.refill.max_interval_days.value),
             usual_ranges=USUAL, limited_above=SITE.drug.limited_experience_above_mcg_per_day.value,
             max_listed_conc=max(CONCS))
FILLED = dt.date(2026, 11, 20)


def planner(page):
    return page.locator("[data-itb-planner]").first


def field(page, name):
    return planner(page).locator(f'[data-field="{name}"]')


def fill_form(page, pump="", reservoir=None, vol=None, alarm=None, conc=None, dose=None, filled=FILLED.isoformat(),
              margin=None, submit=True):
    if pump:
        field(page, "pump").select_option(pump)
    for name, value in (("reservoir", reservoir), ("vol", vol), ("alarm", alarm), ("dose", dose),
                        ("filled", filled), ("margin", margin)):
        if value is not None:
            field(page, name).fill(str(value))
    if conc is not None:
        if str(conc) in {str(c) for c in CONCS}:
            field(page, "concChoice").select_option(str(conc))
        else:
            field(page, "concChoice").select_option("custom")
            field(page, "conc").fill(str(conc))
    if submit:
        planner(page).get_by_role("button", name="Work out my dates").click()


def results(page) -> dict[str, str]:
    dl = planner(page).locator('[data-role="numbers"]')
    terms = dl.locator("dt").all_inner_texts()
    values = dl.locator("dd").all_inner_texts()
    return dict(zip(terms, values))


def times(page) -> list[str]:
    return planner(page).locator('[data-role="numbers"] time').evaluate_all("els => els.map(e => e.dateTime)")


def warning_texts(page) -> list[str]:
    return planner(page).locator('[data-role="warnings"] li').all_inner_texts()


# (pump, vol, alarm, conc, dose) for the fact sheet's 8 worked examples (§14), then what it expects
WORKED = [
    (("synchromed-ii-40", None, None, 2000, 400), 190, 180, 200, ["capped"]),
    (("synchromed-ii-20", None, None, 500, 300), 30, 23, 33, []),
    (("synchromed-ii-40", None, None, 1000, 500), 76, 69, 80, []),
    (("synchromed-ii-20", None, 4, 2000, 800), 40, 33, 50, []),
    (("synchromed-ii-20", None, None, 2000, 350), 102, 95, 114, []),
    (("synchromed-ii-40", 30, None, 2000, 600), 93, 86, 100, []),                   # part-filled
    (("synchromed-ii-20", None, None, 1000, 400), 45, 38, 50, []),                  # flex: 300 + 2 x 50
    (("synchromed-ii-40", None, None, 2000, 90), 844, 180, 888, ["below_min_flow", "capped"]),
]


@pytest.mark.parametrize("inputs, alarm_days, refill_by, empty_days, codes", WORKED,
                         ids=[f"example-{i}" for i in range(1, 9)])
def test_worked_examples_through_the_form(open_page, inputs, alarm_days, refill_by, empty_days, codes):
    pump, vol, alarm, conc, dose = inputs
    page = open_page(PATH)
    fill_form(page, pump=pump, vol=vol, alarm=alarm, conc=conc, dose=dose)
    shown = results(page)
    assert f"({alarm_days} days after the refill" in shown["Low-reservoir alarm"]
    assert f"({refill_by} days after the refill" in shown["Suggested refill by"]
    assert f"({empty_days} days after the refill" in shown["Pump empty"]
    day = lambda n: (FILLED + dt.timedelta(days=n)).isoformat()  # noqa: E731
    assert times(page) == [day(alarm_days), day(refill_by), day(empty_days)]
    warnings = warning_texts(page)
    assert len(warnings) == len(codes)
    if "below_min_flow" in codes:
        assert any("smallest amount the pump can deliver (0.048 mL a day)" in w for w in warnings)
    if "capped" in codes:
        assert any("set at 180 days" in w for w in warnings)
    working = planner(page).locator('[data-role="working"]').inner_text()
    assert f"lasts {alarm_days:,} whole days" in working
    assert "printout from your clinic" in planner(page).locator('[data-role="result"]').inner_text()


def test_working_sentence_and_rate(open_page):
    page = open_page(PATH)
    fill_form(page, pump="synchromed-ii-40", vol=30, conc=2000, dose=600)
    working = planner(page).locator('[data-role="working"]').inner_text()
    assert working == ("How this was worked out: 28 mL can be used before the alarm (30 mL filled minus the 2 mL "
                       "alarm volume), and at 0.3 mL a day (600 mcg a day ÷ 2,000 mcg/mL) that lasts 93 whole days.")
    fill_form(page, conc=1500, dose=400)
    assert results(page)["Medicine used each day"] == "about 0.267 mL a day"


def test_dose_outside_the_usual_range_is_a_plain_warning(open_page):
    page = open_page(PATH)
    fill_form(page, pump="synchromed-ii-20", conc=2000, dose=1500)
    assert any("outside the usual range — check the number with your pump team" in w for w in warning_texts(page))
    fill_form(page, dose=1100)
    assert any("above 1,000 mcg a day" in w for w in warning_texts(page))
    fill_form(page, dose=400)
    assert warning_texts(page) == []


# (form values, field whose message shows, words of the message)
BAD = [
    (dict(dose=""), "dose", "Enter the daily dose"),
    (dict(dose="0"), "dose", "must be more than 0"),
    (dict(dose="-400"), "dose", "must be more than 0"),
    (dict(dose="four hundred"), "dose", "Enter a number"),
    (dict(dose="400mcg"), "dose", "Enter a number"),
    (dict(dose="1e3"), "dose", "Enter a number"),
    (dict(dose="99999999999"), "dose", "far too big"),
    (dict(dose="50000"), "dose", "far too big"),
    (dict(dose="0.5"), "dose", "too small"),
    (dict(dose="400.1234"), "dose", "3 digits after the decimal point"),
    (dict(vol="50"), "vol", "more than the pump holds (40 mL)"),
    (dict(vol="0"), "vol", "must be more than 0"),
    (dict(vol="abc"), "vol", "Enter a number"),
    (dict(alarm="40"), "alarm", "alarm would sound straight away"),
    (dict(alarm="-2"), "alarm", "must be more than 0"),
    (dict(vol="2", alarm="2"), "alarm", "same as or more than the volume filled"),
    (dict(conc="0"), "conc", "must be more than 0"),
    (dict(conc="<b>x</b>"), "conc", "Enter a number"),
    (dict(conc="Infinity"), "conc", "Enter a number"),
    (dict(conc="NaN"), "conc", "Enter a number"),
    (dict(filled=""), "filled", "Enter the date of the last refill"),
    (dict(margin="2.5"), "margin", "whole days"),
    (dict(margin="-1"), "margin", "cannot be less than 0"),
    (dict(margin="400"), "margin", "far too big"),
    (dict(pump="custom", reservoir="0"), "reservoir", "must be more than 0"),
    (dict(pump="custom", reservoir=""), "reservoir", "Enter the size of the pump"),
    (dict(pump="custom", reservoir="5000"), "reservoir", "far too big"),
]


@pytest.mark.parametrize("values, name, words", BAD, ids=[f"{n}={v.get(n, '')!r}" for v, n, _ in BAD])
def test_bad_input_shows_a_message_and_no_numbers(open_page, values, name, words):
    page = open_page(PATH, width=390)
    base = dict(pump="synchromed-ii-40", conc=2000, dose=400)
    fill_form(page)  # nothing chosen yet: messages for pump, strength and dose
    assert planner(page).locator('[data-error-for="pump"]').inner_text().startswith("Choose your pump")
    base.update(values)
    fill_form(page, **base)
    err = planner(page).locator(f'[data-error-for="{name}"]')
    assert words in err.inner_text()
    assert err.get_attribute("aria-live") == "polite"
    control = field(page, name)
    assert control.get_attribute("aria-invalid") == "true"
    assert err.get_attribute("id") in control.get_attribute("aria-describedby").split()
    assert control.evaluate("el => el === document.activeElement")  # focus moves to the first problem
    assert planner(page).locator('[data-role="result"]').is_hidden()
    assert planner(page).locator('[data-role="numbers"] dd').count() == 0
    text = page.locator("article").inner_text()
    assert "NaN" not in text and "Infinity" not in text
    assert not re.search(r"-\d+ days?", text)


def test_fixing_the_input_clears_the_message(open_page):
    page = open_page(PATH)
    fill_form(page, pump="synchromed-ii-40", conc=2000, dose="abc")
    assert planner(page).locator('[data-error-for="dose"]').inner_text()
    fill_form(page, dose="400")
    assert planner(page).locator('[data-error-for="dose"]').inner_text() == ""
    assert field(page, "dose").get_attribute("aria-invalid") is None
    assert "(190 days after the refill" in results(page)["Low-reservoir alarm"]


def test_deep_link_fills_the_form_and_shows_the_dates(open_page):
    page = open_page(PATH + "#pump=synchromed-ii-40&conc=2000&dose=400&filled=2026-11-20")
    assert field(page, "pump").input_value() == "synchromed-ii-40"
    assert field(page, "concChoice").input_value() == "2000"
    assert field(page, "dose").input_value() == "400"
    assert field(page, "filled").input_value() == "2026-11-20"
    assert field(page, "vol").input_value() == "40" and field(page, "alarm").input_value() == "2"
    assert times(page) == ["2027-05-29", "2027-05-19", "2027-06-08"]
    assert planner(page).locator('[data-role="ignored"]').inner_text() == ""


def test_deep_link_with_custom_pump_and_every_parameter(open_page):
    page = open_page(PATH + "#pump=custom&reservoir=30&vol=25.5&alarm=3&conc=1500&dose=250.25&filled=2027-02-28"
                            "&margin=10")
    assert field(page, "reservoir").is_visible() and field(page, "reservoir").input_value() == "30"
    assert field(page, "conc").is_visible() and field(page, "conc").input_value() == "1500"
    p = plan(reservoir_ml=30, filled_ml="25.5", alarm_ml=3, conc=1500, dose="250.25", filled_on=dt.date(2027, 2, 28),
             **dict(RULES, margin_days=10))
    assert times(page) == [p.alarm_date.isoformat(), p.refill_by_date.isoformat(), p.empty_date.isoformat()]


def test_malformed_fragment_fills_what_it_can_and_says_what_it_ignored(open_page):
    page = open_page(PATH + "#pump=synchromed-ii-9&conc=2000&dose=four&colour=red&filled=2026-13-45&margin=7&margin=9"
                            "&vol=%E0%A4%A")
    assert field(page, "concChoice").input_value() == "2000"
    assert field(page, "margin").input_value() == "7"
    note = planner(page).locator('[data-role="ignored"]').inner_text()
    for part in ("pump (not a pump we know)", "dose (not a number)", "colour (not a planner setting)",
                 "filled (not a date)", "margin (given twice)", "(could not be read)"):
        assert part in note
    # what was missing is asked for next to its field, and no numbers are shown
    assert planner(page).locator('[data-error-for="pump"]').inner_text()
    assert planner(page).locator('[data-role="result"]').is_hidden()


def test_plain_heading_anchor_is_not_treated_as_settings(open_page):
    page = open_page(PATH + "#how-it-works")
    assert planner(page).locator('[data-role="ignored"]').inner_text() == ""
    assert planner(page).locator('[data-error-for="pump"]').inner_text() == ""


def test_fragment_with_markup_does_not_execute(open_page):
    dialogs = []
    page = open_page(PATH)
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    hostile = ("#<img src=x onerror=window.__pwned=1>=1&pump=<script>window.__pwned=2</script>"
               "&dose=<img src=y onerror=alert(3)>&conc=2000&x=<svg onload=alert(4)>"
               "&%3Cimg%20src%3Dz%20onerror%3Dalert(5)%3E=1")
    page.goto(page.url.split("#")[0] + hostile)
    page.reload()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    root = planner(page)
    assert root.locator("img, script:not(.itb-refill-config), svg").count() == 0
    note = root.locator('[data-role="ignored"]').inner_text()
    assert "<img src (not a planner setting)" in note        # shown as text, not parsed
    assert "<img src=z onerror=alert(5)> (not a planner setting)" in note
    assert "pump (not a pump we know)" in note and "dose (not a number)" in note
    assert field(page, "dose").input_value() == ""


def test_copy_link_and_the_address_bar_hold_the_inputs(open_page):
    page = open_page(PATH)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    fill_form(page, pump="synchromed-ii-20", conc=500, dose=300, margin=5)
    assert page.evaluate("location.hash") == "#pump=synchromed-ii-20&conc=500&dose=300&filled=2026-11-20&margin=5"
    planner(page).get_by_role("button", name="Copy link").click()
    page.wait_for_timeout(200)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith("/refill-planner/#pump=synchromed-ii-20&conc=500&dose=300&filled=2026-11-20&margin=5")
    assert "Link copied" in planner(page).locator('[data-role="status"]').inner_text()
    # the copied link opens the same dates in a fresh page
    again = open_page(PATH + copied.split("/refill-planner/")[1])
    assert times(again) == times(page)


def test_pump_record_link_carries_the_settings(open_page):
    page = open_page(PATH)
    fill_form(page, pump="synchromed-ii-40", conc=2000, dose=400)
    link = planner(page).get_by_role("link", name="Put these dates on your pump record")
    assert link.get_attribute("href") == "../pump-record/#pump=synchromed-ii-40&conc=2000&dose=400&filled=2026-11-20"
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith("/pump-record/#pump=synchromed-ii-40&conc=2000&dose=400&filled=2026-11-20")


def test_reminder_file_has_the_refill_by_date(open_page):
    page = open_page(PATH)
    fill_form(page, pump="synchromed-ii-40", conc=2000, dose=400)
    with page.expect_download() as info:
        planner(page).get_by_role("button", name="Add a reminder").click()
    download = info.value
    assert download.suggested_filename == "refill-reminder-2027-05-19.ics"
    ics = open(download.path(), newline="").read()
    assert ics.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and ics.endswith("END:VCALENDAR\r\n")
    assert "\r\nDTSTART;VALUE=DATE:20270519\r\n" in ics
    assert "\r\nDTEND;VALUE=DATE:20270520\r\n" in ics
    assert "BEGIN:VEVENT" in ics and "SUMMARY:Baclofen pump refill" in ics
    unfolded = ics.replace("\r\n ", "")
    assert "Saturday 29 May 2027" in unfolded and "programmer gives your real date" in unfolded
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))


def test_no_reminder_when_the_alarm_is_inside_the_margin(open_page):
    page = open_page(PATH)
    fill_form(page, pump="custom", reservoir=20, vol=3, alarm=2, conc=500, dose=100)
    assert "No date" in results(page)["Suggested refill by"]
    assert planner(page).get_by_role("button", name="Add a reminder").is_disabled()
    assert any("within your safety margin of 7 days" in w for w in warning_texts(page))


def test_without_javascript_the_table_and_rule_show(open_page):
    page = open_page(PATH, javascript=False)
    assert planner(page).locator("form").is_hidden()
    assert planner(page).locator('[data-role="nojs"]').is_visible()
    table = page.locator(".itb-refill-table table")
    assert table.is_visible()
    assert table.locator("tbody td").count() == 54
    assert page.locator("#how-it-works").is_visible()
    article = page.locator("article").inner_text()
    assert "Round down to whole days" in article
    assert "printout from your clinic's programmer gives your real date" in article


def test_prometra_asks_for_the_alarm_volume(open_page):
    page = open_page(PATH)
    field(page, "pump").select_option("prometra-ii-40")
    assert field(page, "vol").input_value() == "40"
    assert field(page, "alarm").input_value() == ""
    assert "not found" in planner(page).locator('[data-wrap="alarm"] .itb-hint').inner_text()
    fill_form(page, conc=2000, dose=400)
    assert "Enter the low-reservoir alarm volume" in planner(page).locator('[data-error-for="alarm"]').inner_text()


STATES = {
    "start": lambda page: None,
    "error": lambda page: fill_form(page, pump="synchromed-ii-40", conc=2000, dose="abc"),
    "result": lambda page: fill_form(page, pump="synchromed-ii-40", conc=2000, dose=90),
}


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_in_each_state(open_page, scheme, width, state):
    page = open_page(PATH, scheme=scheme, width=width)
    STATES[state](page)
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)


# ---------------------------------------------------------------- JavaScript == Python, exactly

def dec(q: Fraction) -> str:
    whole, frac = divmod(int(q * 1000), 1000)
    return str(whole) if frac == 0 else f"{whole}.{frac:03d}".rstrip("0")


def random_cases(n: int, seed: int = 20261122) -> list[dict]:
    rng = random.Random(seed)
    pumps = list(SITE.pumps.values())
    cases = []
    while len(cases) < n:
        choice = rng.choice(pumps + [None])
        if choice is None:
            pump, reservoir = "custom", Fraction(rng.randint(1000, 60000), 1000)
        else:
            pump, reservoir = choice.id, Fraction(int(choice.reservoir_ml.value))
        kind = rng.random()
        vol = reservoir if kind < 0.3 else Fraction(rng.randint(1, int(reservoir * 1000)), 1000)
        alarm_known = choice is not None and choice.default_alarm_ml.value
        alarm = Fraction(rng.choice([1000, 2000, 2000, 3000, 4000, rng.randint(1, 5000)]), 1000)
        if rng.random() < 0.1:
            alarm = vol + Fraction(rng.randint(0, 2000), 1000)   # alarm at or above the fill: must be refused
        conc = Fraction(rng.choice(CONCS)) if rng.random() < 0.7 else Fraction(rng.randint(1000, 10_000_000), 1000)
        dose = Fraction(rng.choice([rng.randint(1, 2000) * 1000, rng.randint(1000, 10_000_000)]), 1000)
        margin = rng.choice([0, 3, 5, 7, 7, 7, 10, rng.randint(0, 90)])
        filled = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randint(0, 36524))
        send_alarm = not (alarm_known and alarm == Fraction(str(choice.default_alarm_ml.value)) and rng.random() < 0.5)
        cases.append(dict(pump=pump, reservoir=reservoir, vol=vol, alarm=alarm, conc=conc, dose=dose, margin=margin,
                          filled=filled, send_vol=not (vol == reservoir and rng.random() < 0.5),
                          send_alarm=send_alarm, min_flow=choice.min_flow_ml_per_day.value if choice else None))
    return cases


def python_answer(c: dict) -> dict:
    try:
        p = plan(reservoir_ml=c["reservoir"], filled_ml=c["vol"], alarm_ml=c["alarm"], conc=c["conc"], dose=c["dose"],
                 min_flow_ml_per_day=c["min_flow"], filled_on=c["filled"],
                 **dict(RULES, margin_days=c["margin"]))
    except RefillInputError as exc:
        return {"ok": False, "fields": [exc.field]}
    half = Fraction(1, 2)
    return {"ok": True, "daysToAlarm": p.days_to_alarm, "daysToEmpty": p.days_to_empty,
            "refillByDays": p.refill_by_days, "alarmDate": p.alarm_date.isoformat(),
            "refillByDate": p.refill_by_date.isoformat() if p.refill_by_date else None,
            "emptyDate": p.empty_date.isoformat(), "rateThousandths": int(p.rate_ml_per_day * 1000 + half),
            "warnings": list(p.warnings)}


JS_RUN = """cases => cases.map(c => {
  const out = ITBRefill.compute(c);
  if (!out.ok) return {ok: false, fields: Object.keys(out.errors)};
  const r = out.result;
  return {ok: true, daysToAlarm: r.daysToAlarm, daysToEmpty: r.daysToEmpty, refillByDays: r.refillByDays,
          alarmDate: r.alarmDate, refillByDate: r.refillByDate, emptyDate: r.emptyDate,
          rateThousandths: r.rateThousandths, warnings: out.warnings.map(w => w.code)};
})"""


def test_javascript_agrees_with_python_on_1200_inputs(open_page):
    cases = random_cases(1200)
    page = open_page(PATH)
    js_inputs = [{"pump": c["pump"], "reservoir": dec(c["reservoir"]) if c["pump"] == "custom" else "",
                  "vol": dec(c["vol"]) if c["send_vol"] else "", "alarm": dec(c["alarm"]) if c["send_alarm"] else "",
                  "conc": dec(c["conc"]), "dose": dec(c["dose"]), "margin": str(c["margin"]),
                  "filled": c["filled"].isoformat()} for c in cases]
    got = page.evaluate(JS_RUN, js_inputs)
    expected = [python_answer(c) for c in cases]
    refused = sum(1 for e in expected if not e["ok"])
    assert 50 < refused < 400, "the sample should mix accepted and refused inputs"
    assert sum(1 for e in expected if e["ok"] and "capped" in e["warnings"]) > 50
    assert sum(1 for e in expected if e["ok"] and "below_min_flow" in e["warnings"]) > 10
    mismatches = [(i, js_inputs[i], e, g) for i, (e, g) in enumerate(zip(expected, got)) if e != g]
    assert not mismatches, f"{len(mismatches)} mismatches; first: {mismatches[:3]}"


def test_javascript_parses_and_builds_fragments(open_page):
    page = open_page(PATH)
    out = page.evaluate("""() => [
        ITBRefill.buildFragment({pump: 'synchromed-ii-40', conc: '2000', dose: '400', filled: '2026-11-20', vol: ''}),
        ITBRefill.parseFragment('#pump=synchromed-ii-40&conc=2%2C000&dose=400.50&filled=2026-11-20'),
        ITBRefill.parseDecimal('2,000'), ITBRefill.parseDecimal('0,5'), ITBRefill.parseDecimal('0.048'),
        ITBRefill.parseDecimal('1.2345'), ITBRefill.parseDecimal('1.2340'), ITBRefill.parseDecimal(' 12 '),
        ITBRefill.parseDecimal('1e3'), ITBRefill.parseDecimal('-3')]""")
    assert out[0] == "pump=synchromed-ii-40&conc=2000&dose=400&filled=2026-11-20"
    assert out[1] == {"values": {"pump": "synchromed-ii-40", "conc": "2000", "dose": "400.5", "filled": "2026-11-20"},
                      "ignored": []}
    assert out[2:] == [{"milli": 2000000}, {"milli": 500}, {"milli": 48}, {"error": "decimals"}, {"milli": 1234},
                       {"milli": 12000}, {"error": "not_number"}, {"error": "negative"}]
