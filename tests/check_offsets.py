#!/usr/bin/env python3
"""Checks newsmill records from Python's side: every span slices its own text back out.

Usage: check_offsets.py RECORDS.jsonl   (or records on stdin)

Offsets count the unit the record names in "offsets": "char" (Python str
indices, the default), "utf16" (UTF-16 code units) or "byte" (UTF-8 bytes).
Exits 1 and names the first bad span otherwise.
"""
import json
import sys


def slicer(text, unit):
    if unit == "char":
        return lambda s, e: text[s:e]
    if unit == "utf16":
        data = text.encode("utf-16-le")
        return lambda s, e: data[2 * s : 2 * e].decode("utf-16-le")
    if unit == "byte":
        data = text.encode("utf-8")
        return lambda s, e: data[s:e].decode("utf-8")
    raise ValueError(f"unknown offset unit {unit!r}")


def length(text, unit):
    return {"char": len(text), "utf16": len(text.encode("utf-16-le")) // 2, "byte": len(text.encode())}[unit]


def check(record):
    text = record["text"]
    unit = record["offsets"]
    cut = slicer(text, unit)
    size = length(text, unit)

    def span_ok(where, span, expected=None):
        s, e = span["start"], span["end"]
        if not (0 <= s <= e <= size):
            raise AssertionError(f"{record['id']}: {where} {s}..{e} outside 0..{size}")
        piece = cut(s, e)
        if expected is not None and piece != expected:
            raise AssertionError(f"{record['id']}: {where} {s}..{e} slices {piece!r}, record says {expected!r}")
        return piece

    for p in record["paragraphs"]:
        piece = span_ok("paragraph", p)
        if piece != piece.strip() or not piece:
            raise AssertionError(f"{record['id']}: paragraph {p} has edge whitespace or is empty")
    for s in record["sentences"]:
        piece = span_ok("sentence", s)
        if piece != piece.strip() or not piece:
            raise AssertionError(f"{record['id']}: sentence {s} has edge whitespace or is empty")
    for entity in record["entities"]:
        for m in entity["mentions"]:
            span_ok(f"mention of {entity['id']}", m, m["text"])
    ids = {e["id"] for e in record["entities"]}
    for q in record["quotes"]:
        span_ok("quote", q, q["text"])
        if q["speaker"] is not None and q["speaker"] not in ids:
            raise AssertionError(f"{record['id']}: quote speaker {q['speaker']} is not an entity of the record")
    for t in record.get("tokens") or []:
        span_ok("token", t)


def main():
    source = open(sys.argv[1], encoding="utf-8") if len(sys.argv) > 1 else sys.stdin
    count = 0
    spans = 0
    for line in source:
        if not line.strip():
            continue
        record = json.loads(line)
        try:
            check(record)
        except AssertionError as err:
            print(f"offset check failed: {err}", file=sys.stderr)
            return 1
        count += 1
        spans += len(record["sentences"]) + sum(len(e["mentions"]) for e in record["entities"]) + len(record["quotes"])
    print(f"offsets ok: {count} records, {spans} spans")
    return 0


if __name__ == "__main__":
    sys.exit(main())
