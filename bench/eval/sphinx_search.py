#!/usr/bin/python3
"""A Sphinx Search peer that speaks `dragoman-search --json` (the subset the evaluations read).
  sphinx_search.py --build DIR JSONL [PORT]   index with the peers' configuration
                                             (../shared/peers/sphinx: stem_en, CJK unigrams,
                                             title x2) and start searchd on 127.0.0.1:PORT
  sphinx_search.py --db DIR --json --limit N QUERY
  sphinx_search.py --stop DIR
Queries: every word quoted, implicit AND, proximity_bm25 with field_weights title=2 (the peers'
semantics); the judged set's OR, -word, phrases and speaker: in Sphinx's extended syntax;
lang:/source:/dates filter the top 1000 by the metadata kept beside the index.
Debian's python3-pymysql speaks SphinxQL (the MySQL protocol)."""
import json
import os
import re
import subprocess
import sys
import time

import pymysql

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import peer_query  # noqa: E402

PEERS = os.path.abspath(os.path.join(HERE, "..", "..", "..", "shared", "peers"))


def build(d, jsonl, port):
    os.makedirs(os.path.join(d, "idx"), exist_ok=True)
    tsv = os.path.join(d, "corpus.tsv")
    subprocess.run([sys.executable, os.path.join(PEERS, "sphinx", "jsonl2tsv.py"), jsonl, "-o", tsv], check=True)
    conf = open(os.path.join(PEERS, "sphinx", "sphinx.conf.in"), encoding="utf-8").read()
    conf = conf.replace("@DIR@", d).replace("@TSV@", tsv).replace("@PORT@", str(port))
    with open(os.path.join(d, "sphinx.conf"), "w", encoding="utf-8") as f:
        f.write(conf)
    meta = {}
    with open(jsonl, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            meta[r["id"]] = [r.get("date", ""), r.get("language", ""), r.get("source", "")]
    with open(os.path.join(d, "meta.json"), "w", encoding="utf-8") as f:
        json.dump(meta, f)
    with open(os.path.join(d, "port"), "w") as f:
        f.write(str(port))
    subprocess.run(["indexer", "--config", os.path.join(d, "sphinx.conf"), "--all", "--quiet"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(["searchd", "--config", os.path.join(d, "sphinx.conf")], check=True, stdout=subprocess.DEVNULL)
    for _ in range(100):
        try:
            pymysql.connect(host="127.0.0.1", port=port).close()
            return
        except pymysql.err.OperationalError:
            time.sleep(0.1)
    raise SystemExit("sphinx_search: searchd did not start on port %d" % port)


def stop(d):
    subprocess.run(["searchd", "--config", os.path.join(d, "sphinx.conf"), "--stopwait"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def escaped(word):
    return re.sub(r'([\\()|\-!@~"&/^$=<])', r"\\\1", word)


def quoted(words):
    return '"%s"' % " ".join(escaped(w) for w in words)


def match_expression(q):
    body = " ".join("(" + " | ".join(quoted(item) for item in group) + ")" for group in q.groups)
    body += "".join(" -" + quoted(item) for item in q.negated)
    expr = "@(title,content) " + body if body.strip() else ""
    if q.speaker:
        expr += " @speakers " + " ".join(quoted([w]) for w in q.speaker)
    return expr.strip()


def search(d, query, limit):
    q = peer_query.parse(query)
    port = int(open(os.path.join(d, "port")).read())
    filtered = bool(q.lang or q.source or q.date_from)
    expr = match_expression(q)
    results = []
    if expr:
        c = pymysql.connect(host="127.0.0.1", port=port, charset="utf8mb4")
        with c.cursor() as cur:
            cur.execute("SELECT docid FROM corpus WHERE MATCH(%s) LIMIT %s "
                        "OPTION ranker=proximity_bm25, field_weights=(title=2, content=1), max_matches=1000",
                        (expr, 1000 if filtered else limit))
            ids = [row[0] for row in cur.fetchall()]
        c.close()
        if filtered:
            meta = json.load(open(os.path.join(d, "meta.json"), encoding="utf-8"))
            ids = [i for i in ids if i in meta and peer_query.passes_filters(
                q, {"date": meta[i][0], "language": meta[i][1], "source": meta[i][2]})]
        results = [{"id": i} for i in ids[:limit]]
    return {"query": query, "results": results}


def main(argv):
    if argv[:1] == ["--build"]:
        build(os.path.abspath(argv[1]), argv[2], int(argv[3]) if len(argv) > 3 else 9316)
        return 0
    if argv[:1] == ["--stop"]:
        stop(os.path.abspath(argv[1]))
        return 0
    return peer_query.answer(search, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
