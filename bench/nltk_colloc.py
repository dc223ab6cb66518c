#!/usr/bin/env python3
"""NLTK's bigram collocations of a whole folder of .txt files: the finder over every bigram,
then the top 20 by likelihood ratio and by PMI, as an analyst using NLTK would.

    python3 bench/nltk_colloc.py DIR

Prints key=value lines: finder_build_s, lr_top20_s, pmi_top20_s, bigram_types."""
import os, re, sys, time
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

def main():
    folder = sys.argv[1]
    token = re.compile(r"[\w']+")
    words = []
    for root, _, files in os.walk(folder):
        for name in sorted(files):
            if name.endswith(".txt"):
                with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
                    words.extend(token.findall(f.read().lower()))
    m = BigramAssocMeasures()
    t0 = time.perf_counter()
    finder = BigramCollocationFinder.from_words(words)
    t1 = time.perf_counter()
    finder.nbest(m.likelihood_ratio, 20)
    t2 = time.perf_counter()
    finder.nbest(m.pmi, 20)
    t3 = time.perf_counter()
    print(f"finder_build_s={t1 - t0:.3f}")
    print(f"lr_top20_s={t2 - t1:.3f}")
    print(f"pmi_top20_s={t3 - t2:.3f}")
    print(f"bigram_types={len(finder.ngram_fd)}")

if __name__ == "__main__":
    main()
