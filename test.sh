#!/usr/bin/env bash
# Runs the whole Facturix test suite: unit, integration (real PostgreSQL), component (bUnit) and
# browser journeys (real Chromium). Installs what it needs when it can (Debian: chromium-headless-shell, postgresql).
# Benchmarks (Category=Bench) are not part of this run: see docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }
apt_updated=0
apt_install() {
  command -v apt-get >/dev/null || return 1
  if [ "$apt_updated" -eq 0 ]; then as_root apt-get update -qq || return 1; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

# The headless shell (what Playwright runs headless) costs the browser journeys a quarter less CPU than the full
# browser's headless mode (docs/decisions/0095); the tests fall back to the full browser when it cannot be installed.
if [ ! -x /usr/bin/chromium-headless-shell ]; then
  echo "test.sh: installing Debian's chromium-headless-shell for the browser tests..."
  apt_install chromium-headless-shell || [ -x /usr/bin/chromium ] || echo "test.sh: could not install chromium-headless-shell; browser tests will fail. Install it with: apt-get install chromium-headless-shell" >&2
fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null; then
  echo "test.sh: installing PostgreSQL server binaries..."
  apt_install postgresql || echo "test.sh: could not install postgresql; database tests will fail." >&2
fi
# As root, the test clusters run as the 'postgres' user, which the Debian package creates.
if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
  useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
fi

log=$(mktemp)
set +e
dotnet test Facturix.Blazor.sln --filter "Category!=Bench&Category!=Docs" --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One plain summary line ("N passed, N failed") that any CI can read.
# dotnet test prints either "Passed!  - Failed: 0, Passed: 9, ..." or, at normal verbosity, a block of
# "Total tests: / Passed: / Failed: / Skipped:" lines; read whichever is there.
count() { grep -E "^\s*$1:\s*[0-9]+\s*$" "$log" | tail -1 | grep -oE "[0-9]+" || grep -oE "$1: +[0-9]+" "$log" | tail -1 | grep -oE "[0-9]+" || true; }
passed=$(count Passed)
failed=$(count Failed)
skipped=$(count Skipped)
# A CI that keeps only the end of the output still sees which tests failed and why: repeat each
# failure's block (its name, the start of its message and the test's own stack frames) after the run.
if [ "${failed:-0}" != "0" ]; then
  echo "test.sh: failed tests (repeated from above):"
  awk '/^  Failed /{show=1; n=0} /^  (Passed|Skipped) /{show=0}
       show && (n++ < 12 || /Stack Trace:|at Facturix\./) {print}' "$log"
fi
rm -f "$log"
if [ -n "$passed" ]; then echo "${passed} passed, ${failed:-0} failed, ${skipped:-0} skipped"; fi
exit "$status"
