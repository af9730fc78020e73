"""Untrusted or hand-edited text stays text (rule 7): hostile text (markup, both quotes, ampersands) put into every
field a renderer prints comes out escaped, word for word, and never as markup.

The expected escaped form is typed by hand below; it is what html.escape(quote=True) gives."""
from __future__ import annotations

import re

import pytest

from helpers import ROOT, cite_numbers
from macros import care_cards, clinic, glossary, render_print, render_sources, render_symptoms, render_tables
from macros import render_charts, render_clinics, render_planner
from macros.data import load_site_data
from macros.html import IdMaker
from macros.models import ClinicFile

SITE = load_site_data(ROOT / "data")
EVIL = """<img src=x onerror=alert(1)> "Q" 'S' A&B &amp;"""
SAFE = "&lt;img src=x onerror=alert(1)&gt; &quot;Q&quot; &#x27;S&#x27; A&amp;B &amp;amp;"
EVIL_URL = 'https://example.org/"><img src=x onerror=alert(1)>'
SAFE_URL = "https://example.org/&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"


def assert_escaped(html: str, safe: str = SAFE, times: int = 1) -> None:
    assert "<img" not in html, f"raw markup got through:\n{html[:2000]}"
    assert "onerror=alert(1)>" not in html
    assert html.count(safe) >= times, f"expected {safe!r} at least {times}x in:\n{html[:3000]}"


def evil_source(**extra):
    first = next(iter(SITE.sources.values()))
    return first.model_copy(update={"title": EVIL, "organisation": EVIL, "url": EVIL_URL, **extra})


# ---------------------------------------------------------------- render_sources

def test_source_list_escapes_title_organisation_and_url():
    src = evil_source()
    html = render_sources.page_sources([src.id], {src.id: src})
    assert_escaped(html, SAFE, times=2)  # the title and the organisation
    assert f'href="{SAFE_URL}"' in html


def test_source_without_url_escapes_its_title():
    src = evil_source(url=None)
    html = render_sources.page_sources([src.id], {src.id: src})
    assert_escaped(html, SAFE, times=2)  # the title (no link) and the organisation
    assert "<a " not in html


def test_all_sources_escapes_every_field():
    src = evil_source()
    assert_escaped(render_sources.all_sources({src.id: src}, {src.kind: "Heading"}), SAFE, times=2)


def test_citation_escapes_the_id():
    src = evil_source(id=EVIL)
    html = render_sources.cite((EVIL,), {EVIL: src}, [EVIL])
    assert_escaped(html, SAFE, times=2)  # the href's id and the title attribute
    assert f'href="#src-{SAFE}"' in html
    assert f'title="{SAFE}"' in html


# ---------------------------------------------------------------- the planner and the link builder

def evil_pumps():
    return {pid: p.model_copy(update={"name": EVIL}) for pid, p in SITE.pumps.items()}


def test_planner_options_escape_pump_names():
    pumps = evil_pumps()
    html = render_planner.refill_planner(pumps, SITE.drug, SITE.refill, IdMaker("x"), pump_team=EVIL,
                                         site_name=EVIL, record_href=EVIL_URL)
    options = re.findall(r'<option value="[^"]*">([^<]*)</option>', html)
    assert options.count(SAFE) == len(pumps), options
    assert f'href="{SAFE_URL}"' in html
    # The settings block is JSON inside <script>: markup in it must not be able to close the script.
    script = html[html.index("<script"):html.index("</script>")]
    assert "<img" not in script and "</" not in script[8:]


def test_link_builder_escapes_pump_names_and_the_site_address():
    html = render_clinics.link_builder_html(evil_pumps(), [500, 2000], EVIL_URL, {"margin": 7, "alarm": 2},
                                            IdMaker("x"))
    assert_escaped(html, SAFE, times=len(SITE.pumps))


# ---------------------------------------------------------------- care cards, symptoms, tables, charts

def test_care_card_escapes_its_title():
    html = care_cards.care_card("urgent", EVIL, ["an item"])
    assert_escaped(html)


def evil_symptoms():
    sym = SITE.symptoms
    features = [f.model_copy(update={
        "label": EVIL,
        "withdrawal": [s.model_copy(update={"sign": EVIL}) for s in f.withdrawal],
        "overdose": [s.model_copy(update={"sign": EVIL}) for s in f.overdose]}) for f in sym.features]
    reasons = [r.model_copy(update={"text": EVIL}) for r in sym.other_reasons]
    return sym.model_copy(update={"features": features, "other_reasons": reasons})


def test_emergency_care_cards_escape_signs_team_and_number():
    html = render_symptoms.emergency_care_cards(evil_symptoms(), IdMaker(""), emergency_number=EVIL, pump_team=EVIL)
    assert_escaped(html, SAFE, times=3)


def test_symptom_chart_escapes_labels_signs_team_and_number():
    html = render_symptoms.symptom_comparison_chart(evil_symptoms(), IdMaker("r"), emergency_number=EVIL,
                                                    pump_team=EVIL, cite=cite_numbers)
    assert "<img" not in html and "onerror=alert(1)>" not in html
    # The sign text is wrapped over lines in the drawing; the data table holds it whole.
    assert SAFE in html


def test_refill_table_escapes_band_labels_and_the_team():
    table = SITE.refill.table
    bands = [b.model_copy(update={"label": EVIL}) for b in table.bands]
    refill = SITE.refill.model_copy(update={"table": table.model_copy(update={"bands": bands})})
    html = render_tables.refill_interval_table(refill, IdMaker("m"), EVIL)
    assert_escaped(html, SAFE, times=len(bands))


def test_oral_chart_escapes_maintenance_labels():
    ranges = [m.model_copy(update={"label": EVIL}) for m in SITE.drug.maintenance_mcg_per_day]
    drug = SITE.drug.model_copy(update={"maintenance_mcg_per_day": ranges})
    html = render_charts.oral_vs_intrathecal_chart(drug, IdMaker("s"), cite=cite_numbers)
    assert_escaped(html, SAFE, times=len(ranges))  # (the other charts print numbers only)


# ---------------------------------------------------------------- print: wallet card and pump record

def test_emergency_card_escapes_every_field():
    signs = render_print.EmergencySigns(withdrawal=[EVIL], overdose=[EVIL], both=[])
    html = render_print.emergency_card(signs, call_now=EVIL, staff_steps=[EVIL], emergency_number=EVIL,
                                       pump_team_phone=EVIL, more_url=EVIL)
    assert_escaped(html, SAFE, times=6)  # call line, 2 signs, 1 step, 2 phone fields
    assert "More: " + SAFE in html


def test_pump_record_escapes_the_clinic_settings():
    html = render_print.pump_record(clinic_name=EVIL, pump_team_phone=EVIL, after_hours_phone=EVIL,
                                    emergency_number=EVIL)
    assert_escaped(html, SAFE, times=4)


# ---------------------------------------------------------------- clinics and the glossary

def test_clinic_contacts_escape_name_address_and_numbers():
    settings = ClinicFile.model_construct(name=EVIL, pump_team_phone=EVIL, after_hours_phone=EVIL,
                                          emergency_number=EVIL, address=EVIL, reviewer=None, review_date=None)
    html = clinic.contact_block(settings)
    assert_escaped(html, SAFE, times=5)  # name, address, three numbers shown
    assert "tel:" in html and 'href="tel:1"' in html  # only digits (and +) reach the tel: link


def test_discharge_note_keeps_text_as_text():
    html = render_clinics.discharge_note_html("refill", EVIL + "\nline two", IdMaker("n"))
    assert_escaped(html)
    assert "\n" not in html


def test_clinic_link_list_escapes_page_and_section_titles():
    page = render_clinics.LinkablePage(title=EVIL, path="faq/",
                                       sections=(render_clinics.Section(id="mri", title=EVIL, level=2),))
    html = render_clinics.linkable_list_html([page], "https://example.org/", IdMaker("c"))
    assert_escaped(html, SAFE, times=2)


def test_glossary_escapes_term_and_meaning():
    term = SITE.glossary.terms[0].model_copy(update={"term": EVIL, "plain": EVIL})
    html = glossary.glossary_list(SITE.glossary.model_copy(update={"terms": [term]}))
    assert_escaped(html, SAFE, times=2)


def test_glossary_tooltips_keep_markup_as_text():
    """The tooltips are Markdown abbreviations; Python-Markdown's abbr extension puts the meaning in a title."""
    import markdown
    term = SITE.glossary.terms[0].model_copy(update={"plain": EVIL})
    md = "ITB is used here." + glossary.abbreviations(SITE.glossary.model_copy(update={"terms": [term]}))
    html = markdown.markdown(md, extensions=["abbr"])
    assert "<img" not in html
    assert 'title="&lt;img src=x onerror=alert(1)&gt; &quot;Q&quot;' in html


@pytest.mark.parametrize("name", [None, "Clinic"])
def test_pump_team_wording_is_plain_text(name):
    """pump_team() is plain text; every renderer above escapes it where it lands."""
    assert clinic.pump_team(ClinicFile(name=name)) in ("your pump team", "the Clinic pump team")
