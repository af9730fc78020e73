"""Helpers shared by the test suite: building the site (on a pinned date), project copies, and axe-core."""
from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Callable, Iterator

from tools import engine
# The one network guard (also used by the PDF step) lives with the local server.
from tools.local_site import CHROMIUM, CHROMIUM_ARGS, NetworkGuard, is_local  # noqa: F401 (re-exported for the tests)

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Every tag of WCAG 2.0/2.1/2.2 at levels A and AA, plus axe's best-practice rules.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "mobile": {"width": 390, "height": 844}}
# Every build the tests run sees this date (macros/clock.py reads ITB_TODAY), so no test depends on the real
# clock; tests/unit/test_page_checks.py keeps one check against the real date.
TEST_TODAY = "2026-12-01"


def page_opener(new_context, base: str, today=None):
    """open_(path, scheme, width, javascript, today=..., timezone=...) -> a loaded Playwright Page. With `today`
    (a datetime), the browser's clock is set to it before the page loads; page.errors collects script errors."""
    default_today = today

    def open_(path: str = "", scheme: str = "light", width: int = 1280, javascript: bool = True, today=default_today,
              timezone: str | None = None):
        context = new_context(scheme=scheme, width=width, javascript=javascript,
                              **({"timezone_id": timezone} if timezone else {}))
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        if javascript and today is not None:
            page.clock.install(time=today)
        page.goto(base + path.lstrip("/"), wait_until="load")
        return page
    return open_


def cite_numbers(ids) -> str:
    """A stand-in for a page's citation maker in unit tests of charts: numbers, as a page gives them."""
    return '<sup class="cite">' + ",".join(str(n) for n, _ in enumerate(ids, 1)) + "</sup>"
DOCKERFILE = ROOT / "deploy" / "Dockerfile"
# A real-looking public address for the builds that must print absolute links (QR codes, discharge notes, the
# link builder): macros/site_url.py accepts it. Nothing is ever fetched from it (the network guard would fail).
PUBLIC_SITE_URL = "https://pump-handbook.org/"


def dockerfile_parts(dockerfile: Path = DOCKERFILE) -> list[str]:
    """The project's parts, in one place: what the Dockerfile's build stage COPYs (globs expanded)."""
    parts: list[str] = []
    for line in dockerfile.read_text(encoding="utf-8").splitlines():
        if line.startswith("FROM ") and parts:
            break  # the serving stage copies from the build, not from the project
        if line.startswith("COPY ") and "--from" not in line:
            for src in line.split()[1:-1]:
                parts += sorted(p.name for p in ROOT.glob(src)) if any(c in src for c in "*?[") else [src]
    return parts


PROJECT_PARTS = dockerfile_parts()


def page_paths() -> list[str]:
    """URL paths of every page, from the Markdown sources ('' is the home page)."""
    paths = []
    for md in sorted(DOCS.glob("*.md")):
        paths.append("" if md.stem == "index" else f"{md.stem}/")
    return paths


def mkdocs_build(project: Path, site_dir: Path, config: str = "mkdocs.yml",
                 env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """A strict build of project into site_dir, on the pinned date (ITB_TODAY) unless env says otherwise."""
    env = engine.environ(**{"ITB_TODAY": TEST_TODAY, **(env or {})})  # env may choose the engine (ITB_ENGINE)
    return subprocess.run(engine.command("build", "--strict", "-f", config, "-d", str(site_dir), environ=env),
                          cwd=project, env=env, capture_output=True, text=True, timeout=300)


def copy_project(dest: Path) -> Path:
    """A throwaway copy of the sources, for tests that break something on purpose."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__", "vendor"))
        elif src.is_file():
            shutil.copy2(src, dest / part)
    return dest


# A three-page project for the builds that must fail: the same config, theme, macros and data, but only the
# pages the theme's own links need (home, the header's "Get help now" and the review box's "How we check"), so a
# failing build does not render the whole site first.
SMALL_PAGES = {
    "index.md": """---
title: Home
description: "A short test page standing in for the real home page, for builds that must fail."
last_checked: 2026-11-22
next_review: 2027-11-22
sources: [L1]
---

# Baclofen pump handbook

See [the alarms](sources.md#alarms) and [get help now](emergency.md).
""",
    "emergency.md": """---
title: Get help now
description: "A short test page standing in for the real emergency page, for builds that must fail."
last_checked: 2026-11-22
next_review: 2027-11-22
sources: [L1, D1]
---

# Get help now

Call the emergency number if you feel very unwell {{ cite('L1') }}.
""",
    "sources.md": """---
title: Sources and how we check
description: "A short test page standing in for the real sources page, for builds that must fail."
last_checked: 2026-11-22
next_review: 2027-11-22
sources: [L1]
---

# Sources and how we check

## How we check { #how-we-check }

Each page is checked against its sources.

## Alarms { #alarms }

The pump beeps when it is low.
""",
}


def copy_small_project(dest: Path) -> Path:
    """copy_project with only the SMALL_PAGES in docs/ and in the nav."""
    copy_project(dest)
    for md in (dest / "docs").glob("*.md"):
        md.unlink()
    for name, text in SMALL_PAGES.items():
        (dest / "docs" / name).write_text(text, encoding="utf-8")
    config = dest / "mkdocs.yml"
    nav = "nav:\n" + "".join(f"  - {name}\n" for name in SMALL_PAGES)
    text, count = re.subn(r"^nav:\n(?:  - .*\n)+", nav, config.read_text(encoding="utf-8"), flags=re.M)
    assert count == 1, "mkdocs.yml: no nav: block to replace"
    config.write_text(text, encoding="utf-8")
    return dest


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """An exclusive lock on path (created if needed), held while the block runs; other processes wait."""
    with open(path, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def shared_dir(tmp_path_factory) -> Path:
    """A folder shared by every xdist worker of this run (the workers' basetemps have one parent, fresh per
    run); without xdist, the session's own basetemp."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def build_once(tmp_path_factory, name: str, make: Callable[[Path], subprocess.CompletedProcess]) -> Path:
    """Build into <shared dir>/<name>/site once per test run: the first worker to get here builds (make(site)),
    the others wait on the lock and reuse the result. A failed build fails every test that needs it."""
    prebuilt = os.environ.get("ITB_TEST_SITE") if name == "strict-site" else None
    if prebuilt:  # for working on the tests only: a build you made yourself (CI and `make test` never set this)
        return Path(prebuilt)
    root = shared_dir(tmp_path_factory) / name
    root.mkdir(parents=True, exist_ok=True)
    site, done, failed = root / "site", root / "built.ok", root / "built.failed"
    with file_lock(root / "build.lock"):
        if not done.exists() and not failed.exists():
            result = make(site)
            output = f"{result.stdout}\n{result.stderr}"
            (done if result.returncode == 0 else failed).write_text(output, encoding="utf-8")
    if failed.exists():
        raise AssertionError(f"the {name} build failed:\n{failed.read_text(encoding='utf-8')}")
    return site


# In-browser checks run on one loaded page state (tests/site/test_accessibility.py).
# For every SVG label: it must sit inside the picture, not overlap another label, and contrast with the
# picture's background by at least 4.5:1 (axe does not check text inside SVG).
PICTURE_LABEL_PROBLEMS = """() => {
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


# Contrast of each chart's text with what it is drawn on (axe does not check text inside SVG).
CHART_CONTRAST = """(root) => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                     return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const bg = rgb(getComputedStyle(document.body).backgroundColor);
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const out = [];
  root.querySelectorAll('svg text').forEach(t => {
    if (t.closest('.chart__drawing').offsetParent === null) return;
    if (t.classList.contains('c-on-bar')) return;  // drawn on a bar, checked against the bar below
    out.push([t.textContent, ratio(rgb(getComputedStyle(t).fill), bg)]);
  });
  root.querySelectorAll('svg .c-on-bar').forEach(t => {
    const bar = t.previousElementSibling;
    out.push([t.textContent, ratio(rgb(getComputedStyle(t).fill), rgb(getComputedStyle(bar).fill))]);
  });
  return out;
}"""


def open_folded(page) -> None:
    """Click open every closed section a reader can unfold (details.itb-more, the symptom comparison on /emergency/),
    as a reader would, with or without JavaScript."""
    closed = page.locator("article details.itb-more:not([open]) > summary, "
                          "article details.itb-compare:not([open]) > summary")
    for _ in range(closed.count()):
        closed.first.click()


def axe_violations(page, exclude_rules: tuple[str, ...] = ()) -> list[dict]:
    """Run axe-core (vendored from npm, injected from disk) on the page; return its violations."""
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        """async (tags) => { const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},
               resultTypes: ['violations']});
             return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
               nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)})); }""",
        AXE_TAGS)
    return [v for v in result if v["id"] not in exclude_rules]


def describe_violations(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"])
                     for v in violations)


# Issue 23: a placeholder address never reaches a reader or paper. Canonical tags and the sitemap may keep it.
PLACEHOLDER = re.compile(r"example\.(?:org|com|net)", re.I)
_CANONICAL_TAG = re.compile(r'<link\b[^>]*\brel="canonical"[^>]*>', re.I)


def placeholder_hits(root: Path) -> list[str]:
    """Every file under root a reader sees or copies from (HTML pages, their text, href, src, data- attributes
    and copy-button payloads; QR files; the search index; README.txt) that names a placeholder domain, with
    the text around the first one. Leaves out <link rel=canonical> and sitemap.xml(.gz)."""
    hits = []
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.suffix not in (".html", ".svg", ".json", ".txt", ".js"):
            continue
        if path.name.startswith("sitemap") or "assets" in path.relative_to(root).parts[:1]:
            continue  # the theme's own bundles
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".html":
            text = _CANONICAL_TAG.sub("", text)
        found = PLACEHOLDER.search(text)
        if found:
            hits.append(f"{path.relative_to(root)}: ...{text[max(0, found.start() - 60):found.end() + 20]}...")
    return hits
