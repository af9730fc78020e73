"""Sources, citations, care cards, clinic wording and glossary: the small render functions."""
import pytest
from bs4 import BeautifulSoup

from helpers import ROOT
from macros import care_cards, clinic, glossary, render_sources
from macros.data import load_site_data
from macros.html import IdMaker, fmt_num
from macros.models import ClinicFile

SITE = load_site_data(ROOT / "data")


def test_page_sources_lists_ids_in_order_with_titles_and_links():
    md = render_sources.page_sources(["R9", "D1"], SITE.sources)
    assert "## Sources for this page { #page-sources }" in md
    soup = BeautifulSoup(md.split("\n\n", 2)[2], "html.parser")
    items = soup.select("li")
    assert [li["id"] for li in items] == ["src-R9", "src-D1"]
    assert items[0].a["href"] == "https://pubmed.ncbi.nlm.nih.gov/15271246/"
    assert "Neurosurgery, 2004" in items[0].get_text()
    assert "\n\n" not in md.split("\n\n", 2)[2].strip()


def test_every_source_has_a_real_title_and_the_page_list_shows_no_codes():
    # no entry may be a description standing in for a title
    assert not [sid for sid, src in SITE.sources.items() if src.title_is_description]
    html = render_sources.page_sources(list(SITE.sources), SITE.sources)
    assert "title not recorded)" not in html and "(description" not in html
    assert "[R10]" not in html and 'class="source-id"' not in html   # the <ol> numbers them instead
    soup = BeautifulSoup(html.split("\n\n", 2)[2], "html.parser")
    r10 = soup.select_one("#src-R10").get_text(" ")
    assert "Occurrence of adverse events in long-term intrathecal baclofen infusion" in r10 and "2014" in r10


def test_a_description_in_place_of_a_title_fails_loudly():
    bad = SITE.sources["R10"].model_copy(update={"title_is_description": True})
    with pytest.raises(ValueError, match=r"data/sources.yml: R10: title is a description"):
        render_sources.page_sources(["R10"], {"R10": bad})


def test_all_sources_groups_every_source_once():
    html = render_sources.all_sources(SITE.sources, {"label": "Labels", "device": "Devices", "study": "Studies",
                                                       "patient": "Leaflets"})
    soup = BeautifulSoup(html, "html.parser")
    ids = [li["id"] for li in soup.select("li")]
    assert sorted(ids) == sorted(f"source-{i}" for i in SITE.sources)


def test_cite_is_superscript_numbers_in_the_page_list_order():
    page = ["R9", "D2", "L1"]
    html = render_sources.cite(("L1", "D2"), SITE.sources, page)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.sup["class"] == ["cite"]
    links = soup.select("a")
    assert [a.get_text() for a in links] == ["2", "3"]             # D2 is 2nd on the page, L1 3rd: sorted
    assert [a["href"] for a in links] == ["#src-D2", "#src-L1"]
    assert [a["aria-label"] for a in links] == ["Source 2", "Source 3"]
    assert links[1]["title"] == SITE.sources["L1"].title
    assert "[" not in soup.get_text() and "L1" not in soup.get_text()  # no source codes in the text
    assert render_sources.cite(("R9", "R9"), SITE.sources, page).count("<a ") == 1
    with pytest.raises(ValueError, match=r"cite\(P1\): P1 not in this page's front-matter sources"):
        render_sources.cite(("P1",), SITE.sources, page)


def test_care_card_names_urgency_for_screen_readers():
    html = care_cards.care_card("emergency", "Call 911 now if:", ["you cannot wake them"])
    soup = BeautifulSoup(html, "html.parser")
    card = soup.select_one("div.admonition.care-card.emergency")
    assert card.select_one(".visually-hidden").get_text() == "Emergency advice: "
    assert card.select_one(".admonition-title").get_text() == "Emergency advice: Call 911 now if:"
    assert [li.get_text() for li in card.select("li")] == ["you cannot wake them"]


def test_care_card_rejects_unknown_kind_and_empty_cards():
    with pytest.raises(ValueError, match="kind must be one of"):
        care_cards.care_card("panic", "x", ["y"])
    with pytest.raises(ValueError, match="needs at least one item"):
        care_cards.care_card("urgent", "x", [])


def test_clinic_wording_generic_and_branded():
    generic = ClinicFile()
    assert clinic.pump_team(generic) == "your pump team"
    assert clinic.pump_team_contact(generic) == "your pump team"
    branded = ClinicFile(name="Example Neurology Clinic", pump_team_phone="555-0100", after_hours_phone="555-0199")
    assert clinic.pump_team_contact(branded) == "the Example Neurology Clinic pump team on 555-0100"
    block = clinic.contact_block(branded)
    assert 'href="tel:5550100"' in block and "555-0199" in block and "Example Neurology Clinic" in block
    assert "the number your pump clinic gave you" in clinic.contact_block(generic)


def test_glossary_abbreviations_and_list():
    md = glossary.abbreviations(SITE.glossary)
    for term in SITE.glossary.terms:
        if term.tooltip:
            assert f"*[{term.term}]: {term.plain}" in md
    html = glossary.glossary_list(SITE.glossary)
    terms = [dt.get_text() for dt in BeautifulSoup(html, "html.parser").select("dt")]
    assert terms == sorted(terms, key=str.lower) and len(terms) == len(SITE.glossary.terms)


def test_small_helpers():
    assert fmt_num(20.0) == "20" and fmt_num(87.5) == "87.5" and fmt_num(1199) == "1,199" and fmt_num(0.048) == "0.048"
    ids = IdMaker("maintenance")
    assert [ids("chart"), ids("chart"), ids("table")] == ["maintenance-chart", "maintenance-chart-2", "maintenance-table"]
