"""The data loader: real data loads; each kind of bad data gives one clear line naming file, entry, field, value."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from helpers import ROOT
from macros.data import DataError, load_site_data

DATA = ROOT / "data"


@pytest.fixture
def data_copy(tmp_path) -> Path:
    shutil.copytree(DATA, tmp_path / "data")
    return tmp_path / "data"


def edit(path: Path, change) -> None:
    raw = yaml.safe_load(path.read_text())
    change(raw)
    path.write_text(yaml.safe_dump(raw, sort_keys=False))


def error_for(data_dir: Path) -> str:
    with pytest.raises(DataError) as exc:
        load_site_data(data_dir)
    return str(exc.value)


def test_real_data_loads_and_links_up():
    site = load_site_data(DATA)
    assert site.pumps["synchromed-ii-40"].diameter_mm.value == 87.5
    assert site.pumps["synchromed-ii-20"].thickness_mm.value == 19.5
    assert site.pumps["prometra-ii-20"].default_alarm_ml.value is None  # unknown, not guessed
    assert site.refill.max_interval_days.value == 180
    assert {c.mcg_per_ml for c in site.drug.concentrations.refill} == {500, 1000, 2000}
    assert "L1" in site.sources and site.clinic.emergency_number == "911"


def test_every_value_in_the_data_has_a_source_or_is_marked_unknown():
    site = load_site_data(DATA)
    for pump in site.pumps.values():
        for name, field in pump:
            if hasattr(field, "value") and hasattr(field, "note"):
                assert field.sources or (field.value is None and field.note), f"{pump.id}.{name}"


CASES = {
    "negative number": (
        "pumps.yml", lambda d: d["pumps"][1]["reservoir_ml"].update(value=-20),
        "data/pumps.yml: pumps[1].reservoir_ml.value: must be greater than 0 (got -20) [entry id: synchromed-ii-40]"),
    "zero": (
        "pumps.yml", lambda d: d["pumps"][0]["min_flow_ml_per_day"].update(value=0),
        "data/pumps.yml: pumps[0].min_flow_ml_per_day.value: must be greater than 0 (got 0) [entry id: synchromed-ii-20]"),
    "wrong type": (
        "pumps.yml", lambda d: d["pumps"][0]["diameter_mm"].update(value="wide"),
        "data/pumps.yml: pumps[0].diameter_mm.value: must be a valid number, unable to parse string as a number (got 'wide')"),
    "missing field": (
        "pumps.yml", lambda d: d["pumps"][2].pop("reservoir_ml"),
        "data/pumps.yml: pumps[2].reservoir_ml: required field is missing [entry id: prometra-ii-20]"),
    "unknown key": (
        "drug.yml", lambda d: d["screening"].update(colour="blue"),
        "data/drug.yml: screening.colour: unknown key"),
    "duplicate id": (
        "pumps.yml", lambda d: d["pumps"][1].update(id="synchromed-ii-20"),
        "data/pumps.yml: pumps[1].id: duplicate id 'synchromed-ii-20' (first used at pumps[0])"),
    "unknown source id": (
        "symptoms.yml", lambda d: d["features"][0]["withdrawal"][0].update(sources=["Z9"]),
        "data/symptoms.yml: features[0].withdrawal[0].sources[0]: unknown source id 'Z9' (not in data/sources.yml) [entry id: muscle-tone]"),
    "range upside down": (
        "drug.yml", lambda d: d["screening"]["onset_hours"].update(min=9),
        "data/drug.yml: screening.onset_hours: min must not be greater than max (got 9 > 1)"),
    "unknown value without a note": (
        "pumps.yml", lambda d: d["pumps"][2]["diameter_mm"].pop("note"),
        "data/pumps.yml: pumps[2].diameter_mm: an unknown value (null) needs a note saying it was not found"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_data_is_named_precisely(data_copy, case):
    name, change, expected = CASES[case]
    edit(data_copy / name, change)
    assert expected in error_for(data_copy)


def test_missing_file(data_copy):
    (data_copy / "symptoms.yml").unlink()
    assert "data/symptoms.yml: file is missing" in error_for(data_copy)


def test_malformed_yaml_names_the_line(data_copy):
    path = data_copy / "refill.yml"
    path.write_text(path.read_text() + "\nbroken: [unclosed\n")
    message = error_for(data_copy)
    assert message.startswith("data/refill.yml: not valid YAML at line")


def test_bad_clinic_phone(data_copy, tmp_path):
    clinic = tmp_path / "clinic.yml"
    clinic.write_text("name: Test Clinic\npump_team_phone: call us\n")
    with pytest.raises(DataError) as exc:
        load_site_data(data_copy, clinic_file=clinic)
    assert "pump_team_phone: must be a phone number" in str(exc.value) and "'call us'" in str(exc.value)
