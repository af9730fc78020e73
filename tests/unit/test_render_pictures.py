"""The illustrations (macros/render_pictures.py) and their macro wiring (macros/registry.py):
valid, named SVG; sizes read from data/pumps.yml; unique ids; clinic wording passed in."""
import re
import shutil
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest
import yaml

from helpers import ROOT
from tools.readability import article_text, grade
from macros import registry, render_pictures
from macros.clinic import pump_team
from macros.data import load_site_data
from macros.html import IdMaker
from macros.models import ClinicFile, Sourced
from macros.render_symptoms import tier_labels

SITE = load_site_data(ROOT / "data")
NS = {"svg": "http://www.w3.org/2000/svg"}
P20, P40 = SITE.pumps["synchromed-ii-20"], SITE.pumps["synchromed-ii-40"]
ALARM_CITE = '<span class="cite">[D2, D8, P3]</span>'
LABELS = tier_labels(SITE.symptoms, "911", "your pump team")


def alarms(days="90", team="your pump team", number="911", ids=None, **kw):
    labels = tier_labels(SITE.symptoms, number, team)
    return render_pictures.alarm_sounds(SITE.alarms, labels, number, {"replacement_warning_days": days, "pump_team": team},
                                        ids or IdMaker(), **kw)


def all_pictures(ids: IdMaker) -> dict[str, str]:
    return {
        "system": render_pictures.system_diagram(P40, ids),
        "real": render_pictures.real_size_pumps([P20, P40], ids),
        "steps": render_pictures.refill_visit_steps(ids),
        "alarms": alarms(ids=ids, cite_html=ALARM_CITE),
    }


def svgs(html: str) -> list[ET.Element]:
    """Every <svg> in the HTML, parsed on its own as XML (so each must be well-formed SVG)."""
    found = re.findall(r"<svg\b.*?</svg>", html, flags=re.S)
    assert found, "no <svg> in the output"
    return [ET.fromstring(s) for s in found]


def svg_for(html: str, title_part: str) -> ET.Element:
    matches = [s for s in svgs(html) if title_part in s.find("svg:title", NS).text]
    assert len(matches) == 1, f"expected one svg titled {title_part!r}, found {len(matches)}"
    return matches[0]


def with_size(pump, **values):
    return pump.model_copy(update={k: Sourced(value=v, sources=["D1"]) for k, v in values.items()})


@pytest.mark.parametrize("name", ["system", "real", "steps", "alarms"])
def test_every_picture_is_valid_svg_named_by_its_title_and_desc(name):
    html = all_pictures(IdMaker("t"))[name]
    for svg in svgs(html):
        assert svg.tag == "{http://www.w3.org/2000/svg}svg"
        assert svg.get("role") == "img"
        title, desc = svg[0], svg[1]
        assert title.tag.endswith("title") and desc.tag.endswith("desc")
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert len(title.text) >= 10, title.text
        assert len(desc.text.split()) >= 10, desc.text  # a description, not a label
        assert svg.get("viewBox")


@pytest.mark.parametrize("name", ["system", "real", "steps", "alarms"])
def test_output_has_no_blank_lines_and_no_hard_coded_colours(name):
    html = all_pictures(IdMaker("t"))[name]
    assert "\n\n" not in html and not re.search(r"\n\s*\n", html)
    # Colours come from CSS classes (pictures.css), so both schemes and print can restyle them.
    assert not re.search(r'(fill|stroke|style|color)="[^"]*(#|rgb)', html)


def test_ids_stay_unique_when_every_picture_appears_twice_on_a_page():
    ids = IdMaker("maintenance-pic")
    html = "".join(all_pictures(ids).values()) + "".join(all_pictures(ids).values())
    all_ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(all_ids) == len(set(all_ids)) > 40
    assert all(i.startswith("maintenance-pic-") for i in all_ids)
    for ref in re.findall(r'aria-labelledby="([^"]+)"', html):
        for target in ref.split():
            assert target in all_ids


@pytest.mark.parametrize("name", ["system", "real", "steps", "alarms"])
def test_captions_and_text_read_at_grade_6_or_lower(name):
    """Scored as tools.readability scores a page: SVG is skipped, figcaptions and list items count."""
    html = all_pictures(IdMaker("t"))[name]
    text = article_text(f'<article class="md-content__inner">{html}</article>')
    assert len(text.split()) >= 5
    assert grade(text) <= 6, (grade(text), text)


def test_svg_labels_are_short_plain_text():
    for name, html in all_pictures(IdMaker("t")).items():
        for svg in svgs(html):
            for span in svg.iter("{http://www.w3.org/2000/svg}tspan"):
                assert 0 < len(span.text) <= 26, (name, span.text)


# ------------------------------------------------------------------------------------------ system diagram
def test_system_diagram_draws_the_pump_from_the_data_in_honest_proportion():
    html = render_pictures.system_diagram(P40, IdMaker())
    front = svg_for(html, "from the front")
    pump = front.find("svg:circle[@class='pic-pump']", NS)
    assert float(pump.get("r")) * 2 == P40.diameter_mm.value == 87.5
    assert 300 <= render_pictures.TORSO_WIDTH_MM <= 350
    assert "87.5 mm across" in front.find("svg:desc", NS).text
    side = svg_for(html, "from the side")
    assert float(side.find("svg:rect[@class='pic-pump']", NS).get("width")) == P40.thickness_mm.value == 26


def test_system_diagram_redraws_when_the_data_changes():
    bigger = with_size(P40, diameter_mm=100, thickness_mm=30)
    html = render_pictures.system_diagram(bigger, IdMaker())
    assert svg_for(html, "from the front").find("svg:circle[@class='pic-pump']", NS).get("r") == "50"
    assert svg_for(html, "from the side").find("svg:rect[@class='pic-pump']", NS).get("width") == "30"


def test_system_diagram_labels_every_part_in_plain_words_with_the_term_in_brackets():
    html = render_pictures.system_diagram(P40, IdMaker())
    text = " ".join(" ".join(t.itertext()) for svg in svgs(html) for t in svg.iter("{http://www.w3.org/2000/svg}text"))
    for label in ["Pump", "Refill port:", "the needle", "goes in here", "(catheter)", "Medicine store",
                  "(reservoir)", "Spinal cord", "Spinal fluid", "(CSF)", "Tube tip"]:
        assert label in text, label
    assert "<figcaption>From the front</figcaption>" in html
    assert "enlarged" in html  # the close-ups say they are not to scale


# ----------------------------------------------------------------------------------------------- real size
def test_the_40_ml_outline_is_87_5_mm_across_when_printed_at_100_percent():
    html = render_pictures.real_size_pumps([P20, P40], IdMaker())
    svg = svg_for(html, "SynchroMed II 40 mL")
    assert svg.get("width") == "87.5mm"
    height = 87.5 + render_pictures.VIEW_GAP_MM + 26
    assert svg.get("height") == f"{height:g}mm"
    assert svg.get("viewBox") == f"0 0 87.5 {height:g}"  # 1 user unit = 1 mm
    circle = svg.find("svg:circle[@class='pic-real']", NS)
    outer = float(circle.get("r")) * 2 + float(circle.get("stroke-width"))
    assert outer == pytest.approx(87.5)  # the outside edge of the line is the pump's edge
    rect = svg.find("svg:rect[@class='pic-real']", NS)
    assert float(rect.get("height")) + float(rect.get("stroke-width")) == pytest.approx(26)
    assert float(rect.get("width")) + float(rect.get("stroke-width")) == pytest.approx(87.5)


def test_real_size_shows_both_pumps_and_a_labelled_quarter():
    html = render_pictures.real_size_pumps([P20, P40], IdMaker())
    assert svg_for(html, "SynchroMed II 20 mL").get("height") == f"{87.5 + render_pictures.VIEW_GAP_MM + 19.5:g}mm"
    coin = svg_for(html, "quarter")
    assert coin.get("width") == "24.26mm" and coin.get("viewBox") == "0 0 24.26 24.26"
    assert "US quarter</strong><br>24.26 mm across" in html
    assert "Print at 100% to see the real size." in html
    assert "87.5 mm across, 19.5 mm thick" in html and "87.5 mm across, 26 mm thick" in html


def test_real_size_redraws_when_the_data_file_changes(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    raw = yaml.safe_load((data / "pumps.yml").read_text())
    pump = next(p for p in raw["pumps"] if p["id"] == "synchromed-ii-40")
    pump["diameter_mm"]["value"] = 90
    pump["thickness_mm"]["value"] = 28.5
    (data / "pumps.yml").write_text(yaml.safe_dump(raw, sort_keys=False))
    changed = load_site_data(data)
    pumps = [changed.pumps["synchromed-ii-20"], changed.pumps["synchromed-ii-40"]]
    html = render_pictures.real_size_pumps(pumps, IdMaker())
    svg = svg_for(html, "SynchroMed II 40 mL")
    assert svg.get("width") == "90mm"
    assert svg.get("viewBox") == f"0 0 90 {90 + render_pictures.VIEW_GAP_MM + 28.5:g}"
    assert "90 mm across, 28.5 mm thick" in html
    assert svg_for(html, "SynchroMed II 20 mL").get("width") == "87.5mm"  # the other pump is unchanged


def test_a_pump_with_an_unknown_size_fails_loudly_naming_pump_and_field():
    with pytest.raises(ValueError, match=r"prometra-ii-20.*diameter_mm"):
        render_pictures.real_size_pumps([SITE.pumps["prometra-ii-20"]], IdMaker())
    with pytest.raises(ValueError, match="no pumps"):
        render_pictures.real_size_pumps([], IdMaker())


# -------------------------------------------------------------------------------------------- refill steps
def test_refill_steps_are_numbered_panels_with_real_text_captions():
    html = render_pictures.refill_visit_steps(IdMaker())
    items = re.findall(r'<li class="itb-steps__item">(.*?)</li>', html)
    assert 4 <= len(items) <= 6
    for n, item in enumerate(items, start=1):
        svg = ET.fromstring(re.search(r"<svg\b.*?</svg>", item).group(0))
        assert svg.find("svg:title", NS).text.startswith(f"Step {n}:")
        caption = re.sub(r"<[^>]+>", "", item.split("</svg>", 1)[1])
        assert 5 <= len(caption.split()) <= 25, caption
        assert not list(svg.iter("{http://www.w3.org/2000/svg}text"))  # the caption is not inside the image
    assert html.index("<ol") < html.index("<figcaption>")
    text = re.sub(r"<[^>]+>", " ", html)
    for fact in ["template", "numbing", "middle of the pump", "measured", "programmer", "alarm date",
                 "before your alarm date"]:
        assert fact in text, fact
    # The printout shows the alarm date (step 5), so the last step books before that same date.
    assert "refill-by date" not in text


# ------------------------------------------------------------------------------------------------- alarms
def test_alarm_sounds_say_what_each_alarm_means_and_what_to_do():
    html = alarms(cite_html=ALARM_CITE)
    single, critical = html.split('<div class="itb-alarm itb-alarm--critical">')
    assert "about 1 second" in single and "about 3 seconds" in critical
    assert "once an hour" in single and "once an hour" not in critical
    # The single tone has both meanings: a refill, or a new pump in about 90 days (data/pumps.yml) [D2][D3].
    assert "low reservoir" in single and "Book a refill." in single
    assert "run out in about 90 days" in single and "Book a new pump." in single
    assert "small fault in its memory" in single and "serious fault in its memory" in critical
    for cause in ["empty reservoir", "end of service", "motor stall"]:
        assert cause in critical
    assert "<strong>What to do:</strong> Call your pump team to book a visit." in single
    assert ('<strong>What to do:</strong> Call your pump team straight away, day or night. If you also feel unwell, '
            'call <a class="tel" href="tel:911">911</a>.') in critical
    # How often the critical alarm repeats is not known: nothing may say it.
    assert not re.search(r"repeat|every \d|comes back", critical)
    assert ALARM_CITE in html


def test_one_alarm_alone_and_an_unknown_alarm():
    html = alarms(only="two-tone")
    assert "itb-alarm--critical" in html and "itb-alarm--single" not in html
    assert "The two-tone alarm of a SynchroMed II pump." in html
    with pytest.raises(ValueError, match=r"no alarm 'three-tone' in data/alarms.yml \(known: two-tone, single-tone\)"):
        alarms(only="three-tone")


def test_alarm_strips_draw_the_lengths_on_one_time_scale():
    html = alarms()
    single = svg_for(html, "Single tone")
    two = svg_for(html, "Two-tone")

    def span(svg):
        tones = [r for r in svg.iter("{http://www.w3.org/2000/svg}rect") if "pic-tone" in r.get("class")]
        return max(float(r.get("x")) + float(r.get("width")) for r in tones) - min(float(r.get("x")) for r in tones)

    assert single.get("viewBox") == two.get("viewBox")
    assert span(two) == pytest.approx(3 * span(single), rel=0.02)


def test_alarm_wording_comes_from_the_clinic_and_the_data():
    clinic = ClinicFile(name="Example Neurology Clinic", emergency_number="999")
    html = alarms(days="60", team=pump_team(clinic), number=clinic.emergency_number)
    assert "Call the Example Neurology Clinic pump team straight away, day or night." in html
    assert 'href="tel:999">999</a>' in html and "911" not in html
    assert "in about 60 days" in html
    with pytest.raises(ValueError, match="must not be empty"):
        alarms(number=" ")
    with pytest.raises(ValueError, match=r"data/alarms.yml: alarms\[single-tone\]: unknown placeholder "
                                         r"\{replacement_warning_days\}"):
        render_pictures.alarm_sounds(SITE.alarms, LABELS, "911", {"pump_team": "x"}, IdMaker())


# ----------------------------------------------------------------------------------------- macro wiring
class FakeEnv:
    """Just what registry.Page reads: the current page (and conf for a few macros)."""
    def __init__(self):
        self.page = None
        self.conf = {"use_directory_urls": True}


def fake_page(src_path, sources):
    return SimpleNamespace(file=SimpleNamespace(src_path=src_path), meta={"sources": sources}, url="x/")


def test_picture_macros_are_in_the_registry_with_per_page_ids():
    assert {"itb_system_diagram", "real_size_pumps", "refill_visit_steps", "alarm_sounds"} <= set(registry.MACROS)
    env = FakeEnv()
    page = registry.Page(env, SITE)
    env.page = fake_page("maintenance.md", ["D2", "D8", "P3", "D3"])
    first, second = registry.alarm_sounds(page), registry.alarm_sounds(page)
    ids = re.findall(r'\bid="([^"]+)"', first + second)
    assert len(ids) == len(set(ids)) and ids[0].startswith("maintenance-")
    assert 'href="#src-D8"' in first
    env.page = fake_page("index.md", [])
    assert 'id="home-itb-front-title"' in registry.itb_system_diagram(page)
    assert 'width="87.5mm"' in registry.real_size_pumps(page)


def test_alarm_macro_needs_its_sources_on_the_page_and_uses_the_clinic():
    env = FakeEnv()
    env.page = fake_page("maintenance.md", ["D2", "P3", "D3"])
    with pytest.raises(ValueError, match=r"add D8 to the front-matter sources of maintenance.md"):
        registry.alarm_sounds(registry.Page(env, SITE))
    branded = SITE.__class__(**{**SITE.__dict__, "clinic": ClinicFile(name="Example Clinic", emergency_number="112")})
    env = FakeEnv()
    env.page = fake_page("maintenance.md", ["D2", "D8", "P3", "D3"])
    html = registry.alarm_sounds(registry.Page(env, branded))
    assert "Call the Example Clinic pump team straight away, day or night." in html and 'href="tel:112"' in html
