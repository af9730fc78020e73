"""Where the build's time goes: one strict build, timed by plugin and hook event and by kind of work.

    python -m tools.profile_build [--macros]

Prints the CPU seconds (process time: a busy machine changes them less than wall time) of each plugin's and
hook's events (print-site, privacy, search, macros with its link check, redirects, our hooks), and of the
kinds of work inside them: Markdown, Jinja compiling and rendering, QR codes, minifying. Timers wrap the
event methods and a few functions only, so they cost little; cProfile (--macros, a second build) makes
pure-Python code look 2-4 times slower than it is, so only its shares are printed. Timers nest: each line
is the time spent inside that part, what it called included, so the lines do not add up.
`make bench` prints this report before the side-by-side figures.
"""
from __future__ import annotations

import argparse
import cProfile
import functools
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

class Timers:
    """CPU seconds (process time) and calls, by label; inclusive (a label's time holds what it called)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}

    def wrap(self, label: str, fn):
        @functools.wraps(fn)
        def timed(*args, **kwargs):
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[label] = self.seconds.get(label, 0.0) + time.process_time() - start
                self.calls[label] = self.calls.get(label, 0) + 1
        return timed


# Functions timed inside the events: (label, module, attribute path). The macros package is imported again by
# every build, so the QR code and the link check are timed through what stays loaded (segno) or by event.
FUNCTIONS = (
    ("Markdown to HTML (Python-Markdown convert)", "markdown.core", "Markdown.convert"),
    ("Jinja: compiling templates (page Markdown + theme)", "jinja2.environment", "Environment.compile"),
    ("Jinja: rendering the theme templates (every page)", "mkdocs.commands.build", "_build_page"),
    ("QR codes drawn (segno.make; 0 when .cache/qr has them)", "segno", "make"),
    ("minifying CSS (rcssmin)", "rcssmin", "cssmin"),
    ("minifying JS (rjsmin)", "rjsmin", "jsmin"),
)


def timed_build(site_dir: Path, config: Path = ROOT / "mkdocs.yml", profiler: cProfile.Profile | None = None
                ) -> tuple[Timers, float]:
    """One strict build of config into site_dir, in this process: each plugin's and hook's events timed
    (CPU), and the FUNCTIONS above. Returns the timers and the whole build's CPU seconds."""
    import importlib

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
    timers = Timers()
    undo = []
    for label, module_name, path in FUNCTIONS:
        owner = importlib.import_module(module_name)
        *outer, attr = path.split(".")
        for name in outer:
            owner = getattr(owner, name)
        original = getattr(owner, attr)
        setattr(owner, attr, timers.wrap(label, original))
        undo.append((owner, attr, original))
    cwd = os.getcwd()
    os.chdir(config.parent)
    start = time.process_time()
    try:
        if profiler:
            profiler.enable()
        cfg = load_config(str(config), site_dir=str(site_dir), strict=True)
        for event, methods in cfg.plugins.events.items():
            for i, method in enumerate(methods):
                origin = cfg.plugins._event_origins.get(method, "?")
                wrapped = timers.wrap(f"{origin}: on_{event}", method)
                cfg.plugins._event_origins[wrapped] = origin
                methods[i] = wrapped
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    finally:
        if profiler:
            profiler.disable()
        total = time.process_time() - start
        os.chdir(cwd)
        for owner, attr, original in undo:
            setattr(owner, attr, original)
    return timers, total


# What each event is, in a word, where the name alone does not say it.
NOTES = {
    "macros: on_config": "imports the macros package, define_env: data load and validation",
    "macros: on_page_markdown": "each page's Markdown as a Jinja template: every macro runs here",
    "hooks/site_link_check.py: on_post_build": "the link check (macros/link_check.py), print page included",
    "print-site: on_post_build": "the combined print page",
    "hooks/trim_theme_css.py: on_post_build": "Material's stylesheets without unused rules (page weight)",
    "search: on_page_context": "search index: parses each page's HTML",
}


def report(timers: Timers, total: float, min_share: float = 0.005) -> str:
    lines = [f"build profile, CPU seconds of one strict build ({total:.2f} s; timers nest, so they do not add up):",
             "  by plugin and hook event:"]
    events = [(k, v) for k, v in timers.seconds.items() if ": on_" in k]
    functions = [(k, v) for k, v in timers.seconds.items() if ": on_" not in k]
    for label, seconds in sorted(events, key=lambda kv: -kv[1]):
        if seconds >= min_share * total:
            note = NOTES.get(label, "")
            lines.append(f"    {label:40} {seconds:6.2f} s {100 * seconds / total:5.1f} %  {note}")
    lines.append("  by kind of work (inside the events above):")
    for label, _, _ in FUNCTIONS:
        seconds = dict(functions).get(label, 0.0)
        lines.append(f"    {label:56} {seconds:6.2f} s {100 * seconds / total:5.1f} %  "
                     f"({timers.calls.get(label, 0)} calls)")
    return "\n".join(lines)


def macro_report(stats: pstats.Stats, top: int = 8) -> str:
    """The costliest project macros, from a cProfile run (cProfile inflates pure-Python time: compare the
    shares, not the seconds)."""
    macros: dict[str, float] = {}
    for (file, _, name), (_, _, _, ct, callers) in stats.stats.items():
        f = file.replace(os.sep, "/")
        if "/macros/" in f and (f.endswith("/__init__.py") or "/macros/env_" in f) and \
                any(c[0].replace(os.sep, "/").endswith("macros/guard.py") for c in callers):
            macros[name] = max(macros.get(name, 0.0), ct)
    total = max(ct for (_, _, _, ct, _) in stats.stats.values())
    lines = ["  project macros, share of the build under cProfile (all calls of each):"]
    for name, seconds in sorted(macros.items(), key=lambda kv: -kv[1])[:top]:
        lines.append(f"    {name:40} {100 * seconds / total:5.1f} %")
    return "\n".join(lines)


def profile(macros: bool = False) -> str:
    """The report of one timed build (and, with macros=True, a second build under cProfile for the macros)."""
    with tempfile.TemporaryDirectory(prefix="itb-profile-") as tmp:
        timers, total = timed_build(Path(tmp) / "site")
        text = report(timers, total)
        if macros:
            profiler = cProfile.Profile(time.process_time)
            timed_build(Path(tmp) / "site2", profiler=profiler)
            text += "\n" + macro_report(pstats.Stats(profiler))
    return text


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--macros", action="store_true", help="a second build under cProfile: the costliest macros")
    args = parser.parse_args(argv)
    print(profile(args.macros))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
