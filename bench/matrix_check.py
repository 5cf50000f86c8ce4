#!/usr/bin/env python3
"""Compare the counts of the matrix benchmark (bench/matrix.sh): qda's matrix TSV (rows x
columns, first column the row label), the sqlite3 GROUP BY output (case, code, count) and the
pandas table (case x code). Prints the number of non-empty cells and their total, and exits 1
naming the first difference.

  bench/matrix_check.py QDA.tsv SQLITE.tsv PANDAS.tsv"""
import csv
import sys


def wide(path):
    cells = {}
    with open(path, newline="", encoding="utf-8") as f:
        r = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        head = next(r)
        for row in r:
            for col, v in zip(head[1:], row[1:]):
                if v not in ("", "0"):
                    cells[(row[0], col)] = int(v)
    return cells


def long(path):
    cells = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            cells[(row[0], row[1])] = int(row[2])
    return cells


def main():
    q, s, p = wide(sys.argv[1]), long(sys.argv[2]), wide(sys.argv[3])
    for name, other in (("sqlite3", s), ("pandas", p)):
        if other != q:
            diff = sorted(set(q.items()) ^ set(other.items()))[:3]
            print(f"counts differ between qda and {name}: {diff}", file=sys.stderr)
            sys.exit(1)
    print(f"counts agree: {len(q)} non-empty cells, {sum(q.values())} codings")


if __name__ == "__main__":
    main()
