#!/usr/bin/env python3
"""An independent RFC 9162 (section 2.1.1) Merkle tree hash of a jaring audit log, written
from the RFC with nothing but the standard library, to check jaring's own implementation.

Usage: rfc9162_root.py AUDIT.jsonl [SIZE]   -> prints the root of the first SIZE entries
(default: all) in standard padded base64.
"""
import base64
import hashlib
import sys


def mth(leaves):
    n = len(leaves)
    if n == 0:
        return hashlib.sha256(b"").digest()
    if n == 1:
        return leaves[0]
    k = 1
    while k * 2 < n:
        k *= 2
    return hashlib.sha256(b"\x01" + mth(leaves[:k]) + mth(leaves[k:])).digest()


def main():
    data = open(sys.argv[1], "rb").read()
    lines = data.split(b"\n")
    assert lines[-1] == b"", "the log must end with a newline"
    lines = lines[:-1]
    size = int(sys.argv[2]) if len(sys.argv) > 2 else len(lines)
    leaves = [hashlib.sha256(b"\x00" + line).digest() for line in lines[:size]]
    print(base64.b64encode(mth(leaves)).decode())


if __name__ == "__main__":
    main()
