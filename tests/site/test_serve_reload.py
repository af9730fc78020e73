"""`mkdocs serve` picks up edits to macro code and data without a restart (on the small project copy, so each
rebuild renders three pages, not the whole site)."""
import os
import socket
import subprocess
import time
import urllib.request

from helpers import TEST_TODAY, copy_small_project
from tools import engine


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode()


def wait_for(url: str, text: str, seconds: float = 60) -> str:
    deadline, body = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        try:
            body = fetch(url)
            if text in body:
                return body
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{text!r} did not appear at {url} within {seconds} s")


def replace_atomically(path, text: str, scratch) -> None:
    """Write the new file elsewhere, then rename it into place: the watcher sees one complete change
    (an in-place write can trigger a rebuild that reads a half-written file)."""
    staged = scratch / path.name
    staged.write_text(text)
    os.replace(staged, path)


def test_serve_reloads_macro_code_and_data(tmp_path):
    project = copy_small_project(tmp_path / "project")
    page = project / "docs" / "sources.md"
    page.write_text(page.read_text() + "\n{{ glossary_list() }}\n")
    port = free_port()
    env = engine.environ(ITB_TODAY=TEST_TODAY)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    # Live reload on: in MkDocs 1.6 `--no-livereload` also turns off watching for changes.
    server = subprocess.Popen(engine.command("serve", "-a", f"127.0.0.1:{port}"),
                              cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=open(tmp_path / "serve.log", "w"))
    try:
        url = f"http://127.0.0.1:{port}/sources/"
        wait_for(url, "Sources for this page", seconds=120)
        # Edit a pure render function: the next rebuild must run the new code.
        module = project / "macros" / "glossary.py"
        replace_atomically(module, module.read_text().replace('<dl class="glossary">', '<dl class="glossary" data-edited="yes">'), scratch)
        wait_for(url, 'data-edited="yes"', seconds=120)
        # Edit the data: the rebuilt page shows it.
        data = project / "data" / "glossary.yml"
        replace_atomically(data, data.read_text().replace("terms:\n", "terms:\n  - term: Zebrafish test term\n    id: zebrafish-test\n"
                                                          "    plain: A term added while the server runs.\n", 1), scratch)
        wait_for(url, "A term added while the server runs.", seconds=120)
    finally:
        server.terminate()
        server.wait(timeout=10)
