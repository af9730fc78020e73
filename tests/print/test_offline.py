"""The offline copy: the zip built by tools/make_offline.py, unzipped into a temp folder and opened from disk
(file://) in Chromium with the network guard: pages, navigation, search, the refill planner and its deep
links, the pump record and the PDFs all work, and no request leaves the machine."""
from __future__ import annotations

import zipfile
from pathlib import Path

import yaml

from tools import make_offline

ROOT = Path(__file__).resolve().parents[2]
PLANNER_LINK = "refill-planner.html#pump=synchromed-ii-40&conc=2000&dose=400&filled=2026-11-20"


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
