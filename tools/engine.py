"""The build engine, named in one place: MkDocs 1.6.1 (the default) or ProperDocs 1.6.7, its continuation.

Every build the project starts (the Makefile, tools/make_offline.py, tools/bench.py, the tests) gets its
command from here, so `make html ENGINE=properdocs` (which exports ITB_ENGINE) builds everything with
ProperDocs. An unknown name stops with one line.

    python -m tools.engine build --strict -d site     # runs `<engine> build --strict -d site`

Both engines read mkdocs.yml unchanged. The environment given to a build silences only two start-up
notices, never a build warning:
- NO_MKDOCS_2_WARNING: Material's "reaches end of life on May 5, 2027" banner (printed under MkDocs only);
- DISABLE_MKDOCS_2_WARNING: ProperDocs' "switch to ProperDocs" notice, which plugins such as
  mkdocs-redirects print under MkDocs only.
A third, ProperDocs' "mkdocs.yml should be renamed to properdocs.yml", goes away by naming the config (-f),
which command() does when a build or serve names none.
Build with `--strict` and without `-q`: with `-q`, ProperDocs does not count warnings for `--strict`.
"""
from __future__ import annotations

import os
import sys
from typing import Mapping

ENGINES = ("mkdocs", "properdocs")
DEFAULT = "mkdocs"
VARIABLE = "ITB_ENGINE"
CONFIG = "mkdocs.yml"  # the config when none is given (both engines read it as it is)
QUIET = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


class EngineError(ValueError):
    pass


def name(environ: Mapping[str, str] | None = None) -> str:
    """The engine chosen by ITB_ENGINE (empty or unset: the default)."""
    value = (os.environ if environ is None else environ).get(VARIABLE, "").strip() or DEFAULT
    if value not in ENGINES:
        raise EngineError(f"{VARIABLE}={value!r}: the build engine must be one of {', '.join(ENGINES)}")
    return value


def command(*args: str, environ: Mapping[str, str] | None = None) -> list[str]:
    """The command line that runs the chosen engine with args, e.g. command('build', '--strict')."""
    if "-q" in args or "--quiet" in args:
        raise EngineError("build without -q: with -q, ProperDocs does not count warnings for --strict")
    if args[:1] in (("build",), ("serve",)) and not any(a in ("-f", "--config-file") for a in args):
        # Named even when it is the default: ProperDocs otherwise prints that mkdocs.yml should be renamed.
        args = (args[0], "-f", CONFIG, *args[1:])
    return [sys.executable, "-m", name(environ), *args]


def environ(base: Mapping[str, str] | None = None, **extra: str) -> dict[str, str]:
    """The environment for a build: base (default os.environ), the two notices silenced, then extra."""
    return {**(os.environ if base is None else base), **QUIET, **extra}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    try:
        cmd = command(*args)
    except EngineError as exc:
        print(f"tools.engine: {exc}", file=sys.stderr)
        return 2
    os.execve(sys.executable, cmd, environ())  # the engine replaces this process (signals reach it directly)
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
