#!/usr/bin/env python3
"""Read rate of jaringd's TAXII 2.1 feed against medallion 3.0.0 (memory backend) serving the
same objects, both read the same way with taxii2-client 2.3.0.

Usage:
  read_bench.py --url http://127.0.0.1:PORT/taxii2/ --user U --password P --collection ALIAS_OR_ID
                [--per-request 100] [--rounds 5] [--medallion-bin /work/main/.venv/bin/medallion]

Reads the collection `rounds` times with as_pages(get_objects, per_request=N), timing only the
reads; pulls the manifest once for date_added; loads the first round's objects into a medallion
started on a free 127.0.0.1 port (temporary config and data file); reads it the same way; stops it.
Prints one JSON object; on error one line "read_bench: ..." to stderr and exit status 1.
Run it with /work/main/.venv/bin/python.
"""
import argparse
import datetime
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from fractions import Fraction

import requests
from medallion.common import string_to_datetime as medallion_parse
from taxii2client.v21 import Server, as_pages

TAXII21 = "application/taxii+json;version=2.1"
STIX21 = "application/stix+json;version=2.1"
MAX_PAGES = 10000
START_WAIT = 30.0
MEDALLION_USER, MEDALLION_PASSWORD = "user", "pass"
DEFAULT_MEDALLION = os.path.join(os.path.dirname(sys.executable), "medallion")


from taxii_cli import fail, run_main  # beside this script: on the path when it is run


TS_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})[Tt](\d{2}:\d{2}:\d{2})(?:\.(\d+))?[Zz]$")


def ts_parts(value):
    """A UTC RFC 3339 timestamp as (datetime to the second, fraction), or None."""
    m = TS_RE.match(value) if isinstance(value, str) else None
    if not m:
        return None
    try:
        t = datetime.datetime.strptime(m.group(1) + "T" + m.group(2), "%Y-%m-%dT%H:%M:%S")
    except ValueError:
        return None
    frac = m.group(3)
    return t, (Fraction(int(frac), 10 ** len(frac)) if frac else Fraction(0))


def to_micro(parts):
    t, frac = parts
    return t + datetime.timedelta(microseconds=int(frac * 1000000))


def fmt_micro(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def find_collection(url, user, password, want):
    server = Server(url, user=user, password=password)
    roots = server.api_roots
    if not roots:
        fail("%s lists no API root" % url)
    names = []
    for c in roots[0].collections:
        names.append(c.alias or c.id)
        if want in (c.id, c.alias):
            return c
    fail("no collection %r at %s (have: %s)" % (want, url, ", ".join(names) or "none"))


def read_rounds(coll, per_request, rounds, what, keep_first=True):
    """Read the whole collection `rounds` times; returns (first round's objects, objects read, seconds)."""
    first, total, elapsed = [], 0, 0.0
    for r in range(rounds):
        n = pages = 0
        t0 = time.perf_counter()
        for env in as_pages(coll.get_objects, per_request=per_request):
            items = env.get("objects", [])
            n += len(items)
            pages += 1
            if r == 0 and keep_first:
                first.extend(items)
            if env.get("more", False):
                if not env.get("next") or not items:
                    fail("%s: page %d has more=true without next or objects" % (what, pages))
                if pages >= MAX_PAGES:
                    fail("%s: more than %d pages" % (what, MAX_PAGES))
        elapsed += time.perf_counter() - t0
        if r == 0:
            n0 = n
            if n == 0:
                fail("%s: the collection is empty" % what)
        elif n != n0:
            fail("%s: round %d read %d objects, round 1 read %d" % (what, r + 1, n, n0))
        total += n
    return first, total, elapsed


def manifest_dates(coll, per_request):
    """(id, version) -> date_added string, and id -> [date_added], from the whole manifest."""
    by_key, by_id = {}, {}
    pages = 0
    for env in as_pages(coll.get_manifest, per_request=per_request):
        pages += 1
        for e in env.get("objects", []):
            if not isinstance(e, dict) or "id" not in e or "date_added" not in e:
                continue
            by_key[(e["id"], ts_parts(e.get("version")))] = e["date_added"]
            by_id.setdefault(e["id"], []).append(e["date_added"])
        if env.get("more", False) and (not env.get("next") or not env.get("objects")):
            fail("manifest: page %d has more=true without next or objects" % pages)
        if pages >= MAX_PAGES:
            fail("manifest: more than %d pages" % MAX_PAGES)
    return by_key, by_id


def medallion_collection(objs, by_key, by_id):
    """Objects and manifest for medallion's memory backend: every object needs a manifest entry whose
    version equals (as a datetime) its modified, else created, else a hidden _date_added."""
    out_objs, manifest = [], []
    prev = None
    for o in objs:
        if not isinstance(o, dict) or "id" not in o:
            fail("an object without an id")
        v = o.get("modified") or o.get("created")
        da = by_key.get((o["id"], ts_parts(v))) if v is not None else None
        if da is None and len(by_id.get(o["id"], [])) == 1:
            da = by_id[o["id"]][0]
        parts = ts_parts(da)
        t = to_micro(parts) if parts else None
        # medallion sorts the manifest by the date_added string: one format, strictly increasing in
        # the order jaring served them (µs precision at most; bump by 1 µs where needed)
        if t is None or (prev is not None and t <= prev):
            t = (prev + datetime.timedelta(microseconds=1)) if prev else datetime.datetime(2000, 1, 1)
        prev = t
        da = fmt_micro(t)
        o = dict(o)
        if "version" in o:
            # medallion's find_att reads a top-level "version" (extension-definition's "1.0.0") before
            # modified/created and answers 500; in medallion's copy only, it carries the version timestamp
            o["version"] = v if v is not None else da
        if v is None:
            o["_date_added"] = da
            v = da
        else:
            try:
                medallion_parse(v)
            except ValueError:
                fail("%s: medallion 3.0.0 cannot parse the timestamp %r (at most 6 fraction digits)" % (o["id"], v))
        out_objs.append(o)
        manifest.append({"id": o["id"], "date_added": da, "version": v, "media_type": STIX21})
    return out_objs, manifest


def free_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
    finally:
        s.close()


def tail(path, n=400):
    try:
        with open(path, "rb") as f:
            return " ".join(f.read()[-n:].decode("utf-8", "replace").split())
    except OSError:
        return ""


def start_medallion(tmp, objs, manifest, per_request, medallion_bin):
    """Start medallion on a free loopback port; returns (process, discovery URL, log path)."""
    coll_id = "9d1c1f0e-5e0a-4b8e-9a53-2f1e3c0b7a15"
    for attempt in range(3):
        port = free_port()
        base = "http://127.0.0.1:%d/" % port
        data = {
            "/discovery": {"title": "read_bench medallion", "default": base + "api1/", "api_roots": [base + "api1/"]},
            "api1": {
                "information": {"title": "api1", "versions": [TAXII21], "max_content_length": 104857600},
                "status": [],
                "collections": [{
                    "id": coll_id, "title": "bench", "alias": "bench", "can_read": True, "can_write": False,
                    "media_types": [STIX21], "objects": objs, "manifest": manifest,
                }],
            },
        }
        data_path = os.path.join(tmp, "data.json")
        with open(data_path, "w", encoding="utf-8") as f:
            json.dump(data, f)
        config = {
            # session_timeout: medallion's next expires this long after the first page (default 30 s)
            "backend": {"module": "medallion.backends.memory_backend", "module_class": "MemoryBackend",
                        "filename": data_path, "session_timeout": 300, "check_interval": 10},
            "users": {MEDALLION_USER: MEDALLION_PASSWORD},
            "taxii": {"max_page_size": max(100, per_request)},
        }
        config_path = os.path.join(tmp, "config.json")
        with open(config_path, "w", encoding="utf-8") as f:
            json.dump(config, f)
        args = ["--host", "127.0.0.1", "--port", str(port), "--log-level", "WARN", config_path]
        if os.path.exists(medallion_bin):
            cmd = [medallion_bin] + args
        else:  # same entry point, through this interpreter
            cmd = [sys.executable, "-c", "from medallion.scripts.run import main; main()"] + args
        log_path = os.path.join(tmp, "medallion-%d.log" % attempt)
        log = open(log_path, "wb")
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        url = base + "taxii2/"
        deadline = time.monotonic() + START_WAIT
        s = requests.Session()
        s.trust_env = False
        while True:
            if proc.poll() is not None:
                break
            try:
                r = s.get(url, auth=(MEDALLION_USER, MEDALLION_PASSWORD), headers={"Accept": TAXII21}, timeout=2)
                if r.status_code == 200:
                    return proc, url, log_path
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                stop(proc)
                fail("medallion did not answer discovery within %.0f s: %s" % (START_WAIT, tail(log_path)))
            time.sleep(0.2)
        if "in use" not in tail(log_path):
            fail("medallion exited with status %s: %s" % (proc.returncode, tail(log_path)))
    fail("medallion: no free port after 3 attempts")


def stop(proc):
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def parse_args(argv):
    p = argparse.ArgumentParser(description="jaringd TAXII read rate against medallion 3.0.0.")
    p.add_argument("--url", required=True, help="jaring discovery URL, e.g. http://127.0.0.1:PORT/taxii2/")
    p.add_argument("--user", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--collection", required=True, help="alias (tlp-clear, ...) or id")
    p.add_argument("--per-request", type=int, default=100)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--medallion-bin", default=DEFAULT_MEDALLION)
    a = p.parse_args(argv)
    if a.per_request < 1 or a.rounds < 1:
        p.error("--per-request and --rounds must be >= 1")
    return a


def run(a):
    # no proxy or .netrc from the environment for any session (taxii2-client's included): loopback only
    original_init = requests.Session.__init__

    def init(session, *args, **kwargs):
        original_init(session, *args, **kwargs)
        session.trust_env = False

    requests.Session.__init__ = init

    url = a.url if a.url.endswith("/") else a.url + "/"
    coll = find_collection(url, a.user, a.password, a.collection)
    objs, total, secs = read_rounds(coll, a.per_request, a.rounds, "jaring")
    by_key, by_id = manifest_dates(coll, a.per_request)
    taxii_rate = total / secs

    m_objs, m_manifest = medallion_collection(objs, by_key, by_id)
    proc = None
    with tempfile.TemporaryDirectory(prefix="read_bench-") as tmp:
        try:
            proc, m_url, _ = start_medallion(tmp, m_objs, m_manifest, a.per_request, a.medallion_bin)
            m_coll = find_collection(m_url, MEDALLION_USER, MEDALLION_PASSWORD, "bench")
            _, m_total, m_secs = read_rounds(m_coll, a.per_request, a.rounds, "medallion", keep_first=False)
        finally:
            stop(proc)
    if m_total != total:
        fail("medallion served %d objects over %d rounds, jaring %d" % (m_total, a.rounds, total))
    m_rate = m_total / m_secs
    return {
        "objects": len(objs),
        "per_request": a.per_request,
        "rounds": a.rounds,
        "taxii_read_objs_per_s": round(taxii_rate, 1),
        "medallion_read_objs_per_s": round(m_rate, 1),
        "ratio_taxii_medallion": round(taxii_rate / m_rate, 3),
    }


def main(argv=None):
    return run_main("read_bench", parse_args, run, argv)


if __name__ == "__main__":
    sys.exit(main())
