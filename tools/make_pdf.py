"""Print the built site to PDF with Debian's Chromium (Playwright page.pdf): the whole handbook and the handouts.

Usage: python -m tools.make_pdf [SITE_DIR] [--paper Letter|A4]      (default: site/, paper from $PAPER or Letter)

Writes into SITE_DIR (so they are published with the site):
  itb-handbook.pdf     the print-site plugin's combined page (/print_page/): cover, contents with page numbers,
                       every page of the site, one chapter per new page, page numbers in the footer
  emergency-card.pdf   /emergency-card/ on one sheet (the wallet card, front and back side by side)
  pump-record.pdf      /pump-record/, blank, on one sheet

Every PDF is tagged (accessibility), has the document language and a title, and the handbook has an outline
(bookmarks). The site is served from 127.0.0.1 only; any other request fails the step (NetworkError).

For the benchmark: build_pdfs(site_dir, paper) -> PdfReport (seconds, sizes, page counts).
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import html
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from tools.local_site import CHROMIUM, CHROMIUM_ARGS, NetworkGuard, is_local, serve  # noqa: F401 (is_local re-exported)

PAPERS = {"letter": "Letter", "a4": "A4"}
HANDBOOK = "itb-handbook.pdf"
HANDOUTS = {"emergency-card": ("emergency-card/", "emergency-card.pdf", 1),
            "pump-record": ("pump-record/", "pump-record.pdf", 1)}
PRINT_PAGE = "print_page/"


class PdfError(RuntimeError):
    """The PDF could not be made as promised (missing page, too many sheets, no contents...)."""


class NetworkError(PdfError):
    """The page being printed asked for something that is not on this machine."""


@dataclass
class PdfReport:
    paper: str
    seconds: float = 0.0
    files: dict[str, Path] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)
    bytes: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)


def paper_format(value: str | None) -> str:
    """'letter', 'A4'... -> Playwright's format name. Empty means Letter."""
    key = (value or "letter").strip().lower()
    if key not in PAPERS:
        raise PdfError(f"paper size must be Letter or A4 (got {value!r}); set PAPER=A4 or --paper A4")
    return PAPERS[key]


# A printed page never searches: it gets the site's search index with no documents in it (building the real
# index costs about a second of CPU for nothing on paper).
SEARCH_INDEX = re.compile(r"/search/search_index\.json$")


def empty_search_index(site_dir: Path) -> str | None:
    path = site_dir / "search" / "search_index.json"
    if not path.is_file():
        return None
    index = json.loads(path.read_text(encoding="utf-8"))
    index["docs"] = []
    return json.dumps(index)


def guard_network(context, base_url: str, search_stub: str | None = None) -> list[str]:
    """Let requests to the local server through (the search index replaced by search_stub, if given);
    record and abort everything else (the one guard, tools/local_site.NetworkGuard)."""
    fulfil = {SEARCH_INDEX: ("application/json", search_stub)} if search_stub is not None else {}
    return NetworkGuard(base_url, fulfil).attach(context).blocked


def pdf_pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"^Pages:\s+(\d+)", out, re.M)
    if not match:
        raise PdfError(f"pdfinfo could not read the page count of {path}")
    return int(match.group(1))


def pdf_outline(path: Path) -> list[tuple[int, str, int]]:
    """The PDF's bookmarks as (depth, title, page), in document order (read with poppler's pdftohtml)."""
    # -f 1 -l 1: the outline is written whole, and skipping every page's text makes this ~30x faster.
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-q", "-stdout", "-f", "1", "-l", "1", str(path)],
                         capture_output=True, text=True, check=True).stdout
    start = xml.find("<outline>")
    if start < 0:
        return []
    items, depth = [], 0
    for tag in re.finditer(r"<outline>|</outline>|<item page=\"(\d+)\">(.*?)</item>", xml[start:], re.S):
        if tag.group(0) == "<outline>":
            depth += 1
        elif tag.group(0) == "</outline>":
            depth -= 1
        else:
            title = html.unescape(re.sub(r"<[^>]+>", "", tag.group(2)))
            items.append((depth, " ".join(title.split()), int(tag.group(1))))
    return items


def chapter_pages(outline: list[tuple[int, str, int]], headings: list[str], after: str = "") -> list[int]:
    """Page of each chapter, from the PDF's bookmarks: the chapters' h1 headings are the top-level bookmarks
    (a section inside a chapter may share a chapter's title, so deeper bookmarks are skipped). Matching starts
    after the top-level bookmark titled `after` (the contents), so the cover's title is not taken for a chapter,
    and runs in order, so repeated titles stay in order."""
    top = min((depth for depth, _, _ in outline), default=1)
    items = [(title, page) for depth, title, page in outline if depth == top]
    i = 0
    if after:
        titles = [title for title, _ in items]
        if after not in titles:
            raise PdfError(f"the PDF outline has no top-level bookmark {after!r} (the contents heading)")
        i = titles.index(after) + 1
    pages = []
    for heading in headings:
        want = " ".join(heading.split())
        while i < len(items) and items[i][0] != want:
            i += 1
        if i == len(items):
            raise PdfError(f"the PDF outline has no top-level bookmark for the chapter heading {heading!r}")
        pages.append(items[i][1])
        i += 1
    return pages


# JavaScript run in the combined page before printing.
PREPARE_JS = """(footer) => {
  // Chart data tables are open already; other folded sections (the clinic page's per-page link lists) stay
  // folded, as in a browser's print.
  document.querySelectorAll('details.data-table').forEach(d => { d.open = true; });
  const cover = document.querySelector('.print-cover__title');
  if (cover) document.title = cover.textContent.trim();
  const style = document.createElement('style');
  style.textContent = '@page { @bottom-left { content: ' + JSON.stringify(footer) +
    '; font: 8pt system-ui, sans-serif; color: #333; } }' +
    ' @page :first { @bottom-left { content: none; } @bottom-right { content: none; } }';
  document.head.appendChild(style);
  return Array.from(document.querySelectorAll('#print-page-toc a'), a => {
    const id = decodeURIComponent(a.getAttribute('href').slice(1));
    const h1 = document.getElementById(id) && document.getElementById(id).querySelector('h1');
    // The home page's chapter is headed with the book's title: the contents call it the introduction.
    const label = a.querySelector('.md-ellipsis') || a;
    if (id === 'index') label.textContent = 'Introduction';
    return {id: id, heading: h1 ? h1.textContent.replace(/\\u00b6/g, '').trim() : null};
  });
}"""

NUMBER_TOC_JS = """(pages) => {
  document.querySelectorAll('#print-page-toc a').forEach((a, i) => {
    let span = a.querySelector('.toc-page');
    if (!span) { span = document.createElement('span'); span.className = 'toc-page'; a.appendChild(span); }
    span.textContent = String(pages[i]);
  });
}"""


# Chromium shrinks EVERY page of a print when one element is wider than the paper, so the text comes out
# tiny. Find such elements first (at the paper's content width) and fail with their names.
CONTENT_WIDTH_PX = {"Letter": round((215.9 - 30) / 25.4 * 96), "A4": round((210 - 30) / 25.4 * 96)}
TOO_WIDE_JS = """() => {
  const W = document.documentElement.clientWidth, out = [];
  document.querySelectorAll('article *').forEach(e => {
    const r = e.getBoundingClientRect();
    if (r.width > 0 && r.right > W + 2 && !e.closest('[hidden]') && !e.closest('svg')) {
      const part = e.closest('section.print-page[id]');
      const name = e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
      out.push((part ? part.id + ': ' : '') + name + ' (' + Math.round(r.right) + ' px)');
    }
  });
  return {width: W, scroll: document.documentElement.scrollWidth, offenders: out.slice(0, 8)};
}"""


def check_fits_width(page, paper: str) -> None:
    """Raise PdfError naming the elements wider than the paper's text column (in print layout)."""
    # The viewport stays at the paper's width: page.pdf() lays out by the paper anyway, and putting it back
    # would cost one more layout of the whole book.
    page.emulate_media(media="print")
    page.set_viewport_size({"width": CONTENT_WIDTH_PX[paper], "height": 900})
    result = page.evaluate(TOO_WIDE_JS)
    if result["scroll"] > result["width"] * 1.01:  # up to 1 % narrower is invisible on paper
        raise PdfError(f"content is wider than {paper} paper ({result['scroll']} px > {result['width']} px), so "
                       "Chromium would shrink every page. Too wide:\n  " + "\n  ".join(result["offenders"]))


def _pdf(page, path: Path, paper: str, outline: bool) -> None:
    page.pdf(path=str(path), format=paper, print_background=True, tagged=True, outline=outline,
             prefer_css_page_size=False)


def print_handbook(page, base_url: str, out: Path, paper: str) -> int:
    """The combined page -> PDF, with contents page numbers read from a first pass's outline."""
    page.goto(base_url + PRINT_PAGE, wait_until="load")
    # print-site.js copies the contents into #print-page-toc on DOMContentLoaded: wait until it is there.
    page.wait_for_function("document.querySelectorAll('#print-page-toc a').length > 0", timeout=15000)
    page.evaluate("document.fonts.ready")
    edition = page.locator(".print-cover time").first.inner_text().strip()
    toc_title = page.locator(".print-page-toc-title").first.inner_text().strip()
    site_name = page.locator(".print-cover__title").first.inner_text().strip()
    footer = f"{site_name} \u00b7 {edition} edition"
    chapters = page.evaluate(PREPARE_JS, footer)
    missing = [c["id"] for c in chapters if not c["heading"]]
    if missing:
        raise PdfError(f"print page: no chapter heading for contents entries {missing}")
    headings = [c["heading"] for c in chapters]
    check_fits_width(page, paper)

    _pdf(page, out, paper, outline=True)
    pages = chapter_pages(pdf_outline(out), headings, toc_title)
    page.evaluate(NUMBER_TOC_JS, pages)
    _pdf(page, out, paper, outline=True)
    final = chapter_pages(pdf_outline(out), headings, toc_title)
    if final != pages:  # adding the numbers moved a chapter: number again from this layout
        page.evaluate(NUMBER_TOC_JS, final)
        _pdf(page, out, paper, outline=True)
        if chapter_pages(pdf_outline(out), headings, toc_title) != final:
            raise PdfError("the contents page numbers do not settle; check the contents page layout")
    return pdf_pages(out)


# Handouts clip nothing silently: a wallet-card face whose text does not fit fails the step.
OVERFLOW_JS = """() => Array.from(document.querySelectorAll('.wallet-card__face'))
  .filter(f => f.scrollHeight > f.clientHeight + 1 || f.scrollWidth > f.clientWidth + 1)
  .map(f => f.getAttribute('aria-label'))"""


def print_handout(page, url: str, out: Path, paper: str, max_pages: int) -> int:
    page.emulate_media(media="print")  # what page.pdf() uses anyway; lets the check below measure the print layout
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready")
    clipped = page.evaluate(OVERFLOW_JS)
    check_fits_width(page, paper)
    if clipped:
        raise PdfError(f"{url}: the text does not fit on the wallet card ({', '.join(clipped)}); "
                       "shorten it or make the text smaller in docs/stylesheets/print.css")
    _pdf(page, out, paper, outline=False)
    n = pdf_pages(out)
    if n > max_pages:
        raise PdfError(f"{out.name} has {n} pages; the handout must fit on {max_pages} (check docs/stylesheets/print.css)")
    return n


@contextlib.contextmanager
def _chromium(browser=None):
    if browser is not None:
        yield browser
        return
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def build_pdfs(site_dir: Path | str = "site", paper: str | None = None, browser=None) -> PdfReport:
    """Print the handbook and the handouts of an already built site into site_dir. Timed by tools/bench.py.

    browser: an already launched Playwright Chromium to use (a process can run only one sync Playwright at a
    time, so tests pass theirs); by default Debian's Chromium is launched and closed here."""
    site_dir = Path(site_dir)
    if not (site_dir / PRINT_PAGE / "index.html").is_file():
        raise PdfError(f"{site_dir}/{PRINT_PAGE}index.html not found: build the site first (make build), "
                       "with the print-site plugin enabled")
    if links := __import__("macros.data").data.symlink_problems(Path(__file__).resolve().parent.parent):
        raise PdfError("symbolic links in the project (never printed):\n  " + "\n  ".join(links))
    report = PdfReport(paper=paper_format(paper or os.environ.get("PAPER")))
    started = time.perf_counter()
    with serve(site_dir) as base_url, _chromium(browser) as browser:
        report.timings["browser"] = time.perf_counter() - started
        # Laid out at the paper's text width and in print media from the start: one layout, not three.
        context = browser.new_context(viewport={"width": CONTENT_WIDTH_PX[report.paper], "height": 900})
        try:
            blocked = guard_network(context, base_url, empty_search_index(site_dir))
            page = context.new_page()
            page.emulate_media(media="print")
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            jobs = [("handbook", HANDBOOK, lambda out: print_handbook(page, base_url, out, report.paper))]
            for name, (path, filename, max_pages) in HANDOUTS.items():
                jobs.append((name, filename, functools.partial(print_handout, page, base_url + path,
                                                               paper=report.paper, max_pages=max_pages)))
            for name, filename, job in jobs:
                out = site_dir / filename
                t = time.perf_counter()
                report.pages[name] = job(out=out)
                report.timings[name] = time.perf_counter() - t
                report.files[name] = out
                report.bytes[name] = out.stat().st_size
            if blocked:
                raise NetworkError("the pages being printed asked for files that are not on this machine:\n  "
                                   + "\n  ".join(sorted(set(blocked))))
            if errors:
                raise PdfError("JavaScript errors while printing:\n  " + "\n  ".join(errors))
        finally:
            context.close()
    report.seconds = time.perf_counter() - started
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", nargs="?", default="site")
    parser.add_argument("--paper", default=None, help="Letter (default) or A4; also read from $PAPER")
    args = parser.parse_args(argv)
    try:
        report = build_pdfs(args.site_dir, args.paper)
    except PdfError as exc:
        print(f"make_pdf: {exc}", file=sys.stderr)
        return 1
    for name, path in report.files.items():
        print(f"{path}  {report.pages[name]} pages  {report.bytes[name] / 1e6:.2f} MB")
    steps = ", ".join(f"{k} {v:.1f} s" for k, v in report.timings.items())
    print(f"PDFs ({report.paper}) printed in {report.seconds:.1f} s ({steps})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
