#!/usr/bin/env python3
"""SQLite FTS5 on a folder of .txt files: the index build, and warm phrase queries.

    python3 bench/fts5_bench.py build DIR DB      -> docs, db_mb, insert_s, optimize_s
    python3 bench/fts5_bench.py query DB RUNS PHRASE…
        -> for each phrase i: qI_docs_count, qI_docs_median_s (matching documents),
           qI_occ_count, qI_occ_median_s (occurrences, counted with highlight())

One table d(name, body) with the unicode61 tokenizer; key=value lines on stdout."""
import os, sqlite3, statistics, sys, time

def build(folder, db):
    if os.path.exists(db):
        os.remove(db)
    con = sqlite3.connect(db)
    con.execute("CREATE VIRTUAL TABLE d USING fts5(name, body, tokenize = 'unicode61')")
    t0, n = time.perf_counter(), 0
    for root, _, files in os.walk(folder):
        for name in sorted(files):
            if name.endswith(".txt"):
                with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
                    con.execute("INSERT INTO d(name, body) VALUES (?, ?)", (name, f.read()))
                n += 1
    con.commit()
    t1 = time.perf_counter()
    con.execute("INSERT INTO d(d) VALUES ('optimize')")
    con.commit()
    t2 = time.perf_counter()
    con.close()
    print(f"docs={n}")
    print(f"db_mb={os.path.getsize(db) / 1e6:.1f}")
    print(f"insert_s={t1 - t0:.3f}")
    print(f"optimize_s={t2 - t1:.3f}")

def timed(con, sql, arg, runs):
    times, value = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        value = con.execute(sql, (arg,)).fetchone()[0]
        times.append(time.perf_counter() - t0)
    return value, statistics.median(times)

def query(db, runs, phrases):
    con = sqlite3.connect(db)
    # highlight() adds one mark before each matched phrase: the added length is the occurrences
    occ = ("WITH h AS MATERIALIZED (SELECT length(highlight(d, 1, char(1), '')) - length(body) AS n "
           "FROM d WHERE d MATCH ?) SELECT coalesce(sum(n), 0) FROM h")
    for i, phrase in enumerate(phrases):
        match = '"' + phrase.replace('"', '""') + '"'
        timed(con, "SELECT count(*) FROM d WHERE d MATCH ?", match, 1)   # warm
        docs, docs_s = timed(con, "SELECT count(*) FROM d WHERE d MATCH ?", match, runs)
        count, occ_s = timed(con, occ, match, runs)
        print(f"q{i}_docs_count={docs}")
        print(f"q{i}_docs_median_s={docs_s:.6f}")
        print(f"q{i}_occ_count={count}")
        print(f"q{i}_occ_median_s={occ_s:.6f}")

if __name__ == "__main__":
    if sys.argv[1] == "build":
        build(sys.argv[2], sys.argv[3])
    else:
        query(sys.argv[2], int(sys.argv[3]), sys.argv[4:])
