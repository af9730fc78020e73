"""Benefits and risks as 'about N in 100 people' (issue 18, item 4): data/outcomes.yml, the sentence and the
icon arrays. Expected values are written out by hand from the fact sheet (section 10.4 and the trial dose)."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from helpers import ROOT, cite_numbers
from macros.data import DataError, load_site_data
from macros.html import IdMaker
from macros.models import OutcomesFile
from macros.render_outcomes import icon_array, outcome_sentence, people_figures

SITE = load_site_data(ROOT / "data")

# id -> (people out of 100, source), from clinical-facts.md: R10 18%, R21 about 23%, R17 14.6% per patient,
# R13 5.6% of adults, R12 87.2% / 76.3% after 10 years, L8 97% / 94% screening response.
EXPECTED = {
    "any-problem-first-year": (18, ["R10"]),
    "spinal-headache": (23, ["R21"]),
    "infection-children-cp": (15, ["R17"]),
    "tube-problem-reinforced": (6, ["R13"]),
    "still-using-adults": (87, ["R12"]),
    "still-using-children": (76, ["R12"]),
    "trial-response-spinal": (97, ["L8"]),
    "trial-response-cerebral": (94, ["L8"]),
}


def test_every_figure_is_people_out_of_100_with_its_source():
    assert SITE.outcomes.per == 100
    assert {f.id: (f.people, f.sources) for f in SITE.outcomes.figures} == EXPECTED


def test_the_sentence_counts_people_and_cites():
    html = outcome_sentence(SITE.outcomes, "spinal-headache", cite_numbers)
    assert html == ('About 23 in 100 people had a spinal headache after the pump operation '
                    '<sup class="cite">1</sup>.')


def test_a_promotional_figure_says_where_it_comes_from():
    html = outcome_sentence(SITE.outcomes, "trial-response-spinal", cite_numbers)
    assert html.startswith("About 97 in 100 people whose stiffness comes from the spinal cord")
    assert "drug maker" in html


@pytest.mark.parametrize("figure_id,filled", [("tube-problem-reinforced", 6), ("still-using-adults", 87)])
def test_the_icon_array_fills_as_many_dots_as_the_number(figure_id, filled):
    svg = BeautifulSoup(icon_array(SITE.outcomes, figure_id, IdMaker("r")), "html.parser").svg
    assert len(svg.select("circle")) == 100
    assert len(svg.select("circle.pf-dot--on")) == filled
    assert svg["role"] == "img"
    assert svg.title.get_text().startswith(f"About {filled} in 100")


def test_each_picture_has_the_same_number_in_text_beside_it():
    soup = BeautifulSoup(people_figures(SITE.outcomes, ["spinal-headache", "still-using-children"],
                                        IdMaker("r"), cite_numbers), "html.parser")
    figures = soup.select("figure.people-figure")
    assert [f.figcaption.strong.get_text() for f in figures] == ["About 23 in 100", "About 76 in 100"]
    assert "people-figure--risk" in figures[0]["class"] and "people-figure--benefit" in figures[1]["class"]
    assert len({f["id"] for f in figures}) == 2


def test_unknown_figure_names_the_file():
    with pytest.raises(ValueError, match="no figure 'nope' in data/outcomes.yml"):
        outcome_sentence(SITE.outcomes, "nope", cite_numbers)


def test_more_people_than_the_total_is_refused():
    raw = {"per": 100, "figures": [{"id": "x", "kind": "risk", "people": 101, "group": "adults",
                                    "outcome": "had it", "sources": ["R10"]}]}
    with pytest.raises(ValueError, match="people must be at most per"):
        OutcomesFile.model_validate(raw)


def test_a_duplicate_figure_id_fails_the_data_load(tmp_path):
    for f in (ROOT / "data").glob("*.yml"):
        (tmp_path / f.name).write_text(f.read_text())
    text = (tmp_path / "outcomes.yml").read_text()
    (tmp_path / "outcomes.yml").write_text(text.replace("id: spinal-headache", "id: tube-problem-reinforced"))
    with pytest.raises(DataError, match=r"data/outcomes.yml: figures\[\d\]\.id: duplicate id"):
        load_site_data(tmp_path)
