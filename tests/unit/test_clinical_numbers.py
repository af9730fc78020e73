"""Every clinical number in data/ that a reader sees is pinned to a hand-written value traced to the fact sheet
(/work/shared/reference/clinical-facts.md, "§" below), and the source the fact sheet gives for it must be among
the entry's own sources. A number that changes, or a new number with no line here, fails.

Adding a number to data/: add one line to PINNED with the fact sheet's value, section and source id."""
from __future__ import annotations

import pytest
import yaml

from helpers import ROOT

DATA = ROOT / "data"
# Files with clinical numbers. sources.yml (publication years), glossary.yml and clinic.yml (a clinic's
# settings) hold none; the walk below checks that they stay that way, except publication years.
CLINICAL_FILES = ["alarms.yml", "drug.yml", "outcomes.yml", "pumps.yml", "refill.yml", "symptoms.yml"]
# Numbers that are not clinical facts: a card's order (rank) and a source's publication year.
NOT_CLINICAL_KEYS = {"rank", "year"}

S20, S40, P20, P40 = "pumps[synchromed-ii-20]", "pumps[synchromed-ii-40]", "pumps[prometra-ii-20]", "pumps[prometra-ii-40]"
# (file, path, expected value, fact-sheet section, a source id the entry must cite; None: an axis of the
# illustrative refill table, which cites nothing itself)
PINNED = [
    # benefits and risks, people out of 100 (§10.4, §3): rounded to whole people
    ("outcomes.yml", "per", 100, "(the denominator: out of 100 people)", None),
    ("outcomes.yml", "figures[trial-response-spinal].people", 97, "§3 (97% spinal-origin)", "L8"),
    ("outcomes.yml", "figures[trial-response-cerebral].people", 94, "§3 (94% cerebral-origin)", "L8"),
    ("outcomes.yml", "figures[still-using-adults].people", 87, "§10.4 (87.2% after 10 years)", "R12"),
    ("outcomes.yml", "figures[still-using-children].people", 76, "§10.4 (76.3% after 10 years)", "R12"),
    ("outcomes.yml", "figures[any-problem-first-year].people", 18, "§10.4 (18% of 158 adults)", "R10"),
    ("outcomes.yml", "figures[spinal-headache].people", 23, "§10.4 (about 23%)", "R21"),
    ("outcomes.yml", "figures[infection-children-cp].people", 15, "§10.4 (14.6% per patient)", "R17"),
    ("outcomes.yml", "figures[tube-problem-reinforced].people", 6, "§10.4 (5.6% of 126 adults)", "R13"),
    ("alarms.yml", "alarms[two-tone].seconds", 3, "§1.3", "D8"),
    ("alarms.yml", "alarms[single-tone].seconds", 1, "§1.3", "D8"),
    ("drug.yml", "concentrations.screening_mcg_per_ml.value", 50, "§2", "L8"),
    ("drug.yml", "concentrations.refill[0].mcg_per_ml", 500, "§2", "L8"),
    ("drug.yml", "concentrations.refill[1].mcg_per_ml", 1000, "§2", "L5"),
    ("drug.yml", "concentrations.refill[2].mcg_per_ml", 2000, "§2", "L8"),
    ("drug.yml", "screening.doses_mcg[0].value", 50, "§3", "L6"),
    ("drug.yml", "screening.doses_mcg[1].value", 75, "§3", "L6"),
    ("drug.yml", "screening.doses_mcg[2].value", 100, "§3", "L6"),
    ("drug.yml", "screening.hours_between_doses.value", 24, "§3", "L6"),
    ("drug.yml", "screening.small_or_walking_start_mcg.value", 25, "§3", "R2"),
    ("drug.yml", "screening.observe_hours.min", 4, "§3", "L6"),
    ("drug.yml", "screening.observe_hours.max", 8, "§3", "L6"),
    ("drug.yml", "screening.onset_hours.min", 0.5, "§3", "L2"),
    ("drug.yml", "screening.onset_hours.max", 1, "§3", "L2"),
    ("drug.yml", "screening.peak_hours.min", 4, "§3", "L2"),
    ("drug.yml", "screening.peak_hours.max", 6, "§3 (Lioresal HCP site)", "L8"),
    ("drug.yml", "screening.duration_hours.min", 4, "§3", "L2"),
    ("drug.yml", "screening.duration_hours.max", 8, "§3", "L2"),
    ("drug.yml", "maintenance_mcg_per_day[adult-spinal].range.min", 300, "§4", "L5"),
    ("drug.yml", "maintenance_mcg_per_day[adult-spinal].range.max", 800, "§4", "L5"),
    ("drug.yml", "maintenance_mcg_per_day[adult-cerebral].range.min", 90, "§4", "L5"),
    ("drug.yml", "maintenance_mcg_per_day[adult-cerebral].range.max", 703, "§4", "L5"),
    ("drug.yml", "maintenance_mcg_per_day[children-under-12].range.min", 24, "§4", "L5"),
    ("drug.yml", "maintenance_mcg_per_day[children-under-12].range.max", 1199, "§4", "L5"),
    ("drug.yml", "limited_experience_above_mcg_per_day.value", 1000, "§4, §11", "L5"),
    ("drug.yml", "oral_baclofen.usual_mg_per_day.min", 40, "§6", "L9"),
    ("drug.yml", "oral_baclofen.usual_mg_per_day.max", 80, "§6", "L9"),
    ("drug.yml", "oral_baclofen.label_max_mg_per_day.value", 80, "§6", "L9"),
    ("drug.yml", "oral_baclofen.plasma_ratio_note.value", 100, "§6", "L2"),
    *[("pumps.yml", f"{pump}.{field}", value, section, source) for pump in (S20, S40)
      for field, value, section, source in [
          ("diameter_mm.value", 87.5, "§1.1", "D1"),
          ("min_flow_ml_per_day.value", 0.048, "§1.1", "D1"),
          ("default_alarm_ml.value", 2, "§0 item 2, §1.4", "R9"),
          ("battery_years_min.value", 5, "§1.5", "D3"),
          ("battery_years_max.value", 7, "§1.5", "D3"),
          ("battery_hard_stop_years.value", 7, "§1.5", "D3"),
          ("replacement_warning_days.value", 90, "§1.3, §1.5", "D3"),
          ("mri.max_tesla.value", 3, "§1.6", "D4")]],
    ("pumps.yml", f"{S20}.reservoir_ml.value", 20, "§1.1", "D1"),
    ("pumps.yml", f"{S20}.thickness_mm.value", 19.5, "§1.1", "D1"),
    ("pumps.yml", f"{S20}.weight_empty_g.value", 165, "§1.1", "D1"),
    ("pumps.yml", f"{S20}.weight_full_g.value", 185, "§1.1", "D1"),
    ("pumps.yml", f"{S40}.reservoir_ml.value", 40, "§1.1", "D1"),
    ("pumps.yml", f"{S40}.thickness_mm.value", 26, "§1.1", "D1"),
    ("pumps.yml", f"{S40}.weight_empty_g.value", 175, "§1.1", "D1"),
    ("pumps.yml", f"{S40}.weight_full_g.value", 215, "§1.1", "D1"),
    ("pumps.yml", f"{P20}.reservoir_ml.value", 20, "§1.8", "D15"),
    ("pumps.yml", f"{P40}.reservoir_ml.value", 40, "§1.8", "D15"),
    ("pumps.yml", f"{P20}.battery_years_min.value", 10, "§1.5", "D15"),
    ("pumps.yml", f"{P40}.battery_years_min.value", 10, "§1.5", "D15"),
    ("pumps.yml", f"{P20}.mri.max_tesla.value", 1.5, "§1.6", "D14"),
    ("pumps.yml", f"{P40}.mri.max_tesla.value", 1.5, "§1.6", "D14"),
    ("refill.yml", "default_margin_days.value", 7, "§5 (about a week [D2]; 7 to 10 days [P2])", "P2"),
    ("refill.yml", "reported_margins_days[0].min", 3, "§5", "P1"),
    ("refill.yml", "reported_margins_days[0].max", 5, "§5", "P1"),
    ("refill.yml", "reported_margins_days[1].min", 7, "§5", "P2"),
    ("refill.yml", "reported_margins_days[1].max", 10, "§5", "P2"),
    ("refill.yml", "withdrawal_residual_ml.min", 2, "§0 item 2, §1.4", "R9"),
    ("refill.yml", "withdrawal_residual_ml.max", 4, "§0 item 2, §1.4", "R9"),
    ("refill.yml", "max_interval_days.value", 180, "§0 item 3, §5", "R16"),
    # The illustrative refill table's axes: listed strengths (§2), pump sizes (§1.1), the 2 mL alarm (§1.4),
    # doses inside the label's ranges (§4), and bands that end at the 180-day limit (§5).
    *[("refill.yml", f"table.doses_mcg_per_day[{i}]", v, "§4", None)
      for i, v in enumerate([100, 150, 200, 300, 400, 500, 600, 800, 1000])],
    ("refill.yml", "table.reservoirs_ml[0]", 20, "§1.1", None),
    ("refill.yml", "table.reservoirs_ml[1]", 40, "§1.1", None),
    ("refill.yml", "table.concentrations_mcg_per_ml[0]", 500, "§2", None),
    ("refill.yml", "table.concentrations_mcg_per_ml[1]", 1000, "§2", None),
    ("refill.yml", "table.concentrations_mcg_per_ml[2]", 2000, "§2", None),
    ("refill.yml", "table.alarm_ml", 2, "§1.4", None),
    ("refill.yml", "table.bands[0].max_days", 30, "§5 (display band)", None),
    ("refill.yml", "table.bands[1].max_days", 90, "§5 (display band)", None),
    ("refill.yml", "table.bands[2].max_days", 180, "§0 item 3, §5", None),
]


def walk(node, path="", cited=()):
    """(path, number, the sources of the nearest entry that has them) for every number under node."""
    if isinstance(node, dict):
        cited = tuple(node.get("sources") or ()) or cited
        for key, value in node.items():
            if key not in NOT_CLINICAL_KEYS:
                yield from walk(value, f"{path}.{key}" if path else str(key), cited)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            key = value["id"] if isinstance(value, dict) and "id" in value else i
            yield from walk(value, f"{path}[{key}]", cited)
    elif isinstance(node, (int, float)) and not isinstance(node, bool):
        yield path, node, cited


def numbers(name: str) -> dict[str, tuple[float, tuple[str, ...]]]:
    data = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    return {path: (value, cited) for path, value, cited in walk(data)}


FOUND = {name: numbers(name) for name in CLINICAL_FILES}


@pytest.mark.parametrize("name, path, expected, section, source", PINNED,
                         ids=[f"{n}:{p}" for n, p, *_ in PINNED])
def test_number_matches_the_fact_sheet(name, path, expected, section, source):
    assert path in FOUND[name], f"data/{name}: {path} is gone (fact sheet {section})"
    value, cited = FOUND[name][path]
    assert value == expected, f"data/{name}: {path} is {value}; the fact sheet ({section}) says {expected}"
    if source is not None:
        assert source in cited, f"data/{name}: {path} cites {list(cited)}; the fact sheet ({section}) gives {source}"


def test_every_number_in_data_is_pinned():
    pinned = {(name, path) for name, path, *_ in PINNED}
    assert len(pinned) == len(PINNED), "a path is pinned twice"
    unpinned = [f"data/{name}: {path} = {value}" for name in CLINICAL_FILES
                for path, (value, _) in FOUND[name].items() if (name, path) not in pinned]
    assert not unpinned, ("numbers in data/ with no hand-written value from the fact sheet (add them to PINNED):\n"
                          + "\n".join(unpinned))


def test_the_other_data_files_hold_no_clinical_number():
    others = sorted(p.name for p in DATA.glob("*.yml") if p.name not in CLINICAL_FILES)
    assert others == ["actions.yml", "clinic.yml", "glossary.yml", "sources.yml"], others
    stray = [f"data/{name}: {path} = {value}" for name in others for path, value, _ in
             walk(yaml.safe_load((DATA / name).read_text(encoding="utf-8")))]
    assert not stray, "a number in a file this test does not pin: move it, or add the file to CLINICAL_FILES:\n" + \
        "\n".join(stray)
