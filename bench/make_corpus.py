#!/usr/bin/env python3
"""Loupe's benchmark corpus: English text of realistic shape, generated from nothing but
Debian packages, the same bytes on every machine with the same packages.

    python3 bench/make_corpus.py --size 100M --out /tmp/loupe-bench/corpus_100M

Writes OUT/docs/doc_NNNNN.txt and OUT/manifest.json (docs, bytes, vocab, and
sha256_docs_in_id_order: the sha256 of the files concatenated in name order).

Text: the King James Bible's verses (bible-kjv), shuffled into documents of 4-20 KB in
paragraphs of 2-8 verses, with words of a large English word list (wamerican-huge) mixed
in with low ranks far more often than high ones, so that the vocabulary grows with the corpus as real text's does
(a few words very frequent, a long tail of rare ones)."""
import argparse, hashlib, json, os, random, re, subprocess, sys

def size_bytes(text):
    m = re.fullmatch(r"(\d+)([KMG]?)", text.upper())
    if not m:
        sys.exit(f"make_corpus.py: --size must be like 100M or 1G, got {text}")
    return int(m.group(1)) * {"": 1, "K": 1 << 10, "M": 10**6, "G": 10**9}[m.group(2)]

def verses():
    try:
        out = subprocess.run(["bible", "-f", "Gen1:1-Rev22:21"], check=True, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        sys.exit(f"make_corpus.py: cannot read the KJV with `bible` (apt install bible-kjv): {e}")
    # "Ge1:1 In the beginning …": drop the reference
    return [line.split(" ", 1)[1] for line in out.splitlines() if " " in line and line[0].isalpha()]

def words():
    for path in ("/usr/share/dict/american-english-huge", "/usr/share/dict/words"):
        if os.path.exists(path):
            with open(path, encoding="utf-8", errors="replace") as f:
                return sorted({w.strip() for w in f if w.strip().isalpha()})
    sys.exit("make_corpus.py: no word list (apt install wamerican-huge)")

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--size", default="100M")
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=20261207)
    a = p.parse_args()
    target = size_bytes(a.size)
    rng = random.Random(a.seed)
    vs, ws = verses(), words()
    rng.shuffle(ws)  # the rank of a word in the Zipf draw below
    docs = os.path.join(a.out, "docs")
    os.makedirs(docs, exist_ok=True)
    digest, total, n = hashlib.sha256(), 0, 0
    while total < target:
        n += 1
        size = rng.randint(4000, 20000)
        paragraphs, length = [], 0
        while length < size:
            sentences = []
            for _ in range(rng.randint(2, 8)):
                v = rng.choice(vs)
                if rng.random() < 0.5:  # a word or two of the list, the low ranks far more often
                    parts = v.split(" ")
                    for _ in range(rng.randint(1, 3)):
                        rank = min(len(ws) - 1, int(len(ws) * rng.random() ** 2.5))
                        parts.insert(rng.randint(0, len(parts)), ws[rank])
                    v = " ".join(parts)
                sentences.append(v)
            paragraph = " ".join(sentences)
            paragraphs.append(paragraph)
            length += len(paragraph) + 2
        text = "\n\n".join(paragraphs) + "\n"
        data = text.encode("utf-8")
        with open(os.path.join(docs, f"doc_{n:05d}.txt"), "wb") as f:
            f.write(data)
        digest.update(data)
        total += len(data)
    manifest = {"docs": n, "bytes": total, "vocab": "realistic", "seed": a.seed, "size": a.size,
                "sha256_docs_in_id_order": digest.hexdigest()}
    with open(os.path.join(a.out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    print(f"make_corpus.py: {n} documents, {total} bytes in {docs}", file=sys.stderr)

if __name__ == "__main__":
    main()
