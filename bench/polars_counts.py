#!/usr/bin/env python3
"""Polars' word list or trigram table of a folder of .txt files: what a data scientist would try
before writing a loop (multithreaded, in Rust). Tokens as py_counts.py: lower-cased [\\w']+,
trigrams within a document.

    python3 bench/polars_counts.py DIR uni|tri

Prints key=value lines as py_counts.py: read_s, compute_s, tokens, and types (uni) or
trigram_types (tri). Install: pip install polars"""
import sys, time
import polars as pl
from py_counts import read_texts

def main():
    folder, mode = sys.argv[1], sys.argv[2]
    t0 = time.perf_counter()
    texts = read_texts(folder)
    t1 = time.perf_counter()
    words = (pl.LazyFrame({"doc": range(len(texts)), "text": texts})
             .select("doc", pl.col("text").str.to_lowercase().str.extract_all(r"[\w']+").alias("w"))
             .explode("w").drop_nulls("w").collect())
    if mode == "uni":
        table = words.group_by("w").agg(pl.len())
    else:
        # the next two words of the same document beside each word; the last two have none
        table = (words.with_columns(pl.col("w").shift(-1).over("doc").alias("w2"),
                                    pl.col("w").shift(-2).over("doc").alias("w3"))
                 .drop_nulls("w3").group_by("w", "w2", "w3").agg(pl.len()))
    t2 = time.perf_counter()
    print(f"read_s={t1 - t0:.3f}")
    print(f"compute_s={t2 - t1:.3f}")
    print(f"tokens={words.height}")
    print(f"{'types' if mode == 'uni' else 'trigram_types'}={table.height}")

if __name__ == "__main__":
    main()
