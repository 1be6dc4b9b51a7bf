#!/usr/bin/env bash
# The whole test suite, from a clean clone: installs what it needs, runs every notebook's tests with nbdev_test,
# and ends with the plain summary line "N passed, N failed" (one count per notebook).
set -uo pipefail
cd "$(dirname "$0")/.."
python -m pip install -q -e ".[dev]" || exit 1
# Headless Chromium for the dashboard/docs browser tests (Debian package; the tests skip cleanly without it).
if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || echo "chromium not installed: browser tests will skip"
fi
# llama.cpp's own GGUF converters ship only in the llama-cpp-python sdist: fetch it once (pip's cache) before the offline tests.
python -c "from creditrisk.export import fetch_llama_converter; fetch_llama_converter()" || exit 1
log=$(mktemp)
nbdev_test --do_print --timing --skip_folder_re '^([_.]|experiments$)' "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
total=$(grep -c '^Starting ' "$log")
failed=$(sed -n '/Failed On The Following Notebooks/,$p' "$log" | grep -c $'^\t')
echo "$((total - failed)) passed, ${failed} failed"
rm -f "$log"
exit "$status"
