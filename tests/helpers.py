"""Helpers shared by the test suite: building the site, the browser's network guard, and axe-core."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from tools.local_site import CHROMIUM, CHROMIUM_ARGS  # noqa: F401 (re-exported for the tests)

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Every tag of WCAG 2.0/2.1/2.2 at levels A and AA, plus axe's best-practice rules.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "mobile": {"width": 390, "height": 844}}
DOCKERFILE = ROOT / "deploy" / "Dockerfile"


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


def mkdocs_build(project: Path, site_dir: Path, config: str = "mkdocs.yml") -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config,
                           "-d", str(site_dir)], cwd=project, env=env, capture_output=True, text=True,
                          timeout=300)


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


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "file", "about", "chrome-error"}:
        return True
    return parts.hostname in {"127.0.0.1", "localhost"}


@dataclass
class NetworkGuard:
    """Records and aborts every request that would leave 127.0.0.1."""
    blocked: list[str] = field(default_factory=list)

    def attach(self, context) -> None:
        context.route("**/*", self._route)
        context.on("request", self._seen)

    def _route(self, route) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            self._record(url)
            route.abort()

    def _seen(self, request) -> None:
        # Belt and braces: anything the route handler never saw (e.g. a service worker) is still recorded.
        if not is_local(request.url):
            self._record(request.url)

    def _record(self, url: str) -> None:
        if url not in self.blocked:
            self.blocked.append(url)


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
