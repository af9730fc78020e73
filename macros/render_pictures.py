"""Illustrations drawn as accessible inline SVG: the ITB system, the pumps at real size, a refill visit in
steps, and the two alarm sounds. Pure functions: data in, HTML string out (no MkDocs here).

Every picture is an <svg role="img"> with a <title> and a <desc> named by aria-labelledby, so a
screen-reader user hears everything the picture shows. Labels and captions are real text (SVG <text> or
HTML). Colours are CSS classes styled in docs/stylesheets/pictures.css, so the pictures follow the
light and dark schemes and print in greyscale. Output never contains a blank line.
"""
from __future__ import annotations

import re
from typing import Callable, Sequence

from .clinic import tel_link
from .html import IdMaker, esc, fmt_num

SVG_NS = "http://www.w3.org/2000/svg"

# Schematic adult torso width at the belly, in mm. Not a clinical value: the issue asks for an adult torso
# of about 300 to 350 mm so that the pump (its diameter comes from data/pumps.yml) is drawn in honest proportion.
TORSO_WIDTH_MM = 320.0
# Scale object for the real-size picture. Not a clinical value and not in data/: a US quarter dollar is
# 24.26 mm across (US Mint coin specifications).
US_QUARTER_MM = 24.26
MM_PER_INCH = 25.4


# ---------------------------------------------------------------------------------------------- helpers
def _c(x: float) -> str:
    """A coordinate: at most 2 decimals, no thousands separator (fmt_num adds commas)."""
    text = f"{float(x):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _svg(ids: IdMaker, key: str, title: str, desc: str, view_w: float, view_h: float, body: str,
         cls: str, width: str | None = None, height: str | None = None) -> str:
    """An inline <svg role="img"> named by its <title> and <desc>."""
    tid, did = ids(f"{key}-title"), ids(f"{key}-desc")
    size = f' width="{width}" height="{height}"' if width and height else ""
    return (f'<svg xmlns="{SVG_NS}" class="itb-svg {cls}" role="img" aria-labelledby="{tid} {did}" '
            f'viewBox="0 0 {_c(view_w)} {_c(view_h)}"{size} focusable="false">'
            f'<title id="{tid}">{esc(title)}</title><desc id="{did}">{esc(desc)}</desc>{body}</svg>')


def _text(x: float, y: float, lines: str | Sequence[str], cls: str = "pic-label", anchor: str = "start",
          line_height: float = 1.2, size: float = 28) -> str:
    """SVG text, one <tspan> per line. y is the baseline of the first line."""
    if isinstance(lines, str):
        lines = [lines]
    font = f' font-size="{_c(size)}"'
    spans = []
    for i, line in enumerate(lines):
        dy = "" if i == 0 else f' dy="{line_height}em"'
        spans.append(f'<tspan x="{_c(x)}"{dy}>{esc(line)}</tspan>')
    spans = "".join(spans)
    return f'<text class="{cls}" x="{_c(x)}" y="{_c(y)}" text-anchor="{anchor}"{font}>{spans}</text>'


def _leader(points: Sequence[tuple[float, float]], dot: bool = True) -> str:
    """A thin line from a label to the thing it names, ending in a dot on the thing."""
    d = "M" + " L".join(f"{_c(x)} {_c(y)}" for x, y in points)
    end = points[-1]
    mark = f'<circle class="pic-leader-dot" cx="{_c(end[0])}" cy="{_c(end[1])}" r="5"/>' if dot else ""
    return f'<path class="pic-leader" d="{d}"/>{mark}'


def _known(pump, field: str) -> float:
    value = getattr(pump, field).value
    if value is None:
        raise ValueError(f"data/pumps.yml: pump {pump.id!r}: {field}.value is not known (null), "
                         f"so the pump cannot be drawn")
    return float(value)


def _mm_and_inches(mm: float) -> str:
    return f"{fmt_num(mm)} mm (about {mm / MM_PER_INCH:.1f} inches)"


# ------------------------------------------------------------------------------------ 1. the ITB system
# The two body views are drawn in millimetres (1 user unit = 1 mm), so the pump and the torso keep their real
# proportions. The two close-ups are enlarged and say so.


def _front_view(ids: IdMaker, diameter: float) -> str:
    cx, waist_y, half = 215.0, 500.0, TORSO_WIDTH_MM / 2
    r = diameter / 2
    px, py = cx + 80, 560.0          # pump centre: lower belly, to one side
    # Torso outline: shoulders, chest, waist (TORSO_WIDTH_MM across), hips; then the tops of the legs.
    torso = (f"M{_c(cx - 60)} 200 C{_c(cx - 120)} 210 {_c(cx - 190)} 215 {_c(cx - 195)} 275 "
             f"L{_c(cx - half - 8)} 400 L{_c(cx - half)} {_c(waist_y)} L{_c(cx - half - 10)} 640 "
             f"L{_c(cx - half - 5)} 760 L{_c(cx - 12)} 760 L{_c(cx)} 700 L{_c(cx + 12)} 760 "
             f"L{_c(cx + half + 5)} 760 L{_c(cx + half + 10)} 640 L{_c(cx + half)} {_c(waist_y)} "
             f"L{_c(cx + half + 8)} 400 L{_c(cx + 195)} 275 C{_c(cx + 190)} 215 {_c(cx + 120)} 210 "
             f"{_c(cx + 60)} 200 Z")
    edge_x = cx + half + 4           # where the side of the body is, at the height of the tube
    tube = (f"M{_c(px + r * 0.7)} {_c(py - r * 0.7)} C{_c(px + r + 10)} {_c(py - r - 10)} "
            f"{_c(edge_x - 20)} {_c(py - r - 20)} {_c(edge_x)} {_c(py - r - 22)}")
    body = (
        f'<ellipse class="pic-body" cx="{_c(cx)}" cy="95" rx="68" ry="84"/>'
        f'<rect class="pic-body" x="{_c(cx - 40)}" y="165" width="80" height="50"/>'
        f'<path class="pic-body" d="{torso}"/>'
        f'<path class="pic-skin-line" d="M{_c(cx)} 640 L{_c(cx)} 700"/>'
        f'<circle class="pic-navel" cx="{_c(cx)}" cy="{_c(waist_y + 20)}" r="5"/>'
        f'<path class="pic-tube" d="{tube}"/>'
        f'<circle class="pic-pump" data-diameter-mm="{_c(diameter)}" cx="{_c(px)}" cy="{_c(py)}" r="{_c(r)}"/>'
        f'<circle class="pic-port" cx="{_c(px)}" cy="{_c(py)}" r="{_c(r * 0.22)}"/>'
        # labels, on the right of the body
        + _text(445, 318, ["Thin tube", "(catheter)", "goes round", "to your back"])
        + _leader([(440, 330), (edge_x - 4, py - r - 21)])
        + _text(445, 500, ["Pump"])
        + _leader([(440, 492), (px + r * 0.72, py - r * 0.5)])
        + _text(445, 610, ["Refill port:", "the needle", "goes in here"])
        + _leader([(440, 602), (px, py)])
    )
    title = "The pump and tube, seen from the front"
    desc = (f"A person's body from the front, from the head to the hips. A round pump, {fmt_num(diameter)} mm "
            f"across, sits under the skin of the lower belly, to one side. The body is drawn about "
            f"{fmt_num(TORSO_WIDTH_MM)} mm wide, so the pump is in true proportion to the body. "
            "The refill port is in the middle of the pump: the needle goes in there at a refill. "
            "A thin tube (catheter) leaves the pump and runs under the skin round the side of the body to the back.")
    return _svg(ids, "itb-front", title, desc, 640, 770, body, "itb-svg--front")


def _side_view(ids: IdMaker, diameter: float, thickness: float) -> str:
    belly_x = 440.0                 # skin of the lower belly
    py = 560.0                      # pump centre height (same as the front view)
    pump_x = belly_x - 8 - thickness
    canal_l, canal_r = 212.0, 236.0  # spinal canal (fluid), just in front of the back
    cord_l, cord_r = 221.0, 232.0
    tip_y, entry_y = 430.0, 593.0   # the tube enters between two bones (their gap is y 586 to 600)
    tube_x = canal_l + 4             # the tube lies in the fluid, behind the cord
    bones = "".join(f'<rect class="pic-bone" x="242" y="{_c(y)}" width="48" height="30" rx="6"/>'
                    for y in range(214, 650, 38))
    back_bits = "".join(f'<path class="pic-bone" d="M205 {_c(y)} L178 {_c(y + 8)} L178 {_c(y + 20)} L205 {_c(y + 24)} Z"/>'
                        for y in range(220, 650, 38))
    outline = ("M300 200 L380 200 C420 235 430 300 428 380 C424 430 410 470 418 500 "
               f"C430 510 {_c(belly_x)} 530 {_c(belly_x)} {_c(py)} C{_c(belly_x)} 610 430 640 420 690 "
               "L410 770 L190 770 L185 700 C160 650 160 600 172 560 C182 520 180 470 172 420 "
               "C164 360 170 260 220 205 Z")
    tube = (f"M{_c(pump_x + 4)} {_c(py - diameter * 0.3)} C330 {_c(py - 70)} 280 {_c(entry_y + 6)} 200 {_c(entry_y)} "
            f"C{_c(tube_x - 6)} {_c(entry_y)} {_c(tube_x)} {_c(entry_y - 2)} {_c(tube_x)} {_c(entry_y - 20)} "
            f"L{_c(tube_x)} {_c(tip_y)}")
    body = (
        '<rect class="pic-body" x="296" y="160" width="76" height="60"/>'
        '<path class="pic-body" d="M400 72 L426 110 L402 116 Z"/>'
        '<ellipse class="pic-body" cx="330" cy="95" rx="80" ry="84"/>'
        f'<path class="pic-body" d="{outline}"/>'
        f'<rect class="pic-fluid" x="{_c(canal_l)}" y="205" width="{_c(canal_r - canal_l)}" height="450" rx="8"/>'
        f'<path class="pic-cord" d="M{_c(cord_l)} 205 L{_c(cord_r)} 205 L{_c(cord_r)} 520 L{_c((cord_l + cord_r) / 2)} 545 '
        f'L{_c(cord_l)} 520 Z"/>'
        + bones + back_bits +
        f'<path class="pic-tube" d="{tube}"/>'
        f'<circle class="pic-tube-tip" cx="{_c(tube_x)}" cy="{_c(tip_y)}" r="6"/>'
        f'<rect class="pic-pump" data-thickness-mm="{_c(thickness)}" x="{_c(pump_x)}" y="{_c(py - diameter / 2)}" '
        f'width="{_c(thickness)}" height="{_c(diameter)}" rx="{_c(thickness * 0.35)}"/>'
        + _text(470, 430, ["Pump", "under", "the skin"])
        + _leader([(466, 445), (pump_x + thickness / 2, py - diameter * 0.2)])
        + _text(470, 690, ["Thin tube", "(catheter)"])
        + _leader([(466, 682), (300, py + 26)])
        + _text(10, 300, ["Spinal", "cord"])
        + _leader([(100, 292), (cord_l + 4, 330)])
        + _text(10, 440, ["Tube tip"])
        + _leader([(130, 432), (tube_x - 4, tip_y)])
        + _text(10, 700, ["Spine"])
        + _leader([(92, 692), (190, 640)])
    )
    title = "The pump and tube, seen from the side"
    desc = (f"The same person from the side, facing right. The pump, {fmt_num(thickness)} mm thick, lies just "
            "under the skin at the front of the belly. The thin tube (catheter) runs from the pump round the "
            "side of the body to the back. There it goes between two bones of the spine into the spinal fluid, "
            "and runs up beside the spinal cord. The tube tip sits in the spinal fluid. "
            "How high the tip sits on the spine differs from person to person.")
    return _svg(ids, "itb-side", title, desc, 640, 780, body, "itb-svg--side")


def _pump_closeup(ids: IdMaker) -> str:
    cx, cy, r = 190.0, 215.0, 170.0
    body = (
        f'<circle class="pic-pump" cx="{_c(cx)}" cy="{_c(cy)}" r="{_c(r)}"/>'
        f'<circle class="pic-reservoir" cx="{_c(cx)}" cy="{_c(cy)}" r="{_c(r * 0.74)}"/>'
        f'<circle class="pic-port" cx="{_c(cx)}" cy="{_c(cy)}" r="30"/>'
        f'<circle class="pic-port-centre" cx="{_c(cx)}" cy="{_c(cy)}" r="9"/>'
        f'<circle class="pic-side-port" cx="{_c(cx + 95)}" cy="{_c(cy - 100)}" r="14"/>'
        f'<path class="pic-tube" d="M{_c(cx - r * 0.68)} {_c(cy + r * 0.68)} C{_c(cx - r * 0.8)} {_c(cy + r * 0.9)} '
        f'{_c(cx - r)} {_c(cy + r)} 14 420"/>'
        + _text(400, 60, ["Side port", "(not for refills)"])
        + _leader([(392, 52), (cx + 107, cy - 100)])
        + _text(400, 190, ["Refill port:", "the needle", "goes in here"])
        + _leader([(392, 182), (cx + 22, cy - 6)])
        + _text(400, 302, ["Medicine store", "(reservoir)"])
        + _leader([(392, 294), (cx + 80, cy + 80)])
        + _text(120, 422, ["Thin tube (catheter)"])
        + _leader([(112, 414), (50, 396)])
    )
    title = "The pump, close up (enlarged)"
    desc = ("The top of the pump, enlarged. In the middle is the refill port, a soft seal: the refill needle "
            "goes in only here. Inside the pump, under the top, is the medicine store (reservoir). "
            "Near the edge is a small side port (catheter access port), which is not used for refills. "
            "The thin tube (catheter) leaves from the edge of the pump.")
    return _svg(ids, "itb-pump", title, desc, 640, 430, body, "itb-svg--pump")


def _spine_closeup(ids: IdMaker) -> str:
    bones = "".join(f'<rect class="pic-bone" x="330" y="{y}" width="100" height="62" rx="10"/>'
                    for y in (-20, 56, 132, 208, 284, 360))
    arches = "".join(f'<path class="pic-bone" d="M240 {y} L170 {y + 14} L170 {y + 42} L240 {y + 56} Z"/>'
                     for y in (-14, 62, 138, 214, 290, 366))
    body = (
        '<rect class="pic-fluid" x="246" y="0" width="78" height="430"/>'
        '<path class="pic-cord" d="M268 0 L304 0 L304 250 C304 290 292 310 286 330 C280 310 268 290 268 250 Z"/>'
        '<path class="pic-nerve" d="M280 320 L276 430 M286 330 L286 430 M292 320 L296 430"/>'
        + bones + arches +
        '<path class="pic-tube" d="M60 420 C110 400 140 356 175 356 L236 356 C252 356 258 348 258 330 L258 110"/>'
        '<circle class="pic-tube-tip" cx="258" cy="108" r="8"/>'
        + _text(10, 40, ["Tube tip", "(catheter", "tip)"])
        + _leader([(132, 32), (250, 108)])
        + _text(10, 300, ["Thin tube", "(catheter)"])
        + _leader([(60, 346), (112, 386)])
        + _text(450, 40, ["Spinal fluid", "(CSF)"])
        + _leader([(446, 50), (316, 160)])
        + _text(450, 180, ["Spinal cord"])
        + _leader([(446, 172), (294, 210)])
        + _text(450, 320, ["Bone of the", "spine", "(vertebra)"])
        + _leader([(446, 312), (400, 320)])
    )
    title = "Inside the spine, close up (enlarged)"
    desc = ("A short piece of the spine from the side, enlarged. Bones of the spine (vertebrae) are stacked "
            "on the right. Behind them is a channel filled with clear spinal fluid (CSF), with the spinal cord "
            "in the middle. The thin tube (catheter) comes in from the back between two bones. It runs up "
            "inside the spinal fluid, beside the spinal cord, and ends at the tube tip. "
            "The medicine leaves the tube tip into the spinal fluid.")
    return _svg(ids, "itb-spine", title, desc, 640, 430, body, "itb-svg--spine")


def system_diagram(pump, ids: IdMaker) -> str:
    """The ITB system: front and side views of a person at honest proportions, and two close-ups.
    pump: the pump model drawn (its diameter_mm and thickness_mm come from data/pumps.yml)."""
    diameter, thickness = _known(pump, "diameter_mm"), _known(pump, "thickness_mm")
    panels = [
        ("From the front", _front_view(ids, diameter), "body"),
        ("From the side", _side_view(ids, diameter, thickness), "body"),
        ("The pump, enlarged", _pump_closeup(ids), "close"),
        ("Inside the spine, enlarged", _spine_closeup(ids), "close"),
    ]
    items = "".join(f'<figure class="itb-system__panel itb-system__panel--{kind}">{svg}'
                    f"<figcaption>{esc(caption)}</figcaption></figure>" for caption, svg, kind in panels)
    caption = ("How the pump works. The pump sits under the skin of your belly. "
               "A thin tube takes the medicine to the fluid around your spinal cord.")
    return (f'<figure class="itb-picture itb-system"><div class="itb-system__panels">{items}</div>'
            f"<figcaption>{esc(caption)}</figcaption></figure>")


# ---------------------------------------------------------------------------------- 2. real-size pumps
PUMP_LINE_MM = 0.6      # outline width; the outside edge of the line is the pump's real edge
VIEW_GAP_MM = 8.0       # gap between the top view and the side view
TEXT_MM = 3.5           # about 10 pt when printed


def _real_size_pump(pump, ids: IdMaker) -> str:
    d, t = _known(pump, "diameter_mm"), _known(pump, "thickness_mm")
    h = d + VIEW_GAP_MM + t
    s = PUMP_LINE_MM
    side_y = d + VIEW_GAP_MM
    arrow = TEXT_MM * 0.7
    body = (
        f'<circle class="pic-real" cx="{_c(d / 2)}" cy="{_c(d / 2)}" r="{_c((d - s) / 2)}" '
        f'stroke-width="{_c(s)}"/>'
        f'<path class="pic-dimension" stroke-width="0.3" d="M{_c(s + 1)} {_c(d / 2)} L{_c(d - s - 1)} {_c(d / 2)} '
        f'M{_c(s + 1 + arrow)} {_c(d / 2 - arrow / 2)} L{_c(s + 1)} {_c(d / 2)} L{_c(s + 1 + arrow)} {_c(d / 2 + arrow / 2)} '
        f'M{_c(d - s - 1 - arrow)} {_c(d / 2 - arrow / 2)} L{_c(d - s - 1)} {_c(d / 2)} '
        f'L{_c(d - s - 1 - arrow)} {_c(d / 2 + arrow / 2)}"/>'
        + _text(d / 2, d / 2 - 2.5, f"{fmt_num(d)} mm", cls="pic-label pic-label--mm", anchor="middle", size=TEXT_MM)
        + _text(d / 2, d / 2 + 6, "Top view", cls="pic-label pic-label--mm", anchor="middle", size=TEXT_MM)
        + f'<rect class="pic-real" x="{_c(s / 2)}" y="{_c(side_y + s / 2)}" width="{_c(d - s)}" '
          f'height="{_c(t - s)}" rx="{_c(t * 0.35)}" stroke-width="{_c(s)}"/>'
        + _text(d / 2, side_y + t / 2 + TEXT_MM * 0.35, f"Side view: {fmt_num(t)} mm thick",
                cls="pic-label pic-label--mm", anchor="middle", size=TEXT_MM)
    )
    title = f"{pump.name} pump at real size"
    desc = (f"Outline of the {pump.name} pump, drawn at real size when printed at 100%. "
            f"Top view: a circle {_mm_and_inches(d)} across. "
            f"Side view below it: {_mm_and_inches(t)} thick.")
    svg = _svg(ids, f"real-{pump.id}", title, desc, d, h, body, "itb-svg--real",
               width=f"{_c(d)}mm", height=f"{_c(h)}mm")
    return (f'<div class="itb-real__item" data-pump="{esc(pump.id)}">'
            f'<p class="itb-real__label"><strong>{esc(pump.name)}</strong><br>'
            f"{esc(fmt_num(d))} mm across, {esc(fmt_num(t))} mm thick</p>{svg}</div>")


def _quarter(ids: IdMaker) -> str:
    q, s = US_QUARTER_MM, 0.4
    body = (f'<circle class="pic-coin pic-real" cx="{_c(q / 2)}" cy="{_c(q / 2)}" r="{_c((q - s) / 2)}" '
            f'stroke-width="{_c(s)}"/>'
            f'<circle class="pic-coin-rim" cx="{_c(q / 2)}" cy="{_c(q / 2)}" r="{_c(q / 2 - 1.6)}" stroke-width="0.25"/>'
            + _text(q / 2, q / 2 + TEXT_MM * 0.35, "25¢", cls="pic-label pic-label--mm", anchor="middle",
                    size=TEXT_MM))
    title = "A US quarter, for scale"
    desc = f"A US quarter coin, {fmt_num(q)} mm across, drawn at the same scale as the pumps."
    svg = _svg(ids, "real-quarter", title, desc, q, q, body, "itb-svg--coin",
               width=f"{_c(q)}mm", height=f"{_c(q)}mm")
    return (f'<div class="itb-real__item itb-real__item--coin">'
            f'<p class="itb-real__label"><strong>US quarter</strong><br>{esc(fmt_num(q))} mm across</p>{svg}</div>')


def real_size_pumps(pumps: Sequence, ids: IdMaker) -> str:
    """Outlines of each pump at real size (top and side view) and a coin for scale.
    Each pump <svg> has width and height in mm and a viewBox in mm, so 1 user unit = 1 mm on paper."""
    if not pumps:
        raise ValueError("real_size_pumps: no pumps to draw")
    drawn = [_real_size_pump(p, ids) for p in pumps]
    # The coin goes right after the first pump, so on a wide screen it sits beside a pump.
    items = "".join(drawn[:1] + [_quarter(ids)] + drawn[1:])
    caption = ("The pumps at real size. Print at 100% to see the real size. "
               "A screen can show them bigger or smaller. Hold a real quarter up to the drawn one to compare.")
    return (f'<figure class="itb-picture itb-real"><div class="itb-real__items">{items}</div>'
            f"<figcaption>{esc(caption)}</figcaption></figure>")


# ------------------------------------------------------------------------------- 3. a refill visit
def _skin_and_pump(needle_port: bool = True) -> str:
    """Cross-section used by most steps: skin on top, the pump lying under it."""
    port = '<rect class="pic-port" x="88" y="72" width="24" height="8" rx="3"/>' if needle_port else ""
    return ('<rect class="pic-skin" x="0" y="60" width="200" height="80"/>'
            '<path class="pic-skin-line" d="M0 60 L200 60"/>'
            '<rect class="pic-pump" x="40" y="78" width="120" height="34" rx="12"/>' + port)


def _syringe(x: float, tip_y: float, length: float = 46) -> str:
    """A syringe pointing down, its needle tip at (x, tip_y)."""
    top = tip_y - 26 - length
    return (f'<path class="pic-needle" d="M{_c(x)} {_c(tip_y)} L{_c(x)} {_c(tip_y - 26)}"/>'
            f'<rect class="pic-syringe" x="{_c(x - 9)}" y="{_c(top)}" width="18" height="{_c(length)}" rx="3"/>'
            f'<path class="pic-syringe-marks" d="M{_c(x - 9)} {_c(top + 12)} h8 M{_c(x - 9)} {_c(top + 22)} h8 '
            f'M{_c(x - 9)} {_c(top + 32)} h8"/>'
            f'<path class="pic-syringe" d="M{_c(x)} {_c(top)} L{_c(x)} {_c(top - 10)} M{_c(x - 10)} {_c(top - 10)} '
            f'L{_c(x + 10)} {_c(top - 10)}"/>')


def _arrow(x: float, y1: float, y2: float) -> str:
    head = 7 if y2 > y1 else -7
    return (f'<path class="pic-arrow" d="M{_c(x)} {_c(y1)} L{_c(x)} {_c(y2)} M{_c(x - 6)} {_c(y2 - head)} '
            f'L{_c(x)} {_c(y2)} L{_c(x + 6)} {_c(y2 - head)}"/>')


REFILL_STEPS: list[tuple[str, str, str, Callable[[], str]]] = [
    ("Finding the refill port",
     "Two fingertips press gently on the skin over the pump, feeling for the port in the middle.",
     "The nurse finds the refill port in the middle of the pump. They feel for it, or use a plastic guide "
     "(template).",
     lambda: _skin_and_pump()
     + '<path class="pic-hand" d="M66 0 L134 0 L134 18 C134 26 128 30 122 30 L122 54 C122 61 110 61 110 54 '
       'L110 32 L104 32 L104 56 C104 63 92 63 92 56 L92 32 L86 32 L86 44 C86 50 76 50 76 44 L76 30 '
       'C70 30 66 26 66 20 Z"/>'
       '<path class="pic-arrow" d="M60 44 C54 50 54 56 58 62 M140 44 C146 50 146 56 142 62"/>'),
    ("Cleaning the skin",
     "A swab on a stick wipes the skin over the pump in circles.",
     "The nurse cleans your skin. You can ask for numbing cream or spray first.",
     lambda: _skin_and_pump() + '<ellipse class="pic-arrow" cx="100" cy="58" rx="44" ry="7"/>'
                                '<path class="pic-syringe" d="M150 4 L108 50"/>'
                                '<ellipse class="pic-swab" cx="104" cy="54" rx="9" ry="6" transform="rotate(-48 104 54)"/>'),
    ("The needle goes in",
     "A needle goes straight down through the skin into the port in the middle of the pump.",
     "A thin needle goes through your skin into the port in the middle of the pump.",
     lambda: _skin_and_pump() + _syringe(100, 78)),
    ("Old medicine out, new medicine in",
     "The syringe in the port. One arrow points up: the old medicine comes out. "
     "Another arrow points down: new medicine goes in.",
     "The old medicine is drawn out and measured. Then the pump is filled with new medicine.",
     lambda: _skin_and_pump() + _syringe(100, 78) + _arrow(58, 50, 10) + _arrow(142, 10, 50)),
    ("Setting the pump",
     "A tablet-like programmer with a wand held over the pump. A printed slip comes out of it.",
     "The nurse uses a small computer (programmer) to set the pump. It prints your next alarm date.",
     lambda: _skin_and_pump(needle_port=False)
     + '<rect class="pic-device" x="30" y="8" width="56" height="40" rx="5"/>'
       '<rect class="pic-screen" x="36" y="14" width="44" height="28" rx="2"/>'
       '<path class="pic-cable" d="M86 30 C94 30 94 42 96 47"/>'
       '<rect class="pic-device" x="84" y="46" width="32" height="10" rx="5"/>'
       '<path class="pic-paper" d="M138 4 L188 4 L188 54 L138 54 Z"/>'
       '<path class="pic-paper-lines" d="M145 16 h36 M145 26 h36 M145 36 h22"/>'
       '<circle class="pic-date-ring" cx="176" cy="38" r="7"/>'),
    ("Book before the alarm date",
     "A calendar page with one date circled and a tick beside it.",
     "Book your next refill some days before your alarm date, the date on the printout.",
     lambda: '<rect class="pic-paper" x="46" y="14" width="108" height="112" rx="6"/>'
             '<rect class="pic-calendar-top" x="46" y="14" width="108" height="24" rx="6"/>'
             + "".join(f'<rect class="pic-paper-lines" x="{58 + 20 * (i % 5)}" y="{48 + 18 * (i // 5)}" '
                       f'width="8" height="8"/>' for i in range(20))
             + '<circle class="pic-date-ring" cx="102" cy="88" r="11"/>'
               '<path class="pic-tick" d="M160 100 L170 112 L192 80"/>'),
]


def refill_visit_steps(ids: IdMaker) -> str:
    """A refill visit in numbered steps. Each step's caption is a list item (real text)."""
    items = []
    for n, (title, desc, caption, draw) in enumerate(REFILL_STEPS, start=1):
        svg = _svg(ids, f"refill-step-{n}", f"Step {n}: {title}", desc, 200, 140, draw(), "itb-svg--step")
        items.append(f'<li class="itb-steps__item">{svg}<p>{esc(caption)}</p></li>')
    caption = "What happens at a refill visit, step by step."
    return (f'<figure class="itb-picture itb-steps"><ol class="itb-steps__list">{"".join(items)}</ol>'
            f"<figcaption>{esc(caption)}</figcaption></figure>")


# ------------------------------------------------------------------------------------- 4. the alarms
# What each alarm means, its length and its tier come from data/alarms.yml (rendered by alarm_sounds).
def _rhythm_strip(ids: IdMaker, alarm) -> str:
    """A sound strip on a time line of 0 to 4 seconds (the same scale for both alarms)."""
    x0, per_second, axis_y = 20.0, 90.0, 104.0
    ticks = "".join(f'<path class="pic-axis" d="M{_c(x0 + s * per_second)} {_c(axis_y)} v8"/>'
                    + _text(x0 + s * per_second, axis_y + 30, str(s), cls="pic-label pic-label--axis",
                            anchor="middle", size=20)
                    for s in range(0, 5))
    key = alarm.id
    if alarm.kind == "single":
        blocks = (f'<rect class="pic-tone pic-tone--single" x="{_c(x0)}" y="50" '
                  f'width="{_c(alarm.seconds * per_second)}" height="36" rx="4"/>')
        shape = f"one steady beep that lasts about {alarm.seconds} second"
    else:
        half = per_second / 2
        blocks = "".join(
            f'<rect class="pic-tone pic-tone--critical" x="{_c(x0 + i * half + 1)}" y="{22 if i % 2 == 0 else 58}" '
            f'width="{_c(half - 2)}" height="30" rx="4"/>' for i in range(alarm.seconds * 2))
        shape = (f"a two-tone sound that lasts about {alarm.seconds} seconds, drawn as a higher note "
                 "and a lower note taking turns")
    body = (f'<path class="pic-axis" d="M{_c(x0)} {_c(axis_y)} L{_c(x0 + 4 * per_second)} {_c(axis_y)}"/>'
            + ticks + blocks
            + _text(x0 + 2 * per_second, axis_y + 60, "Time in seconds", cls="pic-label pic-label--axis",
                    anchor="middle", size=20))
    title = f"{alarm.name}: about {alarm.seconds} second{'s' if alarm.seconds != 1 else ''}"
    desc = f"A sound strip with a time line from 0 to 4 seconds. It shows {shape}."
    return _svg(ids, f"alarm-{key}", title, desc, 400, 176, body, f"itb-svg--alarm itb-svg--{alarm.kind}")


def alarm_sounds(alarms, action_labels: dict[str, str], emergency_number: str, values: dict[str, str],
                 ids: IdMaker, cite_html: str = "", only: str | None = None) -> str:
    """The two SynchroMed II alarm sounds as rhythm strips, with what each means and what to do.
    alarms: data/alarms.yml (AlarmsFile); action_labels: each tier's action with the clinic's wording filled in
    ("Call your pump team straight away, day or night"), the same words as the care cards;
    values: placeholders for the alarm text ({replacement_warning_days}, {pump_team}); cite_html: citation
    markup for the alarm sources (may be empty); only: one alarm id, to show that alarm alone."""
    if not emergency_number.strip():
        raise ValueError("alarm_sounds: emergency_number must not be empty")
    order = sorted(alarms.alarms, key=lambda a: a.kind != "single")  # the milder sound first, as before
    if only is not None:
        order = [a for a in order if a.id == only]
        if not order:
            raise ValueError(f"alarm_sounds: no alarm {only!r} in data/alarms.yml "
                             f"(known: {', '.join(a.id for a in alarms.alarms)})")
    cards = []
    for alarm in order:
        if alarm.tier not in action_labels:
            raise ValueError(f"data/alarms.yml: alarms[{alarm.id}].tier {alarm.tier!r} has no action wording")
        lis = "".join(f"<li>{esc(_fill(c.text, values, alarm.id))}"
                      + (f" <strong>{esc(_fill(c.action, values, alarm.id))}</strong>" if c.action else "")
                      + "</li>" for c in alarm.causes)
        action = esc(action_labels[alarm.tier]) + "."
        if alarm.kind == "critical":
            action += f" If you also feel unwell, call {tel_link(emergency_number)}."
        cards.append(
            f'<div class="itb-alarm itb-alarm--{alarm.kind}">'
            f'<p class="itb-alarm__name"><strong>{esc(alarm.name)}</strong> (about {alarm.seconds} '
            f'second{"s" if alarm.seconds != 1 else ""})</p>'
            f"{_rhythm_strip(ids, alarm)}"
            f'<p class="itb-alarm__meaning">{esc(_fill(alarm.meaning, values, alarm.id))} '
            f'{"The cause can be:" if alarm.kind == "critical" else "It means one of these:"}</p><ul>{lis}</ul>'
            f'<p class="itb-alarm__action"><strong>What to do:</strong> {action}</p></div>')
    what = f"The {order[0].name.lower()} of a SynchroMed II pump." if only else "The two alarm sounds of a SynchroMed II pump."
    caption = f"{what}{(' ' + cite_html) if cite_html else ''}"
    return (f'<figure class="itb-picture itb-alarms"><div class="itb-alarms__cards">{"".join(cards)}</div>'
            f"<figcaption>{caption}</figcaption></figure>")


def _fill(template: str, values: dict[str, str], alarm_id: str) -> str:
    def sub(m):
        if m.group(1) not in values:
            raise ValueError(f"data/alarms.yml: alarms[{alarm_id}]: unknown placeholder {{{m.group(1)}}} in "
                             f"{template!r} (known: {', '.join('{' + k + '}' for k in values)})")
        return values[m.group(1)]
    return re.sub(r"\{([a-z_]+)\}", sub, template)
