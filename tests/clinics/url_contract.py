"""The URL contract (tests/published_urls.txt): read it, check each entry against a built site, and list
what the Markdown sources publish today.

    python tests/clinics/url_contract.py            # compare the contract with docs/ (prints the differences)
    python tests/clinics/url_contract.py --write    # add new entries to the file (never removes any)

An entry resolves when its page exists and its anchor is on that page. A moved page is followed through
its mkdocs-redirects page (<meta http-equiv="refresh">); a moved section through its moved_section() marker
(an element with the old id and class "moved-section" linking to the new place). Planner deep links
(#name=value&...) need the planner form on the page and only known parameter names."""
from __future__ import annotations

import re
import sys
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]
CONTRACT = ROOT / "tests" / "published_urls.txt"
sys.path.insert(0, str(ROOT))

from macros import render_clinics  # noqa: E402

DOWNLOAD_SUFFIXES = (".pdf", ".zip")
MAX_HOPS = 5


def read_contract(path: Path = CONTRACT) -> list[str]:
    """The entries, in file order. Lines starting with '#' are comments."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def is_download(entry: str) -> bool:
    return urlsplit(entry).path.endswith(DOWNLOAD_SUFFIXES)


def is_planner_link(entry: str) -> bool:
    return "=" in urlsplit(entry).fragment


@lru_cache(maxsize=512)
def _soup(path: str, mtime: float) -> BeautifulSoup:
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


def soup_of(file: Path) -> BeautifulSoup:
    return _soup(str(file), file.stat().st_mtime)


def site_file(site: Path, url_path: str) -> Path | None:
    rel = url_path.lstrip("/")
    if rel == "" or rel.endswith("/"):
        target = site / rel / "index.html"
    else:
        target = site / rel
    return target if target.is_file() else None


def redirect_target(soup: BeautifulSoup) -> str | None:
    meta = soup.find("meta", attrs={"http-equiv": re.compile("^refresh$", re.I)})
    if not meta:
        return None
    m = re.search(r"url=(.+)$", meta.get("content", ""), re.I)
    return m.group(1).strip() if m else None


def resolve(site: Path, entry: str) -> tuple[str | None, str]:
    """Follow redirects and moved sections. Returns (problem or None, final address)."""
    current, hops = entry, 0
    while True:
        parts = urlsplit(current)
        file = site_file(site, parts.path)
        if file is None:
            kind = "page" if parts.path.endswith("/") else "file"
            return f"{entry}: {kind} {parts.path} is not in the built site", current
        if file.suffix != ".html":
            if parts.fragment:
                return f"{entry}: a download cannot have an anchor", current
            if file.stat().st_size == 0:
                return f"{entry}: {parts.path} is empty", current
            return None, current
        soup = soup_of(file)
        target = redirect_target(soup)
        if target:
            hops += 1
            if hops > MAX_HOPS:
                return f"{entry}: more than {MAX_HOPS} redirects", current
            nxt = urlsplit(urljoin(parts.path, target))
            fragment = nxt.fragment or parts.fragment  # the redirect page carries the anchor over
            current = nxt.path + (f"#{fragment}" if fragment else "")
            continue
        if not parts.fragment:
            return None, current
        if is_planner_link(current):
            names = [kv.split("=", 1)[0] for kv in parts.fragment.split("&")]
            unknown = [n for n in names if n not in render_clinics.PLANNER_PARAMS]
            if unknown:
                return f"{entry}: unknown planner setting(s) {', '.join(unknown)}", current
            if not soup.select('[data-field="pump"]'):
                return f"{entry}: {parts.path} has no planner form", current
            return None, current
        element = soup.find(id=parts.fragment)
        if element is None:
            return f"{entry}: anchor #{parts.fragment} is not on {parts.path}", current
        if "moved-section" in (element.get("class") or []):
            link = element.find("a", href=True)
            if link is None:
                return f"{entry}: the moved-section marker #{parts.fragment} has no link", current
            hops += 1
            if hops > MAX_HOPS:
                return f"{entry}: more than {MAX_HOPS} redirects", current
            nxt = urlsplit(urljoin(parts.path, link["href"]))
            current = nxt.path + (f"#{nxt.fragment}" if nxt.fragment else "")
            continue
        return None, current


def contract_problems(site: Path, entries: list[str], downloads: bool = True) -> list[str]:
    problems = []
    for entry in entries:
        if is_download(entry) and not downloads:
            continue
        problem, _ = resolve(site, entry)
        if problem:
            problems.append(problem)
    return problems


def published_today() -> list[str]:
    """What the sources publish now: every nav page and every heading with an explicit id."""
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    from macros import clinic
    from macros.data import load_site_data
    site = load_site_data(ROOT / "data")
    entries = [(title, md, (ROOT / "docs" / md).read_text(encoding="utf-8"))
               for title, md in render_clinics.nav_pages(config["nav"]) if (ROOT / "docs" / md).is_file()]
    macros = render_clinics.anchor_macros(site, site.clinic.emergency_number, clinic.pump_team(site.clinic))
    return render_clinics.contract_entries(render_clinics.linkable_pages(entries, anchor_macros=macros))


HEADER = """\
# THE URL CONTRACT: every public address a clinic may link to, one per line (path below the site root).
# tests/clinics/test_clinics_url_contract.py checks that each one resolves in the built site.
#
# Rules (see also docs/for-clinics.md "Links that will not break"):
# - Never delete a line to make the test pass. Removing an entry is a deliberate, reviewed act.
# - A page that moves: add `old.md: new.md` to redirect_maps of the redirects plugin in mkdocs.yml.
# - A section that moves to another page: leave {{ moved_section('old-id', 'new-page.md#new-id', 'Title') }}
#   where the old section was; link-builder.js jumps to the new place and the test follows the link.
# - A new page or a new `{ #id }` heading: add it (python tests/clinics/url_contract.py --write).
"""


def render_contract(listed: list[str], today: list[str]) -> str:
    """The whole file: today's pages and anchors in nav order, then entries kept after moves, then the
    planner deep-link form and the downloads. Never drops an entry that is listed."""
    special = [e for e in listed if is_download(e) or is_planner_link(e)]
    kept = [e for e in listed if e not in today and e not in special]
    out = [HEADER, "# Pages and their sections (headings with an explicit id)"]
    out += today
    if kept:
        out += ["", "# Kept after a move (each resolves through a redirect or a moved_section marker)"]
        out += kept
    out += ["", "# The planner deep-link form (names: " + ", ".join(render_clinics.PLANNER_PARAMS) + ")"]
    out += [e for e in special if is_planner_link(e)] or \
        ["/refill-planner/#pump=synchromed-ii-40&conc=2000&dose=400&filled=2026-11-20"]
    out += ["", "# Downloads, made after the HTML build (the full published build)"]
    out += [e for e in special if is_download(e)] or \
        ["/" + name for name, _ in render_clinics.DOWNLOADS]
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    listed = read_contract() if CONTRACT.exists() else []
    today = published_today()
    for e in today:
        if e not in listed:
            print(f"new (not yet in the contract): {e}")
    for e in listed:
        if not is_download(e) and not is_planner_link(e) and e not in today:
            print(f"no longer in the sources (must resolve through a redirect or moved_section): {e}")
    if "--write" in argv:
        CONTRACT.write_text(render_contract(listed, today), encoding="utf-8")
        print(f"wrote {CONTRACT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
