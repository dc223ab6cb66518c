#!/usr/bin/env python3
"""Plain Python's word list or trigram table of a folder of .txt files, the baseline an analyst
would write: lower-cased [\\w']+ tokens, collections.Counter, trigrams within a document.

    python3 bench/py_counts.py DIR uni|tri

Prints key=value lines: read_s, compute_s, tokens, and types (uni) or trigram_types (tri)."""
import collections, os, re, sys, time

def read_texts(folder):
    """Every .txt file under folder, as text (the peers' scripts read the corpus alike)."""
    texts = []
    for root, _, files in os.walk(folder):
        for name in sorted(files):
            if name.endswith(".txt"):
                with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
                    texts.append(f.read())
    return texts

def main():
    folder, mode = sys.argv[1], sys.argv[2]
    t0 = time.perf_counter()
    texts = read_texts(folder)
    t1 = time.perf_counter()
    token = re.compile(r"[\w']+")
    counts, tokens = collections.Counter(), 0
    for text in texts:
        words = token.findall(text.lower())
        tokens += len(words)
        if mode == "uni":
            counts.update(words)
        else:
            counts.update(zip(words, words[1:], words[2:]))
    t2 = time.perf_counter()
    print(f"read_s={t1 - t0:.3f}")
    print(f"compute_s={t2 - t1:.3f}")
    print(f"tokens={tokens}")
    print(f"{'types' if mode == 'uni' else 'trigram_types'}={len(counts)}")

if __name__ == "__main__":
    main()
