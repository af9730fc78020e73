"""Run Debian's nginx with deploy/nginx.conf on 127.0.0.1 and a free port, serving a built site.
Only the `listen` and `root` lines of the config are swapped; pid, logs and temp files go to a temp folder."""
from __future__ import annotations

import contextlib
import grp
import os
import pwd
import re
import socket
import subprocess
import time
from pathlib import Path
from typing import Iterator

NGINX = Path("/usr/sbin/nginx")
MIME_TYPES = Path("/etc/nginx/mime.types")
ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "deploy" / "nginx.conf"

MAIN_CONF = """\
{user}worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include {mime};
    default_type application/octet-stream;
    sendfile on;
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/site.conf;
}}
"""


def site_config(port: int, root: Path, config: Path = CONFIG) -> str:
    """deploy/nginx.conf with only its listen and root lines changed (each must appear exactly once)."""
    text = config.read_text(encoding="utf-8")
    text, n_listen = re.subn(r"(?m)^(\s*)listen 8080;$", rf"\g<1>listen 127.0.0.1:{port};", text)
    text, n_root = re.subn(r"(?m)^(\s*)root /srv/itb-handbook;$", rf"\g<1>root {root};", text)
    if (n_listen, n_root) != (1, 1):
        raise AssertionError(f"{config}: expected one 'listen 8080;' and one 'root /srv/itb-handbook;' line")
    return text


def _user_line(site: Path) -> str:
    """Started as root, nginx's workers would run as 'nobody' and could not read a private temp folder:
    run them as the site folder's owner. (Not root: the directive is ignored, workers run as us.)"""
    if os.geteuid() != 0:
        return ""
    owner = pwd.getpwuid(Path(site).stat().st_uid)
    return f"user {owner.pw_name} {grp.getgrgid(owner.pw_gid).gr_name};\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, proc: subprocess.Popen, tmp: Path, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log = (tmp / "error.log").read_text() if (tmp / "error.log").exists() else ""
            raise RuntimeError(f"nginx stopped (exit {proc.returncode}):\n{proc.stderr.read()}\n{log}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return
        time.sleep(0.05)
    raise RuntimeError("nginx did not start listening in time")


@contextlib.contextmanager
def run_nginx(site: Path, tmp: Path) -> Iterator[str]:
    """Yields 'http://127.0.0.1:PORT'. Stops nginx (the process this started, by its id) at the end."""
    tmp.mkdir(parents=True, exist_ok=True)
    for attempt in range(3):
        port = free_port()
        (tmp / "site.conf").write_text(site_config(port, Path(site).resolve()), encoding="utf-8")
        (tmp / "nginx.conf").write_text(MAIN_CONF.format(tmp=tmp, mime=MIME_TYPES, user=_user_line(site)),
                                        encoding="utf-8")
        test = subprocess.run([str(NGINX), "-t", "-p", str(tmp), "-c", str(tmp / "nginx.conf")],
                              capture_output=True, text=True)
        if test.returncode != 0:
            raise RuntimeError(f"nginx -t rejected the config:\n{test.stderr}")
        proc = subprocess.Popen([str(NGINX), "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-g", "daemon off;"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            _wait_for(port, proc, tmp)
        except RuntimeError:
            if proc.poll() is None:
                proc.terminate()
                proc.wait(timeout=10)
            if attempt == 2:
                raise
            continue  # the port was taken in the meantime: try another one
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            proc.terminate()  # SIGTERM: nginx's fast shutdown (master and its worker)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        return
