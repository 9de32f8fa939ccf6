#!/usr/bin/env bash
# Installs every Debian package LLW needs to build, run and test. Idempotent: when everything is
# already installed it returns in well under a second without touching the network.
set -euo pipefail

packages=(
  # toolchain
  g++ cmake make ccache pkg-config git
  # libraries (see docs/architecture.md and ../shared/spec/stack.md)
  librestinio-dev libasio-dev libfmt-dev libhttp-parser-dev
  libsoci-dev libsqlite3-dev libpq-dev sqlite3 postgresql
  nlohmann-json3-dev libkainjow-mustache-dev
  # the data export's walk parses only the grid's values of each report (storage/sql/selected_values.h)
  libsimdjson-dev
  libsodium-dev libicu-dev libcli11-dev
  libxlsxwriter-dev libzip-dev libpugixml-dev
  libcurl4-openssl-dev
  # evidence photos (documents/evidence_media.h): decoded and re-encoded with libvips, EXIF date read with libexif
  libvips-dev libexif-dev
  # web tests parse pages (tests/web/html_query.h): libxml2's HTML parser and XPath
  libxml2-dev
  # signed report PDFs (documents/pdf_signature.h): verified with OpenSSL 3; tests sign with NSS tools and pdfsig
  libssl-dev libnss3-tools
  # documents: PDF and charts (pango/cairo, Liberation Serif), DOCX/XLSX checks
  libpango1.0-dev libcairo2-dev libpng-dev libqrencode-dev fonts-liberation2 poppler-utils
  libreoffice-writer-nogui libreoffice-calc-nogui
  # tests and benchmarks
  googletest libgtest-dev curl jq wrk procps
  # fuzzing (fuzz/, scripts/fuzz.sh): clang with libFuzzer and the sanitizers' runtimes
  clang libclang-rt-14-dev
  # style checks (scripts/check_style.sh and scripts/check_tidy.sh, part of the test command)
  clang-format clang-tidy
  # browser tests: Playwright (npm playwright-core, package-lock.json) drives Debian's Chromium.
  # npm comes with the machine's Node.js 20 (nodesource bundles it; Debian's npm would conflict).
  nodejs chromium
  # a real SMTP server for the reminder tests
  python3-aiosmtpd
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Front-end test tooling from the committed lock file (playwright-core; it downloads no browser).
repo="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -d "$repo/node_modules" ] || [ "$repo/package-lock.json" -nt "$repo/node_modules/.package-lock.json" ]; then
  (cd "$repo" && npm ci --no-audit --no-fund --loglevel=error)
fi
