"""Benchmark: build time, page count, site size and each page's first-view transfer size.

Prints one JSON line, then a short table. Budgets: first view <= 150 KB gzip on every page;
full HTML build <= 3 s on a 2-core machine. Figures, not tests: nothing here fails on a budget.

    python -m tools.bench [--runs 5]
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
FIRST_VIEW_BUDGET_KB = 150
BUILD_BUDGET_S = 3.0
PDF_BUDGET_S = 10.0
PDF_SIZE_BUDGET_MB = 5.0


def timed_build(site_dir: Path, config: str = "mkdocs.yml") -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", config, "-d", str(site_dir)],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def gz_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def first_view_assets(html_path: Path, site: Path) -> set[Path]:
    """The files a first visit to this page loads: the HTML, its stylesheets, scripts, images and fonts
    (fonts and images referenced from CSS included)."""
    soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
    page_url = "/" + html_path.relative_to(site).as_posix()
    refs = [n.get("href") for n in soup.select('link[rel~="stylesheet"], link[rel~="icon"], link[rel~="preload"]')]
    refs += [n.get("src") for n in soup.select("script[src], img[src]")]
    found = {html_path}
    for ref in filter(None, refs):
        target = site / urlsplit(urljoin(page_url, ref)).path.lstrip("/")
        if target.is_file():
            found.add(target)
            if target.suffix == ".css":
                found |= _css_assets(target, site)
    return found


def _css_assets(css: Path, site: Path) -> set[Path]:
    import re
    out = set()
    base = "/" + css.relative_to(site).as_posix()
    for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8", errors="ignore")):
        if ref.startswith("data:"):
            continue
        target = site / urlsplit(urljoin(base, ref)).path.lstrip("/")
        if target.is_file():
            out.add(target)
    return out


def page_weights(site: Path) -> dict[str, int]:
    weights = {}
    for html in sorted(site.rglob("index.html")):
        rel = html.relative_to(site).parent.as_posix()
        if rel.startswith(("assets", "search")):
            continue
        weights["/" if rel == "." else f"/{rel}/"] = sum(gz_size(p) for p in first_view_assets(html, site))
    return weights


def pdf_and_offline_timings(site: Path) -> dict:
    """The PDF step (handbook + handouts) and the offline build + zip, run on the built site."""
    from tools import make_offline, make_pdf
    pdf = make_pdf.build_pdfs(site)
    offline = make_offline.build_offline(site)
    return {
        "pdf_seconds": round(pdf.seconds, 2),
        "pdf_mb": round(pdf.bytes["handbook"] / 1e6, 2),
        "pdf_pages": pdf.pages.get("handbook"),
        "offline_seconds": round(offline.build_seconds + offline.zip_seconds, 2),
        "offline_zip_mb": round(offline.zip_bytes / 1e6, 2),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        times = [timed_build(site) for _ in range(args.runs)]
        weights = page_weights(site)
        total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        extra = pdf_and_offline_timings(site)
    largest = max(weights, key=weights.get)
    figures = {
        "build_seconds_median": round(statistics.median(times), 2),
        "build_runs": args.runs,
        "pages": len(weights),
        "site_bytes": total,
        "first_view_gzip_bytes": weights,
        "largest_page": largest,
        "largest_first_view_kb": round(weights[largest] / 1024, 1),
        **extra,
    }
    print(json.dumps(figures))
    print()
    print(f"{'HTML build (median of ' + str(args.runs) + ')':34} {figures['build_seconds_median']:>8.2f} s   budget {BUILD_BUDGET_S} s")
    print(f"{'pages':34} {len(weights):>8}")
    print(f"{'total site size':34} {total / 1024:>8.0f} KB")
    if "pdf_seconds" in extra:
        print(f"{'PDF step':34} {extra['pdf_seconds']:>8.2f} s   budget {PDF_BUDGET_S} s")
        print(f"{'PDF size':34} {extra['pdf_mb']:>8.2f} MB  budget {PDF_SIZE_BUDGET_MB} MB ({extra['pdf_pages']} pages)")
    if "offline_seconds" in extra:
        print(f"{'offline build + zip':34} {extra['offline_seconds']:>8.2f} s   ({extra['offline_zip_mb']} MB zip)")
    print(f"\nfirst view per page (HTML + CSS + JS + fonts + images it loads, gzip), budget {FIRST_VIEW_BUDGET_KB} KB:")
    for page, size in sorted(weights.items(), key=lambda kv: -kv[1]):
        mark = "OVER" if size / 1024 > FIRST_VIEW_BUDGET_KB else "ok"
        print(f"  {page:28} {size / 1024:7.1f} KB  {mark}{'   <- largest' if page == largest else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
