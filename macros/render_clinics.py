"""The /for-clinics/ page: the list of linkable pages and sections with QR codes, ready-to-paste
discharge-note texts, the planner link builder's form, and the "this section has moved" marker.

Pure functions: they take the site's wording (pump team, emergency number) and site_url as
parameters and return HTML without blank lines (a blank line ends a raw-HTML block in Markdown)."""
from __future__ import annotations

import dataclasses
import hashlib
import os
import re
from html import unescape
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence
from urllib.parse import urlsplit

import segno

from .html import IdMaker, esc
from .planner_links import DATE_MAX, DATE_MIN, KEY_NAMES
from .render_actions import sentence as action_sentence
from .render_symptoms import emergency_care_cards

# The planner's deep-link parameters, in the order the builder writes them: defined once, in planner_links.
PLANNER_PARAMS = KEY_NAMES
PLANNER_PATH = "refill-planner/"
# Files made after the HTML build (PDF and offline copy); listed on the page and in the URL contract.
DOWNLOADS = (("itb-handbook.pdf", "The whole handbook as a PDF"),
             ("itb-handbook-offline.zip", "The offline copy (a zip file to open without the internet)"),
             ("emergency-card.pdf", "The emergency wallet card as a PDF, to print"),
             ("pump-record.pdf", "The pump record as a PDF, to print"))

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*\{([^}]*)\}[ \t]*#*[ \t]*$")
_ID_IN_ATTRS = re.compile(r"(?:^|\s)#([A-Za-z][\w-]*)(?=\s|$)")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_ID_OK = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclasses.dataclass(frozen=True)
class Section:
    id: str
    title: str
    level: int


@dataclasses.dataclass(frozen=True)
class LinkablePage:
    title: str
    path: str  # URL path below the site root: "" for the home page, "faq/" for faq.md
    sections: tuple[Section, ...]


def page_path(md_name: str) -> str:
    """'index.md' -> '', 'faq.md' -> 'faq/', 'a/index.md' -> 'a/' (MkDocs directory URLs)."""
    stem = md_name.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


# A local build (ITB_SITE_URL unset or not a public address: macros/site_url.py) has no web address to give
# patients. Its For clinics page then shows these notes where the addresses, QR codes and the link builder
# would be, and links within the copy instead: a placeholder address never reaches a reader or paper (issue 23).
LOCAL_NOTE = ("This copy of the handbook was built without its web address, so this page shows no addresses or "
              "QR codes to give patients. To show them, set ITB_SITE_URL to the address where the handbook is "
              "published, and build it again.")
LOCAL_LINK = "[no web address: build the handbook with ITB_SITE_URL]"
LOCAL_BUILDER_NOTE = ("The link builder needs the handbook's web address, so a patient's phone can open the link. "
                      "This copy was built without it: set ITB_SITE_URL to the address where the handbook is "
                      "published, and build it again.")
LOCAL_SITE = "<this handbook's web address>/"

LocalHref = Callable[..., str]  # (path, anchor=None) -> a link from the current page to path#anchor in this copy


def local_note(text: str = LOCAL_NOTE) -> str:
    return f'<p class="clinic-local-note">{esc(text)}</p>'


def absolute_url(site_url: str, path: str, anchor: str | None = None) -> str:
    if not site_url or not urlsplit(site_url).scheme.startswith("http"):
        raise ValueError(f"site_url must be an absolute http(s) URL for QR codes and links (got {site_url!r})")
    base = site_url if site_url.endswith("/") else site_url + "/"
    return base + path.lstrip("/") + (f"#{anchor}" if anchor else "")


def _plain_title(text: str) -> str:
    """Strip the Markdown a heading may carry: links, code, emphasis."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"(\*\*|__|\*|_)(\S(?:.*?\S)?)\1", r"\2", text)
    return " ".join(text.split())


_HTML_HEADING = re.compile(r'<h([2-6])\b[^>]*?\bid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_HIDDEN = re.compile(r'<span class="visually-hidden">.*?</span>', re.S)
_MACRO_CALL = re.compile(r"\{\{-?\s*([A-Za-z_]\w*)\s*\(")


def html_sections(html: str) -> list[Section]:
    """Headings with an id in macro output (for example the care cards' <h2 id="call-now">)."""
    sections = []
    for m in _HTML_HEADING.finditer(html):
        text = unescape(re.sub(r"<[^>]+>", " ", _HIDDEN.sub("", m.group(3))))
        sections.append(Section(id=m.group(2), title=" ".join(text.split()), level=int(m.group(1))))
    return sections


def explicit_sections(markdown: str, src: str = "page", render: Callable[[str], str] = lambda s: s,
                      anchor_macros: Mapping[str, Callable[[], str]] | None = None) -> list[Section]:
    """Headings with an explicit id (`## Refills { #refills }`), in page order, outside fenced code.
    `render` expands template variables in a heading ({{ pump_team }}). `anchor_macros` maps the name of
    a macro whose output has headings with fixed ids to a function returning that output."""
    anchor_macros = anchor_macros or {}
    sections, in_fence, fence = [], False, ""
    for line in markdown.splitlines():
        m_fence = _FENCE.match(line)
        if m_fence:
            if not in_fence:
                in_fence, fence = True, m_fence.group(1)
            elif m_fence.group(1) == fence:
                in_fence = False
            continue
        if in_fence:
            continue
        for name in _MACRO_CALL.findall(line):
            if name in anchor_macros:
                sections += html_sections(anchor_macros[name]())
        m = _HEADING.match(line)
        if not m:
            continue
        ids = _ID_IN_ATTRS.findall(m.group(3))
        if not ids:
            continue
        if not _ID_OK.match(ids[0]):
            raise ValueError(f"{src}: heading id {ids[0]!r} must be lowercase words joined by hyphens")
        title = _plain_title(render(m.group(2)))
        sections.append(Section(id=ids[0], title=title, level=len(m.group(1))))
    seen: set[str] = set()
    for s in sections:
        if s.id in seen:
            raise ValueError(f"{src}: heading id {s.id!r} is used twice")
        seen.add(s.id)
    return sections


def nav_pages(nav: Iterable) -> list[tuple[str, str]]:
    """Flatten MkDocs' nav config ([{title: file}] with nested sections) into (title, file.md) pairs."""
    out: list[tuple[str, str]] = []
    for entry in nav or []:
        if isinstance(entry, str):
            out.append((entry, entry))
            continue
        for title, target in entry.items():
            if isinstance(target, list):
                out += nav_pages(target)
            elif isinstance(target, str) and target.endswith(".md"):
                out.append((title, target))
    return out


def linkable_pages(entries: Sequence[tuple[str, str, str]], render: Callable[[str], str] = lambda s: s,
                   anchor_macros: Mapping[str, Callable[[], str]] | None = None) -> list[LinkablePage]:
    """entries: (nav title, file.md, Markdown text) in nav order."""
    return [LinkablePage(title=title, path=page_path(md),
                         sections=tuple(explicit_sections(text, md, render, anchor_macros)))
            for title, md, text in entries]


def anchor_macros(site, emergency_number: str, pump_team: str) -> dict[str, Callable[[], str]]:
    """Macros whose output carries headings with fixed ids that clinics may link to. Each function renders
    the macro on its own (fresh ids), only to read its headings."""
    return {"emergency_care_cards": lambda: emergency_care_cards(site.symptoms, IdMaker(""),
                                                                 emergency_number=emergency_number,
                                                                 pump_team=pump_team, alarms=site.alarms,
                                                                 values={"replacement_warning_days": "90"})}


def contract_entries(pages: Sequence[LinkablePage]) -> list[str]:
    """The URL contract's lines for pages and their sections: '/', '/faq/', '/faq/#can-i-fly', ..."""
    lines = []
    for page in pages:
        lines.append("/" + page.path)
        lines += [f"/{page.path}#{s.id}" for s in page.sections]
    return lines


# QR settings. Size: the smallest code for error correction L, raised to M or higher where that fits in
# the same size (segno's boost_error). Pages show each code as an <img> of its own file, qr/<name>.svg,
# written once per build (macros/registry.py), so the page's HTML stays small.
# Mask: segno scores all 8 patterns, about 25 ms a code in pure Python; every mask gives a valid code, so we
# fix the one segno picks most often for this site's addresses (5 ms a code). Tests decode every code on
# the page with zxing-cpp.
QR_ERROR = "l"
QR_MASK = 2


def qr_code(url: str) -> segno.QRCode:
    return segno.make(url, error=QR_ERROR, boost_error=True, mode="byte", micro=False, mask=QR_MASK)


def qr_svg(url: str, label: str | None = None, css_class: str = "qr") -> str:
    """A QR code for url as inline SVG: black modules on a white square with a 4-module quiet zone
    (readable in dark mode too), scaled by CSS through its viewBox."""
    code = qr_code(url)
    size = code.symbol_size(scale=1, border=4)[0]
    # One stroked path, each run of dark modules a horizontal line drawn with relative moves (compact).
    parts, pen_x, pen_y = [], None, None
    for y, row in enumerate(code.matrix):
        x, n = 0, len(row)
        while x < n:
            if not row[x]:
                x += 1
                continue
            start = x
            while x < n and row[x]:
                x += 1
            if pen_x is None:
                parts.append(f"M{start + 4} {y + 4.5:g}h{x - start}")
            else:
                parts.append(f"m{start - pen_x} {y - pen_y}h{x - start}")
            pen_x, pen_y = x, y
    name = label or f"QR code for {url}"
    return (f'<svg class="{esc(css_class)}" role="img" aria-label="{esc(name)}" focusable="false" '
            f'shape-rendering="crispEdges" viewBox="0 0 {size} {size}" data-qr="{esc(url)}">'
            f'<path fill="#fff" d="M0 0h{size}v{size}h-{size}z"/><path stroke="#000" d="{"".join(parts)}"/></svg>')


def qr_file_name(site_url: str, url: str) -> str:
    """The QR code file for an address on this site: '' -> 'home.svg', 'faq/' -> 'faq.svg',
    'faq/#can-i-fly' -> 'faq--can-i-fly.svg', 'itb-handbook.pdf' -> 'itb-handbook-pdf.svg'."""
    base = absolute_url(site_url, "")
    if not url.startswith(base):
        raise ValueError(f"QR code files are made for addresses on this site only (got {url!r})")
    path, _, anchor = url[len(base):].partition("#")
    slug = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"
    if anchor:
        slug += "--" + re.sub(r"[^a-z0-9]+", "-", anchor.lower()).strip("-")
    return slug + ".svg"


def qr_file_svg(url: str) -> str:
    """The SVG file for url's QR code (a standalone document: it needs its namespace)."""
    return qr_svg(url).replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)


def _qr_code_version() -> str:
    """What the drawing depends on besides the address: segno's version, the settings and the drawing code."""
    import inspect
    source = inspect.getsource(qr_svg) + inspect.getsource(qr_code) + inspect.getsource(qr_file_svg)
    return f"{segno.__version__}|{QR_ERROR}|{QR_MASK}|{source}"


def cached_qr_file_svg(url: str, cache_dir: Path | None) -> str:
    """qr_file_svg(url), read from cache_dir when it was made before with the same settings and code."""
    if cache_dir is None:
        return qr_file_svg(url)
    global _QR_VERSION
    if _QR_VERSION is None:
        _QR_VERSION = _qr_code_version()
    key = hashlib.sha256(f"{_QR_VERSION}\n{url}".encode("utf-8")).hexdigest()[:32]
    path = Path(cache_dir) / f"{key}.svg"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    svg = qr_file_svg(url)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(svg, encoding="utf-8")
        tmp.replace(path)  # atomic: parallel builds never read half a file
    except OSError:
        pass  # a read-only checkout still builds, only slower
    return svg


_QR_VERSION: str | None = None

QR_IMG_SIZE = 96  # px; the rendered size comes from clinics.css, these keep the square's place while loading


def qr_img(src: str, url: str, label: str, lazy: bool = False) -> str:
    """An <img> of a QR code file. data-qr names the address (tests decode the file and compare)."""
    loading = ' loading="lazy"' if lazy else ""
    return (f'<img class="qr" src="{esc(src)}" width="{QR_IMG_SIZE}" height="{QR_IMG_SIZE}" alt="{esc(label)}" '
            f'data-qr="{esc(url)}" decoding="async"{loading}>')


def inline_qr(url: str, label: str, lazy: bool = False) -> str:
    """The QR code drawn inline (for unit tests and callers without a place to write files)."""
    return qr_svg(url, label)


QrMaker = Callable[..., str]  # (url, label, lazy=False) -> HTML of the QR code


def _link_row(url: str, text: str, qr_label: str, heading_id: str | None = None, qr: QrMaker = inline_qr,
              lazy: bool = False, local: bool = False) -> str:
    """One link with its address and QR code; `local`: url is a link within this copy, shown without either."""
    link = f'<a href="{esc(url)}">{esc(text)}</a>'
    if heading_id:
        link = f'<h3 id="{heading_id}">{link}</h3>'
    if local:
        return f'<div class="clinic-link clinic-link--local"><div class="clinic-link__text">{link}</div></div>'
    return (f'<div class="clinic-link">'
            f'<div class="clinic-link__text">{link}'
            f'<code class="clinic-link__url">{esc(url)}</code></div>'
            f'{qr(url, qr_label, lazy=lazy)}</div>')


def _url_maker(site_url: str | None, local_href: LocalHref | None) -> Callable[..., str]:
    if site_url:
        return lambda path, anchor=None: absolute_url(site_url, path, anchor)
    if local_href is None:
        raise ValueError("a local build (no site address) needs local_href for its links")
    return local_href


def linkable_list_html(pages: Sequence[LinkablePage], site_url: str | None, ids: IdMaker, qr: QrMaker = inline_qr,
                       local_href: LocalHref | None = None) -> str:
    """Every page, each with its QR code, and its sections (each with a QR code) in a closed <details>.
    qr makes each code's HTML (an <img> of a file on the site; inline SVG by default). Every code loads
    lazily: the sections' codes sit in closed <details>, so a browser fetches them only when a reader opens
    one, and the pages' codes (about 20) only as the reader scrolls to them (they were 12 KB of the first view).
    site_url None (a local build): links within this copy (local_href), no address, no QR code, and a note."""
    url_of, local = _url_maker(site_url, local_href), not site_url
    parts = [local_note() if local else "", '<div class="clinic-links">']
    for page in pages:
        url = url_of(page.path)
        heading_id = ids("page-" + (page.path.strip("/") or "home"))
        parts.append(f'<section class="clinic-page" aria-labelledby="{heading_id}">'
                     f'{_link_row(url, page.title, f"QR code for the page {page.title}", heading_id, qr, lazy=True, local=local)}')
        if page.sections:
            n = len(page.sections)
            rows = "".join(
                f'<li class="clinic-section clinic-section--h{s.level}">'
                + _link_row(url_of(page.path, s.id), s.title, f"QR code for {s.title}", qr=qr,
                            lazy=True, local=local)
                + "</li>"
                for s in page.sections)
            parts.append(f'<details class="clinic-sections"><summary>Links to parts of this page '
                         f'({n} {"part" if n == 1 else "parts"})</summary><ul>{rows}</ul></details>')
        parts.append("</section>")
    parts.append("</div>")
    return "".join(parts)


def downloads_html(site_url: str | None, qr: QrMaker = inline_qr, local_href: LocalHref | None = None) -> str:
    """The PDFs and the offline copy, each with its QR code. The section follows the long list of pages, far
    below the first screen, so its codes load lazily too (issue 20: 2 KB of the first view). site_url None (a
    local build): links within this copy, no address, no QR code, and a note."""
    url_of, local = _url_maker(site_url, local_href), not site_url
    rows = "".join(f"<li>{_link_row(url_of(name), text, f'QR code for {text}', qr=qr, lazy=True, local=local)}</li>"
                   for name, text in DOWNLOADS)
    return (local_note() if local else "") + f'<ul class="clinic-downloads">{rows}</ul>'


# --- Discharge notes -------------------------------------------------------------------------

NOTE_KINDS = ("new-implant", "after-refill", "before-mri", "travel")


def _default_actions():
    from .data import load_site_data  # noqa: PLC0415 (only when a caller passes no actions)
    from pathlib import Path  # noqa: PLC0415
    return load_site_data(Path(__file__).resolve().parent.parent / "data").actions


def discharge_note(kind: str, site_url: str | None, pump_team_contact: str, emergency_number: str,
                   actions=None) -> str:
    """Plain text for a discharge note, written to the patient. pump_team_contact is the site's
    wording ("your pump team" or "the Example Neurology Clinic pump team on 555-0100"). How soon to call
    comes from data/actions.yml (`actions`, read from data/ when not given). site_url None (a local build):
    each link is a note to build with ITB_SITE_URL, never a made-up address."""
    actions = actions or _default_actions()
    act = lambda i: action_sentence(actions, i, emergency_number=emergency_number,  # noqa: E731
                                    pump_team=pump_team_contact)
    if site_url:
        u = lambda path, anchor=None: absolute_url(site_url, path, anchor)  # noqa: E731
    else:
        u = lambda path, anchor=None: LOCAL_LINK  # noqa: E731
    danger = (f"Call {emergency_number} if you are very sleepy or hard to wake, breathe slowly, "
              f"or have a high fever.")
    worried = f"If you are worried, call {pump_team_contact}."
    if kind == "new-implant":
        lines = [
            "You now have a baclofen pump. This free handbook explains how to live with it.",
            "",
            f"Getting better at home: {u('implantation/', 'recovery')}",
            f"Caring for your wounds: {u('implantation/', 'wound-care')}",
            f"When to get help: {u('emergency/')}",
            "",
            "Keep your pump ID card with you. Your refill date is on the printout we gave you.",
            worried,
            danger,
        ]
    elif kind == "after-refill":
        lines = [
            "Your pump was refilled today. Your next refill date is on the printout we gave you.",
            "Please keep that appointment. Do not wait for the pump alarm.",
            "",
            f"Refills and the alarm date: {u('maintenance/', 'refills')}",
            f"Signs of too little or too much medicine: {u('emergency/')}",
            "",
            "If your stiffness comes back or your skin itches:",
            act('stiffness-back'),
            danger,
        ]
    elif kind == "before-mri":
        lines = [
            "You are booked for an MRI scan. Tell the scan team that you have a baclofen pump.",
            "Show them your pump ID card.",
            "",
            f"Call {pump_team_contact} before the scan, as soon as it is booked.",
            "Some pumps stop during the scan and must be checked straight after it.",
            "Some pumps must be emptied before the scan. The team will plan what your pump needs.",
            "",
            f"MRI scans and your pump: {u('living-with-a-pump/', 'mri')}",
            f"Emergency information to carry: {u('emergency/', 'emergency-information')}",
            "",
            "If you feel stiff or itchy after the scan:",
            act('stiffness-back'),
        ]
    elif kind == "travel":
        lines = [
            f"Planning a trip? Tell {pump_team_contact} before you go, most of all before you fly.",
            "They may want to change your pump settings or refill it before you leave.",
            "",
            "Carry your pump ID card. The pump may set off metal detectors at the airport, but they will not harm it.",
            "",
            f"Travel with a pump: {u('living-with-a-pump/', 'travel')}",
            f"Emergency information to carry: {u('emergency/', 'emergency-information')}",
            "",
            danger,
        ]
    else:
        raise ValueError(f"discharge_note: kind must be one of {', '.join(NOTE_KINDS)} (got {kind!r})")
    return "\n".join(lines)


def note_urls(text: str) -> list[str]:
    return re.findall(r"https?://\S+", text)


def discharge_note_html(kind: str, text: str, ids: IdMaker) -> str:
    """The note in a <pre> (kept exactly as it will be pasted) and a copy button that script reveals."""
    note_id = esc(ids(f"note-{kind}"))
    body = esc(text).replace("\n", "&#10;")  # no raw newlines: a blank line would end the HTML block
    return (f'<div class="discharge-note">'
            f'<pre class="discharge-note__text" id="{note_id}" tabindex="0" '
            f'aria-label="Discharge note text">{body}</pre>'
            f'<p class="discharge-note__actions" hidden><button type="button" class="md-button clinic-copy" '
            f'data-copy="{note_id}">Copy this text</button> <span class="clinic-copy__status" role="status">'
            f'</span></p></div>')


# --- Planner link builder --------------------------------------------------------------------

def link_builder_html(pumps: Mapping[str, object], concentrations: Sequence[float], site_url: str | None,
                      defaults: Mapping[str, float], ids: IdMaker, config_html: str = "") -> str:
    """The form staff fill in. Hidden until link-builder.js runs: without script it would do nothing,
    and it has no action, so nothing can be sent to a server. The values go in the URL fragment.
    config_html is the planner's JSON config script (render_planner.config_script): the builder checks its
    values with the planner's own validator, so every link it makes opens in the planner."""
    if not site_url:  # a local build: a link to this computer's copy is of no use to a patient
        return local_note(LOCAL_BUILDER_NOTE)
    p = ids("lb")
    base = absolute_url(site_url, PLANNER_PATH)

    def num(name: str, label: str, unit: str, hint: str = "", value: str = "",
            required: bool = False, extra: str = "") -> str:
        hint_id = f"{p}-{name}-hint"
        hint_html = f'<span class="link-builder__hint" id="{hint_id}">{esc(hint)}</span>' if hint else ""
        described = f' aria-describedby="{hint_id}"' if hint else ""
        req = " required" if required else ""
        val = f' value="{esc(value)}"' if value else ""
        return (f'<div class="link-builder__field" id="{p}-{name}-field"><label for="{p}-{name}">{esc(label)} '
                f'<span class="link-builder__unit">({esc(unit)})</span></label>{hint_html}'
                f'<input type="text" id="{p}-{name}" name="{name}" inputmode="decimal" autocomplete="off"'
                f'{val}{described}{req}{extra}></div>')

    options = "".join(f'<option value="{esc(pid)}" data-reservoir="{pump.reservoir_ml.value:g}">'
                      f'{esc(pump.name)}</option>' for pid, pump in pumps.items())
    options += '<option value="custom">Another pump (enter its size below)</option>'
    conc_list = "".join(f'<option value="{c:g}"></option>' for c in concentrations)
    return "".join([
        f'<form class="link-builder" id="{p}" data-planner="{esc(base)}" data-planner-path="{PLANNER_PATH}" '
        f'aria-labelledby="{p}-title" novalidate hidden>{config_html}',
        f'<p class="link-builder__title" id="{p}-title">Make a planner link</p>',
        f'<div class="link-builder__field"><label for="{p}-pump">Pump</label>'
        f'<select id="{p}-pump" name="pump" required>'
        f'<option value="">Choose a pump</option>{options}</select></div>',
        num("reservoir", "Pump size (reservoir)", "mL", "Only needed for another pump."),
        num("conc", "Strength (concentration)", "mcg/mL", required=True, extra=f' list="{p}-conc-list"'),
        f'<datalist id="{p}-conc-list">{conc_list}</datalist>',
        num("dose", "Daily dose", "mcg/day", required=True),
        f'<div class="link-builder__field"><label for="{p}-filled">Date of the refill</label>'
        f'<input type="date" id="{p}-filled" name="filled" min="{DATE_MIN.isoformat()}" '
        f'max="{DATE_MAX.isoformat()}" required></div>',
        f'<details class="link-builder__more"><summary>More settings (optional)</summary>',
        num("vol", "Volume put in", "mL", "Leave empty if the pump was filled to the top."),
        num("alarm", "Low-reservoir alarm volume", "mL",
            "Leave empty unless the alarm was set to a volume other than the usual one. "
            "Needed for pumps with no usual alarm volume."),
        num("margin", "Days before the alarm date", "days", f"Leave empty for {defaults['margin']:g} days."),
        "</details>",
        f'<p class="link-builder__error" id="{p}-error" role="alert"></p>',
        f'<p><button type="submit" class="md-button md-button--primary">Make the link</button></p>',
        f'<div class="link-builder__result" id="{p}-result" hidden>',
        f'<p><label for="{p}-link">Planner link</label></p>',
        f'<p><textarea id="{p}-link" class="link-builder__link" rows="4" readonly spellcheck="false"></textarea></p>',
        f'<p><button type="button" class="md-button clinic-copy" data-copy="{p}-link">Copy the link</button> '
        f'<span class="clinic-copy__status" role="status"></span></p>',
        f'<p><a id="{p}-open" href="{esc(base)}">Open the planner with these values</a></p>',
        f'<div class="link-builder__qr" id="{p}-qr"></div>',
        "</div></form>",
    ])


# --- Moved sections --------------------------------------------------------------------------

def moved_section(old_id: str, target: str, title: str) -> str:
    """Keeps a published anchor working after its section moved to another page. Returns Markdown
    (MkDocs checks and rewrites the link); link-builder.js jumps straight to the new place."""
    if not _ID_OK.match(old_id):
        raise ValueError(f"moved_section: old id {old_id!r} must be lowercase words joined by hyphens")
    if ".md" not in target:
        raise ValueError(f"moved_section({old_id!r}): target must be a page file such as 'faq.md#mri' (got {target!r})")
    return (f'<p class="moved-section" id="{old_id}" markdown="1">'
            f'This part has moved to [{esc(title)}]({target}).</p>')
