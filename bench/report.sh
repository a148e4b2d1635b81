#!/usr/bin/env bash
# Turns the raw figures of bench/run.sh into the results file and its chart.
#   report.sh DATA SERVERS RESULTS.md CHART.png COMMAND DURATION WARMUP RUNS THREADS BYTES SKIPPED STARTS
# DATA rows:    target store n operation connections run rps p50 p99 p999 non2xx socket_errors
#               cpu_us_per_request; target is service, floor, floor-log or nginx, and the baselines'
#               store and n are those of the round they were measured in
# SERVERS rows: store n entries startup_ms peak_rss_mib load_ms gc_pauses full_gcs gc_pause_ms
#               heap_after_last_gc_mib max_heap note
# STARTS rows:  none|archive startup_ms (config.yml, without and with the class archive)
set -euo pipefail

DATA=$1 SERVERS=$2 RESULTS=$3 CHART=$4 COMMAND=$5 DURATION=$6 WARMUP=$7 RUNS=$8 THREADS=$9
BYTES=${10} SKIPPED=${11} STARTS=${12}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# One row per store/N/operation/connections of the service and per baseline of that round (its
# operation named "floor: get", "floor-log: get", "nginx: static"): the mean of the runs
# (throughput, latencies, CPU µs per request) and the sum of failures. Then the ratios to nginx and
# to the floor (request log off) of the same round at the same connections: throughput ratio and
# CPU-per-request ratio.
# mean.tsv: store n op c rps p50 p99 p999 non2xx sock rps/nginx cpu_us cpu/nginx rps/floor cpu/floor
awk -F'\t' -v OFS='\t' '
  {
    op = ($1 == "service") ? $4 : $1 ": " $4
    key = $2 SUBSEP $3 SUBSEP op SUBSEP $5
    if (!(key in runs)) order[++count] = key
    runs[key]++; rps[key] += $7; p50[key] += $8; p99[key] += $9; p999[key] += $10
    non2xx[key] += $11; sock[key] += $12; cpu[key] += $13
    if ($1 == "nginx" || $1 == "floor") {
      base = $1 SUBSEP $2 SUBSEP $3 SUBSEP $5
      brps[base] += $7; bcpu[base] += $13; bruns[base]++
    }
  }
  function ratio(a, b) { return b > 0 ? a / b : 0 }
  END {
    for (i = 1; i <= count; i++) {
      key = order[i]; split(key, k, SUBSEP); r = runs[key]
      ng = "nginx" SUBSEP k[1] SUBSEP k[2] SUBSEP k[4]; fl = "floor" SUBSEP k[1] SUBSEP k[2] SUBSEP k[4]
      nr = (ng in bruns) ? brps[ng] / bruns[ng] : 0; nc = (ng in bruns) ? bcpu[ng] / bruns[ng] : 0
      fr = (fl in bruns) ? brps[fl] / bruns[fl] : 0; fc = (fl in bruns) ? bcpu[fl] / bruns[fl] : 0
      print k[1], k[2], k[3], k[4], rps[key] / r, p50[key] / r, p99[key] / r, p999[key] / r,
        non2xx[key], sock[key], ratio(rps[key] / r, nr), cpu[key] / r, ratio(cpu[key] / r, nc),
        ratio(rps[key] / r, fr), ratio(cpu[key] / r, fc)
    }
  }' "$DATA" >"$WORK/mean.tsv"
awk -F'\t' -v OFS='\t' '$1 == "nginx" {
    r[$5] += $7; n[$5]++; p50[$5] += $8; p99[$5] += $9; p999[$5] += $10; e[$5] += $11 + $12; c[$5] += $13 }
  END { for (k in r) print k, r[k] / n[k], p50[k] / n[k], p99[k] / n[k], p999[k] / n[k], e[k], c[k] / n[k] }' \
  "$DATA" | sort -n >"$WORK/nginx.tsv"

# startup_stats none|archive: "starts min median max" of those starts in ms; nothing without any.
startup_stats() {
  awk -F'\t' -v k="$1" '$1 == k {print $2}' "$STARTS" | sort -n |
    awk '{ v[NR] = $1 } END { if (NR) print NR, v[1], v[int((NR + 1) / 2)], v[NR] }'
}

cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
mem=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
java_version=$(java -version 2>&1 | head -1)
chart_name=$(basename "$CHART")

{
  echo "# Benchmark results, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Written by \`bench/run.sh\`; see the Benchmark section of the README for what it does."
  echo
  echo "## Machine and command"
  echo
  echo "- CPUs (\`nproc\`): $(nproc); $cpu"
  echo "- memory: $mem; kernel $(uname -r)"
  echo "- Java: $java_version; the service ran with \`${JAVA_OPTIONS_USED:-the JVM options of the ops deployments}\`"
  echo "- command: \`$COMMAND\`"
  echo "- wrk: $THREADS threads; warm-up $WARMUP, then $RUNS measured run(s) of $DURATION each;" \
    "figures are the mean of the runs, failures their sum"
  echo "- load average when the report was written: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- wrk, the server and nginx share the machine; absolute figures move between runs," \
    "ratios to nginx less so"
  [[ -n $SKIPPED ]] && echo "- $SKIPPED"
  echo
  echo "![throughput and p99 per operation and store]($chart_name)"
  echo
  echo "## Baseline: nginx serving the bytes of a GET answer ($BYTES bytes) as a static file"
  echo
  echo "The mean over all rounds; each round's own nginx figures are in the tables of the stores."
  echo
  echo "| connections | requests/s | CPU µs/request | p50 ms | p99 ms | p99.9 ms | failures |"
  echo "|---:|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' '{printf "| %s | %.0f | %.1f | %.2f | %.2f | %.2f | %d |\n", $1, $2, $7, $3, $4, $5, $6}' "$WORK/nginx.tsv"
  echo
  echo "## The service"
  echo
  echo "Operations: \`get\` GET /addresses/{id} (random existing ids), \`page\` GET" \
    "/addresses?limit=100 (the first page or one after a cursor the service issued), \`put\` PUT" \
    "/addresses/{id} (random existing ids), \`post\` POST /addresses. N is the book's size when the" \
    "measurements of that store began; the post runs grow it. Non-2xx counts answers of 400 and more" \
    "(wrk's status errors); socket errors are connect, read, write errors and timeouts." \
    "Each store/N is a round: after its runs, the framework floor (bench/floor, Dropwizard alone" \
    "answering GET /addresses/{id} with the same bytes) with Dropwizard's request log off" \
    "(\`floor: get\`) and on (\`floor-log: get\`), and nginx (\`nginx: static\`) are measured." \
    "CPU µs/request: the server process's user + system CPU time over each measured run (all nginx" \
    "workers for nginx) divided by the requests wrk counted. × nginx and × floor: requests/s and" \
    "CPU per request divided by those of nginx and of the floor in the same round at the same" \
    "connections."
  for store in $(cut -f1 "$WORK/mean.tsv" | uniq); do
    for n in $(awk -F'\t' -v s="$store" '$1 == s {print $2}' "$WORK/mean.tsv" | uniq); do
      echo
      echo "### $store, N = $n"
      echo
      echo "| operation | connections | requests/s | CPU µs/request | rps × nginx | CPU × nginx | rps × floor | CPU × floor | p50 ms | p99 ms | p99.9 ms | non-2xx | socket errors |"
      echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
      awk -F'\t' -v s="$store" -v n="$n" '$1 == s && $2 == n {
          printf "| %s | %s | %.0f | %.1f | %.3f | %.2f | %.3f | %.2f | %.2f | %.2f | %.2f | %d | %d |\n",
            $3, $4, $5, $12, $11, $13, $14, $15, $6, $7, $8, $9, $10
        }' "$WORK/mean.tsv"
    done
  done
  echo
  echo "## Start-up of the default configuration"
  echo
  echo "\`java -jar target/addrservice.jar server config.yml\` with the ops JVM options, from the start" \
    "of java to the first 200 of the readiness check on the admin port, on a new SQLite file; the" \
    "starts without and with the class archive (\`ops/cds/create-archive.sh\`) alternate."
  echo
  echo "| class archive | starts | min ms | median ms | max ms |"
  echo "|---|---:|---:|---:|---:|"
  for kind in none archive; do
    startup_stats "$kind" | awk -v k="$kind" \
      '{ printf "| %s | %d | %d | %d | %d |\n", (k == "none" ? "without" : "with"), $1, $2, $3, $4 }'
  done
  echo
  echo "## Each server process"
  echo
  echo "Start-up: as above, on the bench config with the archive and an empty store. Peak RSS: VmHWM" \
    "of the process after all its runs. Load: filling the book with POST /addresses through wrk (16" \
    "connections) and walking it to collect ids and cursors. GC: from the process's \`-Xlog:gc\`" \
    "file, every pause of the whole life of the process, loading included."
  echo
  echo "| store | N | entries found | start-up ms | peak RSS MiB | load ms | heap | GC pauses | full GCs | GC pause ms | heap after last GC MiB | note |"
  echo "|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|"
  awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | `%s` | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $11, $7, $8, $9, $10, $12}' "$SERVERS"
  echo
  echo "## Targets of the issue"
  echo
  awk -F'\t' -v OFS='\t' '
    FILENAME == ARGV[1] { m[$1, $2, $3, $4] = $0; next }
    { s[$1, $2] = $0 }
    END {
      for (key in m) {
        split(m[key], f, "\t")
        if (f[3] == "get" && f[4] == 64 && (f[1] == "memory" || f[1] == "sqlite"))
          printf "- GET by id, %s, N = %s, 64 connections: %.1f%% of nginx (target 30%%, %s; %.1f points from 50%%), p99 %.2f ms (target < 10 ms, %s)\n",
            f[1], f[2], 100 * f[11], (f[11] >= 0.3 ? "met" : "missed"), 50 - 100 * f[11], f[7], (f[7] < 10 ? "met" : "missed")
        if ((f[3] == "post" || f[3] == "put") && f[4] == 64 && f[1] == "sqlite")
          printf "- %s on sqlite, N = %s, 64 connections: %.0f requests/s (target 5000, %s, %.0f%% of it)\n",
            toupper(f[3]), f[2], f[5], (f[5] >= 5000 ? "met" : "missed"), 100 * f[5] / 5000
      }
      for (key in m) {
        split(m[key], f, "\t")
        if (f[3] != "page" || f[2] != 1000) continue
        big = f[1] SUBSEP 100000 SUBSEP "page" SUBSEP f[4]
        if (big in m) {
          split(m[big], g, "\t")
          printf "- a page of 100, %s, %s connections: p50 %.2f ms at N = 100000, %.2f ms at N = 1000, %.2f× (target ≤ 1.2×, %s)\n",
            f[1], f[4], g[6], f[6], g[6] / f[6], (g[6] / f[6] <= 1.2 ? "met" : "missed")
        }
      }
      for (key in s) {
        split(s[key], f, "\t")
        if (f[2] != 100000) continue
        if (f[1] == "memory")
          printf "- %s, N = %s: peak RSS %s MiB with `%s` (the memory store is not an ops store; the target applies to the ops heap)\n", f[1], f[2], f[5], f[11]
        else
          printf "- %s, N = %s: peak RSS %s MiB with the ops heap `%s` (target < 300 MB = 286 MiB, %s)\n",
            f[1], f[2], f[5], f[11], (f[5] != "-" && f[5] + 0 < 286 ? "met" : "missed")
      }
    }' "$WORK/mean.tsv" "$SERVERS" | sort
  for kind in none archive; do
    startup_stats "$kind" | awk -v k="$kind" '{
        printf "- start-up of config.yml %s the class archive: median %d ms of %d starts (target < 2000 ms, %s)\n",
          (k == "none" ? "without" : "with"), $3, $1, ($3 < 2000 ? "met" : "missed")
      }'
  done
} >"$RESULTS"

# The chart: throughput (top) and p99 (bottom) for each store/N at each connection count, one bar
# group per operation.
awk -F'\t' '{print $1 " N=" $2 " c=" $4 "\t" $3 "\t" $5 "\t" $7}' "$WORK/mean.tsv" >"$WORK/chart.tsv"
series=$(cut -f1 "$WORK/chart.tsv" | awk '!seen[$0]++')
ops="get page put post"
{
  printf 'series'
  for op in $ops; do printf '\t%s' "$op"; done
  printf '\n'
} >"$WORK/rps.dat"
cp "$WORK/rps.dat" "$WORK/p99.dat"
while IFS= read -r s; do
  for file in rps p99; do
    col=$([[ $file == rps ]] && echo 3 || echo 4)
    printf '"%s"' "$s" >>"$WORK/$file.dat"
    for op in $ops; do
      v=$(awk -F'\t' -v s="$s" -v op="$op" -v c="$col" '$1 == s && $2 == op {print $c}' "$WORK/chart.tsv")
      printf '\t%s' "${v:-0}" >>"$WORK/$file.dat"
    done
    printf '\n' >>"$WORK/$file.dat"
  done
done <<<"$series"
nginx_line=$(awk -F'\t' '{printf "%s%s c=%s %.0f req/s", (NR > 1 ? "; " : ""), "nginx", $1, $2}' "$WORK/nginx.tsv")

gnuplot <<EOF
set terminal pngcairo size 1400,1000 font ",10"
set output "$CHART"
set multiplot layout 2,1 title "addrservice: the mean of the runs per operation ($nginx_line)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set datafile separator "\t"
set key outside right top
set xtics rotate by -30 left
set grid ytics
set ylabel "requests/s"
set yrange [0:*]
set title "throughput"
plot for [i=2:5] "$WORK/rps.dat" using i:xtic(1) title columnheader(i)
set ylabel "p99 latency (ms)"
set title "p99 latency"
set logscale y
set yrange [*:*]
plot for [i=2:5] "$WORK/p99.dat" using i:xtic(1) title columnheader(i)
unset multiplot
EOF
