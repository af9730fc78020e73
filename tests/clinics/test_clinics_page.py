"""The /for-clinics/ page in the browser: every QR code, as drawn on the page, decodes to its address; the
planner link builder makes a link that fills the planner; the in-browser QR encoder matches segno; copy
buttons; the page without JavaScript; axe in the page's interactive states."""
from __future__ import annotations

import base64
import io
import re
import shutil

import pytest
import segno
import zxingcpp
from PIL import Image

from tools.local_site import serve
from helpers import axe_violations, describe_violations

PLANNER_LINK = "refill-planner/#pump=synchromed-ii-40&conc=2000&dose=400&filled=2026-11-20&margin=10"


def decode(png: bytes) -> list[str]:
    image = Image.open(io.BytesIO(png)).convert("L")
    return [r.text for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def canonical_base(page) -> str:
    return page.locator('link[rel="canonical"]').get_attribute("href").split("for-clinics/")[0]


@pytest.fixture
def clinics_page(new_context, public_site_url):
    """for-clinics/ of the build with a public address (the local build shows no QR codes and no builder), with
    a sharp device scale (QR modules of whole pixels) and clipboard access."""
    site_url = public_site_url
    def open_(width=1280, scheme="light", javascript=True):
        context = new_context(scheme=scheme, width=width, javascript=javascript, device_scale_factor=3)
        if javascript:
            context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
        page = context.new_page()
        page.requests = []
        page.on("request", lambda r: page.requests.append(r.url))
        page.goto(site_url + "for-clinics/", wait_until="load")
        if javascript:
            page.wait_for_function("() => window.ITBQR")  # link-builder.js loads the encoder on this page only
        return page
    return open_


# Each code is an <img> of its own file (qr/<name>.svg, written by the build). Rasterise each file as the
# page loads it, drawn by Chromium onto a canvas at 6 px per module: one round trip for all of them.
RASTERISE_QR_CODES = """async () => {
    const out = [];
    for (const img of document.querySelectorAll('article img.qr')) {
        const text = await (await fetch(img.src)).text();
        const modules = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement.viewBox.baseVal.width;
        const size = modules * 6;
        const copy = new Image();
        await new Promise((ok, fail) => { copy.onload = ok; copy.onerror = fail; copy.src = img.src; });
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = size;
        canvas.getContext('2d').drawImage(copy, 0, 0, size, size);
        out.push([img.dataset.qr, canvas.toDataURL('image/png')]);
    }
    return out;
}"""


def test_every_qr_code_on_the_page_decodes_to_its_address(clinics_page):
    page = clinics_page()
    codes = page.evaluate(RASTERISE_QR_CODES)
    assert len(codes) >= 150
    wrong = []
    for url, data_url in codes:
        got = decode(base64.b64decode(data_url.split(",", 1)[1]))
        if got != [url]:
            wrong.append((url, got))
    assert wrong == []


def test_each_qr_code_sits_next_to_a_link_to_the_same_address(clinics_page):
    page = clinics_page()
    rows = page.evaluate("""() => [...document.querySelectorAll('.clinic-link')].map(row => {
        const img = row.querySelector('img.qr');
        return [row.querySelector('a').href, row.querySelector('code').textContent, img.dataset.qr,
                img.getAttribute('src'), img.getAttribute('width'), img.getAttribute('height'), img.alt];
    })""")
    assert len(rows) >= 150
    for href, text, qr, src, width, height, alt in rows:
        assert href == text == qr
        assert re.fullmatch(r"\.\./qr/[a-z0-9-]+\.svg", src), src  # a file of its own, not inline SVG
        assert width == height and int(width) > 0
        assert alt.startswith("QR code for ")


def test_the_page_holds_no_inline_qr_code_and_stays_small(public_site):
    built_site = public_site
    html = (built_site / "for-clinics" / "index.html").read_text(encoding="utf-8")
    assert 'svg class="qr"' not in html
    assert len(html.encode()) < 200_000  # it was 488 KB with 199 inline codes
    files = sorted((built_site / "qr").glob("*.svg"))
    assert len(files) >= 150
    assert files[0].read_text(encoding="utf-8").startswith('<svg xmlns="http://www.w3.org/2000/svg"')


def build_link(page, values: dict[str, str], more: dict[str, str] | None = None):
    form = page.locator("form.link-builder")
    form.locator('select[name="pump"]').select_option(values["pump"])
    for name in ("reservoir", "conc", "dose", "filled"):
        if name in values:
            form.locator(f'[name="{name}"]').fill(values[name])
    if more:
        form.locator("details.link-builder__more > summary").click()
        for name, value in more.items():
            form.locator(f'[name="{name}"]').fill(value)
    form.locator('button[type="submit"]').click()
    return form


def planner_values(page) -> dict[str, str]:
    return page.evaluate("""() => { const v = {}; document.querySelectorAll('[data-field]').forEach(el => {
        if (!el.closest('[hidden]')) v[el.dataset.field] = el.value; }); return v; }""")


def test_link_builder_makes_a_link_that_fills_the_planner(clinics_page, public_site_url):
    site_url = public_site_url
    page = clinics_page()
    form = build_link(page, {"pump": "synchromed-ii-40", "conc": "2000", "dose": "400", "filled": "2026-11-20"},
                      more={"margin": "10"})
    link = form.locator(".link-builder__link").input_value()
    assert link == canonical_base(page) + PLANNER_LINK
    assert form.locator(".link-builder__link").evaluate("el => el === document.activeElement")
    # The QR code the builder drew decodes to the same link.
    qr = form.locator(".link-builder__qr svg.qr")
    assert qr.get_attribute("data-qr") == link
    assert decode(qr.screenshot()) == [link]
    # "Open the planner" goes to this copy's planner with the same fragment, and the planner fills in.
    form.locator("a", has_text="Open the planner with these values").click()
    page.wait_for_url(re.compile(r"/refill-planner/#"))
    assert page.url == site_url + PLANNER_LINK
    page.wait_for_selector('[data-role="result"]:not([hidden])')
    values = planner_values(page)
    assert values["pump"] == "synchromed-ii-40"
    assert values["concChoice"] == "2000"
    assert values["dose"] == "400"
    assert values["filled"] == "2026-11-20"
    assert values["margin"] == "10"
    # The values never reached a server: only the fragment carried them.
    assert not [u for u in page.requests if "dose=" in u or "2026-11-20" in u]


def test_link_builder_with_another_pump_and_every_setting(clinics_page, public_site_url):
    site_url = public_site_url
    page = clinics_page()
    reservoir = page.locator('form.link-builder [name="reservoir"]')
    assert not reservoir.is_visible()
    page.locator('form.link-builder select[name="pump"]').select_option("custom")
    assert reservoir.is_visible()
    form = build_link(page, {"pump": "custom", "reservoir": "30", "conc": "1500", "dose": "250",
                             "filled": "2026-12-01"}, more={"vol": "25", "alarm": "3", "margin": "5"})
    link = form.locator(".link-builder__link").input_value()
    fragment = "pump=custom&reservoir=30&vol=25&alarm=3&conc=1500&dose=250&filled=2026-12-01&margin=5"
    assert link == canonical_base(page) + "refill-planner/#" + fragment
    page.goto(site_url + "refill-planner/#" + fragment)
    page.wait_for_selector('[data-role="result"]:not([hidden])')
    values = planner_values(page)
    assert {k: values[k] for k in ("pump", "reservoir", "vol", "alarm", "concChoice", "conc", "dose", "filled",
                                   "margin")} == {"pump": "custom", "reservoir": "30", "vol": "25", "alarm": "3",
                                                  "concChoice": "custom", "conc": "1500", "dose": "250",
                                                  "filled": "2026-12-01", "margin": "5"}


def test_link_builder_explains_what_is_missing(clinics_page):
    page = clinics_page()
    form = page.locator("form.link-builder")
    form.locator('button[type="submit"]').click()
    error = form.locator(".link-builder__error")
    assert error.get_attribute("role") == "alert"
    text = error.inner_text()
    # The planner's own messages (one validator, refill-core.js), each after the builder's field label.
    for expected in ("Pump: Choose your pump", "Strength (concentration) (mcg/mL): Enter the strength in mcg/mL",
                     "Daily dose (mcg/day): Enter the daily dose", "Date of the refill: Enter the date of the last refill."):
        assert expected in text
    assert form.locator('select[name="pump"]').get_attribute("aria-invalid") == "true"
    assert form.locator('select[name="pump"]').evaluate("el => el === document.activeElement")
    assert not form.locator(".link-builder__result").is_visible()
    build_link(page, {"pump": "synchromed-ii-20", "conc": "500", "dose": "100", "filled": "2026-11-20"},
               more={"vol": "25"})
    assert "Volume put in (mL): This is more than the pump holds (20 mL)" in error.inner_text()


def test_copy_buttons_copy_the_note_and_the_link(clinics_page):
    page = clinics_page()
    note = page.locator("pre.discharge-note__text").first
    button = page.locator(".discharge-note button.clinic-copy").first
    assert button.is_visible()
    button.click()
    page.wait_for_function("() => document.querySelector('.discharge-note .clinic-copy__status').textContent")
    assert page.evaluate("navigator.clipboard.readText()") == note.inner_text()
    assert "https://" in note.inner_text() and "\n" in note.inner_text()


def test_without_javascript_the_builder_stays_hidden_and_the_link_form_is_explained(clinics_page):
    page = clinics_page(javascript=False)
    assert not page.locator("form.link-builder").is_visible()
    assert not page.locator(".discharge-note button.clinic-copy").first.is_visible()
    assert page.locator("pre.discharge-note__text").count() == 4
    example = page.locator(".planner-example code").inner_text()
    assert example.endswith("refill-planner/#pump=synchromed-ii-40&conc=2000&dose=400&filled=2026-11-20")
    assert page.locator(".clinic-params table").is_visible()


# ---------------------------------------------------------------- the browser's QR encoder

TEXTS = ["https://itb-handbook.example.org/", "A", "x" * 14, "x" * 15, "ü-é ✓ 1",
         "https://itb-handbook.example.org/refill-planner/#pump=custom&reservoir=30&vol=25&alarm=3&conc=1500"
         "&dose=250&filled=2026-12-01&margin=5"] + ["q" * n for n in (40, 100, 180, 250, 400, 600, 900)]


@pytest.fixture
def segno_by_the_standard(monkeypatch):
    """segno 1.6.6 adds 8 zero bits when the data already ends on a byte boundary (ISO/IEC 18004 7.4.10
    adds none). Decoders ignore it, but the codes then differ; make segno follow the standard here."""
    import segno.encoder as enc

    def padding_bits(buff, version, length):
        buff.extend([0] * ((8 - length % 8) % 8))
    monkeypatch.setattr(enc, "write_padding_bits", padding_bits)


def module_image(modules: list[list[bool]], scale: int = 5) -> Image.Image:
    """The code drawn black on white with a 4-module quiet zone, each module scale x scale pixels."""
    size = len(modules) + 8
    blank = [False] * size
    rows = [blank] * 4 + [[False] * 4 + list(row) + [False] * 4 for row in modules] + [blank] * 4
    pixels = bytes(0 if dark else 255 for row in rows for dark in row)
    return Image.frombytes("L", (size, size), pixels).resize((size * scale, size * scale), Image.NEAREST)


def test_browser_qr_encoder_matches_segno_for_every_mask(clinics_page, segno_by_the_standard):
    page = clinics_page()
    cases = [(text, mask) for text in TEXTS for mask in range(8)]
    encoded = page.evaluate("(cases) => cases.map(([t, m]) => ITBQR.encode(t, m))", cases)  # one round trip
    assert len(encoded) == len(cases)
    for (text, mask), got in zip(cases, encoded):
        code = segno.make(text, error="m", boost_error=False, mode="byte", micro=False, mask=mask)
        assert (got["version"], got["mask"]) == (code.version, mask), text
        assert got["modules"] == [[bool(v) for v in row] for row in code.matrix], (text, mask)
        found = zxingcpp.read_barcodes(module_image(got["modules"]), formats=zxingcpp.BarcodeFormat.QRCode)
        assert [r.text for r in found] == [text]


def test_browser_qr_encoder_picks_a_mask_and_the_code_decodes(clinics_page, segno_by_the_standard):
    # Implementations score masks slightly differently (segno and Nayuki's reference disagree on some
    # inputs), and every mask gives a valid code: the chosen one must decode and match segno's grid.
    page = clinics_page()
    encoded = page.evaluate("(texts) => texts.map(t => ITBQR.encode(t))", TEXTS)  # one round trip
    assert len(encoded) == len(TEXTS)
    for text, got in zip(TEXTS, encoded):
        code = segno.make(text, error="m", boost_error=False, mode="byte", micro=False, mask=got["mask"])
        assert got["modules"] == [[bool(v) for v in row] for row in code.matrix], text
        found = zxingcpp.read_barcodes(module_image(got["modules"]), formats=zxingcpp.BarcodeFormat.QRCode)
        assert [r.text for r in found] == [text]


def test_only_the_builders_page_loads_the_encoder(new_context, site_url):
    # Pages link only the scripts their macros need (macros/assets.py): faq/ has no builder, no copy button
    # and no moved section, so it loads neither link-builder.js nor the encoder.
    page = new_context().new_page()
    seen = []
    page.on("request", lambda r: seen.append(r.url))
    page.goto(site_url + "faq/", wait_until="networkidle")
    assert not any(u.endswith("/javascripts/link-builder.js") for u in seen)
    assert not any("qr-encoder" in u for u in seen)
    assert page.evaluate("() => window.ITBQR === undefined")


# ---------------------------------------------------------------- a moved section in the browser

def test_a_moved_sections_old_link_jumps_to_the_new_place(built_site, tmp_path, new_context):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    faq = site / "faq" / "index.html"
    marker = ('<p class="moved-section" id="can-i-fly">This part has moved to '
              '<a href="../living-with-a-pump/#travel">Travel and flying</a>.</p>')
    html = re.sub(r'<h3 id="can-i-fly">.*?</h3>', marker, faq.read_text(), count=1, flags=re.S)
    # moved_section() declares link-builder.js (macros/assets.py), so a page with a moved section links it.
    faq.write_text(html.replace("</body>", '<script src="../javascripts/link-builder.js"></script></body>'))
    with serve(site) as url:
        page = new_context().new_page()
        page.goto(url + "faq/#can-i-fly")
        page.wait_for_url(url + "living-with-a-pump/#travel")
        page.goto(url + "faq/#mri")  # an anchor that did not move stays put
        assert page.url == url + "faq/#mri"


# ---------------------------------------------------------------- accessibility of the interactive states

@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "mobile"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_for_clinics_interactive_states_have_no_axe_violations(new_context, public_site_url, scheme, width):
    site_url = public_site_url
    page = new_context(scheme=scheme, width=width).new_page()
    page.goto(site_url + "for-clinics/")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    form = page.locator("form.link-builder")
    form.locator('button[type="submit"]').click()  # the error state
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
    build_link(page, {"pump": "synchromed-ii-40", "conc": "2000", "dose": "400", "filled": "2026-11-20"})
    assert form.locator(".link-builder__result").is_visible()
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
