#!/usr/bin/env python3
"""Check jaringd's TAXII 2.1 read feed from the outside, with taxii2-client 2.3.0, stix2-validator
and raw `requests`.

Usage:
  feed_check.py --url http://127.0.0.1:PORT/taxii2/ --user U --password P [--limit 100]
                [--min-objects N] [--forbid FILE] [--allow-warnings 103,...]
                [--no-role-user U2 --no-role-password P2] [--timeout 60]

For every collection of the first API root: pages (count, size <= limit, no repeated
(id, modified)), completeness against the manifest (same (id, version) set; date_added strictly
increasing), resume with added_after (middle entry and last entry), stix2-validator on every object
(errors fail; warning codes must be in --allow-warnings), raw HTTP checks (content type, the
X-TAXII-Date-Added-First/-Last headers, 401/403/406/400 with a TAXII error body) and --forbid
strings in every response. Prints one JSON object on success; on failure one line
"feed_check: ..." to stderr and exit status 1. Run it with /work/main/.venv/bin/python.
"""
import argparse
import collections
import datetime
import json
import re
import sys
import time
import uuid
from fractions import Fraction
from urllib.parse import urljoin

import requests
from stix2validator import ValidationOptions, validate_instance
from taxii2client.v21 import Server, as_pages

TAXII21 = "application/taxii+json;version=2.1"
TAXII20 = "application/taxii+json;version=2.0"
MAX_PAGES = 10000


from taxii_cli import fail, run_main  # beside this script: on the path when it is run


# ---------------------------------------------------------------- timestamps

TS_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})$")
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def ts_key(value, what):
    """An RFC 3339 timestamp as a comparable (UTC seconds, fraction) pair, any number of digits."""
    m = TS_RE.match(value) if isinstance(value, str) else None
    if not m:
        fail("%s: %r is not an RFC 3339 timestamp" % (what, value))
    y, mo, d, h, mi, s, frac, tz = m.groups()
    try:
        if tz in ("Z", "z"):
            off = datetime.timezone.utc
        else:
            sign = -1 if tz[0] == "-" else 1
            off = datetime.timezone(sign * datetime.timedelta(hours=int(tz[1:3]), minutes=int(tz[4:6])))
        t = datetime.datetime(int(y), int(mo), int(d), int(h), int(mi), int(s), tzinfo=off)
    except ValueError as e:
        fail("%s: %r is not a valid timestamp (%s)" % (what, value, e))
    seconds = int((t - EPOCH).total_seconds())
    return (seconds, Fraction(int(frac), 10 ** len(frac)) if frac else Fraction(0))


# ---------------------------------------------------------------- every HTTP response

class Watch:
    """Sees every response fetched (taxii2-client's and ours): deadline, per-request timeout,
    content type, forbidden strings."""

    def __init__(self, deadline, request_timeout, forbid, forbid_file):
        self.deadline = deadline
        self.request_timeout = request_timeout
        self.forbid = forbid  # [(line number, [byte needles])]
        self.forbid_file = forbid_file
        self.responses = 0

    def remaining(self):
        left = self.deadline - time.monotonic()
        if left <= 0:
            fail("overall timeout reached")
        return left

    def install(self):
        original = requests.Session.send
        watch = self

        def send(session, request, **kwargs):
            left = watch.remaining()
            if kwargs.get("timeout") is None:
                kwargs["timeout"] = max(1.0, min(left, watch.request_timeout))
            resp = original(session, request, **kwargs)
            watch.seen(resp)
            return resp

        requests.Session.send = send

        original_init = requests.Session.__init__

        def init(session, *args, **kwargs):
            original_init(session, *args, **kwargs)
            session.trust_env = False  # no proxy or .netrc from the environment: loopback, own credentials

        requests.Session.__init__ = init

    def seen(self, resp):
        self.responses += 1
        where = "%s %s -> %s" % (resp.request.method, resp.request.url, resp.status_code)
        ct = resp.headers.get("Content-Type", "")
        tokens = ct.replace(" ", "").split(";")
        if tokens[0].lower() != "application/taxii+json" or "version=2.1" not in [t.lower() for t in tokens[1:]]:
            fail("Content-Type %r is not application/taxii+json;version=2.1 (%s)" % (ct, where))
        if self.forbid:
            head = "\n".join("%s: %s" % kv for kv in resp.headers.items()).encode("utf-8", "replace")
            body = resp.content
            for lineno, needles in self.forbid:
                for n in needles:
                    if n in body or n in head:
                        fail("the string on line %d of %s occurs in the response to %s"
                             % (lineno, self.forbid_file, where))


def load_forbid(path):
    out = []
    with open(path, "r", encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            s = line.rstrip("\r\n")
            if not s.strip():
                continue
            needles = {s.encode("utf-8")}
            escaped = json.dumps(s)[1:-1]  # as a JSON string would carry it (\uXXXX, \", \\)
            needles.add(escaped.encode("ascii"))
            out.append((lineno, sorted(needles)))
    return out


# ---------------------------------------------------------------- paging with taxii2-client

def client_pages(func, limit, what, watch, key="objects", **filters):
    """All pages of a get_objects/get_manifest call via as_pages, bounded and sanity-checked."""
    pages = []
    for env in as_pages(func, per_request=limit, **filters):
        watch.remaining()
        if not isinstance(env, dict):
            fail("%s: page %d is not a JSON object" % (what, len(pages) + 1))
        items = env.get(key, [])
        if not isinstance(items, list):
            fail("%s: page %d: '%s' is not a list" % (what, len(pages) + 1, key))
        more = env.get("more", False)
        if not isinstance(more, bool):
            fail("%s: page %d: 'more' is %r, not a boolean" % (what, len(pages) + 1, more))
        if len(items) > limit:
            fail("%s: page %d has %d items, more than limit %d" % (what, len(pages) + 1, len(items), limit))
        if more and not env.get("next"):
            fail("%s: page %d has more=true but no next" % (what, len(pages) + 1))
        if more and not items:
            fail("%s: page %d has more=true and no %s" % (what, len(pages) + 1, key))
        pages.append(items)
        if not more:
            break
        if len(pages) >= MAX_PAGES:
            fail("%s: more than %d pages" % (what, MAX_PAGES))
    return pages


def obj_id(o, what):
    if not isinstance(o, dict) or not isinstance(o.get("id"), str):
        fail("%s: an item without a string id: %.200s" % (what, json.dumps(o)))
    return o["id"]


class Manifest:
    """The manifest in served order, and the object -> manifest entry matching."""

    def __init__(self, entries, what):
        self.entries = entries
        self.added = []
        self.index = {}
        self.by_id = collections.defaultdict(list)
        prev = None
        for i, e in enumerate(entries):
            eid = obj_id(e, what)
            for k in ("date_added", "version"):
                if k not in e:
                    fail("%s: entry %d (%s) has no %s" % (what, i, eid, k))
            da = ts_key(e["date_added"], "%s: %s date_added" % (what, eid))
            if prev is not None and not da > prev:
                fail("%s: date_added not strictly increasing at entry %d (%s: %s after %s)"
                     % (what, i, eid, e["date_added"], entries[i - 1]["date_added"]))
            prev = da
            self.added.append(da)
            k = (eid, ts_key(e["version"], "%s: %s version" % (what, eid)))
            if k in self.index:
                fail("%s: (%s, %s) listed twice" % (what, eid, e["version"]))
            self.index[k] = i
            self.by_id[eid].append(i)

    def resolve(self, o):
        """Index of the manifest entry for object o, or None."""
        oid = o["id"]
        v = o.get("modified") or o.get("created")
        if v is not None:
            i = self.index.get((oid, ts_key(v, "%s modified/created" % oid)))
            if i is not None:
                return i
            if "modified" in o:
                return None
        # no modified: the server may version it by created or by date_added; one entry for the id suffices
        cands = self.by_id.get(oid, [])
        return cands[0] if len(cands) == 1 else None

    def resolve_all(self, objs, what):
        out = []
        seen = {}
        for o in objs:
            i = self.resolve(o)
            if i is None:
                fail("%s: object %s (version %s) is not in the manifest"
                     % (what, o["id"], o.get("modified") or o.get("created") or "-"))
            if i in seen:
                fail("%s: object %s served twice (manifest entry %d)" % (what, o["id"], i))
            seen[i] = True
            out.append(i)
        return out


def version_of(o):
    return o.get("modified") or o.get("created") or "-"


# ---------------------------------------------------------------- raw HTTP

def error_body(resp, code, what):
    if resp.status_code != code:
        fail("%s: expected HTTP %d, got %d" % (what, code, resp.status_code))
    try:
        body = resp.json()
    except ValueError:
        fail("%s: HTTP %d body is not JSON" % (what, code))
    if not isinstance(body, dict) or not isinstance(body.get("title"), str) or "http_status" not in body:
        fail("%s: HTTP %d body lacks title/http_status: %.200s" % (what, code, resp.text))
    if str(body["http_status"]) != str(code):
        fail("%s: http_status %r in the body of an HTTP %d" % (what, body["http_status"], code))


def raw_get(session, url, what, params=None, headers=None, auth=None):
    h = {"Accept": TAXII21}
    h.update(headers or {})
    kw = {"params": params, "headers": h}
    if auth is not None:
        kw["auth"] = auth
    try:
        return session.get(url, **kw)
    except requests.RequestException as e:
        fail("%s: %s: %s" % (what, type(e).__name__, e))


def raw_json(resp, what):
    if resp.status_code != 200:
        fail("%s: HTTP %d: %.200s" % (what, resp.status_code, resp.text))
    try:
        body = resp.json()
    except ValueError:
        fail("%s: body is not JSON" % what)
    if not isinstance(body, dict):
        fail("%s: body is not a JSON object" % what)
    return body


def raw_pages(session, url, limit, key, what, watch):
    """Every page of url, following next; yields (response, body, items)."""
    params = {"limit": str(limit)}
    n = 0
    while True:
        watch.remaining()
        n += 1
        if n > MAX_PAGES:
            fail("%s: more than %d pages" % (what, MAX_PAGES))
        resp = raw_get(session, url, "%s page %d" % (what, n), params=params)
        body = raw_json(resp, "%s page %d" % (what, n))
        items = body.get(key, [])
        if not isinstance(items, list) or len(items) > limit:
            fail("%s page %d: bad '%s' (%s items, limit %d)" % (what, n, key, len(items) if isinstance(items, list) else "?", limit))
        yield resp, body, items
        if not body.get("more", False):
            return
        nxt = body.get("next")
        if not nxt:
            fail("%s page %d: more=true but no next" % (what, n))
        params = {"limit": str(limit), "next": nxt}


def check_page_headers(resp, man, first, last, what):
    """The page's X-TAXII-Date-Added-First/-Last against the manifest date_added of its first/last item."""
    for name, i, which in (("X-TAXII-Date-Added-First", first, "first"), ("X-TAXII-Date-Added-Last", last, "last")):
        got = resp.headers.get(name)
        if got is None:
            fail("%s: non-empty page without %s" % (what, name))
        if ts_key(got, "%s: %s" % (what, name)) != man.added[i]:
            fail("%s: %s is %s but the manifest's date_added of the page's %s object (%s) is %s"
                 % (what, name, got, which, man.entries[i]["id"], man.entries[i]["date_added"]))


# ---------------------------------------------------------------- main

def parse_args(argv):
    p = argparse.ArgumentParser(description="Check jaringd's TAXII 2.1 read feed.")
    p.add_argument("--url", required=True, help="discovery URL, e.g. http://127.0.0.1:PORT/taxii2/")
    p.add_argument("--user", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--limit", type=int, default=100)
    p.add_argument("--min-objects", type=int, default=0)
    p.add_argument("--forbid", metavar="FILE")
    p.add_argument("--allow-warnings", default="", help="comma-separated validator warning codes, e.g. 103,401")
    p.add_argument("--no-role-user")
    p.add_argument("--no-role-password")
    p.add_argument("--timeout", type=float, default=60.0, help="overall seconds")
    a = p.parse_args(argv)
    if a.limit < 1:
        p.error("--limit must be >= 1")
    if (a.no_role_user is None) != (a.no_role_password is None):
        p.error("--no-role-user and --no-role-password go together")
    return a


def run(a):
    start = time.monotonic()
    forbid = load_forbid(a.forbid) if a.forbid else []
    watch = Watch(start + a.timeout, a.timeout, forbid, a.forbid)
    watch.install()
    allowed = {c.strip().strip("{}") for c in a.allow_warnings.split(",") if c.strip()}
    url = a.url if a.url.endswith("/") else a.url + "/"
    limit = a.limit

    # -- taxii2-client: discovery, API root, collections
    server = Server(url, user=a.user, password=a.password)
    roots = server.api_roots
    if not roots:
        fail("discovery lists no API root")
    root = roots[0]
    colls = root.collections

    total_objects = 0
    total_pages = 0
    resumed = 0
    all_objects = []
    per_coll = []  # (collection, manifest, objects)
    for c in colls:
        what = "collection %s (%s)" % (c.alias or c.title, c.id)
        try:
            uuid.UUID(c.id)
        except ValueError:
            fail("%s: id is not a UUID" % what)
        if not c.can_read:
            fail("%s: listed with can_read false" % what)

        # 1. objects, paged
        pages = client_pages(c.get_objects, limit, what + " objects", watch)
        total_pages += len(pages)
        objs = [o for p in pages for o in p]
        seen = {}
        for o in objs:
            oid = obj_id(o, what)
            m = o.get("modified")
            k = (oid, ts_key(m, "%s modified" % oid) if m is not None else None)
            if k in seen:
                fail("%s: repetition: (%s, %s) served twice" % (what, oid, m))
            seen[k] = True
        total_objects += len(objs)
        all_objects.extend(objs)

        # 2. manifest and loss
        mpages = client_pages(c.get_manifest, limit, what + " manifest", watch)
        man = Manifest([e for p in mpages for e in p], what + " manifest")
        idx = man.resolve_all(objs, what)
        missing = sorted(set(range(len(man.entries))) - set(idx))
        if missing:
            e = man.entries[missing[0]]
            fail("%s: loss: %d manifest entries not served by get_objects, e.g. %s version %s"
                 % (what, len(missing), e["id"], e["version"]))

        # 3. resume with added_after
        if man.entries:
            mid = len(man.entries) // 2
            after = man.entries[mid]["date_added"]
            rpages = client_pages(c.get_objects, limit, what + " objects added_after middle", watch, added_after=after)
            robjs = [o for p in rpages for o in p]
            for o in robjs:
                obj_id(o, what)
            ridx = set(man.resolve_all(robjs, what + " added_after=" + after))
            want = {i for i in range(len(man.entries)) if man.added[i] > man.added[mid]}
            if ridx != want:
                extra, lost = sorted(ridx - want), sorted(want - ridx)
                fail("%s: added_after=%s: %d objects too many, %d missing (e.g. %s)"
                     % (what, after, len(extra), len(lost),
                        man.entries[(extra or lost)[0]]["id"]))
            resumed += len(robjs)
            last = man.entries[-1]["date_added"]
            lpages = client_pages(c.get_objects, limit, what + " objects added_after last", watch, added_after=last)
            n_last = sum(len(p) for p in lpages)
            if n_last:
                fail("%s: added_after=%s (the last date_added) still returns %d objects" % (what, last, n_last))
        per_coll.append((c, man, objs))

    # 6. minimum (early, before the slow part)
    if total_objects < a.min_objects:
        fail("%d objects in total, fewer than --min-objects %d" % (total_objects, a.min_objects))

    # 4. stix2-validator
    opts = ValidationOptions(version="2.1")
    counts = collections.Counter()
    example = {}
    done = set()
    for o in all_objects:
        canon = json.dumps(o, sort_keys=True, separators=(",", ":"))
        if canon in done:
            continue
        done.add(canon)
        watch.remaining()
        r = validate_instance(o, opts)
        if r.errors or not r.is_valid:
            fail("invalid STIX: %s" % (str(r.errors[0]) if r.errors else o["id"]))
        for w in r.warnings:
            m = re.search(r"\{(\d+)\}", str(w))
            code = m.group(1) if m else "?"
            counts[code] += 1
            example.setdefault(code, str(w))
    bad = sorted(c for c in counts if c not in allowed)
    if bad:
        fail("validator warning {%s} not allowed (%d), e.g. %s" % (bad[0], counts[bad[0]], example[bad[0]]))

    # 5. raw HTTP
    s = requests.Session()
    s.auth = (a.user, a.password)
    disc = raw_json(raw_get(s, url, "discovery"), "discovery")
    if not disc.get("title") or not disc.get("api_roots"):
        fail("raw discovery lacks title or api_roots")
    root_url = urljoin(url, disc["api_roots"][0])
    if not root_url.endswith("/"):
        root_url += "/"
    raw_json(raw_get(s, root_url, "API root"), "API root")
    raw_colls = raw_json(raw_get(s, root_url + "collections/", "collections"), "collections").get("collections", [])
    if sorted(x.get("id") for x in raw_colls) != sorted(c.id for c, _, _ in per_coll):
        fail("raw collections list differs from taxii2-client's")
    first_objects_url = None
    for c, man, objs in per_coll:
        what = "raw collection %s" % (c.alias or c.id)
        curl = root_url + "collections/" + c.id + "/"
        raw_json(raw_get(s, curl, what), what)
        ourl = curl + "objects/"
        first_objects_url = first_objects_url or ourl
        raw_keys = []
        for n, (resp, body, items) in enumerate(raw_pages(s, ourl, limit, "objects", what + " objects", watch), 1):
            if not items:
                continue
            for o in items:
                obj_id(o, what)
            ii = man.resolve_all(items, "%s objects page %d" % (what, n))
            check_page_headers(resp, man, ii[0], ii[-1], "%s objects page %d" % (what, n))
            raw_keys.extend((o["id"], version_of(o)) for o in items)
        client_keys = [(o["id"], version_of(o)) for o in objs]
        if sorted(raw_keys) != sorted(client_keys):
            fail("%s: raw paging served %d objects, taxii2-client %d (or different ones)"
                 % (what, len(raw_keys), len(client_keys)))
        i0 = 0
        for n, (resp, body, items) in enumerate(raw_pages(s, curl + "manifest/", limit, "objects", what + " manifest", watch), 1):
            if not items:
                continue
            j = i0 + len(items) - 1
            if j >= len(man.entries) or [e.get("id") for e in items] != [e["id"] for e in man.entries[i0:j + 1]]:
                fail("%s manifest page %d differs from taxii2-client's manifest" % (what, n))
            check_page_headers(resp, man, i0, j, "%s manifest page %d" % (what, n))
            i0 = j + 1
        if i0 != len(man.entries):
            fail("%s: raw manifest has %d entries, taxii2-client's %d" % (what, i0, len(man.entries)))

    targets = [url] + ([first_objects_url] if first_objects_url else [])
    for t in targets:
        error_body(raw_get(requests.Session(), t, "no credentials " + t), 401, "no credentials " + t)
        error_body(raw_get(requests.Session(), t, "wrong password " + t, auth=(a.user, a.password + "-wrong")),
                   401, "wrong password " + t)
        if a.no_role_user is not None:
            error_body(raw_get(requests.Session(), t, "no-role user " + t, auth=(a.no_role_user, a.no_role_password)),
                       403, "no-role user " + t)
        error_body(raw_get(s, t, "Accept 2.0 " + t, headers={"Accept": TAXII20}), 406, "Accept version=2.0 " + t)
    if first_objects_url:
        for bogus in ("not-a-cursor!", "Ym9ndXM", "A" * 64):
            what = "bogus next=%s" % bogus[:16]
            error_body(raw_get(s, first_objects_url, what, params={"limit": str(limit), "next": bogus}), 400, what)

    return {
        "collections": len(per_coll),
        "objects": total_objects,
        "pages": total_pages,
        "warnings": {k: counts[k] for k in sorted(counts)},
        "resumed": resumed,
        "ok": True,
    }


def main(argv=None):
    return run_main("feed_check", parse_args, run, argv)


if __name__ == "__main__":
    sys.exit(main())
