#!/usr/bin/env bash
# National-scale benchmark (issue 6): generates a public-use-shaped PIRL file
# (default 2,000,000 rows × 310 columns, about 1 GB), runs the full report on
# it — plain and gzip-compressed — under /usr/bin/time -v, and writes the
# figures with a description of the machine to bench/RESULTS.md.
# Not part of the test suite. Usage: bench/run.sh [ROWS] [WORKDIR]
# With BASELINE=<git revision> the tool is also built at that revision (in a
# temporary worktree) and measured the same way, for a before/after table
# made under the same load.
set -euo pipefail
rows=${1:-2000000}
work=${2:-${TMPDIR:-/tmp}/wioa-bench}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
mkdir -p "$work"
go build -o "$work/wioa" "$root/cmd/wioa"
if [ ! -s "$work/pirl.csv" ] || [ "$(cat "$work/rows" 2>/dev/null)" != "$rows" ]; then
  "$work/wioa" generate --rows "$rows" --seed 1 --tracts 1000 --out "$work" >/dev/null
  gzip -6 -c "$work/pirl.csv" > "$work/pirl.csv.gz"
  echo "$rows" > "$work/rows"
fi
# The first half of the rows, to check that time is linear in rows.
half=$(( rows / 2 ))
if [ ! -s "$work/half.csv" ] || [ "$(cat "$work/half.rows" 2>/dev/null)" != "$half" ]; then
  head -n $(( half + 1 )) "$work/pirl.csv" > "$work/half.csv"
  echo "$half" > "$work/half.rows"
fi
cat "$work/pirl.csv" "$work/pirl.csv.gz" "$work/half.csv" > /dev/null # into the page cache
baseline=""
if [ -n "${BASELINE:-}" ]; then
  baseline=$(cd "$root" && git rev-parse --short "$BASELINE")
  rm -rf "$work/baseline-src"
  (cd "$root" && git worktree add -q --detach "$work/baseline-src" "$baseline")
  (cd "$work/baseline-src" && go build -o "$work/wioa-baseline" ./cmd/wioa)
  (cd "$root" && git worktree remove --force "$work/baseline-src")
fi
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# measure FILE LABEL [BINARY]: best wall time of 3 runs, with that run's
# CPU time and peak RSS.
measure() {
  local best="" rss="" t bin=${3:-$work/wioa}
  for _ in 1 2 3; do
    /usr/bin/time -v "$bin" report "$1" --tracts "$work/tracts.csv" --out "$work/report" \
      >/dev/null 2>"$work/time.txt"
    t=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$work/time.txt")
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then
      best=$t
      rss=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$work/time.txt")
      cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.2f", u+s}' "$work/time.txt")
    fi
  done
  echo "| $2 | $best | $cpu | $rss |"
}

plain=$(measure "$work/pirl.csv" "pirl.csv ($(du -m "$work/pirl.csv" | cut -f1) MB)")
gz=$(measure "$work/pirl.csv.gz" "pirl.csv.gz ($(du -m "$work/pirl.csv.gz" | cut -f1) MB)")
halfrow=$(measure "$work/half.csv" "first $half rows ($(du -m "$work/half.csv" | cut -f1) MB)")
if [ -n "$baseline" ]; then
  bplain=$(measure "$work/pirl.csv" "pirl.csv, at $baseline" "$work/wioa-baseline")
  bgz=$(measure "$work/pirl.csv.gz" "pirl.csv.gz, at $baseline" "$work/wioa-baseline")
fi
read_bench=$(cd "$root" && WIOA_BENCH_FILE="$work/pirl.csv" go test ./analysis/pirl -run '^$' -bench ReadFile -benchtime 3x 2>/dev/null | grep ^Benchmark || true)

# Hand-written notes (from a "## Notes" heading to the end) are kept.
notes=""
if [ -f "$here/RESULTS.md" ]; then
  notes=$(awk '/^## Notes/ {keep=1} keep' "$here/RESULTS.md")
fi

{
  echo "# Benchmark: full \`wioa report\` at national scale"
  echo
  echo "Made by \`${BASELINE:+BASELINE=$BASELINE }bench/run.sh $rows\` on $(date -u +%Y-%m-%d) at commit $(cd "$root" && git rev-parse --short HEAD)."
  echo "Input: \`wioa generate --rows $rows --seed 1 --tracts 1000\` (310 columns, mostly empty), in the page cache."
  echo "Targets (issue 6, 2,000,000 rows): ≤ 2.5 s wall, ≤ 600 MB peak RSS; gzip ≤ 2× plain."
  echo
  echo "## Machine"
  echo
  echo "- CPUs (nproc): $(nproc); model: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "- memory: $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo)"
  echo "- $(go version)"
  echo "- load average (1, 5, 15 min) at start: $load_start; at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "## Full report (best of 3)"
  echo
  echo "| input | wall s | CPU s (user+sys) | peak RSS MB |"
  echo "|---|---|---|---|"
  echo "$plain"
  echo "$gz"
  echo "$halfrow"
  if [ -n "$baseline" ]; then
    echo "$bplain"
    echo "$bgz"
  fi
  echo
  echo "## Reader alone (\`go test ./analysis/pirl -bench ReadFile\`)"
  echo
  echo '```'
  echo "$read_bench"
  echo '```'
  echo
  echo "Profile a run with the hidden flags: \`wioa report FILE --cpuprofile cpu.out --memprofile mem.out\`, then \`go tool pprof -top wioa cpu.out\`;"
  echo "time each stage with \`go run ./bench/phases FILE TRACTS\` (\`PHASES_PROFILE=read\` etc. profiles one stage)."
  if [ -n "$notes" ]; then
    echo
    echo "$notes"
  fi
} > "$here/RESULTS.md"
cat "$here/RESULTS.md"
