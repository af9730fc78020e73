"""The handouts: the emergency wallet card and 'My pump record', as PDFs and as pages in the browser."""
from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest

from macros import refill as refill_math
from macros.data import load_site_data
from macros.render_print import emergency_signs
from tools.local_site import serve
from tools import make_pdf

ROOT = Path(__file__).resolve().parents[2]
SITE_DATA = load_site_data(ROOT / "data")
MM = 96 / 25.4  # CSS px per mm


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def reading_order_text(path: Path) -> str:
    """pdftotext without -layout: the card's two columns come out one after the other."""
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return normalise(out)


def test_emergency_card_pdf_is_one_tagged_letter_sheet(emergency_card_pdf):
    assert emergency_card_pdf.info["Pages"] == "1"
    assert emergency_card_pdf.info["Tagged"] == "yes"
    assert emergency_card_pdf.info["Page size"] == "612 x 792 pts (letter)"
    assert emergency_card_pdf.info["Title"].startswith("Emergency wallet card")


def test_emergency_card_lists_every_emergency_sign(emergency_card_pdf):
    # Written by hand: all 11 emergency-tier signs of data/symptoms.yml (the web lists 11; the card had 8).
    text = " ".join(reading_order_text(emergency_card_pdf.path).split())
    for sign in ("Rigid or much stiffer muscles", "Confused, agitated or seeing things", "A high fever",
                 "A racing heartbeat", "Floppiness spreading up the body", "Slow, shallow or difficult breathing",
                 "Very sleepy, confused or hard to wake", "Low body temperature", "A very slow heartbeat"):
        assert sign in text, f"emergency sign {sign!r} is not on the card"
    assert "Either: A seizure, fainting or collapse" in text
    # Urgent signs stay off the card: it is the call-911 card.
    for sign in ("Itching, often with no rash", "Drowsy, or sleepier than usual"):
        assert sign not in text, f"{sign!r} should not be on the wallet card"


def test_the_card_misses_no_emergency_sign_in_the_data():
    """Every emergency-tier sign of data/symptoms.yml is on the card (render_print.emergency_signs)."""
    from macros.render_print import card_signs
    data = {s.sign for f in SITE_DATA.symptoms.features for s in f.withdrawal + f.overdose if s.tier == "emergency"}
    assert len(data) == 11
    signs = card_signs(SITE_DATA.symptoms)
    assert set(signs.withdrawal + signs.overdose + signs.both) == data


def test_emergency_card_says_what_it_is_who_to_call_and_has_write_in_fields(emergency_card_pdf):
    text = reading_order_text(emergency_card_pdf.path)
    for words in ("I have an intrathecal baclofen pump", "Call 911 now if I have:", "Too little (withdrawal)",
                  "Too much (overdose)", "For emergency staff", "Interrogate the pump", "Pump model and size",
                  "Strength", "mcg/mL", "Daily dose", "mcg/day", "Alarm date", "Refill by", "Hospital",
                  "Pump team phone", "Name", "Date of birth", "Cut along the dashed line"):
        assert words in text, f"{words!r} is not on the printed card"
    assert "example.org" not in text  # a local build prints no address; test_paper.py checks a real one
    # The card sheet is the card only: none of the page's how-to text or sources.
    assert "How to make your card" not in text and "Sources for this page" not in text


def test_card_faces_are_wallet_size_side_by_side_and_nothing_is_clipped(open_page):
    page = open_page("emergency-card/")
    page.emulate_media(media="print")
    faces = page.eval_on_selector_all(".wallet-card__strip--card .wallet-card__face", """faces => faces.map(f => {
        const r = f.getBoundingClientRect();
        return {x: r.x, y: r.y, w: r.width, h: r.height, clipped: f.scrollHeight > f.clientHeight + 1};
    })""")
    assert len(faces) == 2
    for face in faces:
        assert face["w"] == pytest.approx(85 * MM, abs=1.5) and face["h"] == pytest.approx(55 * MM, abs=1.5), face
        assert not face["clipped"], "the card's text runs past its edge"
    front, back = faces
    assert back["y"] == pytest.approx(front["y"], abs=1) and back["x"] == pytest.approx(front["x"] + 85 * MM, abs=2)
    # Dashed cut line round the strip, dotted fold line between the faces.
    styles = page.evaluate("""() => [getComputedStyle(document.querySelector('.wallet-card__strip--card')).borderTopStyle,
        getComputedStyle(document.querySelector('.wallet-card__front')).borderRightStyle]""")
    assert styles == ["dashed", "dotted"]


def test_pump_record_pdf_is_one_blank_sheet(pump_record_pdf):
    assert pump_record_pdf.info["Pages"] == "1"
    assert pump_record_pdf.info["Tagged"] == "yes"
    text = reading_order_text(pump_record_pdf.path)
    for label in ("My pump record", "Name", "Date of birth", "Pump model", "Reservoir size", "Strength (concentration)", "Daily dose",
                  "Low-reservoir alarm date", "Refill by", "Next appointment", "Pump team phone", "After hours",
                  "Emergency number 911", "My refills"):
        assert label in text, f"{label!r} is not on the printed record"
    assert "SynchroMed" not in text and "Filled in from the refill planner" not in text  # blank
    assert "Print this record" not in text  # the screen-only button


def test_handouts_print_on_a4_when_asked(print_site, browser, tmp_path):
    assert make_pdf.paper_format("a4") == "A4" and make_pdf.paper_format(None) == "Letter"
    out = tmp_path / "card-a4.pdf"
    with serve(print_site) as base:
        page = browser.new_page()
        try:
            assert make_pdf.print_handout(page, base + "emergency-card/", out, "A4", 1) == 1
        finally:
            page.close()
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Page size:.*\(A4\)$", info, re.M), info


def test_unknown_paper_size_is_refused():
    with pytest.raises(make_pdf.PdfError, match="Letter or A4"):
        make_pdf.paper_format("legal")


def expected_dates(pump_id: str, conc: int, dose: int, filled: dt.date) -> tuple[str, str]:
    pump = SITE_DATA.pumps[pump_id]
    days = refill_math.whole_days(refill_math.days_to_alarm(pump.reservoir_ml.value, pump.default_alarm_ml.value,
                                                            conc, dose))
    by = refill_math.refill_by_days(days, int(SITE_DATA.refill.default_margin_days.value),
                                    int(SITE_DATA.refill.max_interval_days.value))

    def long(day: dt.date) -> str:
        return f"{day:%A} {day.day} {day:%B %Y}"
    return long(filled + dt.timedelta(days=days)), long(filled + dt.timedelta(days=by))


def test_pump_record_fills_in_from_a_planner_link(new_context, site_url):
    page = new_context().new_page()
    page.clock.install(time=dt.datetime(2026, 12, 1, 10, 0))  # the pinned date, never the real clock
    page.goto(site_url + "pump-record/#pump=synchromed-ii-40&conc=2000&dose=400&filled=2026-11-20")
    page.wait_for_selector(".pump-record[data-filled=planner]")

    def field(name):
        return page.locator(f'.pump-record [data-field="{name}"]').inner_text().strip()
    alarm, refill_by = expected_dates("synchromed-ii-40", 2000, 400, dt.date(2026, 11, 20))
    assert alarm == "Saturday 29 May 2027"  # the worked example: 38 mL x 2,000 / 400 = 190 days
    assert field("pump-model") == SITE_DATA.pumps["synchromed-ii-40"].name
    assert field("reservoir") == "40"
    assert field("concentration") == "2,000"
    assert field("dose") == "400"
    assert field("refill-date") == "Friday 20 November 2026"
    assert field("alarm-date") == alarm
    assert field("refill-by") == refill_by
    assert field("name") == "" and field("date-of-birth") == ""  # the planner does not know them
    note = page.locator(".pump-record__planner-note")
    assert note.is_visible() and "Nothing was sent anywhere" in note.inner_text()


def test_pump_record_treats_link_text_as_text(open_page):
    page = open_page("pump-record/#pump=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&conc=500&dose=%3Cb%3E1%3C%2Fb%3E")
    page.wait_for_timeout(300)
    assert page.locator(".pump-record img, .pump-record b").count() == 0
    assert page.locator('.pump-record [data-field="pump-model"]').inner_text().strip() == ""
    assert page.locator('.pump-record [data-field="alarm-date"]').inner_text().strip() == ""


def test_pump_record_without_a_link_stays_blank_and_offers_printing(open_page):
    page = open_page("pump-record/")
    assert page.locator(".pump-record__planner-note").is_hidden()
    assert page.locator('.pump-record [data-field="alarm-date"]').inner_text().strip() == ""
    assert page.get_by_role("button", name="Print this record").is_visible()
