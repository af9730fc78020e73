"""The illustrations on the built pages: present where the pages call them, valid and named SVG, unique ids,
axe-clean in both schemes, labels that fit and contrast, and the real-size outline at 87.5 mm in print.

The home page and /implantation/ call itb_system_diagram(); /maintenance/ calls real_size_pumps(),
refill_visit_steps() and alarm_sounds()."""
import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from helpers import open_folded


PICTURES = {
    "": ["itb-system"],
    "implantation/": ["itb-system"],
    "maintenance/": ["itb-real", "itb-steps", "itb-alarms"],
}
MM_TO_PX = 96 / 25.4


def html_of(built_site, path: str) -> str:
    return (built_site / path / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", PICTURES, ids=lambda p: p or "home")
def test_pages_show_their_pictures_as_named_svg(built_site, path):
    html = html_of(built_site, path)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one('link[href$="stylesheets/pictures.css"]'), "pictures.css is not linked"
    for kind in PICTURES[path]:
        assert soup.select_one(f"figure.itb-picture.{kind}"), f"{path or 'home'}: no {kind} picture"
    for raw in re.findall(r"<svg\b[^>]*\bitb-svg\b.*?</svg>", html, flags=re.S):
        svg = ET.fromstring(raw)
        title, desc = svg[0], svg[1]
        assert svg.get("role") == "img"
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert title.text.strip() and len(desc.text.split()) >= 10
    ids = [el["id"] for el in soup.select("[id]")]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"duplicate ids: {duplicates}"


def test_maintenance_draws_the_40_ml_pump_at_real_size_from_the_data(built_site):
    soup = BeautifulSoup(html_of(built_site, "maintenance/"), "html.parser")
    item = soup.select_one('.itb-real__item[data-pump="synchromed-ii-40"]')
    svg = item.select_one("svg")
    assert svg["width"] == "87.5mm"
    assert svg["viewbox" if "viewbox" in svg.attrs else "viewBox"].startswith("0 0 87.5 ")
    assert "Print at 100% to see the real size." in soup.select_one("figure.itb-real figcaption").get_text()


# ------------------------------------------------------------------------------------------------ browser
# axe, label fit, label contrast and overflow for every picture page and state: tests/site/test_accessibility.py
# (one loaded page per state).


def test_the_two_schemes_colour_the_pictures_differently(open_page):
    fills = {}
    for scheme in ("light", "dark"):
        page = open_page("maintenance/", scheme=scheme)
        fills[scheme] = page.evaluate("""() => [
            getComputedStyle(document.querySelector('figure.itb-picture')).backgroundColor,
            getComputedStyle(document.querySelector('.itb-svg text')).fill,
            getComputedStyle(document.querySelector('.itb-svg .pic-tone--critical')).fill]""")
    assert all(a != b for a, b in zip(fills["light"], fills["dark"])), fills


def test_pictures_are_named_for_screen_readers(open_page):
    page = open_page("maintenance/")
    open_folded(page)  # the refill steps and the pumps at real size are folded away at first
    assert page.get_by_role("img", name="SynchroMed II 40 mL pump at real size").count() == 1
    assert page.get_by_role("img", name="Two-tone alarm: about 3 seconds").count() == 1
    assert page.get_by_role("img", name=re.compile(r"^Step 1: ")).count() == 1
    home = open_page("")
    assert home.get_by_role("img", name="The pump and tube, seen from the front").count() == 1


def test_printed_at_100_percent_the_40_ml_outline_is_87_5_mm_across(open_page):
    page = open_page("maintenance/")
    page.emulate_media(media="print")
    box = page.locator('.itb-real__item[data-pump="synchromed-ii-40"] svg').bounding_box()
    assert box["width"] == pytest.approx(87.5 * MM_TO_PX, abs=0.5)
    coin = page.locator(".itb-real__item--coin svg").bounding_box()
    assert coin["width"] == pytest.approx(24.26 * MM_TO_PX, abs=0.5)
