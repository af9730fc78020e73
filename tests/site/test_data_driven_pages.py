"""Numbers come from data (rule 5), tested the only way a hand-typed number cannot pass: build the site a second
time from a copy of data/ with some values changed, and check that each page shows the new value where the
real build shows the old one (and no longer the old one). Expected phrases are typed by hand."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from helpers import ROOT, build_once, copy_project, mkdocs_build

# The values changed in the copy of data/ (each shown on at least one page below).
def change(raw: dict[str, dict]) -> None:
    pumps = {p["id"]: p for p in raw["pumps.yml"]["pumps"]}
    pumps["synchromed-ii-40"]["reservoir_ml"]["value"] = 45          # was 40
    for pid in ("synchromed-ii-20", "synchromed-ii-40"):
        pumps[pid]["diameter_mm"]["value"] = 88.5                     # was 87.5
    pumps["synchromed-ii-20"]["battery_years_min"]["value"] = 6       # was 5
    pumps["synchromed-ii-20"]["mri"]["max_tesla"]["value"] = 4        # was 3
    raw["refill.yml"]["max_interval_days"]["value"] = 170             # was 180
    raw["refill.yml"]["table"]["bands"][-1]["max_days"] = 170          # the last band reaches the cap (a data rule)


# page -> [(phrase with the real data, the same phrase with the changed data)], as the reader sees them.
PHRASES = {
    "": [("One holds 20 mL of medicine and one holds 40 mL", "One holds 20 mL of medicine and one holds 45 mL"),
         ("The SynchroMed II pump is 87.5 mm (about 3.4 inches) across",
          "The SynchroMed II pump is 88.5 mm (about 3.5 inches) across"),
         ("no more than about 180 days between refills", "no more than about 170 days between refills"),
         ("battery lasts about 5 to 7 years", "battery lasts about 6 to 7 years")],
    "faq/": [("It is 87.5 mm across", "It is 88.5 mm across"),
             ("usually lasts 5 to 7 years", "usually lasts 6 to 7 years"),
             ("allows scans up to 3 tesla", "allows scans up to 4 tesla")],
    "maintenance/": [("longer than about 180 days between refills", "longer than about 170 days between refills"),
                     ("The 20 mL pump is 87.5 mm across", "The 20 mL pump is 88.5 mm across")],
    "refill-planner/": [("advise a refill within about 180 days", "advise a refill within about 170 days")],
    "living-with-a-pump/": [("no stronger than 3 tesla", "no stronger than 4 tesla")],
    "children/": [("The larger pump is 87.5 mm across", "The larger pump is 88.5 mm across")],
    "sources/": [("should not be longer than about 180 days", "should not be longer than about 170 days")],
}


def change_data(data: Path) -> None:
    names = ("pumps.yml", "refill.yml")
    raw = {name: yaml.safe_load((data / name).read_text(encoding="utf-8")) for name in names}
    change(raw)
    for name in names:
        (data / name).write_text(yaml.safe_dump(raw[name], sort_keys=False, allow_unicode=True), encoding="utf-8")


@pytest.fixture(scope="session")
def changed_site(tmp_path_factory) -> Path:
    def make(site: Path):
        project = copy_project(site.parent / "project")
        change_data(project / "data")
        try:
            return mkdocs_build(project, site)
        finally:
            shutil.rmtree(project, ignore_errors=True)
    return build_once(tmp_path_factory, "changed-data-site", make)


def words(site: Path, path: str) -> str:
    soup = BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
    return " ".join(soup.select_one("article").get_text(" ").split())


CASES = [(page, old, new) for page, pairs in PHRASES.items() for old, new in pairs]


@pytest.mark.parametrize("page, old, new", CASES, ids=[f"{p or 'home'}: {n}" for p, _, n in CASES])
def test_the_page_follows_the_data(built_site, changed_site, page, old, new):
    real, changed = words(built_site, page), words(changed_site, page)
    assert old in real and new not in real, f"{page or 'home'}: the real build should say {old!r}"
    assert new in changed, f"{page or 'home'}: with the changed data the page should say {new!r}"
    assert old not in changed, f"{page or 'home'}: {old!r} is still there with the changed data (typed by hand?)"


def planner_settings(site: Path) -> dict:
    html = (site / "refill-planner" / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_the_planner_settings_follow_the_data(built_site, changed_site):
    real, changed = planner_settings(built_site), planner_settings(changed_site)
    assert real["cap"] == 180 and changed["cap"] == 170
    reservoirs = {p["id"]: p["reservoir"] for p in changed["pumps"]}
    assert reservoirs["synchromed-ii-40"] == "45" and reservoirs["synchromed-ii-20"] == "20"
