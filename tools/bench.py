"""Benchmark, side by side with stock Material: build CPU, first-view weight and Lighthouse.

In one run it
1. dumps the Markdown of every page as it stands after the macros have run (a hook in a temporary config
   that INHERITs mkdocs.yml writes `page.markdown` in on_page_markdown), and makes a stock-Material
   baseline project of it: the same theme settings and markdown_extensions, `plugins: [search]` only;
2. builds the project and the baseline in pairs (`--runs`, default 5) and prints the median of the
   per-pair CPU ratios (user + system time of the build process);
3. prints each page's first-view weight (HTML and every CSS, JS, font and image it loads, gzip) next to
   the baseline's;
4. serves both builds with Debian's nginx and deploy/nginx.conf (gzip and cache settings; the baseline
   without the project's Content-Security-Policy, which stock Material does not ship) and runs
   Lighthouse 12.8.2 (node_modules, `CHROME_PATH=/usr/bin/chromium`, offline) on a few pages of each;
5. optionally (`--pdf`) times the PDF step and the offline copy.

Targets are printed, never asserted: build CPU <= 1.3x the baseline; first view <= 80 KB gzip on every
reader page and below the baseline's; Lighthouse performance >= the baseline's, accessibility, best
practices and SEO 100; total blocking time <= the baseline's. The machine may be busy: compare the pairs
of one run, not absolute figures across runs.

6. prints where the project's build time goes, by plugin, hook event and macro (tools/profile_build.py), and
   Lighthouse's own diagnostics for each page of both builds (main-thread work by category, long tasks,
   render-blocking files, DOM size, layout shift, unused CSS and JS).

    python -m tools.bench [--runs 5] [--lighthouse-runs 1] [--no-lighthouse] [--no-profile] [--pdf]
"""
from __future__ import annotations

import argparse
import contextlib
import gzip
import importlib.util
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml
from bs4 import BeautifulSoup

from tools import engine

ROOT = Path(__file__).resolve().parent.parent
CPU_RATIO_TARGET = 1.3
FIRST_VIEW_TARGET_KB = 80
LIGHTHOUSE_PAGES = ("/", "/emergency/", "/refill-planner/", "/for-clinics/")
# From package.json (npm ci); ITB_LIGHTHOUSE_CLI may point at another install of the same pinned version.
LIGHTHOUSE_CLI = Path(os.environ.get("ITB_LIGHTHOUSE_CLI") or ROOT / "node_modules" / "lighthouse" / "cli" / "index.js")
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Not reader pages: the combined print page (made for the PDF) and redirect stubs.
NOT_READER_PAGES = ("/print_page/",)

# Written into the temporary config's folder: after every plugin (the macros included) has run
# on_page_markdown, write the page's Markdown, with its front matter, to $ITB_BENCH_DUMP.
DUMP_HOOK = '''
import os
from pathlib import Path
import yaml

def on_page_markdown(markdown, page, config, files):
    out = Path(os.environ["ITB_BENCH_DUMP"]) / page.file.src_uri
    out.parent.mkdir(parents=True, exist_ok=True)
    meta = {k: v for k, v in page.meta.items() if k in ("title", "description")}
    head = "---\\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\\n\\n" if meta else ""
    text = markdown
    for ext in config["markdown_extensions"]:  # macros/raw_html.py holds large macro HTML back: put it in
        if hasattr(ext, "expand"):
            text = ext.expand(text)
    out.write_text(head + text, encoding="utf-8")
    return markdown
'''


def mkdocs_env() -> dict[str, str]:
    return engine.environ()


def run_build(config: Path, site_dir: Path, strict: bool = True, env: dict | None = None) -> tuple[float, float]:
    """Builds config into site_dir with the chosen engine (tools/engine.py); returns (CPU seconds of the build
    process, wall seconds). No -q (tools/engine.py says why): the output is captured anyway."""
    args = engine.command("build", *(["--strict"] if strict else []), "-f", str(config), "-d", str(site_dir))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(args, cwd=config.parent, env=env or mkdocs_env(), capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"bench: building {config.name} failed:\n{result.stdout}{result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


# ------------------------------------------------------------------ the stock-Material baseline

def project_config() -> dict:
    yaml_load = importlib.import_module(f"{engine.name()}.utils.yaml").yaml_load  # reads !ENV like the build
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        return yaml_load(f)


def make_baseline(work: Path) -> Path:
    """Dumps the post-macro Markdown and writes the baseline project; returns its config file."""
    dump = work / "baseline" / "docs"
    hook = ROOT / f".bench-dump-hook-{os.getpid()}.py"
    config = ROOT / f".bench-dump-{os.getpid()}.yml"
    conf = project_config()
    hooks = [str(ROOT / h) for h in conf.get("hooks") or []] + [hook.name]
    try:
        hook.write_text(DUMP_HOOK, encoding="utf-8")
        config.write_text(f"INHERIT: mkdocs.yml\nhooks: {json.dumps(hooks)}\n", encoding="utf-8")
        run_build(config, work / "dump-site", env=dict(mkdocs_env(), ITB_BENCH_DUMP=str(dump)))
    finally:
        hook.unlink(missing_ok=True)
        config.unlink(missing_ok=True)
    # Non-Markdown files the pages or the theme settings use (logo, favicon), not the project's own CSS/JS.
    for path in (ROOT / "docs" / "assets").glob("*"):
        if path.is_file():
            (dump / "assets").mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, dump / "assets" / path.name)
    theme = {k: v for k, v in conf["theme"].items() if k != "custom_dir"}
    baseline = {
        "site_name": conf["site_name"],
        "site_description": conf.get("site_description"),
        "site_url": conf["site_url"],
        "use_directory_urls": conf.get("use_directory_urls", True),
        "nav": conf["nav"],
        "theme": theme,
        "extra": {"generator": False},
        "markdown_extensions": conf["markdown_extensions"],
        "plugins": ["search"],
    }
    path = work / "baseline" / "mkdocs.yml"
    path.write_text(yaml.safe_dump(baseline, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


# ------------------------------------------------------------------ first-view weight

def gz_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def first_view_assets(html_path: Path, site: Path) -> set[Path]:
    """The files a first visit to this page loads: the HTML, its stylesheets, scripts, eager images and fonts
    (fonts and images referenced from CSS included)."""
    soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
    page_url = "/" + html_path.relative_to(site).as_posix()
    refs = [n.get("href") for n in soup.select('link[rel~="stylesheet"], link[rel~="icon"], link[rel~="preload"]')]
    # Lazy images (loading="lazy", such as the QR codes in closed <details>) load only when scrolled to.
    refs += [n.get("src") for n in soup.select("script[src], img[src]") if n.get("loading") != "lazy"]
    found = {html_path}
    for ref in filter(None, refs):
        target = site / urlsplit(urljoin(page_url, ref)).path.lstrip("/")
        if target.is_file():
            found.add(target)
            if target.suffix == ".css":
                found |= _css_assets(target, site)
    return found


def _css_assets(css: Path, site: Path) -> set[Path]:
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
        if rel.startswith(("assets", "search")) or "http-equiv=\"refresh\"" in html.read_text(encoding="utf-8")[:600]:
            continue
        weights["/" if rel == "." else f"/{rel}/"] = sum(gz_size(p) for p in first_view_assets(html, site))
    return weights


def asset_weights(site: Path, page: str) -> dict[str, int]:
    """CSS and JS bytes (gzip) a page loads, by kind."""
    html = site / page.lstrip("/") / "index.html"
    out = {"css": 0, "js": 0}
    for p in first_view_assets(html, site):
        if p.suffix in (".css", ".js"):
            out[p.suffix[1:]] += gz_size(p)
    return out


# ------------------------------------------------------------------ Lighthouse behind nginx

def _nginx_runner():
    spec = importlib.util.spec_from_file_location("nginx_runner", ROOT / "tests" / "clinics" / "nginx_runner.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextlib.contextmanager
def serve_both(project_site: Path, baseline_site: Path, tmp: Path):
    """Both builds behind nginx with deploy/nginx.conf; the baseline without the CSP header line."""
    runner = _nginx_runner()
    original = runner.site_config

    def without_csp(port, root, config=runner.CONFIG):
        text = original(port, root, config)
        return re.sub(r"(?m)^\s*add_header Content-Security-Policy .*$", "", text)

    with runner.run_nginx(project_site, tmp / "nginx-project") as project_url:
        runner.site_config = without_csp
        try:
            with runner.run_nginx(baseline_site, tmp / "nginx-baseline") as baseline_url:
                runner.site_config = original
                yield project_url, baseline_url
        finally:
            runner.site_config = original


def lighthouse(url: str, out: Path) -> dict:
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    flags = "--headless=new --no-sandbox --host-resolver-rules=\"MAP * ~NOTFOUND , EXCLUDE 127.0.0.1\""
    result = subprocess.run(["node", str(LIGHTHOUSE_CLI), url, f"--chrome-flags={flags}", "--output=json",
                             f"--output-path={out}", "--quiet",
                             f"--only-categories={','.join(CATEGORIES)}"],
                            env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0 or not out.is_file():
        return {"error": (result.stderr or result.stdout).strip().splitlines()[-1:]}
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    scores["tbt_ms"] = round(report["audits"]["total-blocking-time"]["numericValue"])
    try:
        scores["diagnostics"] = diagnostics(report["audits"])
    except (KeyError, TypeError, ValueError) as exc:  # a changed report format must not lose the scores
        scores["diagnostics_error"] = repr(exc)
    scores["failed_audits"] = sorted(
        a for cat in CATEGORIES[1:] for ref in report["categories"][cat]["auditRefs"]
        if ref.get("weight") and (a := ref["id"]) and (report["audits"][a].get("score") not in (None, 1)))
    return scores


def diagnostics(audits: dict) -> dict:
    """Lighthouse's own diagnostics, in short: main-thread work by category (ms), long tasks, render-blocking
    resources, DOM size, layout shift, unused CSS and JS (KB, transfer size)."""
    def items(audit_id):
        return ((audits.get(audit_id) or {}).get("details") or {}).get("items") or []

    def value(audit_id):
        return (audits.get(audit_id) or {}).get("numericValue")

    out = {"main_thread_ms": {i["groupLabel"]: round(i["duration"]) for i in items("mainthread-work-breakdown")},
           "long_tasks": len(items("long-tasks")),
           "long_tasks_ms": round(sum(i.get("duration", 0) for i in items("long-tasks"))),
           "render_blocking": [urlsplit(i["url"]).path.rsplit("/", 1)[-1] for i in items("render-blocking-resources")],
           "render_blocking_ms": round(value("render-blocking-resources") or 0),
           "dom_elements": round(value("dom-size") or 0),
           "cls": round(value("cumulative-layout-shift") or 0, 3),
           "unused_css_kb": round(sum(i.get("wastedBytes", 0) for i in items("unused-css-rules")) / 1024, 1),
           "unused_js_kb": round(sum(i.get("wastedBytes", 0) for i in items("unused-javascript")) / 1024, 1)}
    for metric in ("first-contentful-paint", "largest-contentful-paint", "speed-index"):
        out[metric] = round(value(metric) or 0)
    return out


def lighthouse_pairs(project_site: Path, baseline_site: Path, tmp: Path, runs: int) -> dict:
    if not LIGHTHOUSE_CLI.is_file():
        raise SystemExit(f"bench: {LIGHTHOUSE_CLI} not found: run `npm ci` (lighthouse is pinned in package.json)")
    results: dict = {}
    with serve_both(project_site, baseline_site, tmp) as (project_url, baseline_url):
        for run in range(runs):
            for page in LIGHTHOUSE_PAGES:
                for name, base in (("project", project_url), ("baseline", baseline_url)):
                    got = lighthouse(base + page, tmp / f"lh-{name}-{run}-{page.strip('/') or 'home'}.json")
                    results.setdefault(page, {}).setdefault(name, []).append(got)
    return results


# ------------------------------------------------------------------ PDF and offline (optional)

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


# ------------------------------------------------------------------ report

def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _range(values: list) -> str:
    values = [v for v in values if v is not None]
    if not values:
        return "-"
    lo, hi = min(values), max(values)
    return f"{lo}" if lo == hi else f"{statistics.median(values):g} ({lo}-{hi})"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="paired builds (project + baseline)")
    parser.add_argument("--lighthouse-runs", type=int, default=1, help="Lighthouse runs per page and build")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--pdf", action="store_true", help="also time the PDF step and the offline copy")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument("--no-profile", action="store_true",
                        help="skip the build profile by plugin, hook and macro (tools/profile_build.py)")
    args = parser.parse_args(argv)
    figures: dict = {"load_at_start": _load()}
    with tempfile.TemporaryDirectory(prefix="itb-bench-") as tmp_name:
        tmp = Path(tmp_name)
        baseline_config = make_baseline(tmp)
        project_site, baseline_site = tmp / "site", tmp / "baseline-site"
        pairs = []
        for _ in range(args.runs):
            p_cpu, p_wall = run_build(ROOT / "mkdocs.yml", project_site)
            b_cpu, b_wall = run_build(baseline_config, baseline_site, strict=False)
            pairs.append({"project_cpu": round(p_cpu, 2), "baseline_cpu": round(b_cpu, 2),
                          "project_wall": round(p_wall, 2), "baseline_wall": round(b_wall, 2),
                          "ratio": round(p_cpu / b_cpu, 3)})
        figures["build_pairs"] = pairs
        figures["cpu_ratio_median"] = round(statistics.median(p["ratio"] for p in pairs), 2)
        figures["project_cpu_median"] = round(statistics.median(p["project_cpu"] for p in pairs), 2)
        figures["baseline_cpu_median"] = round(statistics.median(p["baseline_cpu"] for p in pairs), 2)
        project_w, baseline_w = page_weights(project_site), page_weights(baseline_site)
        figures["first_view_gzip_bytes"] = {page: {"project": project_w[page], "baseline": baseline_w.get(page)}
                                            for page in project_w}
        figures["home_css_js_gzip"] = {"project": asset_weights(project_site, "/"),
                                       "baseline": asset_weights(baseline_site, "/")}
        figures["site_bytes"] = sum(p.stat().st_size for p in project_site.rglob("*") if p.is_file())
        figures["markdown_after_macros_bytes"] = {
            "/" + p.relative_to(baseline_config.parent / "docs").as_posix(): p.stat().st_size
            for p in sorted((baseline_config.parent / "docs").rglob("*.md"))}
        if not args.no_lighthouse:
            figures["load_before_lighthouse"] = _load()
            figures["lighthouse"] = lighthouse_pairs(project_site, baseline_site, tmp, args.lighthouse_runs)
        if args.pdf:
            figures.update(pdf_and_offline_timings(project_site))
    figures["load_at_end"] = _load()
    if not args.no_profile:  # where the project's build time goes, so the next person starts from figures
        from tools import profile_build
        figures["build_profile"] = profile_build.profile(macros=True)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    print(json.dumps(figures))
    print_table(figures, args)
    return 0


def print_table(f: dict, args) -> None:
    mark = lambda ok: "ok" if ok else "MISSED"  # noqa: E731
    if "build_profile" in f:
        print("\n" + f["build_profile"])
    print(f"\nload average (1, 5, 15 min): start {f['load_at_start']}, end {f['load_at_end']}")
    ratio = f["cpu_ratio_median"]
    print(f"\nbuild CPU, median of {args.runs} pairs: project {f['project_cpu_median']:.2f} s, "
          f"stock Material {f['baseline_cpu_median']:.2f} s, ratio {ratio:.2f}  "
          f"(target <= {CPU_RATIO_TARGET}: {mark(ratio <= CPU_RATIO_TARGET)})")
    for i, p in enumerate(f["build_pairs"], 1):
        print(f"  pair {i}: {p['project_cpu']:6.2f} s / {p['baseline_cpu']:6.2f} s CPU  ratio {p['ratio']:.2f}"
              f"   (wall {p['project_wall']:.1f} s / {p['baseline_wall']:.1f} s)")
    home = f["home_css_js_gzip"]
    print(f"\nCSS + JS on the home page, gzip: project {home['project']['css'] / 1024:.1f} + "
          f"{home['project']['js'] / 1024:.1f} KB, stock Material {home['baseline']['css'] / 1024:.1f} + "
          f"{home['baseline']['js'] / 1024:.1f} KB")
    print(f"\nfirst view per page, gzip (HTML + CSS + JS + fonts + images), target <= {FIRST_VIEW_TARGET_KB} KB "
          "on reader pages and below stock Material:")
    print(f"  {'page':28} {'project':>9} {'stock':>9}")
    for page, w in sorted(f["first_view_gzip_bytes"].items(), key=lambda kv: -kv[1]["project"]):
        p, b = w["project"] / 1024, (w["baseline"] or 0) / 1024
        if page in NOT_READER_PAGES:
            note = "(print page, not a reader page)"
        else:
            note = mark(p <= FIRST_VIEW_TARGET_KB and (not w["baseline"] or p < b))
        print(f"  {page:28} {p:7.1f} KB {b:7.1f} KB  {note}")
    if "lighthouse" in f:
        print(f"\nLighthouse 12.8.2 (mobile, simulated throttling) behind nginx, load {f['load_before_lighthouse']}:")
        print(f"  {'page':18} {'build':9} {'perf':>13} {'a11y':>13} {'best':>13} {'seo':>13} {'TBT ms':>15}")
        print("  (each figure the median of the runs, their range in brackets)")
        for page, by_build in f["lighthouse"].items():
            for name in ("project", "baseline"):
                runs = by_build[name]
                errors = [r["error"] for r in runs if "error" in r]
                ok = [r for r in runs if "error" not in r]
                if errors and not ok:
                    print(f"  {page:18} {name:9} Lighthouse failed: {errors[0]}")
                    continue
                cols = [_range([r[c] for r in ok]) for c in CATEGORIES] + [_range([r["tbt_ms"] for r in ok])]
                failed = sorted({a for r in ok for a in r["failed_audits"]})
                tail = f"  failed: {', '.join(failed)}" if failed and name == "project" else ""
                print(f"  {page:18} {name:9} " + " ".join(f"{c:>13}" for c in cols[:4]) + f" {cols[4]:>15}{tail}")
        print("  targets: performance >= stock, accessibility / best practices / SEO 100, TBT <= stock")
        print_diagnostics(f["lighthouse"])
    if "pdf_seconds" in f:
        print(f"\nPDF step {f['pdf_seconds']:.2f} s, {f['pdf_mb']:.2f} MB ({f['pdf_pages']} pages); "
              f"offline build + zip {f['offline_seconds']:.2f} s ({f['offline_zip_mb']} MB zip)")


def print_diagnostics(results: dict) -> None:
    """Lighthouse's diagnostics for each page and build, the median of the runs (the first run's lists)."""
    print("\nLighthouse diagnostics (median of runs): main-thread work by category (ms), long tasks, "
          "render-blocking files, DOM elements, layout shift, unused CSS / JS (KB), FCP / LCP (ms):")
    for page, by_build in results.items():
        for name in ("project", "baseline"):
            ok = [r["diagnostics"] for r in by_build[name] if "diagnostics" in r]
            if not ok:
                continue
            med = lambda key: statistics.median(d[key] for d in ok)  # noqa: E731
            groups = sorted({g for d in ok for g in d["main_thread_ms"]},
                            key=lambda g: -statistics.median(d["main_thread_ms"].get(g, 0) for d in ok))
            work = ", ".join(f"{g} {statistics.median(d['main_thread_ms'].get(g, 0) for d in ok):.0f}"
                             for g in groups[:5])
            print(f"  {page:18} {name:9} main thread: {work}")
            print(f"  {'':18} {'':9} long tasks {med('long_tasks'):.0f} ({med('long_tasks_ms'):.0f} ms); "
                  f"render-blocking {med('render_blocking_ms'):.0f} ms: {', '.join(ok[0]['render_blocking']) or '-'}; "
                  f"DOM {med('dom_elements'):.0f}; CLS {med('cls'):.3f}; unused CSS {med('unused_css_kb'):.1f} KB, "
                  f"JS {med('unused_js_kb'):.1f} KB; FCP {med('first-contentful-paint'):.0f}, "
                  f"LCP {med('largest-contentful-paint'):.0f}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
