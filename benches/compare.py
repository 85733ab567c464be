#!/usr/bin/env python3
"""Whole-process benchmarks of Mille beside the tools a power user would pick instead.

For each size (default 10^4, 10^5, 10^6 posts) it generates one history with
`mille sample` and measures, in the same run, medians of several runs of:

  import   `mille import` into a new database   vs  sqlite3 `.import` into a plain table
  report   `mille report --json` (platform, format, season; CPM, median, quartiles,
           CTR, engagement)                      vs  DuckDB's SQL over the same CSV
                                                 vs  pandas read_csv + groupby

and at 10^4 posts `mille propose` (two lines, an add-on, an offer), `mille ratecard`
(PDF render, whole process) and, with --app and --hello, the desktop app beside a
hello-world Tauri 2 app (benches/hello-tauri): launch to first interactive paint (wall
clock from spawning the process to the page's first animation frame after its data is
drawn, which both apps log) and idle memory (Pss and Rss summed from
/proc/PID/smaps_rollup over the app and its WebKit processes, after --idle seconds).
The app is measured on the 10^4-post database the import step made. Every launch gets a
fresh, empty XDG data/cache/config folder, so both apps start as on a first run (Mille
on its Overview; the screen it reopens otherwise is whatever the last session left).
Mille turns WebKit's accelerated compositing off for itself (mille_app::
render_without_compositing); hello-world is measured as built (the peer of the goal) and
once more with the same setting (WEBKIT_DISABLE_COMPOSITING_MODE=1), like for like. With --criterion DIR
it also reads criterion's in-process estimates (the warm rate card render of
benches/ratecard.rs) from DIR. It prints a table and writes it as
JSON (benches/results.json unless --out says otherwise). Timings are wall-clock medians;
comparisons are ratios (mille / peer: below 1 means Mille is faster).

Usage:  benches/run [--sizes 10000,100000,1000000] [--runs 3] [--out FILE]
        (benches/run passes --bin, --app, --hello and --criterion itself)

The DuckDB and pandas figures compute the same numbers as metrics.md (fees converted
with fx_rate, CPM statistics over measured paid posts, linear-interpolated quartiles);
they are peers for speed, the exactness contract is Mille's own (its tests check it).
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

DUCKDB_SQL = """
WITH p AS (
  SELECT platform, format, 'Q' || quarter(CAST(date AS DATE)) AS season,
         CAST(fee AS DECIMAL(18,4)) * coalesce(CAST(fx_rate AS DECIMAL(18,8)), 1) AS fee_b,
         impressions, clicks, views,
         CASE WHEN likes IS NULL AND comments IS NULL AND shares IS NULL AND saves IS NULL
              THEN NULL ELSE coalesce(likes,0)+coalesce(comments,0)+coalesce(shares,0)+coalesce(saves,0) END AS eng
  FROM read_csv('{csv}', header=true, all_varchar=false,
                types={{'fee':'VARCHAR','fx_rate':'VARCHAR'}})
), m AS (
  SELECT *, impressions > 0 AND fee_b > 0 AS measured,
         CASE WHEN impressions > 0 AND fee_b > 0 THEN fee_b / impressions * 1000 END AS cpm_post
  FROM p
)
SELECT platform, format, season,
       count(*) AS posts,
       count(*) FILTER (WHERE measured) AS measured_posts,
       sum(fee_b) AS fee,
       coalesce(sum(impressions) FILTER (WHERE measured), 0) AS impressions,
       sum(fee_b) FILTER (WHERE measured) / nullif(sum(impressions) FILTER (WHERE measured), 0) * 1000 AS cpm,
       quantile_cont(cpm_post, 0.5) AS cpm_median,
       quantile_cont(cpm_post, 0.25) AS cpm_p25,
       quantile_cont(cpm_post, 0.75) AS cpm_p75,
       min(cpm_post) AS cpm_min, max(cpm_post) AS cpm_max,
       sum(clicks) FILTER (WHERE measured AND clicks IS NOT NULL)
         / nullif(sum(impressions) FILTER (WHERE measured AND clicks IS NOT NULL), 0) AS ctr,
       sum(eng) FILTER (WHERE measured AND eng IS NOT NULL)
         / nullif(sum(impressions) FILTER (WHERE measured AND eng IS NOT NULL), 0) AS engagement_rate,
       sum(fee_b) FILTER (WHERE measured AND eng IS NOT NULL)
         / nullif(sum(eng) FILTER (WHERE measured AND eng IS NOT NULL), 0) AS cpe,
       sum(fee_b) FILTER (WHERE measured AND clicks IS NOT NULL)
         / nullif(sum(clicks) FILTER (WHERE measured AND clicks IS NOT NULL), 0) AS cpc,
       sum(fee_b) FILTER (WHERE measured AND views IS NOT NULL)
         / nullif(sum(views) FILTER (WHERE measured AND views IS NOT NULL), 0) AS cpv
FROM m GROUP BY ALL ORDER BY ALL
"""

DUCKDB_SCRIPT = """
import duckdb, sys
rows = duckdb.connect().execute(sys.argv[1]).fetchall()
print(len(rows))
"""

PANDAS_SCRIPT = """
import sys
import pandas as pd
df = pd.read_csv(sys.argv[1], dtype={'fee': str, 'fx_rate': str}, keep_default_na=True)
df['fee_b'] = df['fee'].astype(float) * df['fx_rate'].astype(float).fillna(1.0)
df['season'] = 'Q' + pd.to_datetime(df['date']).dt.quarter.astype(str)
m = (df['impressions'] > 0) & (df['fee_b'] > 0)
df['cpm_post'] = (df['fee_b'] / df['impressions'] * 1000).where(m)
parts = ['likes', 'comments', 'shares', 'saves']
df['eng'] = df[parts].sum(axis=1, min_count=1)
df['imp_m'] = df['impressions'].where(m)
df['fee_m'] = df['fee_b'].where(m)
df['imp_c'] = df['imp_m'].where(df['clicks'].notna())
df['clk_c'] = df['clicks'].where(m)
df['imp_e'] = df['imp_m'].where(df['eng'].notna())
df['eng_e'] = df['eng'].where(m)
df['fee_c'] = df['fee_m'].where(df['clicks'].notna())
df['fee_e'] = df['fee_m'].where(df['eng'].notna())
df['fee_v'] = df['fee_m'].where(df['views'].notna())
df['views_v'] = df['views'].where(m)
g = df.groupby(['platform', 'format', 'season'])
out = g.agg(posts=('date', 'size'), measured_posts=('cpm_post', 'count'), fee=('fee_b', 'sum'),
            impressions=('imp_m', 'sum'), fee_m=('fee_m', 'sum'),
            cpm_median=('cpm_post', 'median'),
            cpm_p25=('cpm_post', lambda s: s.quantile(0.25)),
            cpm_p75=('cpm_post', lambda s: s.quantile(0.75)),
            cpm_min=('cpm_post', 'min'), cpm_max=('cpm_post', 'max'),
            clicks=('clk_c', 'sum'), imp_c=('imp_c', 'sum'), eng=('eng_e', 'sum'), imp_e=('imp_e', 'sum'),
            fee_c=('fee_c', 'sum'), fee_e=('fee_e', 'sum'), fee_v=('fee_v', 'sum'), views=('views_v', 'sum'))
out['cpm'] = out['fee_m'] / out['impressions'] * 1000
out['ctr'] = out['clicks'] / out['imp_c']
out['engagement_rate'] = out['eng'] / out['imp_e']
out['cpe'] = out['fee_e'] / out['eng']
out['cpc'] = out['fee_c'] / out['clicks']
out['cpv'] = out['fee_v'] / out['views']
print(len(out))
"""


def median_time(cmd, runs, before=None, env=None):
    times = []
    for _ in range(runs):
        if before:
            before()
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def process_tree(pid):
    """The pid and all its descendants (WebKit's web and network processes)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            with open(f"/proc/{p}/task/{p}/children") as f:
                todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return out


def smaps_total(pids):
    """Pss and Rss in kB summed over pids."""
    pss = rss = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1])
                    elif line.startswith("Rss:"):
                        rss += int(line.split()[1])
        except OSError:
            pass
    return pss, rss


def launch_once(binary, env, idle, timeout=60.0):
    """Starts binary, waits for its 'first interactive paint' line on stderr, idles, and
    returns (seconds from spawn to paint, Pss kB, Rss kB, processes)."""
    profile = tempfile.mkdtemp(prefix="mille-bench-profile-")
    env = dict(env, XDG_DATA_HOME=os.path.join(profile, "data"), XDG_CACHE_HOME=os.path.join(profile, "cache"),
               XDG_CONFIG_HOME=os.path.join(profile, "config"))
    t0 = time.perf_counter()
    proc = subprocess.Popen([binary], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    painted = None
    try:
        while time.perf_counter() - t0 < timeout:
            line = proc.stderr.readline()
            if not line:
                break
            if "first interactive paint" in line:
                painted = time.perf_counter() - t0
                break
        if painted is None:
            raise RuntimeError(f"{binary} did not report its first paint")
        # keep draining stderr so a chatty WebKit never blocks on a full pipe
        import threading
        threading.Thread(target=proc.stderr.read, daemon=True).start()
        time.sleep(idle)
        pids = process_tree(proc.pid)
        pss, rss = smaps_total(pids)
        return painted, pss, rss, len(pids)
    finally:
        try:
            os.killpg(proc.pid, 15)
        except OSError:
            pass
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait()
        shutil.rmtree(profile, ignore_errors=True)


def measure_app(binary, env, runs, idle):
    results = [launch_once(binary, env, idle) for _ in range(runs)]
    return (statistics.median(r[0] for r in results), statistics.median(r[1] for r in results),
            statistics.median(r[2] for r in results), results[0][3])


def have_module(name):
    return subprocess.run([sys.executable, "-c", f"import {name}"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def app_rows(args, n, mdb):
    """Launch and idle memory of the app on the n-post database, beside hello-world."""
    env = dict(os.environ, MILLE_DB=mdb)
    runs = max(args.runs, 3)
    hello = measure_app(os.path.abspath(args.hello), dict(os.environ), runs, args.idle)
    same = dict(os.environ, WEBKIT_DISABLE_COMPOSITING_MODE="1")
    hello_same = measure_app(os.path.abspath(args.hello), same, runs, args.idle)
    app = measure_app(os.path.abspath(args.app), env, runs, args.idle)
    return [
        {"size": 0, "task": "launch", "tool": "hello-world Tauri 2 app", "seconds": hello[0]},
        {"size": n, "task": "launch", "tool": "mille-app", "seconds": app[0], "goal_seconds": 1.0,
         "ratio_mille_to_peer": app[0] / hello[0]},
        {"size": 0, "task": "memory", "tool": f"hello-world ({hello[3]} processes)",
         "pss_mb": hello[1] / 1024, "rss_mb": hello[2] / 1024},
        {"size": n, "task": "memory", "tool": f"mille-app ({app[3]} processes)",
         "pss_mb": app[1] / 1024, "rss_mb": app[2] / 1024, "goal_ratio": 1.25,
         "ratio_mille_to_peer": app[1] / hello[1]},
        {"size": 0, "task": "memory", "tool": "hello-world, compositing off",
         "pss_mb": hello_same[1] / 1024, "rss_mb": hello_same[2] / 1024},
        {"size": n, "task": "memory", "tool": "mille-app vs that (like for like)",
         "pss_mb": app[1] / 1024, "rss_mb": app[2] / 1024,
         "ratio_mille_to_peer": app[1] / hello_same[1]},
    ]


def criterion_rows(folder):
    """Criterion's in-process medians (seconds) for the benches under folder."""
    out = []
    for root, _dirs, files in os.walk(folder):
        if os.path.basename(root) == "new" and "estimates.json" in files:
            with open(os.path.join(root, "estimates.json")) as f:
                est = json.load(f)
            name = os.path.relpath(os.path.dirname(root), folder)
            out.append({"size": 0, "task": "in-proc", "tool": name,
                        "seconds": est["median"]["point_estimate"] / 1e9})
    return sorted(out, key=lambda r: r["tool"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "results.json"))
    ap.add_argument("--bin", required=True, help="the mille binary to measure")
    ap.add_argument("--app", help="the mille-app binary (needs a display, e.g. under xvfb-run)")
    ap.add_argument("--hello", help="the hello-world Tauri app binary (benches/hello-tauri)")
    ap.add_argument("--idle", type=float, default=10.0, help="seconds of idle before memory")
    ap.add_argument("--criterion", help="criterion's output folder (target/criterion)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    mille = os.path.abspath(args.bin)
    sqlite3 = shutil.which("sqlite3")
    peers_ok = have_module("duckdb") and have_module("pandas")
    if not peers_ok:
        print("duckdb or pandas is missing: the report peers are skipped", file=sys.stderr)

    rows = []
    work = tempfile.mkdtemp(prefix="mille-bench-")
    try:
        for n in sizes:
            csv_path = os.path.join(work, f"h{n}.csv")
            subprocess.run([mille, "sample", "--rows", str(n), "--seed", "7", "--out", csv_path],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            mdb = os.path.join(work, f"m{n}.db")
            sdb = os.path.join(work, f"s{n}.db")

            def fresh(*paths):
                def f():
                    for p in paths:
                        for suffix in ("", "-wal", "-shm"):
                            if os.path.exists(p + suffix):
                                os.remove(p + suffix)
                        shutil.rmtree(os.path.join(os.path.dirname(p), "backups"), ignore_errors=True)
                return f

            t_imp = median_time([mille, "--db", mdb, "import", csv_path], args.runs, fresh(mdb))
            rows.append({"size": n, "task": "import", "tool": "mille import", "seconds": t_imp})
            if sqlite3:
                t_sq = median_time([sqlite3, sdb, "-cmd", ".mode csv", f".import {csv_path} posts"],
                                   args.runs, fresh(sdb))
                rows.append({"size": n, "task": "import", "tool": "sqlite3 .import", "seconds": t_sq,
                             "ratio_mille_to_peer": t_imp / t_sq})
            t_rep = median_time([mille, "--db", mdb, "report", "--json"], args.runs)
            rows.append({"size": n, "task": "report", "tool": "mille report --json", "seconds": t_rep})
            if peers_ok:
                sql = DUCKDB_SQL.format(csv=csv_path.replace("'", "''"))
                t_duck = median_time([sys.executable, "-c", DUCKDB_SCRIPT, sql], args.runs)
                rows.append({"size": n, "task": "report", "tool": "duckdb SQL", "seconds": t_duck,
                             "ratio_mille_to_peer": t_rep / t_duck})
                t_pd = median_time([sys.executable, "-c", PANDAS_SCRIPT, csv_path], args.runs)
                rows.append({"size": n, "task": "report", "tool": "pandas groupby", "seconds": t_pd,
                             "ratio_mille_to_peer": t_rep / t_pd})
            if n == 10000:
                prop = [mille, "--db", mdb, "propose", "--deliverable", "instagram/reel",
                        "--deliverable", "instagram/story:3", "--date", "2026-12-05",
                        "--as-of", "2026-11-01", "--exclusivity", "7", "--offer", "1500", "--json"]
                rows.append({"size": n, "task": "propose", "tool": "mille propose --json",
                             "seconds": median_time(prop, max(args.runs, 5)), "goal_seconds": 0.1})
                help_ = subprocess.run([mille, "ratecard", "--help"], stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
                if help_.returncode == 0:
                    card = [mille, "--db", mdb, "ratecard", "--date", "2026-12-05",
                            "--out", os.path.join(work, "card.pdf")]
                    rows.append({"size": n, "task": "ratecard", "tool": "mille ratecard (whole process)",
                                 "seconds": median_time(card, max(args.runs, 5))})
                if args.app and args.hello:
                    rows.extend(app_rows(args, n, mdb))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    if args.criterion:
        rows.extend(criterion_rows(args.criterion))

    print(f"machine: {machine()}")
    print(f"{'size':>9}  {'task':<9} {'tool':<34} {'median':>11} {'mille/peer':>10}")
    for r in rows:
        ratio = f"{r['ratio_mille_to_peer']:.2f}" if "ratio_mille_to_peer" in r else ""
        if "seconds" in r:
            value = f"{r['seconds']:.4f} s" if r["seconds"] < 0.01 else f"{r['seconds']:.3f} s"
        else:
            value = f"{r['pss_mb']:.0f} MB"
        size = r["size"] if r["size"] else "-"
        print(f"{size:>9}  {r['task']:<9} {r['tool']:<34} {value:>11} {ratio:>10}")
    with open(args.out, "w") as f:
        json.dump({"machine": machine(), "runs": args.runs, "rows": rows}, f, indent=2)
        f.write("\n")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
