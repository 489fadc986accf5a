#!/usr/bin/env bash
# Static-analysis benchmark of the Gridlock SpotBugs plugin (issue #5).
#
# Runs SpotBugs 4.9.8 (FindBugs2 text UI, default effort) over a pinned corpus of concurrency-heavy
# libraries (bench/pom.xml), in three variants, alternating, on the same classes and aux classpath:
#   base    SpotBugs alone, its own detectors
#   plugin  SpotBugs + the Gridlock plugin (-pluginList)
#   glonly  the Gridlock plugin's detectors only (-pluginList ... -visitors <the 5 Gridlock detectors>)
# and records, per run: wall, user+sys CPU, peak RSS (/usr/bin/time -v), classes analysed, GC-log heap
# figures, SpotBugs' own per-detector profile (the XML's <FindBugsProfile>), and the load average.
#
# Usage:
#   bench/static-bench.sh --smoke              commons-pool2 only, 1 iteration, glonly; <1 min; exit 1 if the run
#                                              failed, wrote no XML, analysed no class, or logged a Gridlock error
#   bench/static-bench.sh [-n N]               full corpus, N (default 3) x {base, plugin, glonly}
#   bench/static-bench.sh --side-by-side [-n N] full corpus, N (default 3) pairs of base and plugin run at the same
#                                              time, each pinned to its own CPU (taskset; the CPUs swap every pair,
#                                              one CPU each, -XX:ActiveProcessorCount=1; the run that ends first
#                                              runs again, untimed, until the other ends): a shared machine's drift
#                                              hits both runs of a pair alike, so their ratio is what is compared
#                                              (--variants base,base: an A/A pair, runs named by CPU, for the
#                                              noise floor of the ratio; --variants plugin,pluginb with --plugin-b
#                                              JAR: two builds of the plugin side by side, to compare a change)
#   bench/static-bench.sh --scale [-n N]       glonly on 1/8, 1/4, 1/2 and all of the corpus (nested jar subsets)
#   bench/static-bench.sh --profile            one plugin run with a JFR recording (Gridlock's whole-program phase)
#   bench/static-bench.sh --report DIR         print the markdown tables for a results folder
# Options: --out DIR (default bench/work/results/<mode>-<timestamp>), --plugin JAR (default
#   detectors/target/gridlock-detectors-0.1.0-SNAPSHOT.jar, copied to the results folder first, so that a
#   rebuild during the series cannot mix plugin versions), --xmx SIZE (default 8g; smoke: 1g),
#   --plugin-b JAR (a second build, variant pluginb), --variants LIST (comma list of base,plugin,pluginb,glonly), --subsets LIST (scale: default 1/8,1/4,1/2,all), --offline (no Maven fetch; use bench/work/ as is).
# Needs: java 17+, mvn 3.8+, python3, /usr/bin/time (optional: without it no RSS/CPU figures).
# The smoke needs no mvn when GL_BENCH_SPOTBUGS_CP (SpotBugs' class path) and GL_BENCH_SMOKE_JAR are set,
# and no python3 (its pass/fail check is grep; python3 only adds the runs.jsonl record).
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
WORK="$BENCH/work"
MODE=full
ITER=3
OUT=""
PLUGIN="$ROOT/detectors/target/gridlock-detectors-0.1.0-SNAPSHOT.jar"
XMX=""
VARIANTS=""
SUBSETS="1/8,1/4,1/2,all"
OFFLINE=0
# FindBugsSummaryStats: core's class counter (fills <FindBugsSummary total_classes>); it reports nothing and costs ~nothing.
# GL_BENCH_VISITORS overrides the list, e.g. to run an older plugin that has fewer detectors.
GL_VISITORS="${GL_BENCH_VISITORS:-RunInsteadOfStartDetector,DaemonAfterStartDetector,LockOrderInversionDetector,ArgumentLockOrderDetector,BlockingWhileLockedDetector,FutureIgnoredDetector,ExecutorNotShutdownDetector,CompletionSignalDetector,ThreadNotJoinedDetector,ThreadPerTaskDetector,DaemonUnfinishedWorkDetector,UnsynchronizedCounterDetector,VolatileCounterDetector,SplitReadModifyWriteDetector,CheckThenActDetector,InconsistentGuardDetector,LockNotReleasedDetector,PermitNotReleasedDetector,UnbalancedReentrantDetector,WaitWithoutLoopDetector,UnlockWithoutLockDetector,LockInsideTryDetector,FindBugsSummaryStats}"
SMOKE_ARTIFACT="org.apache.commons:commons-pool2:2.12.1"

die() { echo "static-bench: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) MODE=smoke; ITER=1 ;;
    --scale) MODE=scale ;;
    --side-by-side) MODE=side ;;
    --profile) MODE=profile; ITER=1 ;;
    --report) MODE=report; OUT="${2:?--report DIR}"; shift ;;
    -n|--iterations) ITER="${2:?}"; shift ;;
    --out) OUT="${2:?}"; shift ;;
    --plugin) PLUGIN="${2:?}"; shift ;;
    --plugin-b) PLUGIN_B="${2:?}"; shift ;;
    --xmx) XMX="${2:?}"; shift ;;
    --variants) VARIANTS="${2:?}"; shift ;;
    --subsets) SUBSETS="${2:?}"; shift ;;
    --offline) OFFLINE=1 ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
  shift
done

if [ "$MODE" = report ]; then
  exec python3 "$BENCH/static-report.py" "$OUT"
fi

command -v java >/dev/null || die "java not found"
if [ "$MODE" != smoke ] || [ -z "${GL_BENCH_SPOTBUGS_CP:-}" ] || [ -z "${GL_BENCH_SMOKE_JAR:-}" ]; then
  command -v mvn >/dev/null || die "mvn not found"
fi
[ "$MODE" = smoke ] || command -v python3 >/dev/null || die "python3 not found"
[ -f "$PLUGIN" ] || die "plugin jar $PLUGIN not found: build it first (mvn -pl detectors package -DskipTests)"

MVN=(mvn -q -B)
[ "$OFFLINE" = 1 ] && MVN+=(-o)
mkdir -p "$WORK"

# ---- SpotBugs' own class path: the provided dependency of detectors/ (test-only jars dropped) ----
# GL_BENCH_SPOTBUGS_CP (a class path) skips Maven for this, e.g. from a build that already resolved it.
SB_CP_FILE="$WORK/spotbugs.classpath"
if [ -n "${GL_BENCH_SPOTBUGS_CP:-}" ]; then
  echo "$GL_BENCH_SPOTBUGS_CP" >"$SB_CP_FILE.env"; SB_CP_FILE="$SB_CP_FILE.env"
elif [ ! -s "$SB_CP_FILE" ] || [ "$ROOT/detectors/pom.xml" -nt "$SB_CP_FILE" ] || [ "$ROOT/pom.xml" -nt "$SB_CP_FILE" ]; then
  "${MVN[@]}" -f "$ROOT/detectors/pom.xml" dependency:build-classpath -Dmdep.includeScope=provided \
      -Dmdep.outputFile="$SB_CP_FILE.raw" >"$WORK/mvn-classpath.log" 2>&1 \
    || { cat "$WORK/mvn-classpath.log" >&2; die "mvn dependency:build-classpath failed"; }
  tr ':' '\n' <"$SB_CP_FILE.raw" | grep -vE '/(junit|opentest4j|apiguardian|hamcrest|test-harness)' | paste -sd: >"$SB_CP_FILE"
fi
SB_CP="$(cat "$SB_CP_FILE")"

# ---- corpus ----
if [ "$MODE" = smoke ]; then
  CORPUS_DIR="$WORK/smoke"
  # GL_BENCH_SMOKE_JAR (a jar) skips Maven for this: any small library will do.
  SMOKE_JAR="${GL_BENCH_SMOKE_JAR:-$CORPUS_DIR/commons-pool2-2.12.1.jar}"
  if [ -z "${GL_BENCH_SMOKE_JAR:-}" ] && [ ! -s "$SMOKE_JAR" ]; then
    mkdir -p "$CORPUS_DIR"
    "${MVN[@]}" dependency:copy -Dartifact="$SMOKE_ARTIFACT" -DoutputDirectory="$CORPUS_DIR" >"$WORK/mvn-smoke.log" 2>&1 \
      || { cat "$WORK/mvn-smoke.log" >&2; die "mvn dependency:copy $SMOKE_ARTIFACT failed"; }
  fi
  [ -s "$SMOKE_JAR" ] || die "smoke jar $SMOKE_JAR not found"
  TARGETS=("$SMOKE_JAR")
  AUX=""
else
  if [ ! -d "$WORK/corpus" ] || [ "$BENCH/pom.xml" -nt "$WORK/corpus" ]; then
    rm -rf "$WORK/corpus" "$WORK/all"
    "${MVN[@]}" -f "$BENCH/pom.xml" dependency:copy-dependencies -DoutputDirectory="$WORK/all" -DincludeScope=runtime \
        >"$WORK/mvn-fetch.log" 2>&1 || { cat "$WORK/mvn-fetch.log" >&2; die "fetching the corpus failed"; }
    "${MVN[@]}" -f "$BENCH/pom.xml" dependency:copy-dependencies -DoutputDirectory="$WORK/corpus" -DexcludeTransitive=true \
        >>"$WORK/mvn-fetch.log" 2>&1 || { cat "$WORK/mvn-fetch.log" >&2; die "fetching the corpus failed"; }
    touch "$WORK/corpus"
  fi
  mapfile -t ALL_CORPUS < <(ls "$WORK"/corpus/*.jar)
fi

# Nested jar subsets for the scale series (class counts: see docs/benchmarks.md, "Static analysis").
subset_jars() { # $1 = 1/8 | 1/4 | 1/2 | all
  local p=()
  case "$1" in
    1/8) p=(caffeine netty-common) ;;
    1/4) p=(caffeine netty-common h2 jetty-util) ;;
    1/2) p=(caffeine netty-common h2 jetty-util guava zookeeper) ;;
    all) printf '%s\n' "${ALL_CORPUS[@]}"; return ;;
  esac
  local n
  for n in "${p[@]}"; do ls "$WORK"/corpus/"$n"-[0-9]*.jar; done
}
aux_for() { # jars of work/all that are not analysed
  local j t skip out=()
  for j in "$WORK"/all/*.jar; do
    skip=0
    for t in "$@"; do [ "$(basename "$j")" = "$(basename "$t")" ] && skip=1; done
    [ $skip = 0 ] && out+=("$j")
  done
  (IFS=:; echo "${out[*]}")
}

# ---- results folder, with a frozen copy of the plugin ----
[ -n "$OUT" ] || OUT="$WORK/results/$MODE-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
cp "$PLUGIN" "$OUT/gridlock-detectors.jar"
PLUGIN_COPY="$OUT/gridlock-detectors.jar"
PLUGIN_B_COPY=""
if [ -n "${PLUGIN_B:-}" ]; then cp "$PLUGIN_B" "$OUT/gridlock-detectors-b.jar"; PLUGIN_B_COPY="$OUT/gridlock-detectors-b.jar"; fi
{
  echo "date_utc=$(date -u +%FT%TZ)"
  echo "mode=$MODE iterations=$ITER"
  echo "plugin=$PLUGIN sha256=$(sha256sum "$PLUGIN_COPY" | cut -d' ' -f1)"
  echo "plugin_built=$(stat -c %y "$PLUGIN")"
  [ -z "$PLUGIN_B_COPY" ] || echo "plugin_b=$PLUGIN_B sha256=$(sha256sum "$PLUGIN_B_COPY" | cut -d' ' -f1)"
  echo "git_head=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?') dirty_detectors=$(git -C "$ROOT" status --porcelain -- detectors 2>/dev/null | wc -l)"
  echo "nproc=$(nproc) mem=$(free -g | awk '/Mem:/{print $2}')GiB"
  echo "java=$(java -version 2>&1 | head -1)"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
} >"$OUT/meta.txt"

[ -n "$XMX" ] || { [ "$MODE" = smoke ] && XMX=1g || XMX=8g; }
JVM=(-Xmx"$XMX" -XX:+UseG1GC)
HAVE_TIME=0; [ -x /usr/bin/time ] && HAVE_TIME=1

# run_one VARIANT SUBSET ITER [extra JVM options...]
run_one() {
  local variant="$1" subset="$2" it="$3"; shift 3
  local tag="$variant-${subset//\//_}-$it${RUN_SUFFIX:-}" dir
  dir="$OUT/runs/$tag"; mkdir -p "$dir"
  local targets=() aux
  if [ "$MODE" = smoke ]; then targets=("${TARGETS[@]}"); aux="$AUX"; else mapfile -t targets < <(subset_jars "$subset"); aux="$(aux_for "${targets[@]}")"; fi
  local args=(-xml:withMessages -output "$dir/report.xml" -effort:default -noClassOk)
  [ -n "$aux" ] && args+=(-auxclasspath "$aux")
  case "$variant" in
    base) ;;
    plugin) args+=(-pluginList "$PLUGIN_COPY") ;;
    pluginb) [ -n "$PLUGIN_B_COPY" ] || die "variant pluginb needs --plugin-b JAR"; args+=(-pluginList "$PLUGIN_B_COPY") ;;
    glonly) args+=(-pluginList "$PLUGIN_COPY" -visitors "$GL_VISITORS") ;;
    *) die "unknown variant $variant" ;;
  esac
  printf '%s\n' "${targets[@]}" >"$dir/targets.txt"
  echo "$aux" | tr ':' '\n' >"$dir/aux.txt"
  cat /proc/loadavg >"$dir/load-before.txt"
  local pin=()
  [ -n "${PIN_CPU:-}" ] && pin=(taskset -c "$PIN_CPU")
  local cmd=("${pin[@]}" java "${JVM[@]}" "$@" -Xlog:gc:file="$dir/gc.log" -cp "$SB_CP" edu.umd.cs.findbugs.FindBugs2 "${args[@]}" "${targets[@]}")
  printf '%q ' "${cmd[@]}" >"$dir/command.txt"; echo >>"$dir/command.txt"
  echo "[$(date -u +%T)] $tag (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  local rc=0
  if [ $HAVE_TIME = 1 ]; then
    /usr/bin/time -v -o "$dir/time.txt" "${cmd[@]}" >"$dir/stdout.txt" 2>"$dir/stderr.txt" || rc=$?
  else
    local t0; t0=$(date +%s.%N)
    "${cmd[@]}" >"$dir/stdout.txt" 2>"$dir/stderr.txt" || rc=$?
    echo "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:$(echo "$(date +%s.%N) - $t0" | bc)" >"$dir/time.txt"
  fi
  cat /proc/loadavg >"$dir/load-after.txt"
  echo "$rc" >"$dir/rc.txt"
  command -v python3 >/dev/null && { python3 "$BENCH/static-report.py" --record "$dir" "$variant" "$subset" "$it" >>"$OUT/runs.jsonl" || true; }
  tail -1 "$OUT/runs.jsonl" >&2 || true
  return $rc
}

# side_run CPU VARIANT ITER RCFILE FLAG: one timed run pinned to CPU, its exit code to RCFILE; then the same variant
# again, untimed and its output dropped, until FLAG exists: the pair's other run never has the machine to itself.
side_run() {
  local cpu="$1" variant="$2" it="$3" rcfile="$4" flag="$5" rc=0
  PIN_CPU="$cpu" RUN_SUFFIX="${SIDE_SUFFIX:+-cpu$cpu}" run_one "$variant" all "$it" -XX:ActiveProcessorCount=1 || rc=$?
  echo "$rc" >"$rcfile"
  local targets=() aux
  mapfile -t targets < <(subset_jars all); aux="$(aux_for "${targets[@]}")"
  local args=(-xml -output /dev/null -effort:default -noClassOk -auxclasspath "$aux")
  case "$variant" in
    plugin) args+=(-pluginList "$PLUGIN_COPY") ;;
    pluginb) args+=(-pluginList "$PLUGIN_B_COPY") ;;
    glonly) args+=(-pluginList "$PLUGIN_COPY" -visitors "$GL_VISITORS") ;;
  esac
  while [ ! -e "$flag" ]; do
    taskset -c "$cpu" java "${JVM[@]}" -XX:ActiveProcessorCount=1 -cp "$SB_CP" edu.umd.cs.findbugs.FindBugs2 \
      "${args[@]}" "${targets[@]}" >/dev/null 2>&1 &
    local pid=$!
    while kill -0 "$pid" 2>/dev/null && [ ! -e "$flag" ]; do sleep 1; done
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}

FAILED=0
case "$MODE" in
  smoke)
    run_one glonly smoke 1 || FAILED=1
    dir="$OUT/runs/glonly-smoke-1"
    if [ $FAILED = 0 ] && [ -s "$dir/report.xml" ] && sed -n '/<Errors/,/<\/Errors>/p' "$dir/report.xml" | grep -qi 'gridlock'; then
      echo "static-bench smoke: FAILED: analysis errors from Gridlock in $dir/report.xml" >&2
      sed -n '/<Errors/,/<\/Errors>/p' "$dir/report.xml" | grep -i -m5 'gridlock' >&2
      exit 1
    fi
    if [ $FAILED = 0 ] && [ -s "$dir/report.xml" ] && grep -q '<FindBugsSummary[^>]* total_classes="[1-9]' "$dir/report.xml"; then
      echo "static-bench smoke: OK ($(grep -o 'total_classes="[0-9]*"' "$dir/report.xml"), results in $OUT)"
      exit 0
    fi
    echo "static-bench smoke: FAILED (rc=$(cat "$dir/rc.txt" 2>/dev/null), see $dir/stderr.txt)" >&2
    tail -20 "$dir/stderr.txt" >&2 || true
    exit 1 ;;
  full)
    IFS=, read -r -a VS <<<"${VARIANTS:-base,plugin,glonly}"
    for ((i = 1; i <= ITER; i++)); do
      # alternate the order of base/plugin from one iteration to the next (no systematic warm-cache advantage)
      order=("${VS[@]}")
      if (( i % 2 == 0 )) && [ ${#VS[@]} -ge 2 ]; then order=("${VS[1]}" "${VS[0]}" "${VS[@]:2}"); fi
      for v in "${order[@]}"; do run_one "$v" all "$i" || FAILED=1; done
    done ;;
  side)
    command -v taskset >/dev/null || die "--side-by-side needs taskset (util-linux)"
    [ "$(nproc)" -ge 2 ] || die "--side-by-side needs two CPUs"
    IFS=, read -r -a VS <<<"${VARIANTS:-base,plugin}"
    [ ${#VS[@]} = 2 ] || die "--side-by-side runs two variants, not ${#VS[@]}"
    # An A/A pair (the same variant twice) measures the noise floor; its runs are told apart by their CPU.
    SIDE_SUFFIX=""; [ "${VS[0]}" = "${VS[1]}" ] && SIDE_SUFFIX=1
    for ((i = 1; i <= ITER; i++)); do
      first=$(( i % 2 )); second=$(( 1 - first )); flag="$OUT/.pair-$i-done"
      side_run "$first" "${VS[0]}" "$i" "$OUT/.pair-$i-a" "$flag" &
      side_run "$second" "${VS[1]}" "$i" "$OUT/.pair-$i-b" "$flag" &
      until [ -e "$OUT/.pair-$i-a" ] && [ -e "$OUT/.pair-$i-b" ]; do sleep 2; done
      touch "$flag"; wait
      [ "$(cat "$OUT/.pair-$i-a")" = 0 ] && [ "$(cat "$OUT/.pair-$i-b")" = 0 ] || FAILED=1
      rm -f "$OUT/.pair-$i-a" "$OUT/.pair-$i-b" "$flag"
    done ;;
  scale)
    IFS=, read -r -a VS <<<"${VARIANTS:-glonly}"
    for ((i = 1; i <= ITER; i++)); do
      IFS=, read -r -a SS <<<"$SUBSETS"
      for s in "${SS[@]}"; do for v in "${VS[@]}"; do run_one "$v" "$s" "$i" || FAILED=1; done; done
    done ;;
  profile)
    # One with-plugin run under JFR (10 ms method sampling): Gridlock's share and its report() phase.
    IFS=, read -r -a VS <<<"${VARIANTS:-plugin}"
    for v in "${VS[@]}"; do
      run_one "$v" all 1 -XX:StartFlightRecording=settings=profile,filename="$OUT/$v.jfr",dumponexit=true || FAILED=1
      jfr print --events jdk.ExecutionSample --stack-depth 64 "$OUT/$v.jfr" >"$OUT/$v-samples.txt" 2>/dev/null || true
      python3 "$BENCH/static-report.py" --jfr "$OUT/$v-samples.txt" >"$OUT/$v-jfr-summary.txt" || true
    done ;;
esac

python3 "$BENCH/static-report.py" "$OUT" >"$OUT/summary.md" || FAILED=1
echo "static-bench: results in $OUT (summary: $OUT/summary.md)" >&2
exit $FAILED
