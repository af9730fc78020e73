"""The build fails loudly: bad data, broken links and anchors (also inside macro HTML), undefined variables,
unknown citations, overdue reviews and a bad pinned date each stop a strict build with a clear message and no
traceback. Each case builds a three-page copy of the project (helpers.copy_small_project), not the whole site;
the data messages themselves are unit tests (tests/unit/test_data.py, tests/unit/test_data_rules.py).

Every case is still its own project copy and its own `<engine> build --strict` process (the CLI path), but the
builds of all the cases selected in this run start together, in one module fixture (`builds`), and each test
then asserts on its own result (`built`). The module runs on one xdist worker (its group), so no build is
made twice."""
from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
import yaml

from helpers import copy_small_project, mkdocs_build

pytestmark = pytest.mark.xdist_group("build-failures")

# test name -> (what it breaks in its project copy, extra environment, config file)
CASES: dict = {}
PARALLEL_BUILDS = 6


def breaking(prepare=lambda project: None, env: dict | None = None, config: str = "mkdocs.yml"):
    """Register the project change (and build environment and config) of the test it decorates."""
    def register(test):
        CASES[test.__name__] = (prepare, env or {}, config)
        return test
    return register


@pytest.fixture
def project(tmp_path):
    return copy_small_project(tmp_path / "project")


@pytest.fixture(scope="module")
def builds(request, tmp_path_factory):
    """{test name: (project, CompletedProcess)} for every case of this module that this run will execute,
    built concurrently (each a separate build process on its own project copy)."""
    wanted = [item.originalname for item in request.session.items
              if item.module is request.module and item.originalname in CASES]
    root = tmp_path_factory.mktemp("build-failures")

    def run(name):
        prepare, env, config = CASES[name]
        try:
            project = copy_small_project(root / name / "project")
            prepare(project)
            return name, (project, mkdocs_build(project, project / "out", config=config, env=env))
        except Exception as exc:  # raised again in that test only (see `built`)
            return name, exc

    with ThreadPoolExecutor(PARALLEL_BUILDS) as pool:
        return dict(pool.map(run, dict.fromkeys(wanted)))


@pytest.fixture
def built(builds, request):
    """(project, CompletedProcess) of the requesting test's own build."""
    result = builds[request.node.originalname]
    if isinstance(result, Exception):
        raise result
    return result


def failed_output(built) -> str:
    _, result = built
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"the build should have failed but passed:\n{output}"
    assert "Traceback" not in output, f"the failure printed a traceback:\n{output}"
    return output


def build_output(project, **env) -> str:
    """For a test that breaks its own `project` copy and builds it on the spot."""
    return failed_output((project, mkdocs_build(project, project / "out", env=env)))


def edit_yaml(path, change):
    raw = yaml.safe_load(path.read_text())
    change(raw)
    path.write_text(yaml.safe_dump(raw, sort_keys=False))


def append(project, page, text):
    path = project / "docs" / page
    path.write_text(path.read_text() + text)


@breaking()
def test_the_small_project_builds(built):
    """Without this, every case below could 'fail' for the wrong reason."""
    project, result = built
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "out" / "sources" / "index.html").is_file()


@breaking(lambda project: edit_yaml(project / "data" / "pumps.yml",
                                    lambda d: d["pumps"][1]["reservoir_ml"].update(value=-20)))
def test_bad_data_stops_the_build(built):
    output = failed_output(built)
    assert "The site data is not valid, so nothing was built" in output
    assert "data/pumps.yml: pumps[1].reservoir_ml.value: must be greater than 0 (got -20)" in output


@breaking(lambda project: (project / "data" / "symptoms.yml").write_text("features: [oops\n"))
def test_malformed_yaml_stops_the_build(built):
    assert "data/symptoms.yml: not valid YAML at line" in failed_output(built)


@breaking(lambda project: append(project, "sources.md", "\nSee [the alarms](emergency.md#no-such-section).\n"))
def test_broken_anchor_in_markdown_fails(built):
    output = failed_output(built)
    assert "no-such-section" in output


CITE_RETURN = 'return f\'<sup class="cite">{links}</sup>\''


def break_a_link_in_macro_html(project):
    # MkDocs does not check links in raw HTML; the link check over the rendered page does.
    macro = project / "macros" / "render_sources.py"
    assert CITE_RETURN in macro.read_text()
    macro.write_text(macro.read_text().replace(
        CITE_RETURN, 'return f\'<sup class="cite">{links}<a href="../no-such-page/">x</a></sup>\''))


@breaking(break_a_link_in_macro_html)
def test_broken_link_inside_macro_html_fails(built):
    output = failed_output(built)
    assert "emergency/index.html: link '../no-such-page/' points to a page or file that does not exist" in output


@breaking(lambda project: append(project, "emergency.md", '\n<p><a href="../sources/#not-an-anchor">alarm</a></p>\n'))
def test_broken_anchor_inside_macro_html_fails(built):
    assert "not-an-anchor" in failed_output(built)


@breaking(lambda project: append(project, "sources.md", "\nCall {{ pump_teem }} today.\n"))
def test_undefined_macro_variable_fails(built):
    output = failed_output(built)
    assert "docs/sources.md: line" in output and "'pump_teem' is not a defined variable or macro" in output


@breaking(lambda project: append(project, "sources.md", "\nA claim {{ cite('R99') }}\n"))
def test_unknown_citation_fails(built):
    assert "docs/sources.md: cite('R99'): cite(R99): R99 not in this page's front-matter sources" in failed_output(built)


def make_the_review_overdue(project):
    path = project / "docs" / "sources.md"
    text = re.sub(r"next_review: \S+", "next_review: 2020-01-01", path.read_text(), count=1)
    text = re.sub(r"last_checked: \S+", "last_checked: 2019-06-01", text, count=1)
    path.write_text(text)


@breaking(make_the_review_overdue)
def test_overdue_review_fails(built):
    assert "docs/sources.md: front matter: next_review (2020-01-01) has passed" in failed_output(built)


@breaking(env={"ITB_TODAY": "2027-11-23"})
def test_the_pinned_date_decides_what_is_overdue(built):
    """ITB_TODAY moves the build's clock: the pages' next_review (2027-11-22) has passed on 2027-11-23."""
    output = failed_output(built)
    assert re.search(r"docs/\w+\.md: front matter: next_review \(2027-11-22\) has passed", output), output


@breaking(env={"ITB_TODAY": "tomorrow"})
def test_a_bad_pinned_date_is_one_clear_line(built):
    output = failed_output(built)
    assert "ITB_TODAY must be a date like 2026-12-01 (got 'tomorrow')" in output


def remove_the_front_matter(project):
    path = project / "docs" / "sources.md"
    path.write_text(re.sub(r"^---\n.*?\n---\n", "", path.read_text(), flags=re.S))


@breaking(remove_the_front_matter)
def test_missing_front_matter_fails(built):
    assert "docs/sources.md: front matter: missing" in failed_output(built)


# ---------------------------------------------------------------- issue 23

def write_an_impossible_date(project):
    path = project / "docs" / "sources.md"
    path.write_text(re.sub(r"next_review: \S+", "next_review: 2027-02-30", path.read_text(), count=1))


@breaking(write_an_impossible_date)
def test_an_impossible_date_in_front_matter_is_one_line(built):
    output = failed_output(built)
    lines = [line for line in output.splitlines() if "docs/sources.md" in line]
    assert lines == ["docs/sources.md: front matter: next_review: 2027-02-30 is not a real date (day is out of "
                     "range for month), at line 5"], output


@breaking(lambda project: (project / "docs" / "assets" / "x").symlink_to("/etc/hostname"))
def test_a_symlink_under_docs_stops_the_build(built):
    project, _ = built
    output = failed_output(built)
    assert ("docs/assets/x: is a symbolic link (to /etc/hostname): docs/ may hold no links, because the build "
            "would publish what they point to; put the file itself here") in output
    assert not (project / "out" / "assets" / "x").exists()


@breaking(lambda project: (project / "mkdocs-clinic-typo.yml").write_text(
    "INHERIT: mkdocs.yml\nextra:\n  clinic_setings: clinics/example/clinic.yml\n"), config="mkdocs-clinic-typo.yml")
def test_a_misspelled_clinic_settings_key_stops_the_build(built):
    _, result = built
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    assert "mkdocs-clinic-typo.yml: extra.clinic_setings: unknown setting: did you mean extra.clinic_settings?" \
        in output


@breaking(lambda project: (project / "mkdocs-clinic-leeds.yml").write_text("INHERIT: mkdocs.yml\nsite_dir: site-leeds\n"),
          config="mkdocs-clinic-leeds.yml")
def test_a_clinic_config_without_settings_stops_the_build(built):
    _, result = built
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    assert "mkdocs-clinic-leeds.yml: extra.clinic_settings is empty" in output
