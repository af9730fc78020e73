"""deploy/Dockerfile builds (issue 12): exactly the files its build stage COPYs go into an empty folder, then
its build RUN lines run there, as they would in the container. Installs are skipped (apt-get, `make setup`):
the shared set-up (.venv, node_modules, docs/assets/vendor) is linked in, as in a worktree, and make is told
not to remake it. Docker itself is not available here; this is the same file set and the same commands.

tests/helpers.py PROJECT_PARTS is read from the same COPY lines, so every test that copies the project
copies what the container gets."""
from __future__ import annotations

import shutil
import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from helpers import DOCKERFILE, PROJECT_PARTS, ROOT, copy_project

# What `make setup` makes; linked from the shared set-up instead of installed again.
SET_UP = [".venv", "node_modules", "docs/assets/vendor"]
MADE_BY_SETUP = [".venv/.installed", "node_modules/.installed", "docs/assets/vendor/iframe-worker-shim.js"]
# What `docker build --build-arg ...` passes: a publishing build (ITB_PUBLISH=1) needs a real public address.
BUILD_ARGS = {"ITB_SITE_URL": "https://itb-handbook.org/"}


def instructions(dockerfile: Path) -> list[tuple[str, str]]:
    """(instruction, arguments) of the build stage, with continued lines joined and comments dropped."""
    out, current = [], ""
    for line in dockerfile.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("#") and not current:
            continue
        current += line.rstrip()
        if current.endswith("\\"):
            current = current[:-1] + " "
            continue
        if current.strip():
            word, _, rest = current.strip().partition(" ")
            if word == "FROM" and out:
                break
            out.append((word, rest.strip()))
        current = ""
    return out


def test_project_parts_are_the_dockerfiles_copy_lines():
    copied = [src for word, args in instructions(DOCKERFILE) if word == "COPY" and "--from" not in args
              for src in args.split()[:-1]]
    assert "hooks" in copied, "mkdocs.yml names hooks/print_site_speedup.py: the container needs hooks/"
    expected = []
    for src in copied:
        expected += sorted(p.name for p in ROOT.glob(src)) if "*" in src else [src]
    assert PROJECT_PARTS == expected
    for part in PROJECT_PARTS:
        assert (ROOT / part).exists(), f"the Dockerfile copies {part}, which is not in the project"


def test_mkdocs_config_only_names_copied_parts():
    """Every path mkdocs.yml reads (hooks, theme overrides, the cover template) is in a copied part."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    hooks = re.search(r"^hooks:\n((?:\s+- \S+\n)+)", text, re.M)
    assert hooks, "mkdocs.yml has no hooks: list"
    named = set(re.findall(r"- (\S+)", hooks.group(1)))
    named |= set(re.findall(r"^\s*(?:custom_dir|cover_page_template|module_name): (\S+)\s*$", text, re.M))
    assert len(named) >= 4, named
    for path in named:
        assert path.split("/")[0] in PROJECT_PARTS, f"mkdocs.yml reads {path}, which the Dockerfile never copies"


@pytest.fixture(scope="module")
def container_build(tmp_path_factory):
    src = copy_project(tmp_path_factory.mktemp("docker") / "src")
    assert sorted(p.name for p in src.iterdir()) == sorted(PROJECT_PARTS)
    for part in SET_UP:
        if part.startswith("docs/"):  # the build refuses links under docs/ (issue 23): a real copy
            shutil.copytree(ROOT / part, src / part)
        else:
            (src / part).symlink_to(ROOT / part)
    bin_dir = src.parent / "bin"
    bin_dir.mkdir()
    make = bin_dir / "make"  # make, told that what `make setup` makes is up to date
    make.write_text("#!/bin/sh\nexec /usr/bin/make " + " ".join(f"-o {shlex.quote(p)}" for p in MADE_BY_SETUP)
                    + ' "$@"\n')
    make.chmod(0o755)
    env = dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}")
    ran, results = [], []
    for word, args in instructions(DOCKERFILE):
        if word == "ARG":
            name, _, value = args.partition("=")
            env[name] = BUILD_ARGS.get(name, value)
        elif word == "ENV":  # one or more NAME=value pairs
            for pair in shlex.split(args):
                name, value = pair.split("=", 1)
                env[name] = re.sub(r"\$\{(\w+)\}", lambda m: env[m.group(1)], value)
        elif word == "RUN":
            if "apt-get" in args or args == "make setup":
                continue  # installs: the shared set-up is linked in instead
            result = subprocess.run(["bash", "-c", args], cwd=src, env=env, capture_output=True, text=True,
                                    timeout=900)
            ran.append(args)
            results.append(result)
            assert result.returncode == 0, (f"the Dockerfile's RUN failed:\n{args}\n{result.stdout[-3000:]}\n"
                                            f"{result.stderr[-3000:]}")
    assert ran, "the Dockerfile's build stage has no build step"
    return src, "\n".join(r.stdout + r.stderr for r in results)


def test_the_container_build_makes_the_whole_site(container_build):
    src, output = container_build
    site = src / "site"
    for name in ("index.html", "faq/index.html", "print_page/index.html", "404.html", "itb-handbook.pdf",
                 "emergency-card.pdf", "pump-record.pdf", "itb-handbook-offline.zip"):
        assert (site / name).is_file(), f"the container build made no site/{name}"
    assert "Content-Security-Policy matches the build" in output


def test_the_serving_stage_copies_what_the_build_made(container_build):
    src, _ = container_build
    text = DOCKERFILE.read_text(encoding="utf-8")
    served = re.findall(r"^COPY --from=build /src/(\S+) ", text, re.M)
    assert served == ["site"] and (src / "site").is_dir()
    config = re.findall(r"^COPY (deploy/\S+) /etc/nginx/", text, re.M)
    assert config and all((src / c).is_file() for c in config)
