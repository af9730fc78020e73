"""Every data rule in macros/models.py and macros/data.py, one bad value each (and, for a limit, the value just
inside it, which must load). Table-driven: a case is (file, change, the line the loader must print).
The expected lines are typed by hand; they are what a person editing data/ reads."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from helpers import ROOT
from macros import data as data_module
from macros.data import DATA_FILES, DataError, load_site_data

FILES = [*DATA_FILES, "clinic.yml"]
RAW = {name: yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8")) for name in FILES}
FEATURE = {f["id"]: i for i, f in enumerate(RAW["symptoms.yml"]["features"])}
MUSCLE, ONSET = FEATURE["muscle-tone"], next(i for i, f in enumerate(RAW["symptoms.yml"]["features"])
                                             if f.get("kind") == "context")
ONSET_ID = RAW["symptoms.yml"]["features"][ONSET]["id"]
NEW_SOURCE = {"id": "Z9", "title": "A test source", "organisation": "Test", "year": 2020,
              "url": "https://example.org/", "kind": "study"}


def put(*path_and_value):
    *path, value = path_and_value

    def change(raw):
        node = raw
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return change


def drop(*path):
    def change(raw):
        node = raw
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]
    return change


def add_source(**fields):
    return lambda raw: raw["sources"].append({**NEW_SOURCE, **fields})


def write_data(tmp_path: Path, name: str | None = None, change=None) -> Path:
    """A data folder: the real files, with `change` applied to a copy of `name`."""
    data = tmp_path / "data"
    data.mkdir()
    for file in FILES:
        if file == name:
            raw = copy.deepcopy(RAW[file])
            change(raw)
            (data / file).write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True), encoding="utf-8")
        else:
            (data / file).symlink_to(ROOT / "data" / file)
    return data


def replace_file(path: Path, text: str) -> None:
    path.unlink()  # a symlink to the real file: never write through it
    path.write_text(text, encoding="utf-8")


@pytest.fixture(autouse=True)
def parse_each_real_file_once(monkeypatch):
    """Reading YAML is the slow part: an unchanged real file comes from RAW (read_yaml itself is tested by the
    empty, missing and malformed file cases)."""
    original = data_module.read_yaml

    def read_yaml(path, label):
        path = Path(path)
        if path.is_symlink() and path.name in RAW:
            return copy.deepcopy(RAW[path.name])
        return original(path, label)
    monkeypatch.setattr(data_module, "read_yaml", read_yaml)


def load_error(data: Path) -> str:
    with pytest.raises(DataError) as exc:
        load_site_data(data)
    return str(exc.value)


P0 = "data/pumps.yml: pumps[0]"
E0 = "[entry id: synchromed-ii-20]"
SIGN0 = f"data/symptoms.yml: features[{MUSCLE}].withdrawal[0]"
LONG = "x" * 300

# name -> (file, change, the start of a line expected in the error, word for word; a rule written as a
# validator also prints the entry it checked after this)
BAD = {
    # sources.yml (Source, SourcesFile)
    "source id pattern": ("sources.yml", put("sources", 0, "id", "l1"),
                          "data/sources.yml: sources[0].id: String should match pattern '^[A-Z][0-9]+(-[a-z])?$' (got 'l1') [entry id: l1]"),
    "source id suffix capital": ("sources.yml", add_source(id="Z9-A"),
                                 f"data/sources.yml: sources[{len(RAW['sources.yml']['sources'])}].id: String should match pattern "
                                 "'^[A-Z][0-9]+(-[a-z])?$' (got 'Z9-A') [entry id: Z9-A]"),
    "source title too short": ("sources.yml", put("sources", 0, "title", "ab"),
                               "data/sources.yml: sources[0].title: String should have at least 3 characters (got 'ab') [entry id: L1]"),
    "source title missing": ("sources.yml", drop("sources", 0, "title"),
                             "data/sources.yml: sources[0].title: required field is missing [entry id: L1]"),
    "source title_is_description not a boolean": ("sources.yml", put("sources", 0, "title_is_description", "yes"),
                                                  "data/sources.yml: sources[0].title_is_description: must be a valid boolean (got 'yes') [entry id: L1]"),
    "source organisation too short": ("sources.yml", put("sources", 0, "organisation", "X"),
                                      "data/sources.yml: sources[0].organisation: String should have at least 2 characters (got 'X') [entry id: L1]"),
    "source year too early": ("sources.yml", put("sources", 0, "year", 1949),
                              "data/sources.yml: sources[0].year: must be greater than or equal to 1950 (got 1949) [entry id: L1]"),
    "source year too late": ("sources.yml", put("sources", 0, "year", 2101),
                             "data/sources.yml: sources[0].year: must be less than or equal to 2100 (got 2101) [entry id: L1]"),
    "source url not http": ("sources.yml", put("sources", 0, "url", "www.example.org"),
                            "data/sources.yml: sources[0].url: String should match pattern '^https?://' (got 'www.example.org') [entry id: L1]"),
    "source kind unknown": ("sources.yml", put("sources", 0, "kind", "blog"),
                            "data/sources.yml: sources[0].kind: must be 'label', 'device', 'study' or 'patient' (got 'blog') [entry id: L1]"),
    "no sources": ("sources.yml", put("sources", []),
                   "data/sources.yml: sources: List should have at least 1 item after validation, not 0 (got [])"),
    "duplicate source id": ("sources.yml", put("sources", 1, "id", "L1"),
                            "data/sources.yml: sources[1].id: duplicate id 'L1' (first used at sources[0])"),
    # pumps.yml (Sourced, Pump, Mri, PumpsFile)
    "value zero": ("pumps.yml", put("pumps", 0, "reservoir_ml", "value", 0),
                   f"{P0}.reservoir_ml.value: must be greater than 0 (got 0) {E0}"),
    "value negative": ("pumps.yml", put("pumps", 0, "weight_full_g", "value", -1),
                       f"{P0}.weight_full_g.value: must be greater than 0 (got -1) {E0}"),
    "unknown value without a note": ("pumps.yml", put("pumps", 0, "diameter_mm", {"value": None, "sources": ["D1"]}),
                                     f"{P0}.diameter_mm: an unknown value (null) needs a note saying it was not found"),
    "known value without a source": ("pumps.yml", put("pumps", 0, "diameter_mm", "sources", []),
                                     f"{P0}.diameter_mm: a known value needs at least one source id"),
    "reservoir unknown": ("pumps.yml", put("pumps", 0, "reservoir_ml", {"value": None, "note": "not found"}),
                          f"{P0}.reservoir_ml: the reservoir size must be known"),
    "pump id pattern": ("pumps.yml", put("pumps", 0, "id", "SynchroMed 20"),
                        f"{P0}.id: String should match pattern '^[a-z0-9]+(-[a-z0-9]+)*$' (got 'SynchroMed 20') [entry id: SynchroMed 20]"),
    "pump without sources": ("pumps.yml", put("pumps", 0, "sources", []),
                             f"{P0}.sources: List should have at least 1 item after validation, not 0 (got []) {E0}"),
    "pump model missing": ("pumps.yml", drop("pumps", 0, "model"), f"{P0}.model: required field is missing {E0}"),
    "pump unknown key": ("pumps.yml", put("pumps", 0, "colour", "grey"), f"{P0}.colour: unknown key {E0}"),
    "mri status unknown": ("pumps.yml", put("pumps", 0, "mri", "status", "MR maybe"),
                           f"{P0}.mri.status: must be 'MR Conditional', 'MR Unsafe' or 'MR Safe' (got 'MR maybe') {E0}"),
    "mri without sources": ("pumps.yml", put("pumps", 0, "mri", "sources", []),
                            f"{P0}.mri.sources: List should have at least 1 item after validation, not 0 (got []) {E0}"),
    "no pumps": ("pumps.yml", put("pumps", []),
                 "data/pumps.yml: pumps: List should have at least 1 item after validation, not 0 (got [])"),
    "duplicate pump id": ("pumps.yml", put("pumps", 1, "id", "synchromed-ii-20"),
                          "data/pumps.yml: pumps[1].id: duplicate id 'synchromed-ii-20' (first used at pumps[0])"),
    "unknown source id": ("pumps.yml", put("pumps", 0, "reservoir_ml", "sources", ["X1"]),
                          f"{P0}.reservoir_ml.sources[0]: unknown source id 'X1' (not in data/sources.yml) {E0}"),
    # drug.yml (RefillConcentration, Concentrations, Screening, SourcedRange, DrugFile)
    "refill concentration zero": ("drug.yml", put("concentrations", "refill", 0, "mcg_per_ml", 0),
                                  "data/drug.yml: concentrations.refill[0].mcg_per_ml: must be greater than 0 (got 0)"),
    "refill concentration negative": ("drug.yml", put("concentrations", "refill", 0, "mcg_per_ml", -500),
                                      "data/drug.yml: concentrations.refill[0].mcg_per_ml: must be greater than 0 (got -500)"),
    "refill concentration not whole": ("drug.yml", put("concentrations", "refill", 0, "mcg_per_ml", 1.5),
                                       "data/drug.yml: concentrations.refill[0].mcg_per_ml: must be a valid integer, got a number with a fractional part (got 1.5)"),
    "refill concentration without products": ("drug.yml", put("concentrations", "refill", 0, "products", []),
                                              "data/drug.yml: concentrations.refill[0].products: List should have at least 1 item after validation, not 0 (got [])"),
    "refill concentration without sources": ("drug.yml", put("concentrations", "refill", 0, "sources", []),
                                             "data/drug.yml: concentrations.refill[0].sources: List should have at least 1 item after validation, not 0 (got [])"),
    "no refill concentrations": ("drug.yml", put("concentrations", "refill", []),
                                 "data/drug.yml: concentrations.refill: List should have at least 1 item after validation, not 0 (got [])"),
    "no screening doses": ("drug.yml", put("screening", "doses_mcg", []),
                           "data/drug.yml: screening.doses_mcg: List should have at least 1 item after validation, not 0 (got [])"),
    "screening dose zero": ("drug.yml", put("screening", "doses_mcg", 0, "value", 0),
                            "data/drug.yml: screening.doses_mcg[0].value: must be greater than 0 (got 0)"),
    "range min negative": ("drug.yml", put("screening", "onset_hours", "min", -1),
                           "data/drug.yml: screening.onset_hours.min: must be greater than or equal to 0 (got -1)"),
    "range max zero": ("drug.yml", put("screening", "onset_hours", {"min": 0, "max": 0, "sources": ["L2"]}),
                       "data/drug.yml: screening.onset_hours.max: must be greater than 0 (got 0)"),
    "range upside down": ("drug.yml", put("screening", "onset_hours", "min", 1.5),
                          "data/drug.yml: screening.onset_hours: min must not be greater than max (got 1.5 > 1)"),
    "range without sources": ("drug.yml", put("screening", "onset_hours", "sources", []),
                              "data/drug.yml: screening.onset_hours.sources: List should have at least 1 item after validation, not 0 (got [])"),
    "no maintenance ranges": ("drug.yml", put("maintenance_mcg_per_day", []),
                              "data/drug.yml: maintenance_mcg_per_day: List should have at least 1 item after validation, not 0 (got [])"),
    "drug unknown key": ("drug.yml", put("screening", "colour", "blue"), "data/drug.yml: screening.colour: unknown key"),
    # refill.yml (RefillRule, Band, RefillTable, RefillFile)
    "rule without sources": ("refill.yml", put("rule", "sources", []),
                             "data/refill.yml: rule.sources: List should have at least 1 item after validation, not 0 (got [])"),
    "band zero days": ("refill.yml", put("table", "bands", 0, "max_days", 0),
                       "data/refill.yml: table.bands[0].max_days: must be greater than 0 (got 0)"),
    "no bands": ("refill.yml", put("table", "bands", []),
                 "data/refill.yml: table.bands: List should have at least 1 item after validation, not 0 (got [])"),
    "no table doses": ("refill.yml", put("table", "doses_mcg_per_day", []),
                       "data/refill.yml: table.doses_mcg_per_day: List should have at least 1 item after validation, not 0 (got [])"),
    "table dose zero": ("refill.yml", put("table", "doses_mcg_per_day", [0, 100]),
                        "data/refill.yml: table.doses_mcg_per_day: every value must be greater than 0 (got [0, 100])"),
    "table reservoirs out of order": ("refill.yml", put("table", "reservoirs_ml", [40, 20]),
                                      "data/refill.yml: table.reservoirs_ml: values must be increasing with no repeats (got [40, 20])"),
    "table concentrations repeated": ("refill.yml", put("table", "concentrations_mcg_per_ml", [500, 500, 2000]),
                                      "data/refill.yml: table.concentrations_mcg_per_ml: values must be increasing with no repeats (got [500, 500, 2000])"),
    "table alarm zero": ("refill.yml", put("table", "alarm_ml", 0), "data/refill.yml: table.alarm_ml: must be greater than 0 (got 0)"),
    "table alarm not a number": ("refill.yml", put("table", "alarm_ml", "two"),
                                 "data/refill.yml: table.alarm_ml: must be a valid number, unable to parse string as a number (got 'two')"),
    "no reported margins": ("refill.yml", put("reported_margins_days", []),
                            "data/refill.yml: reported_margins_days: List should have at least 1 item after validation, not 0 (got [])"),
    "max interval zero": ("refill.yml", put("max_interval_days", "value", 0),
                          "data/refill.yml: max_interval_days.value: must be greater than 0 (got 0)"),
    # symptoms.yml (TierDef, Sign, Feature, OtherReason, SymptomsFile)
    "two tiers": ("symptoms.yml", lambda d: d["tiers"].pop(),
                  "data/symptoms.yml: tiers: List should have at least 3 items after validation, not 2"),
    "four tiers": ("symptoms.yml", lambda d: d["tiers"].append(dict(d["tiers"][0])),
                   "data/symptoms.yml: tiers: List should have at most 3 items after validation, not 4"),
    "tier id unknown": ("symptoms.yml", put("tiers", 2, "id", "later"),
                        "data/symptoms.yml: tiers[2].id: must be 'emergency', 'urgent' or 'watch' (got 'later') [entry id: later]"),
    "sign too short": ("symptoms.yml", put("features", MUSCLE, "withdrawal", 0, "sign", "x"),
                       f"{SIGN0}.sign: String should have at least 2 characters (got 'x') [entry id: muscle-tone]"),
    "sign tier unknown": ("symptoms.yml", put("features", MUSCLE, "withdrawal", 0, "tier", "soon"),
                          f"{SIGN0}.tier: must be 'emergency', 'urgent' or 'watch' (got 'soon') [entry id: muscle-tone]"),
    "sign without sources": ("symptoms.yml", put("features", MUSCLE, "withdrawal", 0, "sources", []),
                             f"{SIGN0}.sources: List should have at least 1 item after validation, not 0 (got []) [entry id: muscle-tone]"),
    "sign without a tier": ("symptoms.yml", drop("features", MUSCLE, "withdrawal", 0, "tier"),
                            f"data/symptoms.yml: features[{MUSCLE}]: every sign needs a tier (emergency, urgent or watch); "
                            f"{RAW['symptoms.yml']['features'][MUSCLE]['withdrawal'][0]['sign']!r} has none"),
    "context row with a tier": ("symptoms.yml", lambda d: next(
        s for s in d["features"][ONSET]["withdrawal"] + d["features"][ONSET]["overdose"]).update(tier="watch"),
        f"data/symptoms.yml: features[{ONSET}]: a context row (kind: context) gives background, not signs: remove its tiers"),
    "feature id pattern": ("symptoms.yml", put("features", MUSCLE, "id", "Muscle tone"),
                           f"data/symptoms.yml: features[{MUSCLE}].id: String should match pattern '^[a-z0-9]+(-[a-z0-9]+)*$' (got 'Muscle tone') [entry id: Muscle tone]"),
    "feature kind unknown": ("symptoms.yml", put("features", MUSCLE, "kind", "note"),
                             f"data/symptoms.yml: features[{MUSCLE}].kind: must be 'sign' or 'context' (got 'note') [entry id: muscle-tone]"),
    "feature shared not a boolean": ("symptoms.yml", put("features", MUSCLE, "shared", "yes"),
                                     f"data/symptoms.yml: features[{MUSCLE}].shared: must be a valid boolean (got 'yes') [entry id: muscle-tone]"),
    "no features": ("symptoms.yml", put("features", []),
                    "data/symptoms.yml: features: List should have at least 1 item after validation, not 0 (got [])"),
    "duplicate feature id": ("symptoms.yml", put("features", 1, "id", RAW["symptoms.yml"]["features"][0]["id"]),
                             f"data/symptoms.yml: features[1].id: duplicate id {RAW['symptoms.yml']['features'][0]['id']!r} (first used at features[0])"),
    "other reason tier unknown": ("symptoms.yml", put("other_reasons", 0, "tier", "later"),
                                  "data/symptoms.yml: other_reasons[0].tier: must be 'emergency', 'urgent' or 'watch' (got 'later')"),
    "other reason without sources": ("symptoms.yml", put("other_reasons", 0, "sources", []),
                                     "data/symptoms.yml: other_reasons[0].sources: List should have at least 1 item after validation, not 0 (got [])"),
    "sign with an unknown source": ("symptoms.yml", put("features", MUSCLE, "withdrawal", 0, "sources", ["Z9"]),
                                    f"{SIGN0}.sources[0]: unknown source id 'Z9' (not in data/sources.yml) [entry id: muscle-tone]"),
    # glossary.yml (GlossaryTerm, GlossaryFile)
    "term too short": ("glossary.yml", put("terms", 0, "term", "I"),
                       "data/glossary.yml: terms[0].term: String should have at least 2 characters (got 'I') [entry id: itb]"),
    "term id pattern": ("glossary.yml", put("terms", 0, "id", "I T B"),
                        "data/glossary.yml: terms[0].id: String should match pattern '^[a-z0-9]+(-[a-z0-9]+)*$' (got 'I T B') [entry id: I T B]"),
    "plain words too short": ("glossary.yml", put("terms", 0, "plain", "pump"),
                              "data/glossary.yml: terms[0].plain: String should have at least 5 characters (got 'pump') [entry id: itb]"),
    "tooltip not a boolean": ("glossary.yml", put("terms", 0, "tooltip", "no"),
                              "data/glossary.yml: terms[0].tooltip: must be a valid boolean (got 'no') [entry id: itb]"),
    "no terms": ("glossary.yml", put("terms", []),
                 "data/glossary.yml: terms: List should have at least 1 item after validation, not 0 (got [])"),
    "duplicate term id": ("glossary.yml", put("terms", 1, "id", "itb"),
                          "data/glossary.yml: terms[1].id: duplicate id 'itb' (first used at terms[0])"),
    "duplicate term": ("glossary.yml", put("terms", 1, "term", "ITB"),
                       "data/glossary.yml: terms[1].term: duplicate term 'ITB' (first used at terms[0])"),
    # clinic.yml (ClinicFile)
    "clinic name too short": ("clinic.yml", put("name", "X"),
                              "data/clinic.yml: name: String should have at least 2 characters (got 'X')"),
    "clinic name too long": ("clinic.yml", put("name", "N" * 81),
                             f"data/clinic.yml: name: String should have at most 80 characters (got '" + 'N' * 76 + "...)"),
    "phone in words": ("clinic.yml", put("pump_team_phone", "call us"),
                       "data/clinic.yml: pump_team_phone: must be a phone number made of digits, spaces, brackets or dashes (got 'call us')"),
    "phone too short": ("clinic.yml", put("after_hours_phone", "12"),
                        "data/clinic.yml: after_hours_phone: must be a phone number made of digits, spaces, brackets or dashes (got '12')"),
    "phone too long": ("clinic.yml", put("after_hours_phone", "1" * 21),
                       f"data/clinic.yml: after_hours_phone: must be a phone number made of digits, spaces, brackets or dashes (got {'1' * 21!r})"),
    "emergency number in words": ("clinic.yml", put("emergency_number", "nine one one"),
                                  "data/clinic.yml: emergency_number: must be a phone number made of digits, spaces, brackets or dashes (got 'nine one one')"),
    "address too long": ("clinic.yml", put("address", "a" * 201),
                         f"data/clinic.yml: address: String should have at most 200 characters (got '" + 'a' * 76 + "...)"),
    "reviewer too short": ("clinic.yml", put("reviewer", "Dr"),
                           "data/clinic.yml: reviewer: String should have at least 3 characters (got 'Dr')"),
    "reviewer too long": ("clinic.yml", put("reviewer", "R" * 121),
                          f"data/clinic.yml: reviewer: String should have at most 120 characters (got '" + 'R' * 76 + "...)"),
    "review date not a date": ("clinic.yml", put("review_date", "soon"),
                               "data/clinic.yml: review_date: must be a valid date or datetime, input is too short (got 'soon')"),
    "clinic unknown key": ("clinic.yml", put("colour", "red"), "data/clinic.yml: colour: unknown key"),
    # issue 23: pumps that contradict themselves (one line each, naming the pump)
    "alarm above the reservoir": ("pumps.yml", put("pumps", 1, "default_alarm_ml", "value", 45),
                                  "data/pumps.yml: pumps[1].default_alarm_ml: the alarm volume (45 mL) must be less than "
                                  "the reservoir (40 mL) [entry id: synchromed-ii-40]"),
    "alarm equal to the reservoir": ("pumps.yml", put("pumps", 0, "default_alarm_ml", "value", 20),
                                     f"{P0}.default_alarm_ml: the alarm volume (20 mL) must be less than the reservoir "
                                     f"(20 mL) {E0}"),
    "battery min above max": ("pumps.yml", put("pumps", 0, "battery_years_min", "value", 9),
                              f"{P0}.battery_years_min: must not be greater than battery_years_max (got 9 > 7) {E0}"),
    "battery max above the hard stop": ("pumps.yml", put("pumps", 0, "battery_years_max", "value", 12),
                                        f"{P0}.battery_years_max: must not be greater than battery_hard_stop_years "
                                        f"(got 12 > {RAW['pumps.yml']['pumps'][0]['battery_hard_stop_years']['value']:g}) {E0}"),
    "full weight not above empty": ("pumps.yml", put("pumps", 0, "weight_full_g", "value", 165),
                                    f"{P0}.weight_full_g: the full weight (165 g) must be greater than the empty weight "
                                    f"(165 g) {E0}"),
    "min flow near the reservoir": ("pumps.yml", put("pumps", 1, "min_flow_ml_per_day", "value", 48),
                                    "data/pumps.yml: pumps[1].min_flow_ml_per_day: the smallest flow (48 mL a day) must "
                                    "be well below the reservoir: at most 0.4 mL a day (a full 40 mL reservoir must last "
                                    "at least 100 days at the smallest flow) [entry id: synchromed-ii-40]"),
    "replacement warning not whole days": ("pumps.yml", put("pumps", 0, "replacement_warning_days", "value", 90.5),
                                           f"{P0}.replacement_warning_days.value: must be a whole number of days (got 90.5) {E0}"),
    # issue 23: numbers the pages cannot show
    "value infinite": ("pumps.yml", put("pumps", 0, "reservoir_ml", "value", float("inf")),
                       f"{P0}.reservoir_ml.value: must be a finite number (got inf) {E0}"),
    "value not a number": ("pumps.yml", put("pumps", 0, "diameter_mm", "value", float("nan")),
                           f"{P0}.diameter_mm.value: must be a finite number (got nan) {E0}"),
    "value with 4 decimals": ("pumps.yml", put("pumps", 0, "min_flow_ml_per_day", "value", 0.0481),
                              f"{P0}.min_flow_ml_per_day.value: must have at most 3 decimal places (got 0.0481) {E0}"),
    "range infinite": ("drug.yml", put("screening", "onset_hours", "max", float("inf")),
                       "data/drug.yml: screening.onset_hours.max: must be a finite number (got inf)"),
    # issue 23: strengths, bands, day counts
    "strength listed twice": ("drug.yml", put("concentrations", "refill", 1, "mcg_per_ml", 500),
                              "data/drug.yml: concentrations.refill[1].mcg_per_ml: 500 mcg/mL is listed twice "
                              "(first at concentrations.refill[0])"),
    "bands out of order": ("refill.yml", put("table", "bands", 0, "max_days", 120),
                           "data/refill.yml: table.bands: max_days must increase from band to band (got 120, 90, 180)"),
    "bands repeated": ("refill.yml", put("table", "bands", 1, "max_days", 30),
                       "data/refill.yml: table.bands: max_days must increase from band to band (got 30, 30, 180)"),
    "last band short of the cap": ("refill.yml", put("table", "bands", 2, "max_days", 150),
                                   "data/refill.yml: table.bands[2].max_days: the last band must end at "
                                   "max_interval_days (got 150, expected 180)"),
    "last band past the cap": ("refill.yml", put("table", "bands", 2, "max_days", 200),
                               "data/refill.yml: table.bands[2].max_days: the last band must end at "
                               "max_interval_days (got 200, expected 180)"),
    "margin not whole days": ("refill.yml", put("default_margin_days", "value", 7.5),
                              "data/refill.yml: default_margin_days.value: must be a whole number of days (got 7.5)"),
    "cap not whole days": ("refill.yml", put("max_interval_days", "value", 0.5),
                           "data/refill.yml: max_interval_days.value: must be a whole number of days (got 0.5)"),
    "cap not above the margin": ("refill.yml", lambda d: d["default_margin_days"].update(value=180),
                                 "data/refill.yml: max_interval_days.value: the upper limit (180 days) must be greater "
                                 "than the safety margin, default_margin_days (180 days)"),
}

# name -> (file, change): just inside a limit (or an allowed edge), so it must load.
GOOD = {
    "source id with a lower-case suffix": ("sources.yml", add_source(id="Z9-a")),
    "source title of 3 characters": ("sources.yml", put("sources", 0, "title", "abc")),
    "source organisation of 2 characters": ("sources.yml", put("sources", 0, "organisation", "XY")),
    "source year 1950": ("sources.yml", put("sources", 0, "year", 1950)),
    "source year 2100": ("sources.yml", put("sources", 0, "year", 2100)),
    "source year unknown": ("sources.yml", put("sources", 0, "year", None)),
    "source url http": ("sources.yml", put("sources", 0, "url", "http://example.org/")),
    "tiny positive value": ("pumps.yml", put("pumps", 0, "min_flow_ml_per_day", "value", 0.001)),
    "unknown value with a note": ("pumps.yml", put("pumps", 0, "diameter_mm", {"value": None, "note": "not found"})),
    "refill concentration 1": ("drug.yml", put("concentrations", "refill", 0, "mcg_per_ml", 1)),
    "range from 0": ("drug.yml", put("screening", "onset_hours", "min", 0)),
    "range min equals max": ("drug.yml", put("screening", "onset_hours", "min", 1)),
    "band of 1 day": ("refill.yml", put("table", "bands", 0, "max_days", 1)),
    "table of one dose": ("refill.yml", put("table", "doses_mcg_per_day", [1])),
    "term of 2 characters": ("glossary.yml", put("terms", 0, "term", "IT")),
    "plain words of 5 characters": ("glossary.yml", put("terms", 0, "plain", "pumps")),
    "clinic name of 2 and 80 characters": ("clinic.yml", lambda d: d.update(name="NN", reviewer="R" * 40 + (" " + "R" * 39) * 2)),
    "clinic name of 80 characters": ("clinic.yml", lambda d: d.update(name="N" * 39 + " " + "N" * 40, reviewer="Rev")),
    "phones of 3 and 20 digits": ("clinic.yml", lambda d: d.update(pump_team_phone="123", after_hours_phone="1" * 20)),
    "phone with plus, brackets, spaces, dashes": ("clinic.yml", put("pump_team_phone", "+1 (555) 010-0100")),
    "another emergency number": ("clinic.yml", put("emergency_number", "112")),
    "address of 200 characters": ("clinic.yml", put("address", "a" * 40 + (" " + "a" * 39) * 4)),
    "review date": ("clinic.yml", lambda d: d.update(name="X Clinic", reviewer="Dr Test", review_date="2026-11-22")),
    "emergency number of 2 and 6 digits": ("clinic.yml", lambda d: d.update(emergency_number="15",
                                                                            after_hours_phone="123456")),
    "emergency number of 6 digits": ("clinic.yml", put("emergency_number", "116117")),
    "phone with balanced brackets": ("clinic.yml", put("pump_team_phone", "+44 (0)20 (7946) 0000")),
    # issue 23
    "value with 3 decimals": ("pumps.yml", put("pumps", 0, "min_flow_ml_per_day", "value", 0.125)),
    "alarm just below the reservoir": ("pumps.yml", put("pumps", 0, "default_alarm_ml", "value", 19.9)),
    "battery min equals max": ("pumps.yml", put("pumps", 0, "battery_years_min", "value", 7)),
    "min flow a hundredth of the reservoir": ("pumps.yml", put("pumps", 0, "min_flow_ml_per_day", "value", 0.2)),
    "margin one day below the cap": ("refill.yml", lambda d: (d["default_margin_days"].update(value=179))),
    "two strengths": ("drug.yml", put("concentrations", "refill", 1, "mcg_per_ml", 750)),
}


@pytest.mark.parametrize("case", BAD)
def test_each_bad_value_is_named(tmp_path, case):
    name, change, expected = BAD[case]
    message = load_error(write_data(tmp_path, name, change))
    assert any(line.startswith(expected) for line in message.splitlines()), \
        f"expected a line starting\n  {expected}\nin\n{message}"


@pytest.mark.parametrize("case", GOOD)
def test_values_just_inside_the_limits_load(tmp_path, case):
    name, change = GOOD[case]
    load_site_data(write_data(tmp_path, name, change))


def test_the_unchanged_copy_loads(tmp_path):
    """The copies are faithful: without a change the data loads."""
    site = load_site_data(write_data(tmp_path))
    assert site.refill.max_interval_days.value == 180


def test_problems_in_several_files_are_all_reported(tmp_path):
    data = write_data(tmp_path, "pumps.yml", put("pumps", 0, "reservoir_ml", "value", 0))
    raw = copy.deepcopy(RAW["drug.yml"])
    raw["screening"]["colour"] = "blue"
    replace_file(data / "drug.yml", yaml.safe_dump(raw, sort_keys=False))
    lines = load_error(data).splitlines()
    assert f"{P0}.reservoir_ml.value: must be greater than 0 (got 0) {E0}" in lines
    assert "data/drug.yml: screening.colour: unknown key" in lines


def test_an_empty_file(tmp_path):
    data = write_data(tmp_path)
    replace_file(data / "glossary.yml", "# nothing here\n")
    assert load_error(data) == "data/glossary.yml: file is empty"


def test_a_missing_clinic_file(tmp_path):
    data = write_data(tmp_path)
    (data / "clinic.yml").unlink()
    assert load_error(data).startswith("data/clinic.yml: file is missing")


def test_a_missing_clinic_settings_file_names_its_path(tmp_path):
    data = write_data(tmp_path)
    with pytest.raises(DataError) as exc:
        load_site_data(data, clinic_file=tmp_path / "nowhere.yml")
    assert str(exc.value).startswith(f"{tmp_path / 'nowhere.yml'}: file is missing")


# ---------------------------------------------------------------- issue 23: symbolic links

def test_symlinks_under_docs_are_refused_and_inside_data_allowed(tmp_path):
    from macros.data import symlink_problems
    for part in ("docs/assets", "data", "clinics/x", "overrides/assets"):
        (tmp_path / part).mkdir(parents=True)
    (tmp_path / "overrides" / "assets" / "env").symlink_to("/proc/self/environ")
    (tmp_path / "data" / "real.yml").write_text("a: 1\n")
    (tmp_path / "docs" / "assets" / "x").symlink_to("/etc/hostname")
    (tmp_path / "docs" / "inside.md").symlink_to(tmp_path / "data" / "real.yml")
    (tmp_path / "docs" / "folder").symlink_to(tmp_path / "data", target_is_directory=True)
    (tmp_path / "data" / "ok.yml").symlink_to(tmp_path / "data" / "real.yml")
    (tmp_path / "data" / "out.yml").symlink_to("/etc/hostname")
    (tmp_path / "clinics" / "x" / "clinic.yml").symlink_to("../../../elsewhere.yml")
    assert symlink_problems(tmp_path) == [
        "clinics/x/clinic.yml: is a symbolic link to a file outside the project (../../../elsewhere.yml): "
        "put the file itself here",
        "data/out.yml: is a symbolic link to a file outside the project (/etc/hostname): put the file itself here",
        "docs/assets/x: is a symbolic link (to /etc/hostname): docs/ may hold no links, because the build would "
        "publish what they point to; put the file itself here",
        f"docs/folder: is a symbolic link (to {tmp_path / 'data'}): docs/ may hold no links, because the build "
        "would publish what they point to; put the file itself here",
        f"docs/inside.md: is a symbolic link (to {tmp_path / 'data' / 'real.yml'}): docs/ may hold no links, "
        "because the build would publish what they point to; put the file itself here",
        "overrides/assets/env: is a symbolic link (to /proc/self/environ): overrides/ may hold no links, because "
        "the build would publish what they point to; put the file itself here"]


def test_the_project_itself_has_no_symlinks():
    from macros.data import symlink_problems
    assert symlink_problems(ROOT) == []


def test_the_offline_and_pdf_tools_check_for_symlinks():
    for tool in ("tools/make_offline.py", "tools/make_pdf.py"):
        assert "symlink_problems(" in (ROOT / tool).read_text(encoding="utf-8"), tool


# ---------------------------------------------------------------- issue 23: which clinic settings a config names

def settings_file(extra, config):
    from macros.data import clinic_settings_file
    return clinic_settings_file(extra, Path("/project") / config, Path("/project"))


def test_the_generic_configs_need_no_settings_file():
    assert settings_file({"clinic_settings": ""}, "mkdocs.yml") is None
    assert settings_file({"clinic_settings": "", "offline_copy": True}, "mkdocs-offline.yml") is None
    assert settings_file({"clinic_settings": ""}, ".bench-dump-123.yml") is None  # tools/bench.py
    assert settings_file({"clinic_settings": "clinics/a/clinic.yml"}, "mkdocs-clinic-a.yml") == \
        Path("/project/clinics/a/clinic.yml")


@pytest.mark.parametrize("key", ["clinic_setting", "clinic_setings", "clinicsettings", "clinic-settings",
                                 "Clinic_Settings", "clinic_settngs"])
def test_a_misspelled_settings_key_names_the_expected_one(key):
    with pytest.raises(DataError) as exc:
        settings_file({"clinic_settings": "", key: "clinics/a/clinic.yml"}, "mkdocs-clinic-a.yml")
    assert str(exc.value) == (f"mkdocs-clinic-a.yml: extra.{key}: unknown setting: did you mean "
                              "extra.clinic_settings?")


@pytest.mark.parametrize("value", ["", None])
def test_a_clinic_config_without_a_settings_file_stops(value):
    with pytest.raises(DataError) as exc:
        settings_file({"clinic_settings": value}, "mkdocs-clinic-leeds.yml")
    assert str(exc.value) == (
        "mkdocs-clinic-leeds.yml: extra.clinic_settings is empty: a config other than mkdocs.yml and "
        "mkdocs-offline.yml builds a clinic's copy, so it must name the clinic's settings file "
        "(extra.clinic_settings: clinics/<clinic>/clinic.yml)")


# ---------------------------------------------------------------- issue 23: "(about 6 months)" comes from the cap

def test_the_cap_in_months_is_computed_from_the_value(tmp_path):
    from macros import render_planner
    site = load_site_data(write_data(tmp_path, "refill.yml", lambda d: (d["max_interval_days"].update(value=90),
                                                                         d["table"]["bands"].pop())))
    capped = render_planner.warnings("your pump team", site.refill, site.drug)["capped"]
    assert capped == ("The alarm would not sound for more than 90 days. Pump makers advise a refill within about "
                      "90 days (about 3 months), so the refill-by date is set at 90 days.")
    page = (ROOT / "docs" / "refill-planner.md").read_text(encoding="utf-8")
    assert "(about 6 months)" not in page and "max_interval_days.value | about_in_brackets" in page
