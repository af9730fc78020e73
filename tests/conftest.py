"""Session fixtures: one strict build of the site (shared by every xdist worker), a local server for it, and
Debian's Chromium driven by Playwright with a network guard on every page. Everything runs on a pinned date."""
from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from tools.local_site import serve
from helpers import (CHROMIUM, CHROMIUM_ARGS, PUBLIC_SITE_URL, ROOT, TEST_TODAY, VIEWPORTS, NetworkGuard, build_once,
                     page_opener,
                     mkdocs_build)

# The clock for everything this run starts (builds, the PDF step, macros imported in-process): see macros/clock.py.
os.environ["ITB_TODAY"] = TEST_TODAY


def _cache_yaml_reads() -> None:
    """In the test process only: macros.data.read_yaml parses each distinct file content once. Test modules
    load the real data at import (a few dozen times per worker); a repeat read gets a deep copy of the first
    parse of the same bytes (identical values, types and `written` texts), so a test may change its copy. A
    file whose bytes differ is parsed afresh, and a file that fails to read fails every time (never cached)."""
    import copy
    import functools
    from macros import data

    parse = data.read_yaml
    parsed: dict[tuple[str, bytes], object] = {}

    @functools.wraps(parse)
    def read_yaml(path, label):
        try:
            key = (str(Path(path).resolve()), Path(path).read_bytes())
        except OSError:
            return parse(path, label)  # the missing-file message comes from the real reader
        if key not in parsed:
            parsed[key] = parse(path, label)
        return copy.deepcopy(parsed[key])

    data.read_yaml = read_yaml


_cache_yaml_reads()


# Tests that need the published build (PDFs, offline zip) all run on one xdist worker, so those heavy
# session fixtures are made once per run rather than once per worker.
PUBLISHED_FIXTURES = {"print_site", "offline_zip", "offline_root", "published_site", "handbook",
                      "emergency_card_pdf", "pump_record_pdf"}


# tests/unit/ stays fast: nothing there may build the site or start a browser.
BUILD_FIXTURES = PUBLISHED_FIXTURES | {"built_site", "site_url", "public_site", "public_site_url", "browser", "new_context",
                                       "open_page", "open_public_page", "chapters"}


# tryfirst: the group marker must be on the item before pytest-xdist's own hook turns it into the
# item's group (a plain hook can run after it, and the group is then lost).
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    unit = ROOT / "tests" / "unit"
    for item in items:
        needs = BUILD_FIXTURES & set(getattr(item, "fixturenames", ()))
        if needs and unit in Path(item.path).parents:
            raise pytest.UsageError(f"{item.nodeid} uses {', '.join(sorted(needs))}: tests/unit/ must not build the "
                                    "site or start a browser; move it to tests/site/")
        if PUBLISHED_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.xdist_group("published"))


# The shared builds (build_once), by the fixture that returns them: started in the background as soon as the
# tests are collected (pytest_collection_finish), so the two workers build them side by side while the first
# tests run; the fixture then waits for its build (the same file lock) instead of starting it.
SHARED_BUILDS = {
    "built_site": ("strict-site", lambda site: mkdocs_build(ROOT, site)),
    "public_site": ("public-site", lambda site: mkdocs_build(ROOT, site, env={"ITB_SITE_URL": PUBLIC_SITE_URL})),
}


def _build_quietly(factory, name, make):
    try:
        build_once(factory, name, make)
    except Exception:  # a failed build fails the tests that need it, from the fixture (build.failed is kept)
        pass


def pytest_collection_finish(session):
    if session.config.option.collectonly:
        return
    needed = {name for item in session.items for name in getattr(item, "fixturenames", ())}
    factory = session.config._tmp_path_factory
    for fixture, (name, make) in SHARED_BUILDS.items():
        if fixture in needed:
            threading.Thread(target=_build_quietly, args=(factory, name, make), name=f"build-{name}",
                             daemon=True).start()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The strict build, made once per run: the first worker builds, the other waits for it (a file lock)."""
    return build_once(tmp_path_factory, *SHARED_BUILDS["built_site"])


@pytest.fixture(scope="session")
def site_url(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def public_site(tmp_path_factory) -> Path:
    """The strict build with a real-looking public address (ITB_SITE_URL=PUBLIC_SITE_URL), made once per run:
    the For clinics page then shows its absolute links, QR codes and link builder. The default build is a
    local copy and shows a note instead (issue 23)."""
    return build_once(tmp_path_factory, *SHARED_BUILDS["public_site"])


@pytest.fixture(scope="session")
def public_site_url(public_site):
    with serve(public_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run 'make test' (it installs Debian's chromium) "
                    "or set ITB_CHROMIUM. Browser tests never skip.")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser):
    """Factory for guarded browser contexts. At teardown every context must have made no external request."""
    made: list[tuple[object, NetworkGuard]] = []

    def make(scheme: str = "light", width: int = 1280, javascript: bool = True, **kwargs):
        viewport = VIEWPORTS["mobile"] if width <= 400 else dict(VIEWPORTS["desktop"], width=width)
        context = browser.new_context(viewport=viewport, color_scheme=scheme,
                                      java_script_enabled=javascript, **kwargs)
        guard = NetworkGuard()
        guard.attach(context)
        context.guard = guard
        made.append((context, guard))
        return context

    yield make
    for context, guard in made:
        context.close()
    leaks = [url for _, guard in made for url in guard.blocked]
    assert not leaks, f"requests tried to leave 127.0.0.1: {leaks}"


@pytest.fixture
def open_page(new_context, site_url):
    """open_page('maintenance/', scheme='dark', width=390, javascript=False) -> a loaded Playwright Page."""
    return page_opener(new_context, site_url)


@pytest.fixture
def open_public_page(new_context, public_site_url):
    """Like open_page, on the build with a public address (the For clinics page's link builder needs one)."""
    return page_opener(new_context, public_site_url)


# The published site as `make build` makes it: the strict HTML build, then the PDFs, then the offline zip,
# each written into it. Built once per session and shared by the print, offline and URL-contract tests.
@pytest.fixture(scope="session")
def print_site(built_site, browser, tmp_path_factory) -> Path:
    """A copy of the strict build with the PDFs printed into it (Letter, the default paper)."""
    site = tmp_path_factory.mktemp("print") / "site"
    shutil.copytree(built_site, site)
    from tools import make_pdf
    report = make_pdf.build_pdfs(site, paper="Letter", browser=browser)
    site.joinpath("pdf-report.txt").write_text(repr(report))
    return site


@pytest.fixture(scope="session")
def offline_zip(print_site, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("offline-build") / "site-offline"
    from tools import make_offline
    report = make_offline.build_offline(print_site, out)
    assert report.zip_path == print_site / make_offline.ZIP_NAME
    return report.zip_path




@pytest.fixture(scope="session")
def published_site(print_site, offline_zip) -> Path:
    """The full published build: HTML, PDFs and offline zip (what `make build` writes to site/)."""
    return print_site
