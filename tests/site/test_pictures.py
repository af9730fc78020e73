"""The illustrations on the built pages: present where the pages call them, valid and named SVG, unique ids,
axe-clean in both schemes, labels that fit and contrast, and the real-size outline at 87.5 mm in print.

The home page and /implantation/ call itb_system_diagram(); /maintenance/ calls real_size_pumps(),
refill_visit_steps() and alarm_sounds()."""
import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from helpers import AXE_JS, AXE_TAGS, describe_violations

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
AXE_ON_PICTURES = """async (tags) => {
  const r = await axe.run({include: [['figure.itb-picture']]},
                          {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
}"""

# For every SVG label: it must sit inside the picture, not overlap another label, and contrast with the
# picture's background by at least 4.5:1 (axe does not check text inside SVG).
LABEL_PROBLEMS = """() => {
  const parse = (c) => { const m = c.match(/[\\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; };
  const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
                       return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const over = (fg, bg) => ({r: fg.r * fg.a + bg.r * (1 - fg.a), g: fg.g * fg.a + bg.g * (1 - fg.a), b: fg.b * fg.a + bg.b * (1 - fg.a)});
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const hit = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  const out = [];
  for (const svg of document.querySelectorAll('figure.itb-picture svg.itb-svg')) {
    const name = svg.querySelector('title').textContent;
    const vb = svg.viewBox.baseVal;
    const bg = parse(getComputedStyle(svg.closest('figure.itb-picture')).backgroundColor);
    const boxes = [];
    for (const t of svg.querySelectorAll('text')) {
      const b = t.getBBox();
      boxes.push([t.textContent, b]);
      if (b.x < vb.x - 0.5 || b.y < vb.y - 0.5 || b.x + b.width > vb.x + vb.width + 0.5 || b.y + b.height > vb.y + vb.height + 0.5)
        out.push(`${name}: label "${t.textContent}" runs outside the picture`);
      const c = ratio(over(parse(getComputedStyle(t).fill), bg), bg);
      if (c < 4.5) out.push(`${name}: label "${t.textContent}" contrast ${c.toFixed(2)}`);
    }
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++)
        if (hit(boxes[i][1], boxes[j][1])) out.push(`${name}: "${boxes[i][0]}" overlaps "${boxes[j][0]}"`);
    const minimum = svg.classList.contains('itb-svg--coin') ? 24.26 * 96 / 25.4 - 1 : 100;  // the coin is real size
    if (svg.getBoundingClientRect().width < minimum) out.push(`${name}: drawn too small`);
  }
  return out;
}"""


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "mobile"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PICTURES, ids=lambda p: p or "home")
def test_pictures_pass_axe_and_their_labels_fit_and_contrast(open_page, path, scheme, width):
    page = open_page(path, scheme=scheme, width=width)
    assert page.get_attribute("body", "data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
    assert page.locator("figure.itb-picture").count() == len(PICTURES[path])
    page.add_script_tag(path=str(AXE_JS))
    violations = page.evaluate(AXE_ON_PICTURES, AXE_TAGS)
    assert not violations, describe_violations(violations)
    assert page.evaluate(LABEL_PROBLEMS) == []
    # Nothing in a picture is wider than the screen.
    overflow = page.evaluate("""() => [...document.querySelectorAll('figure.itb-picture')]
        .filter(f => f.scrollWidth > f.clientWidth + 1).map(f => f.className)""")
    assert overflow == []


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
