#!/usr/bin/env bash
# National-scale benchmark (issues 6 and 17). Not part of the test suite.
#
#   bench/run.sh [ROWS] [WORKDIR]
#       generates a public-use-shaped PIRL file (default 2,000,000 rows × 310
#       columns, about 1 GB) into WORKDIR (default $TMPDIR/wioa-bench), runs the
#       full report on it — plain, gzip-compressed and its first half — under
#       /usr/bin/time -v (best of 3), and rewrites bench/RESULTS.md.
#   PEER=datatable bench/run.sh [ROWS] [WORKDIR]
#       also times R data.table's fread(select=…) of exactly the columns the
#       report reads (listed by `go run ./bench/readcols FILE`), alternating with
#       the full report in one run (wioa, fread, wioa, fread, …; PEER_RUNS each,
#       default 3), and reports the ratio wioa/data.table. Installs r-base-core
#       and r-cran-data.table from Debian when missing (as root, or with sudo).
#       data.table uses its default number of threads; PEER_THREADS=N sets it.
#   NATIONAL=1 bench/run.sh [ROWS]
#       the national-scale run alone: generates ROWS (default 20,000,000; about
#       10 GB) once into a temporary folder under NATIONAL_TMP (default $TMPDIR
#       or /tmp), after checking free disk and memory, runs the report once
#       under /usr/bin/time -v (and fread once with PEER=datatable, when memory
#       allows), records it in bench/RESULTS.md and removes the folder.
#   BASELINE=<git revision> (plain mode) also builds the tool at that revision
#       in a temporary worktree and measures it the same way.
#   ROWS=N may stand for the first argument; RESULTS=FILE writes the results
#       to FILE instead of bench/RESULTS.md (for trying the script out).
#
# RESULTS.md is rewritten: the machine, then one section per mode. Sections a
# run does not measure are kept from the previous file (each says when, at
# which commit and by which command it was measured), and so are hand-written
# notes from a "## Notes" heading to the end.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
national=${NATIONAL:-}
[ "$national" = 0 ] && national=""
if [ -n "$national" ]; then
  rows=${1:-${ROWS:-20000000}}
else
  rows=${1:-${ROWS:-2000000}}
fi
work=${2:-${TMPDIR:-/tmp}/wioa-bench}
results=${RESULTS:-$here/RESULTS.md}
peer=${PEER:-}
peer_runs=${PEER_RUNS:-3}
peer_threads=${PEER_THREADS:-}

die() { echo "bench/run.sh: $*" >&2; exit 1; }
case "$rows" in ''|*[!0-9]*) die "ROWS must be a whole number, not \"$rows\"";; esac
[ "$rows" -ge 2 ] || die "ROWS must be at least 2"
case "$peer" in ""|datatable) ;; *) die "PEER=$peer is not known (PEER=datatable is)";; esac
case "$peer_runs" in ''|*[!0-9]*) die "PEER_RUNS must be a whole number";; esac
[ "$peer_runs" -ge 3 ] || die "PEER_RUNS must be at least 3"
case "$peer_threads" in *[!0-9]*) die "PEER_THREADS must be a whole number";; esac
[ -x /usr/bin/time ] || die "/usr/bin/time is needed (Debian package \"time\")"
[ -n "$national" ] && [ -n "${BASELINE:-}" ] && die "BASELINE is for the plain mode, not NATIONAL=1"

mkdir -p "$work"
(cd "$root" && go build -o "$work/wioa" ./cmd/wioa && go build -o "$work/readcols" ./bench/readcols)
commit=$(cd "$root" && git rev-parse --short HEAD)
today=$(date -u +%Y-%m-%d)
cmdline="bench/run.sh $rows"
[ -n "${BASELINE:-}" ] && cmdline="BASELINE=$BASELINE $cmdline"
[ -n "$peer" ] && cmdline="PEER=$peer $cmdline"
[ -n "$national" ] && cmdline="NATIONAL=1 $cmdline"

# --- helpers ---------------------------------------------------------------

cpu_model() { grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'; }
mem_total() { awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo; }
mem_avail_kb() { awk '/MemAvailable/ {print $2}' /proc/meminfo; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
machine_short() { echo "nproc $(nproc), $(cpu_model), $(mem_total)"; }

# timed OUT ERR CMD...: runs CMD under /usr/bin/time -v (its report in ERR,
# standard output in OUT) and sets T_WALL (s), T_CPU (user+sys s), T_RSS (KB).
timed() {
  local out=$1 err=$2
  shift 2
  if ! /usr/bin/time -v "$@" >"$out" 2>"$err"; then
    tail -n 30 "$err" >&2
    die "failed: $*"
  fi
  read -r T_WALL T_CPU T_RSS <<<"$(awk -F': ' '
    /Elapsed \(wall clock\)/ {n=split($2,a,":"); w=0; for(i=1;i<=n;i++) w=w*60+a[i]}
    /User time/ {u=$2} /System time/ {s=$2} /Maximum resident/ {r=$2}
    END {printf "%.2f %.2f %d\n", w, u+s, r}' "$err")"
  [ -n "$T_RSS" ] || die "no figures from /usr/bin/time in $err"
}

# timed_report OUT ERR BINARY FILE TRACTS: the full report, as a user runs it.
# The report is written to $report_out.
timed_report() { timed "$1" "$2" "$3" report "$4" --tracts "$5" --out "$report_out"; }
report_out=$work/report

# stats: median, min and max of the numbers on standard input.
stats() { sort -g | awk '{v[NR]=$1} END {m = NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2; printf "%s %s %s\n", m, v[1], v[NR]}'; }
gb() { awk -v k="$1" 'BEGIN {printf "%.1f", k/1048576}'; }
mb() { awk -v k="$1" 'BEGIN {printf "%.0f", k/1024}'; }
bpr() { awk -v k="$1" -v n="$2" 'BEGIN {printf "%.0f", k*1024/n}'; }
# cpu_busy: CPU seconds used so far by everything on the machine (user,
# nice, system, irq, softirq and steal, from /proc/stat).
cpu_busy() { awk -v hz="$(getconf CLK_TCK)" '/^cpu / {printf "%.2f\n", ($2+$3+$4+$7+$8+$9)/hz; exit}' /proc/stat; }
now() { date +%s.%N; }

# other_share BUSY0 BUSY1 T0 T1 OWN: the share (%) of the CPUs that other
# work used between T0 and T1: all CPU time minus OWN, that of the runs
# measured.
other_share() {
  awk -v b0="$1" -v b1="$2" -v t0="$3" -v t1="$4" -v own="$5" -v n="$(nproc)" \
    'BEGIN {x = (b1 - b0 - own) / ((t1 - t0) * n); if (x < 0) x = 0; printf "%.0f", 100*x}'
}

# busy: how much other work ran during the peer runs. wioa uses all cores and
# fread one thread (its default here), so other work skews the wall ratio;
# the CPU ratio is steadier, and pairs with other work ≤ 10 % are given apart.
busy() {
  local all
  all=$(other_share "$peer_busy0" "$peer_busy1" "$peer_t0" "$peer_t1" "$(awk '{s += $3 + $6} END {print s}' "$work/peer.runs")")
  if [ "$all" -gt 10 ]; then
    echo "- **other work was running**: it used $all % of the $(nproc) CPUs during these runs (per pair in the table), so the wall ratio is unreliable. Over the $quiet_n pairs with other work ≤ 10 %: ${quiet:-none}. CPU time ratio wioa/data.table: median $qc_m (range $qc_lo–$qc_hi)."
  else
    echo "- other work used $all % of the $(nproc) CPUs during these runs; CPU time ratio wioa/data.table: median $qc_m (range $qc_lo–$qc_hi)."
  fi
}
verdict() { awk -v x="$1" -v t="$2" 'BEGIN {print (x <= t) ? "met" : "not met"}'; }

# section PREFIX: the section of the previous results file whose heading
# starts with "## PREFIX", up to the next "## " heading (empty if none).
section() {
  [ -f "$results" ] || return 0
  awk -v p="## $1" 'index($0, p) == 1 {keep=1; print; next} /^## / {keep=0} keep' "$results"
}

have_datatable() { command -v Rscript >/dev/null 2>&1 && Rscript -e 'suppressPackageStartupMessages(library(data.table))' >/dev/null 2>&1; }

ensure_datatable() {
  if have_datatable; then return 0; fi
  local pkgs="r-base-core r-cran-data.table" sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null ||
      die "PEER=datatable needs R's data.table: install $pkgs (apt-get) or run as root"
    sudo="sudo"
  fi
  echo "bench/run.sh: installing $pkgs from Debian" >&2
  if ! $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $pkgs >&2; then
    $sudo apt-get update >&2
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $pkgs >&2
  fi
  have_datatable || die "data.table still does not load in R after installing $pkgs"
}

r_versions() { # "R x.y.z; data.table a.b.c; getDTthreads() n"
  Rscript -e 'suppressPackageStartupMessages(library(data.table))' \
    -e "th <- '$peer_threads'; if (nzchar(th)) setDTthreads(as.integer(th))" \
    -e 'cat(sprintf("%s; data.table %s; getDTthreads() %d\n", sub("R version ([^ ]+).*", "R \\1", R.version.string), format(packageVersion("data.table")), getDTthreads()))'
}

# The peer: fread(select=…) of the columns in COLSFILE; prints one line
# (threads, rows, columns, fread's own seconds, a sum) that is checked.
write_fread_script() {
  cat > "$work/fread.R" <<'EOF'
# bench/run.sh PEER=datatable: Rscript fread.R FILE COLSFILE ROWS [THREADS]
a <- commandArgs(trailingOnly = TRUE)
suppressPackageStartupMessages(library(data.table))
if (length(a) >= 4 && nzchar(a[4])) setDTthreads(as.integer(a[4]))
cols <- readLines(a[2])
t <- system.time(x <- fread(a[1], select = cols, showProgress = FALSE))[["elapsed"]]
num <- which(vapply(x, is.numeric, TRUE))
s <- if (length(num)) sum(as.numeric(x[[num[length(num)]]]), na.rm = TRUE) else NA
cat(sprintf("threads=%d rows=%d cols=%d fread_s=%.3f sum=%.10g\n", getDTthreads(), nrow(x), ncol(x), t, s))
if (nrow(x) != as.integer(a[3]) || ncol(x) != length(cols)) {
  message(sprintf("fread read %d rows and %d columns; expected %s and %d", nrow(x), ncol(x), a[3], length(cols)))
  quit(status = 3)
}
EOF
}

# timed_fread OUT ERR FILE COLSFILE ROWS
timed_fread() { timed "$1" "$2" Rscript "$work/fread.R" "$3" "$4" "$5" "$peer_threads"; }

fread_field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" "$2"; }

# --- NATIONAL=1: one run on a generated file, removed afterwards -------------

if [ -n "$national" ]; then
  [ -n "$peer" ] && ensure_datatable
  tmpbase=${NATIONAL_TMP:-${TMPDIR:-/tmp}}
  mkdir -p "$tmpbase"
  # Disk: the generated file is ~500 bytes a row (9,990,920,681 bytes at 20M).
  need_kb=$(( rows / 1024 * 500 * 11 / 10 + 1048576 ))
  avail_kb=$(df -Pk "$tmpbase" | awk 'NR==2 {print $4}')
  if [ "$avail_kb" -lt "$need_kb" ]; then
    die "NATIONAL=1 with $rows rows needs about $(gb "$need_kb") GB free in $tmpbase; $(gb "$avail_kb") GB are free (set NATIONAL_TMP to another folder)"
  fi
  # Memory: the report's bytes a row measured by the last plain run of at
  # least 1M rows in WORKDIR, else 300.
  wioa_bpr=$(cat "$work/wioa.bpr" 2>/dev/null || echo 300)
  need_mem_kb=$(( rows * wioa_bpr / 1024 * 5 / 4 ))
  if [ "$(mem_avail_kb)" -lt "$need_mem_kb" ] && [ -z "${FORCE:-}" ]; then
    die "NATIONAL=1 with $rows rows needs about $(gb "$need_mem_kb") GB of memory ($wioa_bpr bytes a row, +25 %); $(gb "$(mem_avail_kb)") GB are available (FORCE=1 runs anyway)"
  fi
  tmp=$(mktemp -d "$tmpbase/wioa-national.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  trap 'exit 130' INT TERM
  report_out=$tmp/report
  load_start=$(loadavg)
  disk_start=$(( avail_kb / 1048576 ))
  echo "bench/run.sh: generating $rows rows into $tmp" >&2
  gen_t0=$(date +%s.%N)
  "$work/wioa" generate --rows "$rows" --seed 1 --tracts 1000 --out "$tmp/data" >/dev/null
  gen_s=$(awk -v a="$gen_t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b-a}')
  size=$(stat -c %s "$tmp/data/pirl.csv")
  cat "$tmp/data/pirl.csv" > /dev/null # into the page cache (as far as it fits)
  echo "bench/run.sh: running the report" >&2
  timed_report "$tmp/report.out" "$tmp/time-wioa.txt" "$work/wioa" "$tmp/data/pirl.csv" "$tmp/data/tracts.csv"
  nw=$T_WALL nc=$T_CPU nr=$T_RSS
  peer_row=""
  peer_note=""
  if [ -n "$peer" ]; then
    write_fread_script
    "$work/readcols" "$tmp/data/pirl.csv" > "$tmp/cols.txt"
    # fread maps the file, so its peak RSS (peer.bpr, from the last plain
    # PEER run of at least 1M rows) counts the file's pages too; those are
    # page cache, reclaimable. The rest, +25 %, must be free.
    dt_bpr=$(cat "$work/peer.bpr" 2>/dev/null || echo 1500)
    dt_anon=$(( dt_bpr - size / rows ))
    [ "$dt_anon" -lt 300 ] && dt_anon=300
    need_dt_kb=$(( rows * dt_anon / 1024 * 5 / 4 ))
    if [ "$(mem_avail_kb)" -lt "$need_dt_kb" ]; then
      peer_note="data.table's fread was not run: beyond the mapped file, at $dt_anon bytes a row (+25 %), it needs about $(gb "$need_dt_kb") GB of memory and $(gb "$(mem_avail_kb)") GB were available."
    else
      echo "bench/run.sh: running fread" >&2
      timed_fread "$tmp/fread.out" "$tmp/time-fread.txt" "$tmp/data/pirl.csv" "$tmp/cols.txt" "$rows"
      pw=$T_WALL pc=$T_CPU pr=$T_RSS
      peer_row="| R data.table \`fread(select=…)\` of $(wc -l < "$tmp/cols.txt") columns, getDTthreads() $(fread_field threads "$tmp/fread.out") | $pw | $pc | $(mb "$pr") | $(bpr "$pr" "$rows") |"
      peer_note="fread() alone (inside R): $(fread_field fread_s "$tmp/fread.out") s. Ratio wioa/data.table wall: $(awk -v a="$nw" -v b="$pw" 'BEGIN {printf "%.2f", a/b}') (target ≤ 0.33: $(verdict "$(awk -v a="$nw" -v b="$pw" 'BEGIN {printf "%.4f", a/b}')" 0.33))."
    fi
  fi
  load_end=$(loadavg)
  national_section=$(
    echo "## National scale (NATIONAL=1)"
    echo
    echo "Measured by \`$cmdline\` on $today at commit $commit; machine: $(machine_short); $(go version | cut -d' ' -f3); load average (1, 5, 15 min) $load_start at start, $load_end at end; $disk_start GB free disk before."
    echo "Input: \`wioa generate --rows $rows --seed 1 --tracts 1000\` into a temporary folder ($size bytes, $(( size / rows )) bytes a row; generated in $gen_s s; removed afterwards), read once into the page cache. One run each."
    echo
    echo "| program | wall s | CPU s (user+sys) | peak RSS MB | peak RSS bytes/row |"
    echo "|---|---|---|---|---|"
    echo "| full \`wioa report\` | $nw | $nc | $(mb "$nr") | $(bpr "$nr" "$rows") |"
    [ -n "$peer_row" ] && echo "$peer_row"
    echo
    echo "Target (issue 17): peak RSS ≤ 150 bytes a row: $(verdict "$(bpr "$nr" "$rows")" 150)."
    [ -n "$peer_note" ] && echo "$peer_note"
    true
  )
fi

# --- plain mode: the 2M-row file, plain, gzip, half (and the peer) ----------

if [ -z "$national" ]; then
  [ -n "$peer" ] && ensure_datatable
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
  load_start=$(loadavg)

  # measure FILE LABEL [BINARY]: best wall time of 3 runs, with that run's
  # CPU time and peak RSS.
  measure() {
    local best="" rss="" cpu="" bin=${3:-$work/wioa}
    for _ in 1 2 3; do
      timed_report /dev/null "$work/time.txt" "$bin" "$1" "$work/tracts.csv"
      if [ -z "$best" ] || awk "BEGIN{exit !($T_WALL < $best)}"; then
        best=$T_WALL cpu=$T_CPU rss=$T_RSS
      fi
    done
    echo "| $2 | $best | $cpu | $(mb "$rss") |"
    # Bytes a row, for NATIONAL=1's memory check (not from small files:
    # their fixed costs would inflate it).
    [ -z "${3:-}" ] && [ "$1" = "$work/pirl.csv" ] && [ "$rows" -ge 1000000 ] && bpr "$rss" "$rows" > "$work/wioa.bpr"
    true
  }

  plain=$(measure "$work/pirl.csv" "pirl.csv ($(du -m "$work/pirl.csv" | cut -f1) MB)")
  gz=$(measure "$work/pirl.csv.gz" "pirl.csv.gz ($(du -m "$work/pirl.csv.gz" | cut -f1) MB)")
  halfrow=$(measure "$work/half.csv" "first $half rows ($(du -m "$work/half.csv" | cut -f1) MB)")
  if [ -n "$baseline" ]; then
    bplain=$(measure "$work/pirl.csv" "pirl.csv, at $baseline" "$work/wioa-baseline")
    bgz=$(measure "$work/pirl.csv.gz" "pirl.csv.gz, at $baseline" "$work/wioa-baseline")
  fi

  if [ -n "$peer" ]; then
    write_fread_script
    "$work/readcols" "$work/pirl.csv" > "$work/cols.txt"
    ncols=$(wc -l < "$work/cols.txt")
    peer_load_start=$(loadavg)
    peer_busy0=$(cpu_busy) peer_t0=$(now)
    : > "$work/peer.runs"
    for i in $(seq "$peer_runs"); do
      pb0=$(cpu_busy) pt0=$(now)
      timed_report /dev/null "$work/time-wioa.txt" "$work/wioa" "$work/pirl.csv" "$work/tracts.csv"
      w1=$T_WALL c1=$T_CPU r1=$T_RSS
      timed_fread "$work/fread.out" "$work/time-fread.txt" "$work/pirl.csv" "$work/cols.txt" "$rows"
      w2=$T_WALL c2=$T_CPU r2=$T_RSS
      other=$(other_share "$pb0" "$(cpu_busy)" "$pt0" "$(now)" "$(awk -v a="$c1" -v b="$c2" 'BEGIN {print a+b}')")
      echo "$i $w1 $c1 $r1 $w2 $c2 $r2 $(awk -v a="$w1" -v b="$w2" 'BEGIN {printf "%.3f", a/b}') $(fread_field fread_s "$work/fread.out") $(fread_field threads "$work/fread.out") $(awk -v a="$c1" -v b="$c2" 'BEGIN {printf "%.3f", a/b}') $other" >> "$work/peer.runs"
      echo "bench/run.sh: pair $i: wioa $w1 s, fread $w2 s; other work $other % of the CPUs" >&2
    done
    peer_busy1=$(cpu_busy) peer_t1=$(now)
    peer_load_end=$(loadavg)
    col() { awk -v k="$1" '{print $k}' "$work/peer.runs" | stats; }
    read -r ww_m ww_lo ww_hi <<<"$(col 2)"
    read -r wc_m wc_lo wc_hi <<<"$(col 3)"
    read -r wr_m wr_lo wr_hi <<<"$(col 4)"
    read -r pw_m pw_lo pw_hi <<<"$(col 5)"
    read -r pc_m pc_lo pc_hi <<<"$(col 6)"
    read -r pr_m pr_lo pr_hi <<<"$(col 7)"
    read -r q_m q_lo q_hi <<<"$(col 8)"
    read -r fs_m fs_lo fs_hi <<<"$(col 9)"
    read -r qc_m qc_lo qc_hi <<<"$(col 11)"
    read -r ot_m ot_lo ot_hi <<<"$(col 12)"
    quiet_n=$(awk '$12 <= 10' "$work/peer.runs" | wc -l)
    quiet=""
    [ "$quiet_n" -gt 0 ] && read -r quiet_m quiet_lo quiet_hi <<<"$(awk '$12 <= 10 {print $8}' "$work/peer.runs" | stats)" &&
      quiet="$quiet_m (range $quiet_lo–$quiet_hi)"
    dt_threads=$(awk '{print $10}' "$work/peer.runs" | sort -u | paste -sd/)
    th_how="data.table's default"
    [ -n "$peer_threads" ] && th_how="PEER_THREADS=$peer_threads"
    [ "$rows" -ge 1000000 ] && bpr "$pr_hi" "$rows" > "$work/peer.bpr"
    peer_section=$(
      echo "## Peer: R data.table (PEER=datatable)"
      echo
      echo "Measured by \`$cmdline\` on $today at commit $commit; machine: $(machine_short); load average (1, 5, 15 min) $peer_load_start at start, $peer_load_end at end."
      echo "$(r_versions | sed 's/getDTthreads() [0-9]*$//')threads used (getDTthreads()): $dt_threads ($th_how)."
      echo "The full \`wioa report\` and \`Rscript -e 'fread(FILE, select = cols)'\` of the $ncols columns the report reads (\`go run ./bench/readcols FILE\`), alternating in one run (wioa first), $peer_runs runs each, page cache warm, whole processes under \`/usr/bin/time -v\` (R's start-up and \`library(data.table)\` included). fread's result is checked: rows and columns, and a column summed."
      echo
      echo "| run | wioa wall s | wioa CPU s | wioa peak RSS MB | fread wall s | fread CPU s | fread peak RSS MB | fread() alone s | wall ratio wioa/fread | CPU ratio wioa/fread | other work, % of CPUs |"
      echo "|---|---|---|---|---|---|---|---|---|---|---|"
      while read -r i w1 c1 r1 w2 c2 r2 q fs th qc ot; do
        echo "| $i | $w1 | $c1 | $(mb "$r1") | $w2 | $c2 | $(mb "$r2") | $fs | $q | $qc | $ot |"
      done < "$work/peer.runs"
      echo "| median | $ww_m | $wc_m | $(mb "$wr_m") | $pw_m | $pc_m | $(mb "$pr_m") | $fs_m | $q_m | $qc_m | $ot_m |"
      echo "| range | $ww_lo–$ww_hi | $wc_lo–$wc_hi | $(mb "$wr_lo")–$(mb "$wr_hi") | $pw_lo–$pw_hi | $pc_lo–$pc_hi | $(mb "$pr_lo")–$(mb "$pr_hi") | $fs_lo–$fs_hi | $q_lo–$q_hi | $qc_lo–$qc_hi | $ot_lo–$ot_hi |"
      echo
      echo "Targets (issue 17), on $rows rows:"
      echo "- full report ≤ 0.33 × data.table's wall time: ratio median $q_m (range $q_lo–$q_hi): $(verdict "$q_m" 0.33)."
      busy
      echo "- peak RSS ≤ 150 bytes a row: wioa $(bpr "$wr_m" "$rows") bytes a row (median; range $(bpr "$wr_lo" "$rows")–$(bpr "$wr_hi" "$rows")): $(verdict "$(bpr "$wr_m" "$rows")" 150); data.table $(bpr "$pr_m" "$rows")."
      echo
      echo "fread maps the file: its peak RSS includes the file's pages ($(du -m "$work/pirl.csv" | cut -f1) MB of page cache; a one-column fread peaks near that); wioa reads the file through a buffer."
      echo
      echo "Columns read: $(sed 's/.*/`&`/' "$work/cols.txt" | paste -sd' ' | sed 's/` `/`, `/g')."
    )
  fi
  read_bench=$(cd "$root" && WIOA_BENCH_FILE="$work/pirl.csv" go test ./analysis/pirl -run '^$' -bench ReadFile -benchtime 3x 2>/dev/null | grep ^Benchmark || true)
  load_end=$(loadavg)

  full_section=$(
    echo "## Full report (best of 3)"
    echo
    echo "Measured by \`$cmdline\` on $today at commit $commit; machine: $(machine_short); load average (1, 5, 15 min) $load_start at start, $load_end at end."
    echo "Input: \`wioa generate --rows $rows --seed 1 --tracts 1000\` (310 columns, mostly empty), in the page cache."
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
  )
  reader_section=$(
    echo "## Reader alone (\`go test ./analysis/pirl -bench ReadFile\`)"
    echo
    echo '```'
    echo "$read_bench"
    echo '```'
    echo
    echo "Profile a run with the hidden flags: \`wioa report FILE --cpuprofile cpu.out --memprofile mem.out\`, then \`go tool pprof -top wioa cpu.out\`;"
    echo "time each stage with \`go run ./bench/phases FILE TRACTS\` (\`PHASES_PROFILE=read\` etc. profiles one stage)."
  )
fi

# --- RESULTS.md --------------------------------------------------------------

# Sections this run did not measure, and hand-written notes, are kept.
[ -z "${full_section:-}" ] && full_section=$(section "Full report")
[ -z "${peer_section:-}" ] && peer_section=$(section "Peer")
[ -z "${national_section:-}" ] && national_section=$(section "National scale")
[ -z "${reader_section:-}" ] && reader_section=$(section "Reader alone")
notes=""
if [ -f "$results" ]; then
  notes=$(awk '/^## Notes/ {keep=1} keep' "$results")
fi
rv="not installed"
have_datatable && rv=$(r_versions)

out=$(
  echo "# Benchmark: full \`wioa report\` at national scale"
  echo
  echo "Rewritten by \`bench/run.sh\` (last: \`$cmdline\` on $today at commit $commit); each section says when and how it was measured. Usage: see the top of bench/run.sh."
  echo "Input: \`wioa generate --rows N --seed 1 --tracts 1000\` (310 columns, mostly empty), in the page cache."
  echo "Targets: issue 6 (2,000,000 rows): ≤ 2.5 s wall, ≤ 600 MB peak RSS; gzip ≤ 2× plain."
  echo "Issue 17: full report ≤ 0.33 × R data.table's \`fread(select=…)\` wall time (PEER=datatable, alternating, same file); peak RSS ≤ 150 bytes a row (≤ 300 MB at 2M rows, ≤ 3 GB at 20M); the 20M-row file on a 24 GB, 2-core machine (NATIONAL=1)."
  echo
  echo "## Machine"
  echo
  echo "Of the last run."
  echo
  echo "- CPUs (nproc): $(nproc); model: $(cpu_model)"
  echo "- memory: $(mem_total)"
  echo "- $(go version)"
  echo "- R and data.table: $rv"
  echo "- load average (1, 5, 15 min) at start: $load_start; at end: $(loadavg)"
  for s in "$full_section" "$peer_section" "$national_section" "$reader_section"; do
    if [ -n "$s" ]; then
      echo
      echo "$s"
    fi
  done
  if [ -n "$notes" ]; then
    echo
    echo "$notes"
  fi
)
echo "$out" > "$results"
cat "$results"
