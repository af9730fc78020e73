"""Clinic-branded builds: the example clinic's build (mkdocs-clinic-example.yml + clinics/example/clinic.yml)
shows the clinic's name and numbers wherever the site speaks of "your pump team"; the default build keeps
the generic wording; a malformed settings file stops the build with a clear message and no traceback."""
from __future__ import annotations

import re
import shutil

import pytest
import yaml
from bs4 import BeautifulSoup

from helpers import DOCS, ROOT, build_once, copy_project, mkdocs_build, page_paths
from macros.data import DataError, read_yaml, validate
from macros.models import ClinicFile

CONFIG = "mkdocs-clinic-example.yml"
SETTINGS = ROOT / "clinics" / "example" / "clinic.yml"
EXAMPLE = ClinicFile.model_validate(yaml.safe_load(SETTINGS.read_text()))


@pytest.fixture(scope="module")
def example_site(tmp_path_factory):
    # Built once per run, shared with tests/site/test_engines.py; a failed build fails here with its output.
    return build_once(tmp_path_factory, "clinic-example-site", lambda site: mkdocs_build(ROOT, site, config=CONFIG))


def soup(site, path) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def article_text(page: BeautifulSoup) -> str:
    return " ".join(page.select_one("article").get_text(" ").split())


def tel_numbers(node) -> set[str]:
    return {a.get_text(strip=True) for a in node.select('a[href^="tel:"]')}


def test_example_settings_are_fictional_and_valid():
    assert EXAMPLE.name == "Example Neurology Clinic"
    for phone in (EXAMPLE.pump_team_phone, EXAMPLE.after_hours_phone):
        assert re.fullmatch(r"555-01\d\d", phone), phone
    assert EXAMPLE.reviewer is None, "never ship an invented clinical reviewer"


def test_for_clinics_page_shows_a_valid_settings_example():
    text = (DOCS / "for-clinics.md").read_text(encoding="utf-8")
    block = re.search(r"```text\n(.*?)```", text, re.S).group(1)
    shown = ClinicFile.model_validate(yaml.safe_load(block))
    assert shown.model_dump() == EXAMPLE.model_dump()


def test_emergency_page_shows_the_clinics_numbers(example_site):
    page = soup(example_site, "emergency")
    contacts = page.select_one("dl.clinic-contacts")
    assert contacts is not None
    assert {EXAMPLE.pump_team_phone, EXAMPLE.after_hours_phone, "911"} <= tel_numbers(contacts)
    assert EXAMPLE.name in contacts.get_text() and EXAMPLE.address in contacts.get_text()
    text = article_text(page)
    assert f"the {EXAMPLE.name} pump team" in text
    assert "your pump team" not in text.lower()


def test_care_cards_name_the_clinic(example_site):
    titles = [h.get_text(" ", strip=True) for h in soup(example_site, "emergency").select(".care-card .admonition-title")]
    # Written by hand: the three tiers' titles (data/symptoms.yml labels), with the example clinic's name and
    # its emergency number filled in.
    expected = {"Emergency advice: Call 911 now",
                "Urgent advice: Call the Example Neurology Clinic pump team straight away, day or night",
                "Non-urgent advice: Call the Example Neurology Clinic pump team to book a visit"}
    assert expected <= set(titles), titles


@pytest.mark.parametrize("path", ["emergency-card", "pump-record"])
def test_card_and_record_show_the_clinics_numbers(example_site, path):
    article = soup(example_site, path).select_one("article")
    html = str(article)
    assert EXAMPLE.pump_team_phone in html and EXAMPLE.after_hours_phone in html
    assert EXAMPLE.name in html


@pytest.mark.parametrize("path", page_paths(), ids=lambda p: p or "home")
def test_footer_of_every_page_shows_the_clinic(example_site, path):
    footer = soup(example_site, path).select_one(".review-dates .review-dates__clinic")
    assert footer is not None
    text = " ".join(footer.get_text(" ").split())
    assert f"{EXAMPLE.name} pump team: {EXAMPLE.pump_team_phone}" in text
    assert f"After hours: {EXAMPLE.after_hours_phone}" in text and "Emergency: 911" in text
    assert tel_numbers(footer) == {EXAMPLE.pump_team_phone, EXAMPLE.after_hours_phone}


def test_discharge_notes_carry_the_clinics_numbers(example_site):
    notes = [pre.get_text() for pre in soup(example_site, "for-clinics").select("pre.discharge-note__text")]
    assert len(notes) == 4
    assert all(f"the {EXAMPLE.name} pump team on {EXAMPLE.pump_team_phone}" in n for n in notes)


def test_default_build_reads_generically(built_site):
    emergency = soup(built_site, "emergency")
    text = article_text(emergency)
    assert "your pump team" in text.lower()
    assert "Example Neurology" not in str(emergency)
    contacts = emergency.select_one("dl.clinic-contacts")
    assert tel_numbers(contacts) == {"911"}
    assert "the number your pump clinic gave you" in contacts.get_text()
    for path in ("emergency", "emergency-card", "pump-record", "for-clinics", ""):
        page = soup(built_site, path)
        assert page.select_one(".review-dates__clinic") is None
        assert "Not yet reviewed by a named clinician" in page.select_one(".review-dates").get_text()
        for code in page.select("pre code"):  # for-clinics shows the example settings file as code
            code.decompose()
        assert "555-01" not in str(page)


# ---------------------------------------------------------------- bad settings stop the build

@pytest.fixture
def clinic_project(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.copy2(ROOT / CONFIG, project / CONFIG)
    return project


def build_clinic(project):
    result = mkdocs_build(project, project / "out", config=CONFIG)
    return result.returncode, result.stdout + result.stderr


def set_setting(project, key, value):
    path = project / "clinics" / "example" / "clinic.yml"
    raw = yaml.safe_load(path.read_text())
    raw[key] = value
    path.write_text(yaml.safe_dump(raw, sort_keys=False))


BAD = {
    "malformed phone": ("pump_team_phone", "call us",
                        "clinics/example/clinic.yml: pump_team_phone: must be a phone number made of digits, "
                        "spaces, brackets or dashes (got 'call us')"),
    "unknown key": ("fax", "555-0111", "clinics/example/clinic.yml: fax: unknown key"),
    "number not text": ("after_hours_phone", 5550199, "clinics/example/clinic.yml: after_hours_phone: put the number "
                                                      'in quotes, like after_hours_phone: "5550199"'),
    "bad date": ("review_date", "last spring", "clinics/example/clinic.yml: review_date:"),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_clinic_settings_stop_the_build_with_a_clear_message(clinic_project, case):
    key, value, expected = BAD[case]
    set_setting(clinic_project, key, value)
    code, output = build_clinic(clinic_project)
    assert code != 0
    assert "The site data is not valid, so nothing was built" in output
    assert expected in output
    assert "Traceback" not in output


def test_missing_settings_file_is_a_clear_error(clinic_project):
    (clinic_project / "clinics" / "example" / "clinic.yml").unlink()
    code, output = build_clinic(clinic_project)
    assert code != 0 and "clinics/example/clinic.yml: file is missing" in output
    assert "Traceback" not in output


def test_a_named_reviewer_and_date_show_in_the_footer(clinic_project):
    set_setting(clinic_project, "reviewer", "Test Reviewer (not a real person)")
    set_setting(clinic_project, "review_date", "2026-11-20")
    code, output = build_clinic(clinic_project)
    assert code == 0, output
    footer = soup(clinic_project / "out", "faq").select_one(".review-dates").get_text(" ")
    assert "Reviewed for Example Neurology Clinic by Test Reviewer (not a real person) on 20 November 2026" in \
        " ".join(footer.split())


def test_settings_validation_names_file_and_field_without_mkdocs(tmp_path):
    bad = tmp_path / "clinic.yml"
    bad.write_text("name: X Clinic\nemergency_number: 'nine one one'\n")
    with pytest.raises(DataError) as err:
        validate(ClinicFile, read_yaml(bad, "clinic.yml"), "clinic.yml")
    assert str(err.value) == ("clinic.yml: emergency_number: must be a phone number made of digits, spaces, "
                              "brackets or dashes (got 'nine one one')")
