"""The illustrative refill-interval table (macros/render_tables.py)."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from helpers import ROOT
from macros.data import load_site_data
from macros.html import IdMaker
from macros.render_tables import band_of, legend_items, refill_interval_table

SITE = load_site_data(ROOT / "data")
REFILL = SITE.refill


def render(refill=REFILL, ids=None, team="your pump team"):
    return refill_interval_table(refill, ids or IdMaker("maintenance"), team)


def cell(soup, dose, res, conc):
    return soup.select_one(f'tr[data-dose="{dose}"] td[data-res="{res}"][data-conc="{conc}"]')


def test_every_cell_is_the_whole_days_to_the_alarm():
    soup = BeautifulSoup(render(), "html.parser")
    t = REFILL.table
    for dose in t.doses_mcg_per_day:
        for res in t.reservoirs_ml:
            for conc in t.concentrations_mcg_per_ml:
                td = cell(soup, dose, res, conc)
                expected = (res - int(t.alarm_ml)) * conc // dose
                assert int(td["data-days"]) == expected
                assert td.select_one(".rt-days").get_text() == f"{expected:,}"
    assert len(soup.select("tbody tr")) == len(t.doses_mcg_per_day)
    assert len(soup.select("tbody td")) == len(t.doses_mcg_per_day) * len(t.reservoirs_ml) * len(
        t.concentrations_mcg_per_ml)


def words(td):
    """A cell's text without its own column label (that label shows only in the phone layout)."""
    return " ".join(s for el in td.contents if "rt-cell-label" not in (el.get("class") or [])
                    for s in el.stripped_strings)


def test_known_cells_with_words_and_bands():
    soup = BeautifulSoup(render(), "html.parser")
    c = cell(soup, 400, 20, 2000)          # (20 - 2) x 2000 / 400 = 90
    assert words(c) == "90 days about 3 months"
    assert c["class"] == ["rt-band-2"]
    c = cell(soup, 100, 40, 2000)          # 38 x 2000 / 100 = 760: past the limit, marked in words
    assert words(c) == "760 days about 2 years past the 180-day limit"  # in days: no second month-rounding rule
    assert c["class"] == ["rt-band-over"]
    c = cell(soup, 1000, 20, 500)          # 9 days: no "about" phrase needed
    assert words(c) == "9 days"
    assert c["class"] == ["rt-band-1"]
    c = cell(soup, 100, 20, 1000)          # exactly 180: inside the limit
    assert c["class"] == ["rt-band-3"] and "past" not in c.get_text()


def test_every_cell_names_its_own_column_for_the_phone_layout():
    """On a phone the table shows as one card per dose; each number then says which pump and strength."""
    soup = BeautifulSoup(render(), "html.parser")
    assert cell(soup, 400, 20, 2000).select_one(".rt-cell-label").get_text() == "20 mL pump, 2,000 mcg/mL: "
    assert cell(soup, 100, 40, 500).select_one(".rt-cell-label").get_text() == "40 mL pump, 500 mcg/mL: "
    assert len(soup.select("tbody td .rt-cell-label")) == 54
    # the past-the-limit words keep "180-day limit" on one line
    assert cell(soup, 100, 40, 2000).select_one(".rt-flag .rt-nowrap").get_text() == "180-day limit"


def test_band_edges():
    assert band_of(30, REFILL)[0] == "rt-band-1"
    assert band_of(31, REFILL)[0] == "rt-band-2"
    assert band_of(90, REFILL)[0] == "rt-band-2"
    assert band_of(180, REFILL)[0] == "rt-band-3"
    assert band_of(181, REFILL) == ("rt-band-over", "Past the 180-day limit")


def test_legend_says_every_band_in_words():
    soup = BeautifulSoup(render(), "html.parser")
    legend = [" ".join(li.stripped_strings) for li in soup.select(".rt-legend li")]
    assert legend == ["30 days or fewer : About a month or less", "31 to 90 days : 1 to 3 months",
                      "91 to 180 days : 3 to 6 months",
                      "more than 180 days : past the 180-day limit: the refill is due within 180 days anyway"]
    assert [cls for cls, *_ in legend_items(REFILL)] == ["rt-band-1", "rt-band-2", "rt-band-3", "rt-band-over"]


def test_headers_and_labels():
    soup = BeautifulSoup(render(), "html.parser")
    groups = [th.get_text() for th in soup.select('th[scope="colgroup"]')]
    assert groups == ["20 mL pump", "40 mL pump"]
    cols = [th.get_text().replace("\xa0", " ") for th in soup.select('thead tr:nth-of-type(2) th')]
    assert cols == ["500 mcg/mL", "1,000 mcg/mL", "2,000 mcg/mL"] * 2
    assert soup.select_one('tbody tr th[scope="row"]').get_text() == "100 mcg a day"
    title = soup.select_one(".rt-title")
    assert "alarm set at 2 mL" in title.get_text() and "example" in title.get_text()
    region = soup.select_one(".rt-scroll")
    assert region["role"] == "region" and region["tabindex"] == "0" and region["aria-labelledby"] == title["id"]
    assert soup.table["aria-labelledby"] == title["id"]
    assert not soup.table.get("class")  # Material styles only tables without a class


def test_illustrative_note_names_the_printout_and_the_team():
    note = BeautifulSoup(render(team="the Example Clinic pump team"), "html.parser").select_one(".rt-note").get_text()
    assert "example, not your plan" in note
    assert "programmer gives your real alarm date" in note
    assert "The Example Clinic pump team books your refill" in note
    assert "180 days" in note


def test_controls_are_hidden_until_javascript_runs():
    soup = BeautifulSoup(render(), "html.parser")
    controls = soup.select_one(".rt-controls")
    assert controls.has_attr("hidden")
    for select in controls.select("select"):
        assert soup.select_one(f'label[for="{select["id"]}"]') is not None
    assert [o["value"] for o in controls.select('[data-rt="res"] option')] == ["", "20", "40"]
    assert [o["value"] for o in controls.select('[data-rt="sort"] option')] == ["asc", "desc"]


def test_no_blank_lines_and_unique_ids_when_used_twice():
    ids = IdMaker("maintenance")
    html = render(ids=ids) + render(ids=ids)
    assert "\n\n" not in html and not re.search(r"\n\s*\n", html)
    all_ids = Counter(tag["id"] for tag in BeautifulSoup(html, "html.parser").select("[id]"))
    assert all_ids and all(n == 1 for n in all_ids.values()), all_ids
    assert all(i.startswith("maintenance-") for i in all_ids)
    refs = re.findall(r'(?<![\w-])(?:aria-labelledby|for)="([^"]+)"', html)
    assert refs and all(r in all_ids for r in refs)


def test_bad_table_data_fails_loudly():
    bad = REFILL.model_copy(update={"table": REFILL.table.model_copy(update={"alarm_ml": 20})})
    with pytest.raises(ValueError, match=r"data/refill.yml: table.alarm_ml \(20\) must be less than every reservoir"):
        render(bad)
    low_bands = REFILL.table.model_copy(update={"bands": REFILL.table.bands[:1]})
    with pytest.raises(ValueError, match=r"data/refill.yml: table.bands: .* add a band up to 180 days"):
        render(REFILL.model_copy(update={"table": low_bands}))
