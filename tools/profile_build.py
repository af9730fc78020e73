"""Where the build's time goes: one strict build under cProfile (CPU time), grouped by plugin, hook and macro.

    python -m tools.profile_build [--top 12] [--save /tmp/build.prof]

Prints the CPU seconds (process time, so a busy machine changes the figures less than wall time would) of
each part of the build: the plugins' events (print-site, privacy, search, macros, redirects), our hooks
(minifying, print-site speed-up), the link check, QR generation, Jinja (page templates in mkdocs-macros,
theme templates), Markdown, and each project macro. Parts nest (QR generation runs inside the
clinic_link_list macro, which runs inside mkdocs-macros' Jinja rendering): each line is the time spent inside
that part, everything it called included, so the lines do not add up. `make bench` prints this too.
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (label, file path ending, function name or None for every function in that file). A part's time is the
# largest cumulative time among the functions that match (the outermost entry point, without double counting
# nested calls of the same part).
GROUPS = (
    ("whole build (mkdocs.commands.build.build)", "mkdocs/commands/build.py", "build"),
    ("config + plugin loading (on_config, imports)", "mkdocs/plugins.py", "on_config"),
    ("mkdocs-macros: define_env (data load + validation)", "macros/__init__.py", "define_env"),
    ("mkdocs-macros: page Markdown as Jinja (all macros)", "mkdocs_macros/plugin.py", "on_page_markdown"),
    ("  Jinja compile of page templates", "mkdocs_macros/plugin.py", "render"),
    ("  project macros (all)", "macros/guard.py", "wrapper"),
    ("  QR code generation (segno, SVG)", "macros/render_clinics.py", "qr_file_svg"),
    ("Markdown to HTML (Python-Markdown)", "markdown/core.py", "convert"),
    ("theme templates (Jinja, every page)", "mkdocs/commands/build.py", "_build_page"),
    ("search plugin (index, on_page_context + post_build)", "material/plugins/search/plugin.py", None),
    ("privacy plugin", "material/plugins/privacy/plugin.py", None),
    ("redirects plugin", "mkdocs_redirects/plugin.py", None),
    ("print-site plugin: per-page events", "mkdocs_print_site_plugin/plugin.py", "on_page_content"),
    ("print-site plugin: combined page (on_post_build)", "mkdocs_print_site_plugin/plugin.py", "on_post_build"),
    ("  print-site id rewrite (hooks/print_site_speedup.py)", "hooks/print_site_speedup.py", "fast_update_anchor_ids"),
    ("  print-site a11y fix (hooks/print_page_a11y.py)", "hooks/print_page_a11y.py", "fix_print_page_fields"),
    ("minifying (hooks/minify_assets.py on_files)", "hooks/minify_assets.py", "on_files"),
    ("link check (macros/link_check.py)", "macros/link_check.py", "broken_links"),
    ("writing files (copy static, write pages)", "mkdocs/structure/files.py", "copy_static_files"),
)


def profile_build(site_dir: Path, config: Path = ROOT / "mkdocs.yml") -> pstats.Stats:
    """One strict build of config into site_dir, in this process, under cProfile with a CPU-time clock."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
    profiler = cProfile.Profile(time.process_time)
    cwd = os.getcwd()
    os.chdir(config.parent)
    try:
        profiler.enable()
        cfg = load_config(str(config), site_dir=str(site_dir), strict=True)
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            build(cfg)
        finally:
            cfg.plugins.on_shutdown()
        profiler.disable()
    finally:
        os.chdir(cwd)
    return pstats.Stats(profiler)


def grouped(stats: pstats.Stats) -> tuple[list[tuple[str, float]], list[tuple[str, float]], float]:
    """(parts, macros, total CPU seconds). Macros: the nested functions registered with @env.macro in
    macros/__init__.py and macros/env_*.py, by name."""
    rows = stats.stats  # (file, line, func) -> (cc, nc, tt, ct, callers)
    total = max(ct for (_, _, _, ct, _) in rows.values())
    parts = []
    for label, file_end, func in GROUPS:
        best = 0.0
        for (file, _, name), (_, _, tt, ct, _) in rows.items():
            if file.replace(os.sep, "/").endswith(file_end) and (func is None or name == func):
                best = max(best, ct) if func is not None else best + tt
        if func is None:  # every function of a file: its own time plus the time of what it called outside it
            best = _file_inclusive(rows, file_end)
        parts.append((label, best))
    macros: dict[str, float] = {}
    for (file, _, name), (_, _, _, ct, callers) in rows.items():
        f = file.replace(os.sep, "/")
        if "/macros/" in f and (f.endswith("/__init__.py") or "/macros/env_" in f) and \
                any(c[0].replace(os.sep, "/").endswith("macros/guard.py") for c in callers):
            macros[name] = max(macros.get(name, 0.0), ct)
    return parts, sorted(macros.items(), key=lambda kv: -kv[1]), total


def _file_inclusive(rows: dict, file_end: str) -> float:
    """Time inside a file's functions, callees included, counting only entries from outside the file."""
    total = 0.0
    for (file, _, _), (_, _, _, ct, callers) in rows.items():
        if not file.replace(os.sep, "/").endswith(file_end):
            continue
        for caller, (_, _, _, cct) in callers.items():
            if not caller[0].replace(os.sep, "/").endswith(file_end):
                total += cct
    return total


def report(stats: pstats.Stats, top: int = 12) -> str:
    parts, macros, total = grouped(stats)
    lines = [f"build profile (cProfile, CPU seconds; parts nest, see tools/profile_build.py), total {total:.2f} s:"]
    for label, seconds in parts:
        lines.append(f"  {label:58} {seconds:6.2f} s {100 * seconds / total:5.1f} %")
    lines.append(f"  project macros, the {min(top, len(macros))} costliest (time inside each, all calls):")
    for name, seconds in macros[:top]:
        lines.append(f"    {name:56} {seconds:6.2f} s {100 * seconds / total:5.1f} %")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=12, help="how many macros to list")
    parser.add_argument("--save", type=Path, help="also write the raw profile (for pstats or snakeviz)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="itb-profile-") as tmp:
        stats = profile_build(Path(tmp) / "site")
    if args.save:
        stats.dump_stats(str(args.save))
    print(report(stats, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
