"""A hostile clinic: every text field of its settings file holds markup and Markdown, and its emergency
number is 112, not 911. Built ONCE per session (strict HTML build of a copy of the project, then the PDFs),
and every check in test_clinics_hostile.py reads that one build."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from helpers import copy_project, mkdocs_build

from hostile import HOSTILE, HOSTILE_CONFIG, HOSTILE_SETTINGS

HOSTILE_FIXTURES = {"hostile_project", "hostile_site", "hostile_pdfs"}


# tryfirst: the group marker must be on the item before pytest-xdist's own hook turns it into the
# item's group (a plain hook can run after it, and the group is then lost).
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    # One worker builds the hostile clinic once; every test that reads it runs there.
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        if HOSTILE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.xdist_group("hostile-clinic"))


@pytest.fixture(scope="session")
def hostile_project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    settings = project / HOSTILE_SETTINGS
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(yaml.safe_dump(HOSTILE, sort_keys=False, allow_unicode=True), encoding="utf-8")
    (project / HOSTILE_CONFIG).write_text(
        f"INHERIT: mkdocs.yml\nsite_dir: site-hostile\nextra:\n  clinic_settings: {HOSTILE_SETTINGS}\n",
        encoding="utf-8")
    return project


@pytest.fixture(scope="session")
def hostile_site(hostile_project) -> Path:
    site = hostile_project / "site-hostile"
    result = mkdocs_build(hostile_project, site, config=HOSTILE_CONFIG)
    assert result.returncode == 0, f"the hostile clinic's build failed:\n{result.stdout}\n{result.stderr}"
    return site


@pytest.fixture(scope="session")
def hostile_pdfs(hostile_site, browser) -> Path:
    """The hostile build with its PDFs (handbook, wallet card, pump record) printed into it."""
    from tools import make_pdf
    make_pdf.build_pdfs(hostile_site, paper="Letter", browser=browser)
    return hostile_site
