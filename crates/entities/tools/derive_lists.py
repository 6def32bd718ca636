#!/usr/bin/env python3
"""Derive the compact lists in ../data from the shared research corpora.

Usage: derive_lists.py SHARED_DIR OUT_DIR
SHARED_DIR is the project's shared data folder (holding data/ner and data/news).
Only name lists and word statistics are written, never corpus text.
"""
import collections
import json
import os
import re
import sys

shared, out = sys.argv[1], sys.argv[2]
gaz = os.path.join(shared, "data/ner/gazetteers")
news = os.path.join(shared, "data/news")

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def read(name):
    with open(os.path.join(gaz, name), encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip()]


# --- word statistics from the news corpora -------------------------------
lower = collections.Counter()  # all-lowercase occurrences
cap_mid = collections.Counter()  # Capitalised, not sentence-initial
cap_any = collections.Counter()
for fname in ("bbc.jsonl", "reuters21578.jsonl"):
    with open(os.path.join(news, fname), encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("text") or ""
            for raw in text.split("\n"):
                letters = [c for c in raw if c.isalpha()]
                if letters and sum(c.isupper() for c in letters) > 0.6 * len(letters):
                    continue  # all-caps headline lines say nothing about case
                initial = True
                for m in re.finditer(r"[A-Za-z][A-Za-z'’-]*|[.!?:\"“‘(]", raw):
                    tok = m.group(0)
                    if not tok[0].isalpha():
                        initial = True
                        continue
                    tok = re.sub(r"['’]s$", "", tok)
                    if tok.islower():
                        lower[tok] += 1
                    elif tok[0].isupper() and (len(tok) == 1 or not tok[1:].isupper()):
                        cap_any[tok.lower()] += 1
                        if not initial:
                            cap_mid[tok.lower()] += 1
                    initial = False

common = sorted(
    w for w, n in lower.items()
    if n >= 3 and n >= 3 * cap_mid[w] and "'" not in w and "’" not in w
)
with open(os.path.join(out, "common_words.txt"), "w", encoding="utf-8") as f:
    f.write("\n".join(common) + "\n")
common_set = set(common)

# --- people ---------------------------------------------------------------
first = sorted(set(read("first_names_male_census1990.txt")) | set(read("first_names_female_census1990.txt")))
first = [n for n in first if n.lower() not in common_set or cap_mid[n.lower()] >= lower[n.lower()]]
with open(os.path.join(out, "first_names.txt"), "w", encoding="utf-8") as f:
    f.write("\n".join(first) + "\n")
first_set = set(first)

# Census surnames are alphabetical; keep those the news corpora actually use.
surnames = sorted(
    n for n in read("last_names_census1990.txt")
    if cap_any[n.lower()] >= 1 and n.lower() not in common_set
)
with open(os.path.join(out, "surnames.txt"), "w", encoding="utf-8") as f:
    f.write("\n".join(surnames) + "\n")
surname_set = set(surnames)

# --- places ---------------------------------------------------------------
LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ .'’-]*$")


def fine(name):
    return LATIN.match(name) and len(name) >= 3


major = set()
for name in ("countries_geonames.txt", "countries_iso3166.txt", "capitals.txt", "continents.txt", "us_states.txt"):
    major.update(n for n in read(name) if fine(n) and "," not in n)
major.update(n for n in read("country_alt_spellings.txt") if n.isascii() and fine(n) and len(n) <= 30)
major = sorted(n for n in major if n.lower() not in common_set)
with open(os.path.join(out, "places_major.txt"), "w", encoding="utf-8") as f:
    f.write("\n".join(major) + "\n")
major_set = set(major)

minor = set()
for name in ("cities15000.txt", "provinces.txt"):
    minor.update(n for n in read(name) if fine(n))
# A city that is also a common word or a first name is more often not the
# city in running text.
minor = sorted(
    n for n in minor
    if n not in major_set
    and n.lower() not in common_set
    and n not in first_set
)
with open(os.path.join(out, "places_minor.txt"), "w", encoding="utf-8") as f:
    f.write("\n".join(minor) + "\n")

# --- nationalities --------------------------------------------------------
demonyms = set()
for d in read("demonyms.txt"):
    if not fine(d):
        continue
    demonyms.add(d)
    if d.endswith(("an", "i", "ian")):
        demonyms.add(d + "s")
with open(os.path.join(out, "demonyms.txt"), "w", encoding="utf-8") as f:
    f.write("\n".join(sorted(demonyms)) + "\n")

# --- names from the CoNLL-2003 training split (train only) ------------------
LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
counts = collections.defaultdict(collections.Counter)
cur, cur_label = [], None


def flush():
    global cur, cur_label
    if cur:
        counts[" ".join(cur)][cur_label] += 1
    cur, cur_label = [], None


with open(os.path.join(shared, "data/ner/conll2003/train.tsv"), encoding="utf-8") as f:
    for line in f:
        parts = line.rstrip("\n").split("\t")
        if len(parts) != 2:
            flush()
            continue
        tok, tag = parts
        if tag.startswith("B-"):
            flush()
            cur, cur_label = [tok], tag[2:]
        elif tag.startswith("I-") and cur:
            cur.append(tok)
        else:
            flush()
flush()
# In CoNLL sports pages city names are teams (ORG); in general news the
# place reading is the safer one, so the place lists keep those names.
places = set(major) | set(minor)
rows = []
for name, c in counts.items():
    label, n = c.most_common(1)[0]
    total = sum(c.values())
    if total < 2 or n < 0.9 * total:
        continue
    if name.isupper() and len(name) > 4:
        continue  # all-caps headline forms
    if " " not in name and name.lower() in common_set:
        continue
    if name in places and label != "LOC":
        continue
    if not re.search(r"[a-z]", name) and len(name) > 6:
        continue
    rows.append(f"{LABELS[label]}\t{name}")
with open(os.path.join(out, "conll_train_names.tsv"), "w", encoding="utf-8") as f:
    f.write("\n".join(sorted(rows)) + "\n")
