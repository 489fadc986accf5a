#!/usr/bin/env python3
"""Reporting for bench/static-bench.sh (standard library only).

  static-report.py --record RUN_DIR VARIANT SUBSET ITER   one JSON line for a finished run (stdout)
  static-report.py --list REPORT.xml [CODE]              the GL findings of one report, tab-separated
  static-report.py --jfr SAMPLES.txt                      Gridlock's share of a `jfr print` of jdk.ExecutionSample
  static-report.py RESULTS_DIR [RESULTS_DIR...]           markdown tables for the runs in runs.jsonl
"""
import json
import os
import re
import statistics
import sys
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter, defaultdict

GL_PREFIX = "io.github.gridlock."


def parse_time(path):
    out = {}
    if not os.path.exists(path):
        return out
    for line in open(path, errors="replace"):
        line = line.strip()
        if line.startswith("Elapsed (wall clock) time"):
            v = line.rsplit(": ", 1)[1]
            parts = [float(p) for p in v.split(":")]
            s = 0.0
            for p in parts:
                s = s * 60 + p
            out["wall_s"] = s
        elif line.startswith("User time (seconds)"):
            out["user_s"] = float(line.rsplit(": ", 1)[1])
        elif line.startswith("System time (seconds)"):
            out["sys_s"] = float(line.rsplit(": ", 1)[1])
        elif line.startswith("Maximum resident set size (kbytes)"):
            out["rss_mb"] = int(line.rsplit(": ", 1)[1]) / 1024.0
    if "user_s" in out:
        out["cpu_s"] = out["user_s"] + out.get("sys_s", 0.0)
    return out


GC_RE = re.compile(r"Pause .*?(\d+)M->(\d+)M\((\d+)M\)")


def parse_gc(path):
    """Heap figures from -Xlog:gc. The best live-set proxies are the heap after a mixed collection and at the
    Remark pause (after a concurrent marking), when G1 has run old-generation work; max-after-any-pause also
    counts old garbage not yet collected."""
    before = after = committed = 0
    mixed = remark = None
    n = 0
    full = 0
    if os.path.exists(path):
        for line in open(path, errors="replace"):
            m = GC_RE.search(line)
            if m:
                n += 1
                before = max(before, int(m.group(1)))
                after = max(after, int(m.group(2)))
                committed = max(committed, int(m.group(3)))
                if "Pause Full" in line:
                    full += 1
                    mixed = max(mixed or 0, int(m.group(2)))
                if "(Mixed)" in line:
                    mixed = max(mixed or 0, int(m.group(2)))
                if "Pause Remark" in line:
                    remark = max(remark or 0, int(m.group(2)))
    return {"gc_pauses": n, "gc_full": full, "heap_max_before_gc_mb": before,
            "heap_max_after_gc_mb": after, "heap_committed_mb": committed,
            "heap_max_after_mixed_gc_mb": mixed, "heap_max_at_remark_mb": remark}


def class_to_jar(targets):
    m = {}
    for jar in targets:
        lib = os.path.basename(jar)[:-4]
        try:
            with zipfile.ZipFile(jar) as z:
                for n in z.namelist():
                    if n.endswith(".class") and not n.startswith("META-INF/"):
                        m[n[:-6].replace("/", ".")] = lib
        except (OSError, zipfile.BadZipFile):
            pass
    return m


def parse_xml(path, targets):
    out = {"xml": os.path.exists(path) and os.path.getsize(path) > 0}
    if not out["xml"]:
        return out
    c2j = class_to_jar(targets)
    gl = defaultdict(Counter)
    core = Counter()
    profile = {}
    errors = []
    missing = 0
    for _, el in ET.iterparse(path, events=("end",)):
        tag = el.tag
        if tag == "BugInstance":
            t = el.get("type", "?")
            if t.startswith("GL_"):
                cls = el.find("Class")
                cn = cls.get("classname") if cls is not None else "?"
                lib = c2j.get(cn, c2j.get(cn.split("$")[0], "?"))
                gl[t][lib] += 1
            else:
                core[t] += 1
            el.clear()
        elif tag == "FindBugsSummary":
            for k in ("total_classes", "referenced_classes", "total_bugs", "total_size", "num_packages"):
                if el.get(k) is not None:
                    out[k] = int(el.get(k))
            for k in ("cpu_seconds", "clock_seconds", "peak_mbytes", "alloc_mbytes", "gc_seconds"):
                if el.get(k) is not None:
                    out["sb_" + k] = float(el.get(k))
        elif tag == "ClassProfile":
            profile[el.get("name")] = float(el.get("totalMilliseconds", 0))
        elif tag == "AnalysisError":
            msg = (el.findtext("ErrorMessage") or "").strip()
            exc = (el.findtext("Exception") or "").strip()
            st = " | ".join((s.text or "").strip() for s in el.findall("StackTrace")[:6])
            errors.append({"message": msg[:400], "exception": exc[:300], "stack": st[:800]})
        elif tag == "MissingClass":
            missing += 1
        elif tag == "Errors":
            out["errors_attr"] = int(el.get("errors", 0) or 0)
            out["missing_classes_attr"] = int(el.get("missingClasses", 0) or 0)
    out["gl_findings"] = {k: dict(v) for k, v in gl.items()}
    out["gl_total"] = sum(sum(v.values()) for v in gl.values())
    out["core_total"] = sum(core.values())
    out["profile_total_ms"] = sum(profile.values())
    out["profile_gridlock_ms"] = sum(v for k, v in profile.items() if k.startswith(GL_PREFIX))
    out["profile_gridlock"] = {k[len(GL_PREFIX):]: v for k, v in profile.items() if k.startswith(GL_PREFIX)}
    out["profile_top"] = sorted(profile.items(), key=lambda kv: -kv[1])[:15]
    out["analysis_errors"] = len(errors)
    out["gridlock_errors"] = [e for e in errors if "gridlock" in json.dumps(e).lower()]
    out["missing_classes"] = missing
    return out


def record(run_dir, variant, subset, it):
    targets = [l.strip() for l in open(os.path.join(run_dir, "targets.txt")) if l.strip()]
    r = {"run": os.path.basename(run_dir), "variant": variant, "subset": subset, "iter": int(it),
         "rc": int(open(os.path.join(run_dir, "rc.txt")).read().strip() or -1),
         "load_before": open(os.path.join(run_dir, "load-before.txt")).read().split()[:3],
         "load_after": open(os.path.join(run_dir, "load-after.txt")).read().split()[:3],
         "jars": [os.path.basename(t) for t in targets]}
    r.update(parse_time(os.path.join(run_dir, "time.txt")))
    r.update(parse_gc(os.path.join(run_dir, "gc.log")))
    r.update(parse_xml(os.path.join(run_dir, "report.xml"), targets))
    print(json.dumps(r))


# Gridlock's whole-program work: building the lock-order graph (edges from summaries, reachable locks of
# callees) and the cycle search; the per-method summaries (MethodFacts, HeldLocksAnalysis...) are not in it.
GRAPH_FRAMES = ("LockOrderGraph", "ReachableLocks", "CycleFinder", "LockOrderInversionDetector.addEdges",
                "LockOrderInversionDetector.addFromHeld", "LockOrderInversionDetector.reenters", ".report()",
                "LockOrderInversionDetector.reportCycle", "LockOrderInversionDetector.isGated")


def jfr_summary(path, period_ms=10):
    """Counts execution samples (`jfr print --events jdk.ExecutionSample` text) with a Gridlock frame, and
    those in Gridlock's whole-program phase (a detector's report(), the cycle search), with that phase's
    first/last sample time. JFR's 'profile' settings sample running Java threads every 10 ms (JDK 17)."""
    total = gl = report = cycle = graph = 0
    top_gl = Counter()
    leaf_gl = Counter()
    stages = Counter()
    report_times = []
    cur, cur_time = [], None

    def flush():
        nonlocal total, gl, report, cycle, graph
        if not cur:
            return
        total += 1
        glf = [f for f in cur if GL_PREFIX in f]
        if glf:
            gl += 1
            top_gl[glf[0].split(" line:")[0]] += 1  # innermost Gridlock frame
            leaf_gl[cur[0].split(" line:")[0]] += 1  # the running method
            stages[stage_of(cur) or "rest: detectors' own work, call resolution, report()"] += 1
            if any(w in glf[0] for w in GRAPH_FRAMES):
                graph += 1
            if any(".report()" in f or "CycleFinder" in f for f in glf):
                report += 1
                report_times.append(cur_time)
            if any("CycleFinder" in f for f in glf):
                cycle += 1

    for line in open(path, errors="replace"):
        s = line.strip()
        if s.startswith("jdk.ExecutionSample"):
            flush()
            cur, cur_time = [], None
        elif s.startswith("startTime ="):
            cur_time = s.split("=", 1)[1].strip()
        elif "line:" in s and "(" in s:
            cur.append(s)
    flush()
    print(f"samples={total} gridlock_frames={gl} ({100.0 * gl / max(total, 1):.1f}% of samples, "
          f"~{gl * period_ms / 1000:.1f} s at {period_ms} ms/sample)")
    print(f"whole-program phase (a Gridlock report() or CycleFinder on the stack): {report} samples "
          f"(~{report * period_ms / 1000:.2f} s), of which CycleFinder {cycle}; "
          f"first {report_times[0] if report_times else '-'} last {report_times[-1] if report_times else '-'}")
    print(f"whole-program work, innermost Gridlock frame in {'/'.join(GRAPH_FRAMES)}: {graph} samples "
          f"(~{graph * period_ms / 1000:.2f} s)")
    print("innermost Gridlock frame, top 25:")
    for k, v in top_gl.most_common(25):
        print(f"  {v:6d}  {k}")
    print("running (leaf) method of the samples with a Gridlock frame, top 15:")
    for k, v in leaf_gl.most_common(15):
        print(f"  {v:6d}  {k}")
    print("stage of the samples with a Gridlock frame (the innermost stage frame on the stack decides):")
    for k, v in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"  {v:6d}  {k}")


# The per-method stages of the layer, innermost first on a stack: a sample is charged to the first one met.
STAGES = (("MethodFacts.computeForSummary(", "facts of a method before its class's visit"),
          ("MethodFacts.compute(", "facts of a method at its class's visit"),
          ("MethodSummaries.walk(", "walk"),
          ("MethodSummaries.part(", "family summary part, outside its walk"))
# Inside a facts stage, what the time is spent on (the outermost match below the stage frame decides).
FACT_STEPS = (("getMethodGen", "BCEL MethodGen"), ("CFGBuilder", "CFG"), ("AccessPathAnalysis", "access-path dataflow"),
              ("HeldLocksAnalysis", "held-locks dataflow"), ("NonNullLocals", "held-locks dataflow"),
              ("DepthFirstSearch", "depth-first search"))


def stage_of(frames):
    """The stage (see STAGES) of one sample's stack, innermost frame first; None outside every stage."""
    for i, f in enumerate(frames):
        for marker, name in STAGES:
            if GL_PREFIX + "detectors.analysis." + marker in f:
                if name == "walk":
                    outer = frames[i + 1] if i + 1 < len(frames) else ""
                    return "family summary part, its walk" if "MethodSummaries.part(" in outer else "method summary walk"
                if name.startswith("facts"):
                    return name + ": " + fact_step(frames[:i])
                return name
    return None


def fact_step(below):
    for f in reversed(below):
        method = f.split("(")[0]  # the parameter list names classes too (MethodFacts.build(..., DepthFirstSearch, ...))
        for marker, name in FACT_STEPS:
            if marker in method:
                return name
    return "other"


def list_findings(path, code=None):
    """Tab-separated GL findings of a report.xml: code, priority, class, method, line, message."""
    for _, el in ET.iterparse(path, events=("end",)):
        if el.tag == "BugInstance":
            t = el.get("type", "")
            if t.startswith("GL_") and (code is None or t == code):
                cls = el.find("Class")
                m = el.find("Method")
                sl = el.find("SourceLine")
                lines = ",".join(s.get("start", "?") for s in el.findall("SourceLine"))
                print("\t".join([t, el.get("priority", "?"), cls.get("classname") if cls is not None else "?",
                                 m.get("name") if m is not None else "?", lines,
                                 (el.findtext("LongMessage") or "").strip()]))
            el.clear()


def fmt(x, nd=1):
    if x is None:
        return "–"
    if isinstance(x, float):
        return f"{x:.{nd}f}"
    return str(x)


def med_spread(xs):
    xs = [x for x in xs if x is not None]
    if not xs:
        return "–"
    m = statistics.median(xs)
    return f"{m:.3f} (min {min(xs):.3f}, max {max(xs):.3f}, n={len(xs)})"


def summary(dirs):
    runs = []
    for d in dirs:
        p = os.path.join(d, "runs.jsonl")
        if os.path.exists(p):
            for line in open(p):
                line = line.strip()
                if line.startswith("{"):
                    r = json.loads(line)
                    r["dir"] = os.path.basename(os.path.normpath(d))
                    r.update(parse_gc(os.path.join(d, "runs", r["run"], "gc.log")))  # newer GC figures
                    runs.append(r)
    if not runs:
        print("no runs")
        return
    print("### Runs\n")
    print("| results | run | rc | classes | wall s | CPU s (user+sys) | peak RSS MB | max heap after GC MB | "
          "after mixed GC MB | at Remark MB | max heap before GC MB | "
          "SpotBugs peak_mbytes | GL findings | core findings | Gridlock detectors (profile) ms | load 1/5/15 before |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in runs:
        print(f"| {r['dir']} | {r['run']} | {r['rc']} | {r.get('total_classes', '–')} | {fmt(r.get('wall_s'))} | "
              f"{fmt(r.get('cpu_s'))} | {fmt(r.get('rss_mb'), 0)} | {r.get('heap_max_after_gc_mb', '–')} | "
              f"{fmt(r.get('heap_max_after_mixed_gc_mb'))} | {fmt(r.get('heap_max_at_remark_mb'))} | "
              f"{r.get('heap_max_before_gc_mb', '–')} | {fmt(r.get('sb_peak_mbytes'), 0)} | {r.get('gl_total', '–')} | "
              f"{r.get('core_total', '–')} | {fmt(r.get('profile_gridlock_ms'), 0)} | {' '.join(r.get('load_before', []))} |")

    full = [r for r in runs if r["subset"] == "all"]
    by = defaultdict(dict)
    for r in full:
        by[(r["dir"], r["iter"])][r["variant"]] = r
    pairs = [(v["base"], v["plugin"]) for v in by.values() if "base" in v and "plugin" in v]
    if pairs:
        print("\n### With plugin / SpotBugs alone (full corpus, paired by iteration)\n")
        for key, label in (("wall_s", "wall time"), ("cpu_s", "CPU time"), ("rss_mb", "peak RSS"),
                           ("heap_max_after_gc_mb", "max heap after GC (live-set proxy)"),
                           ("heap_max_after_mixed_gc_mb", "max heap after a mixed GC (live-set proxy)"),
                           ("heap_max_at_remark_mb", "max heap at Remark (live-set proxy)"),
                           ("heap_max_before_gc_mb", "max heap before GC"), ("sb_peak_mbytes", "SpotBugs peak_mbytes")):
            xs = [p[key] / b[key] for b, p in pairs if b.get(key) and p.get(key)]
            bs = [r[key] for r in full if r["variant"] == "base" and r.get(key)]
            ps = [r[key] for r in full if r["variant"] == "plugin" and r.get(key)]
            unpaired = f"; unpaired median(plugin) / median(base) = {statistics.median(ps) / statistics.median(bs):.3f}" \
                if bs and ps else ""
            print(f"- {label}: paired ratio median {med_spread(xs)}{unpaired}")
        for key, label in (("wall_s", "wall time"), ("cpu_s", "CPU time")):
            both = [(b[key], p[key]) for b, p in pairs if b.get(key) and p.get(key)]
            if both:
                print(f"- {label}, all pairs together: {sum(p for _, p in both) / sum(b for b, _ in both):.3f} "
                      f"({len(both)} pairs)")
    gl = [r for r in full if r["variant"] == "glonly"]
    base = [r for r in full if r["variant"] == "base"]
    plug = [r for r in full if r["variant"] == "plugin"]
    if gl or plug:
        print("\n### Gridlock's share (full corpus)\n")
        if gl and base:
            print(f"- Gridlock-only run wall / SpotBugs-alone wall: median "
                  f"{med_spread([g['wall_s'] / statistics.median([b['wall_s'] for b in base]) for g in gl if g.get('wall_s')])}")
            print(f"- Gridlock-only run wall s: {med_spread([g.get('wall_s') for g in gl])}; CPU s: {med_spread([g.get('cpu_s') for g in gl])}")
        if plug:
            print(f"- Gridlock detectors in SpotBugs' profile of the with-plugin runs (visitClassContext only; "
                  f"report() is not profiled), ms: {med_spread([p.get('profile_gridlock_ms') for p in plug])}")
            print(f"  as a share of the profiled total: "
                  f"{med_spread([p['profile_gridlock_ms'] / p['profile_total_ms'] for p in plug if p.get('profile_total_ms')])}")
            last = plug[-1]
            print("  per detector (last with-plugin run): " + ", ".join(
                f"{k.split('.')[-1]} {v:.0f} ms" for k, v in sorted(last.get("profile_gridlock", {}).items(), key=lambda kv: -kv[1])))
            print("  top profile entries (last with-plugin run): " + ", ".join(
                f"{k.split('.')[-1]} {v:.0f}" for k, v in last.get("profile_top", [])[:10]))
    scale = [r for r in runs if r["variant"] == "glonly"]
    if len({r["subset"] for r in scale}) > 1:
        print("\n### Scale series (Gridlock-only)\n")
        print("| subset | classes | wall s (median) | CPU s | Gridlock profile ms | Gridlock µs/class | CPU ms/class | max heap after GC MB (median) | n |")
        print("|---|---|---|---|---|---|---|---|---|")
        order = {"1/8": 0, "1/4": 1, "1/2": 2, "all": 3}
        groups = defaultdict(list)
        for r in scale:
            groups[r["subset"]].append(r)
        for s in sorted(groups, key=lambda s: order.get(s, 9)):
            g = groups[s]
            cls = g[0].get("total_classes") or 0
            w = statistics.median([r["wall_s"] for r in g if r.get("wall_s")] or [0])
            c = statistics.median([r["cpu_s"] for r in g if r.get("cpu_s")] or [0])
            pm = statistics.median([r.get("profile_gridlock_ms", 0) for r in g])
            h = statistics.median([r.get("heap_max_after_gc_mb", 0) for r in g])
            print(f"| {s} | {cls} | {w:.1f} | {c:.1f} | {pm:.0f} | {1000 * pm / max(cls, 1):.0f} | {1000 * c / max(cls, 1):.1f} | {h:.0f} | {len(g)} |")
    withgl = [r for r in runs if r["variant"] in ("plugin", "glonly") and r["subset"] in ("all", "smoke")]
    if withgl:
        r = withgl[0]
        print(f"\n### Gridlock findings per code and library ({r['dir']}/{r['run']})\n")
        codes = sorted(r.get("gl_findings", {}))
        libs = sorted({lib for c in codes for lib in r["gl_findings"][c]})
        print("| library | " + " | ".join(codes) + " | total |")
        print("|---" * (len(codes) + 2) + "|")
        for lib in libs:
            row = [r["gl_findings"][c].get(lib, 0) for c in codes]
            print(f"| {lib} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
        tot = [sum(r["gl_findings"][c].values()) for c in codes]
        print("| **total** | " + " | ".join(map(str, tot)) + f" | {sum(tot)} |")
    errs = [(r["dir"], r["run"], e) for r in runs for e in r.get("gridlock_errors", [])]
    print(f"\n### Analysis errors\n")
    for r in runs:
        print(f"- {r['dir']}/{r['run']}: {r.get('analysis_errors', '–')} AnalysisError entries, "
              f"{len(r.get('gridlock_errors', []))} mentioning Gridlock, {r.get('missing_classes', '–')} missing classes")
    seen = set()
    for d, run, e in errs:
        k = e["message"][:120]
        if k in seen:
            continue
        seen.add(k)
        print(f"  - {run}: {e['message']} {e['exception']} {e['stack'][:300]}")


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "--record":
        record(*sys.argv[2:6])
    elif len(sys.argv) >= 3 and sys.argv[1] == "--list":
        list_findings(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
    elif len(sys.argv) >= 2 and sys.argv[1] == "--jfr":
        jfr_summary(sys.argv[2])
    else:
        summary(sys.argv[1:])
