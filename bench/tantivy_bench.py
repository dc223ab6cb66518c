#!/usr/bin/env python3
"""Tantivy (a Lucene-class search engine in Rust, through its Python binding) on a folder of
.txt files: the index build, and warm phrase queries counting matching documents.

    python3 bench/tantivy_bench.py build DIR INDEX [THREADS]   -> docs, build_s, index_mb, threads
    python3 bench/tantivy_bench.py query INDEX RUNS PHRASE…
        -> for each phrase i: qI_docs_count, qI_docs_median_s

One text field with Tantivy's "default" tokenizer (split at every non-alphanumeric character,
lower-cased) and positions, which phrase queries need. Tantivy counts documents, not
occurrences. key=value lines on stdout, as fts5_bench.py. Install: pip install tantivy"""
import os, shutil, statistics, sys, time
import tantivy

def schema():
    b = tantivy.SchemaBuilder()
    b.add_text_field("name", stored=True, tokenizer_name="raw")
    b.add_text_field("body", stored=False, tokenizer_name="default", index_option="position")
    return b.build()

def files(folder):
    for root, _, names in os.walk(folder):
        for name in sorted(names):
            if name.endswith(".txt"):
                yield name, os.path.join(root, name)

def build(folder, path, threads):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    t0, n = time.perf_counter(), 0
    index = tantivy.Index(schema(), path=path)
    # a heap large enough that the writer does not flush in the middle of a 100 MB corpus
    writer = index.writer(heap_size=1_000_000_000, num_threads=threads)
    for name, file in files(folder):
        with open(file, encoding="utf-8", errors="replace") as f:
            writer.add_document(tantivy.Document(name=name, body=f.read()))
        n += 1
    writer.commit()
    writer.wait_merging_threads()
    t1 = time.perf_counter()
    size = sum(os.path.getsize(os.path.join(root, f)) for root, _, fs in os.walk(path) for f in fs)
    print(f"docs={n}")
    print(f"build_s={t1 - t0:.3f}")
    print(f"index_mb={size / 1e6:.1f}")
    print(f"threads={threads}")

def query(path, runs, phrases):
    index = tantivy.Index.open(path)
    index.reload()
    searcher = index.searcher()
    for i, phrase in enumerate(phrases):
        q = index.parse_query('"' + phrase.replace('"', " ") + '"', ["body"])
        searcher.search(q, 1)   # warm
        times, docs = [], 0
        for _ in range(runs):
            t0 = time.perf_counter()
            docs = searcher.search(q, 1).count
            times.append(time.perf_counter() - t0)
        print(f"q{i}_docs_count={docs}")
        print(f"q{i}_docs_median_s={statistics.median(times):.6f}")

if __name__ == "__main__":
    if sys.argv[1] == "build":
        build(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 2)
    else:
        query(sys.argv[2], int(sys.argv[3]), sys.argv[4:])
