"""The build fails loudly: bad data, broken links and anchors (also inside macro HTML), undefined variables,
unknown citations, overdue reviews and a bad pinned date each stop a strict build with a clear message and no
traceback. Each case builds a three-page copy of the project (helpers.copy_small_project), not the whole site;
the data messages themselves are unit tests (tests/unit/test_data.py, tests/unit/test_data_rules.py)."""
from __future__ import annotations

import re

import pytest
import yaml

from helpers import copy_small_project, mkdocs_build


@pytest.fixture
def project(tmp_path):
    return copy_small_project(tmp_path / "project")


def build_output(project, **env) -> str:
    result = mkdocs_build(project, project / "out", env=env)
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"the build should have failed but passed:\n{output}"
    assert "Traceback" not in output, f"the failure printed a traceback:\n{output}"
    return output


def edit_yaml(path, change):
    raw = yaml.safe_load(path.read_text())
    change(raw)
    path.write_text(yaml.safe_dump(raw, sort_keys=False))


def append(project, page, text):
    path = project / "docs" / page
    path.write_text(path.read_text() + text)


def test_the_small_project_builds(project):
    """Without this, every case below could 'fail' for the wrong reason."""
    result = mkdocs_build(project, project / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "out" / "sources" / "index.html").is_file()


def test_bad_data_stops_the_build(project):
    edit_yaml(project / "data" / "pumps.yml", lambda d: d["pumps"][1]["reservoir_ml"].update(value=-20))
    output = build_output(project)
    assert "The site data is not valid, so nothing was built" in output
    assert "data/pumps.yml: pumps[1].reservoir_ml.value: must be greater than 0 (got -20)" in output


def test_malformed_yaml_stops_the_build(project):
    (project / "data" / "symptoms.yml").write_text("features: [oops\n")
    assert "data/symptoms.yml: not valid YAML at line" in build_output(project)


def test_broken_anchor_in_markdown_fails(project):
    append(project, "sources.md", "\nSee [the alarms](emergency.md#no-such-section).\n")
    output = build_output(project)
    assert "no-such-section" in output


def test_broken_link_inside_macro_html_fails(project):
    # MkDocs does not check links in raw HTML; the link check over the rendered page does.
    macro = project / "macros" / "render_sources.py"
    old = 'return f\'<sup class="cite">{links}</sup>\''
    assert old in macro.read_text()
    macro.write_text(macro.read_text().replace(
        old, 'return f\'<sup class="cite">{links}<a href="../no-such-page/">x</a></sup>\''))
    output = build_output(project)
    assert "emergency/index.html: link '../no-such-page/' points to a page or file that does not exist" in output


def test_broken_anchor_inside_macro_html_fails(project):
    append(project, "emergency.md", '\n<p><a href="../sources/#not-an-anchor">alarm</a></p>\n')
    assert "not-an-anchor" in build_output(project)


def test_undefined_macro_variable_fails(project):
    append(project, "sources.md", "\nCall {{ pump_teem }} today.\n")
    output = build_output(project)
    assert "docs/sources.md: line" in output and "'pump_teem' is not a defined variable or macro" in output


def test_unknown_citation_fails(project):
    append(project, "sources.md", "\nA claim {{ cite('R99') }}\n")
    assert "docs/sources.md: cite('R99'): cite(R99): R99 not in this page's front-matter sources" in build_output(project)


def test_overdue_review_fails(project):
    path = project / "docs" / "sources.md"
    text = re.sub(r"next_review: \S+", "next_review: 2020-01-01", path.read_text(), count=1)
    text = re.sub(r"last_checked: \S+", "last_checked: 2019-06-01", text, count=1)
    path.write_text(text)
    assert "docs/sources.md: front matter: next_review (2020-01-01) has passed" in build_output(project)


def test_the_pinned_date_decides_what_is_overdue(project):
    """ITB_TODAY moves the build's clock: the pages' next_review (2027-11-22) has passed on 2027-11-23."""
    output = build_output(project, ITB_TODAY="2027-11-23")
    assert re.search(r"docs/\w+\.md: front matter: next_review \(2027-11-22\) has passed", output), output


def test_a_bad_pinned_date_is_one_clear_line(project):
    output = build_output(project, ITB_TODAY="tomorrow")
    assert "ITB_TODAY must be a date like 2026-12-01 (got 'tomorrow')" in output


def test_missing_front_matter_fails(project):
    path = project / "docs" / "sources.md"
    path.write_text(re.sub(r"^---\n.*?\n---\n", "", path.read_text(), flags=re.S))
    assert "docs/sources.md: front matter: missing" in build_output(project)


# ---------------------------------------------------------------- issue 23

def test_an_impossible_date_in_front_matter_is_one_line(project):
    path = project / "docs" / "sources.md"
    path.write_text(re.sub(r"next_review: \S+", "next_review: 2027-02-30", path.read_text(), count=1))
    output = build_output(project)
    lines = [line for line in output.splitlines() if "docs/sources.md" in line]
    assert lines == ["docs/sources.md: front matter: next_review: 2027-02-30 is not a real date (day is out of "
                     "range for month), at line 5"], output


def test_a_symlink_under_docs_stops_the_build(project):
    (project / "docs" / "assets" / "x").symlink_to("/etc/hostname")
    output = build_output(project)
    assert ("docs/assets/x: is a symbolic link (to /etc/hostname): docs/ may hold no links, because the build "
            "would publish what they point to; put the file itself here") in output
    assert not (project / "out" / "assets" / "x").exists()


def test_a_misspelled_clinic_settings_key_stops_the_build(project):
    (project / "mkdocs-clinic-typo.yml").write_text("INHERIT: mkdocs.yml\nextra:\n  clinic_setings: "
                                                    "clinics/example/clinic.yml\n")
    result = mkdocs_build(project, project / "out", config="mkdocs-clinic-typo.yml")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    assert "mkdocs-clinic-typo.yml: extra.clinic_setings: unknown setting: did you mean extra.clinic_settings?" \
        in output


def test_a_clinic_config_without_settings_stops_the_build(project):
    (project / "mkdocs-clinic-leeds.yml").write_text("INHERIT: mkdocs.yml\nsite_dir: site-leeds\n")
    result = mkdocs_build(project, project / "out", config="mkdocs-clinic-leeds.yml")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    assert "mkdocs-clinic-leeds.yml: extra.clinic_settings is empty" in output
