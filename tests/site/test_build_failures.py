"""The build fails loudly: bad data, broken links and anchors (also inside macro HTML), undefined
variables and overdue reviews each stop a strict build with a clear message and no traceback."""
from __future__ import annotations

import re

import pytest
import yaml

from helpers import copy_project, mkdocs_build


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def build_output(project) -> str:
    result = mkdocs_build(project, project / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"the build should have failed but passed:\n{output}"
    assert "Traceback" not in output, f"the failure printed a traceback:\n{output}"
    return output


def edit_yaml(path, change):
    raw = yaml.safe_load(path.read_text())
    change(raw)
    path.write_text(yaml.safe_dump(raw, sort_keys=False))


DATA_CASES = {
    "negative": ("pumps.yml", lambda d: d["pumps"][1]["reservoir_ml"].update(value=-20),
                 "data/pumps.yml: pumps[1].reservoir_ml.value: must be greater than 0 (got -20)"),
    "wrong type": ("refill.yml", lambda d: d["table"].update(alarm_ml="two"),
                   "data/refill.yml: table.alarm_ml: must be a valid number"),
    "missing field": ("drug.yml", lambda d: d["screening"].pop("peak_hours"),
                      "data/drug.yml: screening.peak_hours: required field is missing"),
    "unknown key": ("pumps.yml", lambda d: d["pumps"][0].update(colour="grey"),
                    "data/pumps.yml: pumps[0].colour: unknown key (got 'grey')"),
    "duplicate id": ("sources.yml", lambda d: d["sources"][1].update(id="L1"),
                     "data/sources.yml: sources[1].id: duplicate id 'L1'"),
    "unknown source": ("pumps.yml", lambda d: d["pumps"][0]["reservoir_ml"].update(sources=["X1"]),
                       "unknown source id 'X1' (not in data/sources.yml)"),
}


@pytest.mark.parametrize("case", DATA_CASES, ids=list(DATA_CASES))
def test_bad_data_stops_the_build(project, case):
    name, change, expected = DATA_CASES[case]
    edit_yaml(project / "data" / name, change)
    output = build_output(project)
    assert "The site data is not valid, so nothing was built" in output
    assert expected in output


def test_missing_data_file_stops_the_build(project):
    (project / "data" / "pumps.yml").unlink()
    assert "data/pumps.yml: file is missing" in build_output(project)


def test_malformed_yaml_stops_the_build(project):
    (project / "data" / "symptoms.yml").write_text("features: [oops\n")
    assert "data/symptoms.yml: not valid YAML at line" in build_output(project)


def append(project, page, text):
    path = project / "docs" / page
    path.write_text(path.read_text() + text)


def test_broken_anchor_in_markdown_fails(project):
    append(project, "faq.md", "\nSee [the alarms](maintenance.md#no-such-section).\n")
    output = build_output(project)
    assert "no-such-section" in output


def test_broken_link_inside_macro_html_fails(project):
    # MkDocs does not check links in raw HTML; htmlproofer over the rendered page does.
    macro = project / "macros" / "render_sources.py"
    macro.write_text(macro.read_text().replace(
        'return f\'<sup class="cite">{links}</sup>\'',
        'return f\'<sup class="cite">{links}<a href="../no-such-page/">x</a></sup>\''))
    faq = (project / "docs" / "faq.md").read_text()
    listed = yaml.safe_load(faq.split("---", 2)[1])["sources"][0]
    append(project, "faq.md", f"\nA claim {{{{ cite('{listed}') }}}}\n")
    output = build_output(project)
    assert "faq/index.html: link '../no-such-page/' points to a page or file that does not exist" in output


def test_broken_anchor_inside_macro_html_fails(project):
    append(project, "faq.md", '\n<p><a href="../maintenance/#not-an-anchor">alarm</a></p>\n')
    assert "not-an-anchor" in build_output(project)


def test_undefined_macro_variable_fails(project):
    append(project, "faq.md", "\nCall {{ pump_teem }} today.\n")
    output = build_output(project)
    assert "docs/faq.md: line" in output and "'pump_teem' is not a defined variable or macro" in output


def test_unknown_citation_fails(project):
    append(project, "faq.md", "\nA claim {{ cite('R99') }}\n")
    assert "docs/faq.md: cite('R99'): cite(R99): R99 not in this page's front-matter sources" in build_output(project)


def test_overdue_review_fails(project):
    path = project / "docs" / "faq.md"
    text = re.sub(r"next_review: \S+", "next_review: 2020-01-01", path.read_text(), count=1)
    text = re.sub(r"last_checked: \S+", "last_checked: 2019-06-01", text, count=1)
    path.write_text(text)
    assert "docs/faq.md: front matter: next_review (2020-01-01) has passed" in build_output(project)


def test_missing_front_matter_fails(project):
    path = project / "docs" / "glossary.md"
    path.write_text(re.sub(r"^---\n.*?\n---\n", "", path.read_text(), flags=re.S))
    assert "docs/glossary.md: front matter: missing" in build_output(project)
