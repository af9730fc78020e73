#!/usr/bin/env bash
# Debian packages the tests and the PDF step need: Chromium (browser tests, PDF printing), poppler-utils
# (pdfinfo/pdftotext/pdftoppm), nginx (container config test) and libzbar0 (QR decoding fallback).
# Installs them when missing and we are root; otherwise stops with one line saying what to install.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdfinfo >/dev/null 2>&1 || need+=(poppler-utils)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: run 'sudo apt-get install ${need[*]}' and try again." >&2
  exit 1
fi
echo "Installing Debian packages: ${need[*]}"
apt-get update -q >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
