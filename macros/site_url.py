"""The one check of the site's public address (ITB_SITE_URL), used by the build (render_print.published_url,
publish_problem) and by the Makefile's publishing guard, which runs this file as a script:

    python3 macros/site_url.py "$ITB_SITE_URL"   # prints one line and exits 1 unless it is a public address

Standard library only and no relative imports, so it runs without MkDocs and before `make setup`.
A public address is http(s), has a domain name with at least two labels and no user info, query or fragment.
Refused: IP addresses of any kind (browsers read 127.1, 2130706433 and 0x7f.1 as 127.0.0.1), single-label
names, the special-use names (.local, .test, .invalid, .localhost, .example, .internal) and the placeholder
domains example.org, example.com and example.net with any subdomain. Names are compared label by label, so
counterexample.org and clinic-example.nhs.uk are real addresses.
"""
from __future__ import annotations

import ipaddress
import re
import sys
from urllib.parse import urlsplit

PLACEHOLDER_DOMAINS = ("example.org", "example.com", "example.net")
SPECIAL_USE_TLDS = ("local", "test", "invalid", "localhost", "example", "internal")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_NUMBER = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$")


def _ipv4_number(part: str) -> int:
    """One part of an IPv4 host as a browser reads it: 0x.. hexadecimal, 0.. octal, else decimal."""
    if part.startswith("0x"):
        return int(part[2:] or "0", 16)
    if len(part) > 1 and part.startswith("0"):
        return int(part, 8)
    return int(part)


def _browser_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """The address a browser (WHATWG URL) makes of a host whose last label is a number, e.g. 127.1 or
    2130706433; None if it is not a valid one (the host is still numeric, and refused)."""
    parts = host.split(".")
    try:
        numbers = [_ipv4_number(p) for p in parts]
    except ValueError:
        return None
    if not 1 <= len(numbers) <= 4 or any(n > 255 for n in numbers[:-1]):
        return None
    last = numbers[-1]
    if last >= 256 ** (5 - len(numbers)):
        return None
    value = sum(n << (8 * (3 - i)) for i, n in enumerate(numbers[:-1])) + last
    return ipaddress.IPv4Address(value)


def _ip_problem(ip: ipaddress.IPv4Address | ipaddress.IPv6Address | None, host: str) -> str:
    shown = f"{host} ({ip})" if ip is not None and str(ip) != host else host
    if ip is None:
        return f"{shown} is a numeric host"
    for kind, flag in (("unspecified", ip.is_unspecified), ("loopback", ip.is_loopback),
                       ("link-local", ip.is_link_local), ("private", ip.is_private)):
        if flag:
            return f"{shown} is a {kind} address, on this computer or its local network only"
    return f"{shown} is a numeric address; publish under the site's domain name"


def problem(url: str | None) -> str | None:
    """Why url is not the site's public address, in a few words on one line; None when it is one."""
    text = (url or "").strip()
    if not text:
        return "the address is empty"
    shown = repr(text) if "@" not in text else "the address"  # never repeat a password
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return f"{shown} has a malformed host or port"
    if parts.scheme not in ("http", "https"):
        return f"{shown} does not start with http:// or https://"
    if "@" in parts.netloc:
        return "the address holds user info (user:password@); it would be printed in every QR code"
    if parts.query or text.endswith("?"):
        return f"{shown} has a query (?...); give the site's base address"
    if parts.fragment or "#" in text:
        return f"{shown} has a fragment (#...); give the site's base address"
    del port
    host = (parts.hostname or "").lower()
    if not host:
        return f"{shown} has no host"
    if ":" in host:  # an IPv6 literal ([::1])
        try:
            return f"{shown}: " + _ip_problem(ipaddress.IPv6Address(host.split("%")[0]), host)
        except ValueError:
            return f"{shown} has a malformed host"
    name = host[:-1] if host.endswith(".") else host
    labels = name.split(".")
    if _NUMBER.match(labels[-1]):
        return f"{shown}: " + _ip_problem(_browser_ipv4(name), name)
    if not all(_LABEL.match(label) or (label and not label.isascii() and " " not in label) for label in labels):
        return f"{shown} has a malformed host name"
    if labels[-1] == "localhost":
        return f"{shown} is localhost, this computer"
    if len(labels) < 2:
        return f"{shown} is a single-label name, reachable only inside one network"
    if labels[-1] in SPECIAL_USE_TLDS:
        return f"{shown} ends in .{labels[-1]}, a name that is never public"
    if ".".join(labels[-2:]) in PLACEHOLDER_DOMAINS:
        return f"{shown} is a placeholder domain ({'.'.join(labels[-2:])})"
    return None


def public_url(url: str | None) -> str | None:
    """The address itself (stripped) when it is a public one, else None."""
    return None if problem(url) else (url or "").strip()


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python3 macros/site_url.py URL", file=sys.stderr)
        return 2
    found = problem(argv[0])
    if found:
        print(f"ITB_SITE_URL must be the site's public address: {found}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
