"""Build the offline copy of the site and pack it as a zip that is published with the site.

Usage: python -m tools.make_offline [SITE_DIR]        (default: site/)

1. Builds mkdocs-offline.yml (Material's offline plugin: plain .html links, search without a server) into
   site-offline/, strictly.
2. Copies the PDFs that `make pdf` wrote into SITE_DIR, so the offline pages' PDF links work too.
3. Checks that no page loads anything from another server (scripts, styles, images, frames).
4. Zips it, under one folder with a short README, into SITE_DIR/itb-handbook-offline.zip.

Unzipped and opened from disk (file://), every page reads, links and search work, and nothing is fetched.

For the benchmark: build_offline(site_dir) -> OfflineReport (seconds for the build and the zip, zip size).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from macros import clock
from macros.dates import long_date
from macros.site_url import public_url as published_url
from tools import engine

ROOT = Path(__file__).resolve().parent.parent
CONFIG = "mkdocs-offline.yml"
ZIP_NAME = "itb-handbook-offline.zip"
FOLDER = "itb-handbook"            # the zip's one top-level folder
PDFS = ("itb-handbook.pdf", "emergency-card.pdf", "pump-record.pdf")
README = """Baclofen Pump Handbook: offline copy
====================================

Open index.html in this folder with your web browser (double-click it).
Every page, the search and the refill planner work without an internet connection.
Nothing you type is sent anywhere.

This copy was made on {edition}. Printed and saved copies go out of date:
{latest}
"""
LATEST_ONLINE = "the latest version is at {site_url}"
# A build without its public address (ITB_SITE_URL unset, or a placeholder) names none.
LATEST_LOCAL = ("ask your clinic for the latest version. (This copy was built without the handbook's\n"
                "public web address: set ITB_SITE_URL when building it to print the address here.)")
# Pages only a web server uses: opened from disk, 404.html's root-absolute links point at the disk's root.
SERVER_ONLY = ("404.html",)
# Attributes that make a browser fetch something by itself (links the reader clicks are fine).
FETCHING_TAG = re.compile(r"<(script|img|iframe|source|link|audio|video|embed|object|image|use)\b[^>]*>", re.I)
REMOTE_ATTR = re.compile(r"\s(?:src|href|xlink:href|data|srcset|poster)\s*=\s*[\"']\s*(?:https?:)?//([^\"'\s>]+)", re.I)
# A <link> is skipped only when every word of its rel is one a browser never fetches by itself.
NOT_FETCHED_RELS = {"canonical", "alternate", "author", "license", "help", "next", "prev", "search"}
REL_ATTR = re.compile(r"\srel\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I)
CSS_URL = re.compile(r"url\(\s*[\"']?\s*(?:https?:)?//([^)\"']+)", re.I)


class OfflineError(RuntimeError):
    pass


@dataclass
class OfflineReport:
    build_seconds: float = 0.0
    zip_seconds: float = 0.0
    zip_path: Path | None = None
    zip_bytes: int = 0
    files: int = 0
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def seconds(self) -> float:
        return self.build_seconds + self.zip_seconds


def mkdocs_build(out_dir: Path, root: Path = ROOT) -> None:
    """A strict build of CONFIG with the chosen engine (tools/engine.py), without -q: with -q, ProperDocs
    does not count warnings for --strict. The engine's output is shown only when the build fails."""
    result = subprocess.run(engine.command("build", "--strict", "-f", CONFIG, "-d", str(out_dir)),
                            cwd=root, env=engine.environ(), capture_output=True, text=True)
    if result.returncode != 0:
        raise OfflineError(f"the offline build ({CONFIG}) failed:\n{result.stdout}{result.stderr}")


def external_fetches(site: Path) -> list[str]:
    """Every place where a page or stylesheet would fetch from another server, as 'file: address'."""
    found = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in {".html", ".css"} or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        name = path.relative_to(site).as_posix()
        if path.suffix == ".css":
            found += [f"{name}: //{m.group(1)}" for m in CSS_URL.finditer(text)]
            continue
        for tag in FETCHING_TAG.finditer(text):
            rel = REL_ATTR.search(tag.group(0)) if tag.group(1).lower() == "link" else None
            words = set("".join(rel.groups(default="")).lower().split()) if rel else set()
            if words and words <= NOT_FETCHED_RELS:
                continue
            found += [f"{name}: //{m.group(1)}" for m in REMOTE_ATTR.finditer(tag.group(0))]
    return found


def copy_pdfs(site_dir: Path, out_dir: Path) -> None:
    for name in PDFS:
        shutil.copy2(site_dir / name, out_dir / name)


def zip_date() -> tuple[int, int, int, int, int, int]:
    """Entries get one fixed date (SOURCE_DATE_EPOCH when set), so the same site gives the same zip."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    stamp = time.gmtime(int(epoch)) if epoch else time.gmtime()
    return (max(stamp.tm_year, 1980), stamp.tm_mon, stamp.tm_mday, 0, 0, 0)


def write_zip(out_dir: Path, zip_path: Path, readme: str) -> int:
    date = zip_date()
    files = sorted(p for p in out_dir.rglob("*") if p.is_file())
    tmp = zip_path.with_suffix(".zip.part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        info = zipfile.ZipInfo(f"{FOLDER}/README.txt", date_time=date)
        info.compress_type = zipfile.ZIP_DEFLATED
        zf.writestr(info, readme)
        for path in files:
            info = zipfile.ZipInfo(f"{FOLDER}/{path.relative_to(out_dir).as_posix()}", date_time=date)
            # PDFs and gzip files are already compressed.
            info.compress_type = zipfile.ZIP_STORED if path.suffix in {".pdf", ".gz"} else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
    tmp.replace(zip_path)
    return len(files) + 1


def build_offline(site_dir: Path | str = "site", out_dir: Path | str | None = None) -> OfflineReport:
    """Build, check and zip the offline copy into site_dir/itb-handbook-offline.zip. Timed by tools/bench.py."""
    site_dir = Path(site_dir).resolve()
    out_dir = Path(out_dir).resolve() if out_dir else ROOT / "site-offline"
    if not (site_dir / "index.html").is_file():
        raise OfflineError(f"{site_dir}/index.html not found: build the site first (make build)")
    missing = [name for name in PDFS if not (site_dir / name).is_file()]
    if missing:  # checked first: the build takes a while
        raise OfflineError(f"{', '.join(missing)} not found in {site_dir}: run `make pdf` first "
                           "(the offline pages link to the PDFs)")
    if links := __import__("macros.data").data.symlink_problems(ROOT):  # never publish what a link points to
        raise OfflineError("symbolic links in the project:\n  " + "\n  ".join(links))
    report = OfflineReport()
    started = time.perf_counter()
    mkdocs_build(out_dir)
    report.build_seconds = time.perf_counter() - started

    started = time.perf_counter()
    copy_pdfs(site_dir, out_dir)
    drop_server_only_files(out_dir)
    leaks = external_fetches(out_dir)
    if leaks:
        raise OfflineError("the offline copy would fetch from other servers:\n  " + "\n  ".join(leaks[:20]))
    edition = long_date(clock.today())  # ITB_TODAY, else SOURCE_DATE_EPOCH, else today (macros/clock.py)
    report.zip_path = site_dir / ZIP_NAME
    report.files = write_zip(out_dir, report.zip_path, readme_text(edition.lstrip("0"), _canonical(out_dir)))
    report.zip_bytes = report.zip_path.stat().st_size
    report.zip_seconds = time.perf_counter() - started
    report.timings = {"build": report.build_seconds, "check and zip": report.zip_seconds}
    return report


def drop_server_only_files(out_dir: Path) -> None:
    for name in SERVER_ONLY:
        (out_dir / name).unlink(missing_ok=True)


def readme_text(edition: str, canonical: str | None) -> str:
    """The zip's README. It names the online address only when the build knew the real one."""
    public = published_url(canonical)
    latest = LATEST_ONLINE.format(site_url=public) if public else LATEST_LOCAL
    return README.format(edition=edition, latest=latest)


def _canonical(out_dir: Path) -> str | None:
    """The online address, read back from the built home page's canonical link."""
    html = (out_dir / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    return match.group(1).removesuffix("index.html") if match else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", nargs="?", default="site")
    parser.add_argument("--out", default=None, help="where to build the offline copy (default: site-offline/)")
    args = parser.parse_args(argv)
    try:
        report = build_offline(args.site_dir, args.out)
    except OfflineError as exc:
        print(f"make_offline: {exc}", file=sys.stderr)
        return 1
    print(f"{report.zip_path}  {report.files} files  {report.zip_bytes / 1e6:.2f} MB")
    print(f"offline copy built in {report.build_seconds:.1f} s, checked and zipped in {report.zip_seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
