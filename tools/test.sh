#!/usr/bin/env bash
# The whole test suite, from a clean clone: installs what it needs (the exact versions in constraints.txt), runs every
# notebook's tests with nbdev_test, and ends with "N passed, N failed, N skipped":
#   passed / failed   notebooks whose every test cell ran and held / that stopped on a failure;
#   skipped           test cells that did not run: flagged slow/gpu (run them with --flags slow), or recorded by
#                     creditrisk.core.require because a resource is missing (under CI=true that is a failure instead).
set -uo pipefail
cd "$(dirname "$0")/.."
python -m pip install -q -c constraints.txt -e ".[dev]" || exit 1
# pip builds llama.cpp with -march=native; where this CPU advertises instructions its VM traps (AVX-512/AMX: SIGILL), rebuild portable.
python tools/llama_check.py --fix || exit 1
# Headless Chromium for the dashboard/docs browser tests (Debian package).
if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || echo "chromium not installed: browser tests will be reported as skipped"
fi
# llama.cpp's own GGUF converters ship only in the llama-cpp-python sdist: fetch it once (pip's cache) before the offline tests.
python -c "from creditrisk.export import fetch_llama_converter; fetch_llama_converter()" || exit 1
export CREDITRISK_SKIP_LOG=$(mktemp)
log=$(mktemp)
tracked_before=$(git status --porcelain --untracked-files=no 2>/dev/null | md5sum)
# unbuffered: each worker's "Starting <notebook>" line reaches the log as it happens (counted when a failure leaves out --timing's list)
PYTHONUNBUFFERED=1 nbdev_test --do_print --timing --skip_folder_re '^([_.]|experiments$)' "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
tracked_after=$(git status --porcelain --untracked-files=no 2>/dev/null | md5sum)
python tools/test_summary.py "$log" "$CREDITRISK_SKIP_LOG" "$@"
summary_status=$?
if [ "$tracked_before" != "$tracked_after" ]; then echo "a test changed tracked files:"; git status --porcelain --untracked-files=no; status=1; fi
rm -f "$log" "$CREDITRISK_SKIP_LOG"
[ "$status" = 0 ] && exit "$summary_status" || exit "$status"
