#!/usr/bin/env bash
# Indexing benchmark: dragoman-index (full build, --shards 2, and an incremental run after 1%
# of the records changed) beside Xapian's scriptindex, Sphinx's indexer and SQLite FTS5, on
# the same corpus in the same run. Prints a Markdown report (docs/indexing.md quotes it).
#
#   bench/index/run.sh [CORPUS.jsonl]      default: ../shared/corpus/transcripts.jsonl
#
# Needs a Release build of Dragoman (BUILD_DIR, default build/) and the peers' tools
# (Debian: xapian-omega sphinxsearch sqlite3; the script says what is missing). The peers run
# with the configurations of ../shared/peers (scriptindex: index.script, stemming, positions;
# Sphinx: stem_en, positions; FTS5: porter unicode61, detail=full). Everything is written to
# $BENCH_DIR (default /var/tmp/dragoman-bench-index), never into the repository. Run it on a
# quiet machine: figures from a loaded one measure the load.
#
# Environment: SCRIPTINDEX=0 leaves scriptindex out (it takes ten minutes at ten times the
# corpus); BASELINE=/path/to/dragoman-index adds a full build by another binary (the code
# before a change) to the same run.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$HERE/../.." && pwd)
PEERS=${PEERS:-$SRC/../shared/peers}
CORPUS=$(readlink -f "${1:-$SRC/../shared/corpus/transcripts.jsonl}")
BUILD_DIR=${BUILD_DIR:-$SRC/build}
D=${BENCH_DIR:-/var/tmp/dragoman-bench-index}
INDEX=$BUILD_DIR/indexer/dragoman-index

missing=()
[ -x "$INDEX" ] || missing+=("$INDEX (build with: BUILD_TYPE=Release scripts/build.sh)")
[ -f "$CORPUS" ] || missing+=("corpus $CORPUS")
[ -d "$PEERS" ] || missing+=("peer configurations $PEERS")
for tool in scriptindex indexer sqlite3 python3 /usr/bin/time; do
  command -v "$tool" > /dev/null || missing+=("$tool (Debian: xapian-omega sphinxsearch sqlite3 python3 time)")
done
if [ "${#missing[@]}" -gt 0 ]; then
  printf 'bench/index/run.sh: missing: %s\n' "${missing[@]}" >&2
  exit 2
fi

rm -rf "$D"
mkdir -p "$D/times"
log() { echo "[$(date +%T)] $*" >&2; }

# timed NAME CMD...: /usr/bin/time -v around CMD, its output kept in $D/times/NAME.*
timed() {
  local name=$1; shift
  cat "$CORPUS" > /dev/null  # warm page cache for everyone
  log "$name: $* (load $(cut -d' ' -f1 /proc/loadavg))"
  cut -d' ' -f1 /proc/loadavg > "$D/times/$name.load"
  /usr/bin/time -v -o "$D/times/$name.time" "$@" > "$D/times/$name.log" 2>&1
}
size() { du -sbL "$2" | cut -f1 > "$D/times/$1.size"; }

# Dragoman reads a copy in $D so the incremental run can change it in place.
cp "$CORPUS" "$D/corpus.jsonl"

timed dragoman "$INDEX" --db "$D/dragoman" --verbose "$D/corpus.jsonl"
size dragoman "$D/dragoman/current"
if [ -n "${BASELINE:-}" ]; then
  timed baseline "$BASELINE" --db "$D/baseline" --verbose "$D/corpus.jsonl"
  size baseline "$D/baseline/current"
  rm -rf "$D/baseline"
fi
timed dragoman_shards2 "$INDEX" --db "$D/dragoman-shards" --shards 2 --verbose "$D/corpus.jsonl"
size dragoman_shards2 "$D/dragoman-shards/current"

# 1% of the records changed (every 100th gets a sentence more), then an incremental run.
python3 - "$D/corpus.jsonl" <<'EOF'
import json, sys
path = sys.argv[1]
with open(path, encoding="utf-8") as f:
    lines = f.readlines()
changed = 0
for i in range(0, len(lines), 100):
    r = json.loads(lines[i])
    r["text"] = r.get("text", "") + "\n\nA correction was issued on the following day."
    lines[i] = json.dumps(r, ensure_ascii=False) + "\n"
    changed += 1
with open(path, "w", encoding="utf-8") as f:
    f.writelines(lines)
print("changed", changed, "of", len(lines), file=sys.stderr)
EOF
timed dragoman_incremental "$INDEX" --db "$D/dragoman" --incremental --verbose "$D/corpus.jsonl"

# Peers, as ../shared/peers/run_all.sh runs them (conversions not timed in the builds).
log "converting the corpus for scriptindex and Sphinx"
python3 "$PEERS/xapian/jsonl2dump.py" "$CORPUS" -o "$D/corpus.dump"
python3 "$PEERS/sphinx/jsonl2tsv.py" "$CORPUS" -o "$D/corpus.tsv"

if [ "${SCRIPTINDEX:-1}" != 0 ]; then
  XAPIAN_CJK_NGRAM=1 timed scriptindex scriptindex -s english --overwrite "$D/xapian" "$PEERS/xapian/index.script" "$D/corpus.dump"
  size scriptindex "$D/xapian"
fi

mkdir -p "$D/sphinx/idx"
sed -e "s#@DIR@#$D/sphinx#g; s#@TSV@#$D/corpus.tsv#; s#@PORT@#19306#" "$PEERS/sphinx/sphinx.conf.in" > "$D/sphinx/sphinx.conf"
timed sphinx indexer --config "$D/sphinx/sphinx.conf" --all
size sphinx "$D/sphinx/idx"

sed "s#@JSONL@#$CORPUS#; s#@US@#$(printf '\x1f')#" "$PEERS/sqlite/build.sql.in" > "$D/sqlite_build.sql"
timed sqlite sh -c "sqlite3 '$D/fts.db' < '$D/sqlite_build.sql'"
size sqlite "$D/fts.db"

# The report.
python3 - "$D" "$CORPUS" <<'EOF'
import json, os, re, sys
d, corpus = sys.argv[1], sys.argv[2]
docs = text = 0
with open(corpus, encoding="utf-8") as f:
    for line in f:
        if line.strip():
            docs += 1
            text += len(json.loads(line).get("text", "").encode())

def parse(name):
    t = open(os.path.join(d, "times", name + ".time")).read()
    g = lambda pat: re.search(pat, t).group(1)
    wall = g(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)").split(":")
    secs = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall)))
    cpu = float(g(r"User time \(seconds\): (\S+)")) + float(g(r"System time \(seconds\): (\S+)"))
    rss = int(g(r"Maximum resident set size \(kbytes\): (\d+)")) / 1024
    size_file = os.path.join(d, "times", name + ".size")
    size = int(open(size_file).read()) / 1e6 if os.path.exists(size_file) else None
    load = open(os.path.join(d, "times", name + ".load")).read().strip()
    return dict(wall=secs, cpu=cpu, rss=rss, size=size, load=load)

rows = [("dragoman-index, full build (one merged database)", "dragoman"),
        ("dragoman-index before the change (BASELINE), full build", "baseline"),
        ("dragoman-index --shards 2, full build", "dragoman_shards2"),
        ("dragoman-index --incremental, 1% of records changed", "dragoman_incremental"),
        ("Xapian scriptindex", "scriptindex"),
        ("Sphinx indexer", "sphinx"),
        ("SQLite FTS5", "sqlite")]
rows = [(label, k) for label, k in rows if os.path.exists(os.path.join(d, "times", k + ".time"))]
r = {k: parse(k) for _, k in rows}
cpu_model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print("Machine: %d cores (%s), %.0f GiB RAM. Corpus: %s, %d documents, %.1f MB of text.\n"
      % (os.cpu_count(), cpu_model, os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30,
         os.path.basename(corpus), docs, text / 1e6))
print("| engine | wall s | CPU s | docs/s | text MB/s | peak RSS MB | index MB | load at start |")
print("| --- | --- | --- | --- | --- | --- | --- | --- |")
for label, k in rows:
    x = r[k]
    print("| %s | %.1f | %.1f | %.0f | %.2f | %.0f | %s | %s |" % (
        label, x["wall"], x["cpu"], docs / x["wall"], text / 1e6 / x["wall"], x["rss"],
        "%.0f" % x["size"] if x["size"] is not None else "(in place)", x["load"]))
full = r["dragoman"]["wall"]
ratios = ["dragoman / Sphinx = %.2f" % (full / r["sphinx"]["wall"]), "FTS5 / dragoman = %.2f" % (r["sqlite"]["wall"] / full)]
if "scriptindex" in r:
    ratios.insert(0, "scriptindex / dragoman = %.2f" % (r["scriptindex"]["wall"] / full))
if "baseline" in r:
    ratios.append("baseline / dragoman = %.2f" % (r["baseline"]["wall"] / full))
ratios.append("incremental 1%% / full build = %.1f%%" % (100 * r["dragoman_incremental"]["wall"] / full))
print("\nRatios (wall time): %s." % "; ".join(ratios))
print("Index size / text: dragoman %.1f, Sphinx %.1f, FTS5 %.1f." % (
    r["dragoman"]["size"] * 1e6 / text, r["sphinx"]["size"] * 1e6 / text, r["sqlite"]["size"] * 1e6 / text))
log = open(os.path.join(d, "times", "dragoman.log")).read()
m = re.search(r"(\d+) passages.*?(\d+) segments merged in ([\d.]+) s", log)
if m:
    print("Dragoman wrote %s passages (Xapian documents) through %s segments; merging them took %s s."
          % m.groups())
m = re.search(r"word analysis cache: (.*)", log)
if m:
    print("Word analysis cache: %s." % m.group(1))
EOF
