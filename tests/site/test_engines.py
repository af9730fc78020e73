"""Both build engines give the same site (issue 25): MkDocs 1.6.1 and ProperDocs 1.6.7 (tools/engine.py).

Each config (the online site, the offline copy, the clinic example) is built strictly, without -q, by each
engine; the same files must come out with the same bytes. One difference is allowed, and normalised away:
- the generator tag, <meta name="generator" content="mkdocs-1.6.1, mkdocs-material-..."> under MkDocs and
  "mkdocs-ProperDocs 1.6.7, ..." under ProperDocs: Material writes the engine's own name and version there.
Nothing else is normalised (the sitemap's dates and the gzip header come from the pinned build, not the engine).

The default engine's builds of mkdocs.yml and the clinic example are the ones the rest of the suite uses
(build_once: "strict-site", "clinic-example-site"), so this adds four builds to a run.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import ROOT, TEST_TODAY, build_once, copy_small_project, mkdocs_build
from tools import engine, make_offline

CONFIGS = ("mkdocs.yml", "mkdocs-offline.yml", "mkdocs-clinic-example.yml")
# Builds other tests share, under the default engine.
SHARED = {"mkdocs.yml": "strict-site", "mkdocs-clinic-example.yml": "clinic-example-site"}
GENERATOR = re.compile(rb'(<meta name="generator" content=")(?:mkdocs-1\.6\.1|mkdocs-ProperDocs 1\.6\.7)(, )')


def site_of(tmp_path_factory, engine_name: str, config: str) -> Path:
    shared = SHARED.get(config) if engine_name == engine.name() else None
    name = shared or f"engine-{engine_name}-{config.removesuffix('.yml')}"
    return build_once(tmp_path_factory, name,
                      lambda site: mkdocs_build(ROOT, site, config=config, env={engine.VARIABLE: engine_name}))


# The start-up notices a build must not print (tools/engine.py silences them): Material's end-of-life banner,
# ProperDocs' "switch to ProperDocs" notice under MkDocs, ProperDocs' "rename mkdocs.yml" notice.
NOTICES = ("end of life", "switch to *ProperDocs*", "switch to ProperDocs", "should be renamed to 'properdocs.yml'")


def build_output(site: Path) -> str:
    """What the build printed (build_once keeps it next to the site); empty for a site built outside the run."""
    log = site.parent / "built.ok"
    return log.read_text(encoding="utf-8") if log.is_file() else ""


def normalised(path: Path) -> bytes:
    data = path.read_bytes()
    return GENERATOR.sub(rb"\1ENGINE\2", data) if path.suffix == ".html" else data


def files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("config", CONFIGS)
def test_both_engines_build_the_same_site(tmp_path_factory, config):
    built = {e: site_of(tmp_path_factory, e, config) for e in engine.ENGINES}
    for name, site in built.items():  # quiet about the notices, and without -q: every warning would show
        assert [n for n in NOTICES if n in build_output(site)] == [], f"{name}, {config}:\n{build_output(site)}"
    sites = {e: files(site) for e, site in built.items()}
    mkdocs, properdocs = sites["mkdocs"], sites["properdocs"]
    assert sorted(mkdocs) == sorted(properdocs), (
        f"only MkDocs: {sorted(set(mkdocs) - set(properdocs))}; only ProperDocs: {sorted(set(properdocs) - set(mkdocs))}")
    differ = [name for name in mkdocs if normalised(mkdocs[name]) != normalised(properdocs[name])]
    assert differ == [], f"{config}: {len(differ)} files differ between the engines: {differ[:10]}"
    # The normalisation did its job: the tag is there, and names each engine.
    home = "index.html"
    assert b'content="mkdocs-1.6.1, mkdocs-material-' in mkdocs[home].read_bytes()
    assert b'content="mkdocs-ProperDocs 1.6.7, mkdocs-material-' in properdocs[home].read_bytes()


# ---------------------------------------------------------------- the engine is named in one place

def test_the_engine_comes_from_itb_engine():
    assert engine.name({}) == "mkdocs"
    assert engine.name({"ITB_ENGINE": ""}) == "mkdocs"
    assert engine.command("build", environ={"ITB_ENGINE": "properdocs"})[1:] == ["-m", "properdocs", "build",
                                                                                 "-f", "mkdocs.yml"]
    with pytest.raises(engine.EngineError, match="ITB_ENGINE='zensical'"):
        engine.name({"ITB_ENGINE": "zensical"})
    with pytest.raises(engine.EngineError, match="-q"):
        engine.command("build", "--strict", "-q")


def test_make_passes_the_engine_to_every_tool():
    shown = subprocess.run(["make", "-s", "--eval", "show-engine: ; @echo \"$$ITB_ENGINE|$(MKDOCS)\"",
                            "show-engine", "ENGINE=properdocs"], cwd=ROOT, capture_output=True, text=True,
                           timeout=60)
    assert shown.stdout.strip() == "properdocs|.venv/bin/python -m tools.engine", shown.stderr


# Ways of starting a build that skip tools/engine.py, or build with -q (ProperDocs then ignores --strict).
HARD_CODED = re.compile(r"""["']-m["'],\s*["'](?:mkdocs|properdocs)["']|bin/(?:mkdocs|properdocs)\b"""
                        r"""|(?:mkdocs|properdocs) (?:build|serve)\b[^\n]*\s-q\b""")


def test_no_tool_hard_codes_the_engine():
    sources = [ROOT / "Makefile", ROOT / "deploy" / "Dockerfile"]
    for folder in ("tools", "tests", "hooks", "macros", "deploy"):
        sources += sorted((ROOT / folder).rglob("*.py"))
    skip = {ROOT / "tests" / "site" / "test_engines.py", ROOT / "tests" / "mutations" / "run.py"}  # mistakes on purpose
    found = [f"{p.relative_to(ROOT)}: {m.group(0)}" for p in sources if p not in skip
             for m in HARD_CODED.finditer(p.read_text(encoding="utf-8"))]
    assert found == []


@pytest.mark.parametrize("engine_name", engine.ENGINES)
def test_the_offline_build_fails_on_a_warning_under_either_engine(tmp_path, monkeypatch, engine_name):
    """A page left out of the nav is a warning only the engine reports (the built-site link check is happy):
    with `--strict -q` both engines built it and exited 0, as tools/make_offline.py did before issue 25."""
    project = copy_small_project(tmp_path / "project")
    shutil.copytree(ROOT / "docs" / "assets" / "vendor", project / "docs" / "assets" / "vendor")  # the offline shim
    sources = (project / "docs" / "sources.md").read_text(encoding="utf-8")
    (project / "docs" / "not-in-nav.md").write_text(sources.replace("# Sources and how we check", "# Left out"),
                                                   encoding="utf-8")
    monkeypatch.setenv(engine.VARIABLE, engine_name)
    monkeypatch.setenv("ITB_TODAY", TEST_TODAY)
    with pytest.raises(make_offline.OfflineError, match="not-in-nav.md"):
        make_offline.mkdocs_build(tmp_path / "out", root=project)
