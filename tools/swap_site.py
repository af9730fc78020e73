"""Put a finished build in place of the site folder: `python -m tools.swap_site NEW SITE`.

The Makefile builds every step (HTML, PDFs, offline zip) into NEW, a fresh folder beside SITE, and calls this
only when all of them passed, so a failed or killed build never touches the last good site. The swap is one
atomic rename on Linux (renameat2 with RENAME_EXCHANGE): SITE is the old site or the new one, never missing
and never half-written. Elsewhere it is two renames (the old site is moved aside first). The old site is then
deleted.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
import sys
import tempfile
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2


class SwapError(Exception):
    pass


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (Linux renameat2); False when the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL):
        return False  # old kernel or a file system without exchange: fall back to two renames
    raise OSError(err, os.strerror(err), str(b))


def swap(new: Path | str, site: Path | str) -> None:
    """Make `new` the site folder; the previous site folder, if any, is deleted."""
    new, site = Path(new), Path(site)
    if not (new / "index.html").is_file():
        raise SwapError(f"{new}/index.html not found: the build did not finish, so {site}/ was left as it was")
    if new.resolve().parent != site.resolve().parent:
        raise SwapError(f"{new} must be beside {site} (same folder) for the swap to be one rename")
    if site.is_symlink() or (site.exists() and not site.is_dir()):
        raise SwapError(f"{site} is not a folder; remove it first")
    if not site.exists():
        new.rename(site)
        return
    if _exchange(new, site):
        shutil.rmtree(new)  # now the old site
        return
    old = Path(tempfile.mkdtemp(prefix=f"{site.name}.old-", dir=site.parent))
    site.rename(old / "site")
    new.rename(site)
    shutil.rmtree(old)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m tools.swap_site NEW_BUILD SITE", file=sys.stderr)
        return 2
    try:
        swap(args[0], args[1])
    except (SwapError, OSError) as exc:
        print(f"swap_site: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
