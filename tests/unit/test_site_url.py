"""Issue 23, Medium 2: the one publishing check (macros/site_url.py), called by the Makefile and the build.
Every case is written by hand: hosts a browser reads as this machine or a private network, placeholder
domains matched by label (not by substring), and real addresses that must pass."""
from __future__ import annotations

import subprocess
import sys

import pytest

from helpers import ROOT
from macros import render_print, site_url

REFUSED = {
    # not an address at all
    None: "empty",
    "": "empty",
    "   ": "empty",
    "itb-handbook.org": "http",
    "ftp://itb-handbook.org/": "http",
    "https:///path": "no host",
    # this machine, numeric and otherwise
    "http://localhost/": "localhost",
    "http://LOCALHOST:8000/": "localhost",
    "http://app.localhost/": "localhost",
    "http://127.0.0.1/": "127.0.0.1",
    "http://127.1/": "127.0.0.1",
    "http://2130706433/": "127.0.0.1",
    "http://0x7f.1/": "127.0.0.1",
    "http://0177.0.0.1/": "127.0.0.1",
    "http://[::1]/": "loopback",
    "http://0.0.0.0/": "unspecified",
    "http://0/": "unspecified",
    "http://[::]/": "unspecified",
    # private and link-local networks
    "http://10.1.2.3/": "private",
    "http://192.168.0.10:8080/": "private",
    "http://172.16.5.4/": "private",
    "http://169.254.169.254/": "link-local",
    "http://[fe80::1]/": "link-local",
    "http://[fd00::5]/": "private",
    # a public IP address is still numeric: a handbook is published under a name
    "https://93.184.216.34/": "numeric",
    "https://[2606:4700::1111]/": "numeric",
    # names that only work inside one network
    "http://intranet/": "single-label",
    "https://itb-handbook./": "single-label",
    "http://printer.local/": ".local",
    "https://itb.test/": ".test",
    "https://clinic.invalid/": ".invalid",
    "https://handbook.example/": ".example",
    "https://wiki.internal/": ".internal",
    # the placeholder domains of RFC 2606, matched by label
    "https://example.org/": "placeholder",
    "https://itb-handbook.example.org/": "placeholder",
    "https://a.b.example.com/x/": "placeholder",
    "https://EXAMPLE.NET/": "placeholder",
    "https://example.com./": "placeholder",
    # user info (its password would go into every QR code and the sitemap)
    "https://user:s3cret@clinic.org/": "user",
    "https://user@clinic.org/": "user",
    # malformed
    "https://clinic..org/": "malformed",
    "https://clinic.org:99999/": "port",
    "https://-clinic.org/": "malformed",
    "https://clinic org/": "malformed",
    "https://clinic.org/?utm=1": "query",
    "https://clinic.org/#top": "fragment",
}

ACCEPTED = [
    "https://itb-handbook.org/",
    "https://www.clinic.org/itb/",
    "https://counterexample.org/",
    "https://clinic-example.nhs.uk/",
    "https://example.org.clinic.uk/",
    "https://examples.com/",
    "HTTPS://itb-handbook.org/",
    "http://itb-handbook.org:8443/handbook/",
    "https://xn--bcher-kva.de/",
    "https://localhost-clinic.org/",
    "https://0x7f.clinic.org/",
    "https://10.clinic.org/",
]


@pytest.mark.parametrize("url, reason", REFUSED.items())
def test_refused_addresses_give_one_line_with_the_reason(url, reason):
    problem = site_url.problem(url)
    assert problem is not None, f"{url!r} was accepted"
    assert reason in problem and "\n" not in problem, problem
    assert site_url.public_url(url) is None


@pytest.mark.parametrize("url", ACCEPTED)
def test_real_addresses_pass(url):
    assert site_url.problem(url) is None
    assert site_url.public_url(url) == url


def test_the_build_uses_the_same_check():
    for url in ("http://127.1/", "https://user:pw@clinic.org/", "http://intranet/"):
        assert render_print.published_url(url) is None
        problem = render_print.publish_problem(url, "1")
        assert problem and "ITB_SITE_URL" in problem and site_url.problem(url) in problem
        assert "\n" not in problem
    assert render_print.published_url("https://counterexample.org/") == "https://counterexample.org/"
    assert render_print.publish_problem("https://counterexample.org/", "1") is None
    assert render_print.publish_problem("http://127.1/", None) is None  # a local build needs no address


def test_the_password_is_never_repeated():
    problem = site_url.problem("https://user:s3cret@clinic.org/")
    assert "s3cret" not in problem


@pytest.mark.parametrize("url, code, out", [
    ("https://counterexample.org/", 0, ""),
    ("http://127.1/", 1, "ITB_SITE_URL"),
    ("", 1, "ITB_SITE_URL"),
])
def test_command_line_prints_one_line_and_sets_the_exit_code(url, code, out):
    # Run as a script, as the Makefile does: it must work without importing MkDocs.
    run = subprocess.run([sys.executable, "-I", str(ROOT / "macros" / "site_url.py"), url], capture_output=True,
                         text=True, timeout=30)
    assert run.returncode == code, run.stderr
    assert run.stderr == ""
    assert len(run.stdout.splitlines()) == (1 if out else 0) and out in run.stdout
