"""Serving a built site on 127.0.0.1, launching Debian's Chromium, and the one network guard: shared by the
PDF step, the screenshot tool and the test suite."""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

CHROMIUM = Path(os.environ.get("ITB_CHROMIUM", "/usr/bin/chromium"))
# Chromium may resolve only 127.0.0.1, sends everything not for the loopback address (an IP address written
# in the URL too) to a proxy that is not there, and its own background traffic is off: nothing can leave.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                 "--proxy-server=http://127.0.0.1:9"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that closes a connection mid-download is normal: stay quiet about it.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve directory on 127.0.0.1 (a free port) while the block runs; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


LOCAL_SCHEMES = {"data", "blob", "file", "about", "chrome-error"}


def is_local(url: str, base_url: str | None = None) -> bool:
    """True for data:/blob:/file:/about: URLs, and for the local server: under base_url when given,
    otherwise any port on 127.0.0.1 or localhost."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    if base_url is not None:
        return url.startswith(base_url)
    return parts.hostname in {"127.0.0.1", "localhost"}


@dataclass
class NetworkGuard:
    """Attached to a Playwright browser context: lets local requests through, records and aborts every other.
    `fulfil` maps a URL pattern (regex, searched in the URL without its query) to (content type, body) served
    instead of the local file."""
    base_url: str | None = None
    fulfil: dict[re.Pattern, tuple[str, str]] = field(default_factory=dict)
    blocked: list[str] = field(default_factory=list)

    def attach(self, context) -> "NetworkGuard":
        """Every request is seen (and a non-local one recorded). Requests are routed through the handler below
        only when it has a job (a base URL narrower than 127.0.0.1, or files to serve instead): routing pauses
        every request and turns off the browser's cache, which makes every page load about a quarter dearer.
        Without it, Chromium's own flags (CHROMIUM_ARGS) stop anything that is not for 127.0.0.1."""
        if self.base_url is not None or self.fulfil:
            context.route("**/*", self._route)
        context.on("request", self._seen)
        return self

    def _route(self, route) -> None:
        url = route.request.url
        if not is_local(url, self.base_url):
            self._record(url)
            route.abort()
            return
        for pattern, (content_type, body) in self.fulfil.items():
            if pattern.search(url.split("?")[0]):
                route.fulfill(status=200, content_type=content_type, body=body)
                return
        route.continue_()

    def _seen(self, request) -> None:
        # Belt and braces: anything the route handler never saw (e.g. a service worker) is still recorded.
        if not is_local(request.url, self.base_url):
            self._record(request.url)

    def _record(self, url: str) -> None:
        if url not in self.blocked:
            self.blocked.append(url)
