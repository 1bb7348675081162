#!/usr/bin/env bash
# National-scale benchmark (issue 6): generates a public-use-shaped PIRL file
# (default 2,000,000 rows × 310 columns, about 1 GB), runs the full report on
# it — plain and gzip-compressed — under /usr/bin/time -v, and writes the
# figures with a description of the machine to bench/RESULTS.md.
# Not part of the test suite. Usage: bench/run.sh [ROWS] [WORKDIR]
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
cat "$work/pirl.csv" "$work/pirl.csv.gz" > /dev/null # into the page cache

# measure FILE LABEL: best wall time of 3 runs, with that run's peak RSS.
measure() {
  local best="" rss="" t
  for _ in 1 2 3; do
    /usr/bin/time -v "$work/wioa" report "$1" --tracts "$work/tracts.csv" --out "$work/report" \
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
read_bench=$(cd "$root" && WIOA_BENCH_FILE="$work/pirl.csv" go test ./analysis/pirl -run '^$' -bench ReadFile -benchtime 3x 2>/dev/null | grep ^Benchmark || true)

{
  echo "# Benchmark: full \`wioa report\` at national scale"
  echo
  echo "Made by \`bench/run.sh $rows\` on $(date -u +%Y-%m-%d) at commit $(cd "$root" && git rev-parse --short HEAD)."
  echo "Input: \`wioa generate --rows $rows --seed 1 --tracts 1000\` (310 columns, mostly empty), in the page cache."
  echo "Targets (issue 6, 2,000,000 rows): ≤ 2.5 s wall, ≤ 600 MB peak RSS; gzip ≤ 2× plain."
  echo
  echo "## Machine"
  echo
  echo "- CPUs (nproc): $(nproc); model: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "- memory: $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo)"
  echo "- $(go version)"
  echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "## Full report (best of 3)"
  echo
  echo "| input | wall s | CPU s (user+sys) | peak RSS MB |"
  echo "|---|---|---|---|"
  echo "$plain"
  echo "$gz"
  echo
  echo "## Reader alone (\`go test ./analysis/pirl -bench ReadFile\`)"
  echo
  echo '```'
  echo "$read_bench"
  echo '```'
  echo
  echo "Profile a run with the hidden flags: \`wioa report FILE --cpuprofile cpu.out --memprofile mem.out\`, then \`go tool pprof -top wioa cpu.out\`."
} > "$here/RESULTS.md"
cat "$here/RESULTS.md"
