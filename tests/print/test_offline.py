"""The offline copy: the zip built by tools/make_offline.py, unzipped into a temp folder and opened from disk
(file://) in Chromium with the network guard: pages, navigation, search, the refill planner and its deep
links, the pump record and the PDFs all work, and no request leaves the machine."""
from __future__ import annotations

import datetime as dt

import shutil
import zipfile
from pathlib import Path

import yaml

from tools import make_offline

ROOT = Path(__file__).resolve().parents[2]
PLANNER_LINK = "refill-planner.html#pump=synchromed-ii-40&conc=2000&dose=400&filled=2026-11-20"


BROWSER_TODAY = dt.datetime(2026, 12, 1, 10, 0)  # the browser's "today" (tests never use the real clock)

def file_url(root: Path, link: str) -> str:
    """file:// address of a page in the unzipped copy; the #fragment stays a fragment."""
    path, _, fragment = link.partition("#")
    return root.joinpath(path).as_uri() + (f"#{fragment}" if fragment else "")


def h1_text(page) -> str:
    return page.locator("article h1").first.inner_text().replace("\u00b6", "").strip()


def open_file(new_context, url: str, width: int = 1280):
    context = new_context(width=width)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.clock.install(time=BROWSER_TODAY)  # the pinned date, never the real clock
    page.goto(url, wait_until="load")
    page.js_errors = errors
    return page


def test_zip_has_one_folder_with_the_site_the_pdfs_and_a_readme(offline_zip, offline_root):
    names = zipfile.ZipFile(offline_zip).namelist()
    assert all(n.startswith(f"{make_offline.FOLDER}/") for n in names)
    for name in ("index.html", "refill-planner.html", "pump-record.html", "emergency-card.html",
                 "search/search_index.js", "assets/vendor/iframe-worker-shim.js", "README.txt", *make_offline.PDFS):
        assert (offline_root / name).is_file(), f"{name} is missing from the offline copy"
    assert not (offline_root / "print_page").exists()  # the PDF is made from the online build
    readme = (offline_root / "README.txt").read_text()
    assert "Open index.html" in readme and "example.org" not in readme  # a local build names no placeholder
    assert not (offline_root / "404.html").exists()  # root-absolute links: unstyled from disk
    assert offline_zip.stat().st_size <= 15_000_000


def test_no_page_fetches_from_another_server(offline_root):
    assert make_offline.external_fetches(offline_root) == []


def test_pages_read_and_navigation_works_from_disk(new_context, offline_root):
    page = open_file(new_context, offline_root.joinpath("index.html").as_uri())
    assert h1_text(page) == "Baclofen Pump Handbook"
    page.locator(".md-sidebar--primary a[href='maintenance.html']").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/maintenance.html")
    assert h1_text(page) == "Refills and check-ups"
    page.locator(".md-footer__link--next").click()  # the footer's "Next" link
    page.wait_for_load_state("load")
    assert page.url.endswith(".html") and page.locator("article h1").count() == 1
    assert page.js_errors == []


def test_search_finds_pages_from_disk(new_context, offline_root):
    page = open_file(new_context, offline_root.joinpath("emergency.html").as_uri())
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("refill", delay=30)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert page.locator(".md-search-result__item").count() >= 3
    link = page.locator(".md-search-result__item a").first
    assert link.get_attribute("href").split("#")[0].split("?")[0].endswith(".html")
    link.click()  # and the result opens its page from disk
    page.wait_for_load_state("load")
    assert page.url.startswith("file://") and page.locator("article h1").count() == 1
    assert page.js_errors == []


def test_refill_planner_computes_the_worked_example_from_a_deep_link(new_context, offline_root):
    page = open_file(new_context, file_url(offline_root, PLANNER_LINK))
    summary = page.locator("[data-role=summary]").first
    summary.wait_for(state="visible", timeout=10000)
    assert "Saturday 29 May 2027" in summary.inner_text()  # 38 mL x 2,000 mcg/mL / 400 mcg a day = 190 days
    assert page.js_errors == []


def test_pump_record_fills_in_from_disk(new_context, offline_root):
    page = open_file(new_context, file_url(offline_root, "pump-record.html#" + PLANNER_LINK.split("#", 1)[1]))
    page.wait_for_selector(".pump-record[data-filled=planner]")
    assert page.locator('.pump-record [data-field="alarm-date"]').inner_text().strip() == "Saturday 29 May 2027"


def test_pdf_links_work_and_the_zip_does_not_link_to_itself(offline_root):
    home = (offline_root / "index.html").read_text(encoding="utf-8")
    card = (offline_root / "emergency-card.html").read_text(encoding="utf-8")
    assert 'href="emergency-card.pdf"' in card
    for html in (home, card):
        assert make_offline.ZIP_NAME not in html.replace("https://", "")


def _yaml(path: Path) -> dict:
    loader = type("L", (yaml.SafeLoader,), {})
    loader.add_constructor("!ENV", lambda l, node: None)
    return yaml.load(path.read_text(), Loader=loader)


def plugin_entries(config: dict) -> list:
    return [p if isinstance(p, dict) else {p: None} for p in config["plugins"]]


def test_offline_config_repeats_the_online_plugins_plus_offline():
    """INHERIT replaces the plugin list whole, so mkdocs-offline.yml repeats it: keep the two in step."""
    online = [p for p in plugin_entries(_yaml(ROOT / "mkdocs.yml")) if "print-site" not in p]
    offline = plugin_entries(_yaml(ROOT / "mkdocs-offline.yml"))
    assert offline[:-1] == online
    assert offline[-1] == {"offline": None}


# Issue 23: "Copy link" from disk must not hand out a file:///… address with the reader's folder in it.
def copy_link_on_disk(new_context, root: Path) -> tuple[object, str, str]:
    """Open the planner from disk with the worked example, press Copy link; (page, clipboard, status)."""
    context = new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(file_url(root, PLANNER_LINK), wait_until="load")
    page.locator("[data-role=summary]").first.wait_for(state="visible", timeout=10000)
    page.evaluate("navigator.clipboard.writeText('nothing copied yet')")
    page.get_by_role("button", name="Copy link").click()
    page.wait_for_function("() => document.querySelector('[data-role=status]').textContent")
    return page, page.evaluate("navigator.clipboard.readText()"), page.locator("[data-role=status]").inner_text()


def test_copy_link_on_disk_without_a_public_address_says_it_only_works_here(new_context, offline_root):
    page, copied, status = copy_link_on_disk(new_context, offline_root)
    assert copied == "nothing copied yet"
    assert "only works on this computer" in status, status
    box = page.locator("[data-role=link]")
    assert not box.is_visible() and "file:" not in box.input_value() and str(offline_root) not in box.input_value()


def test_copy_link_on_disk_copies_the_public_address_when_the_build_knew_it(new_context, offline_root, tmp_path):
    # A build with ITB_SITE_URL puts the planner's public page in its settings (tests/unit/test_render_planner.py);
    # here a copy of the offline planner is given one, to check the script from file://.
    root = tmp_path / "copy"
    shutil.copytree(offline_root, root)
    planner = root / "refill-planner.html"
    html = planner.read_text(encoding="utf-8")
    assert html.count('"publicPage":null') == 1
    planner.write_text(html.replace('"publicPage":null', '"publicPage":"https://pump-handbook.org/refill-planner/"'),
                       encoding="utf-8")
    page, copied, status = copy_link_on_disk(new_context, root)
    assert copied == "https://pump-handbook.org/refill-planner/#" + PLANNER_LINK.split("#", 1)[1]
    assert "Link copied" in status


def test_the_offline_copy_names_no_placeholder_address(offline_root):
    # Issue 23: the local test build has no ITB_SITE_URL. Every page (the For clinics page too), the README and
    # the search index name no example.org address (tests/site/test_no_placeholder_address.py: the HTML build).
    from helpers import placeholder_hits
    assert (offline_root / "README.txt").is_file() and (offline_root / "for-clinics.html").is_file()
    assert placeholder_hits(offline_root) == []
