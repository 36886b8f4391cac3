#!/usr/bin/env python3
"""Make crates/jaring-correlate/assets/region.svg, the country borders of the region.

What it does
    Reads the vendored Natural Earth country borders, vendor/world-atlas/countries-50m.json
    (TopoJSON from the npm package world-atlas 2.0.2, see vendor/README.md), decodes every
    country geometry and writes one SVG <path> per country whose bounding box meets the
    window below (Southeast Asia with South and East Asia, Australia, New Zealand and the
    western Pacific). The SVG is committed; jaring-correlate embeds it with include_str!.
    Nothing is downloaded and nothing but the Python standard library is used.

How to run (from anywhere; the paths are taken relative to the repository)
    python3 tools/map/region_svg.py

    It overwrites the SVG and prints its size and path count. The output is
    deterministic: the same input gives the same bytes.

Projection (the Rust code uses exactly these constants; they are also written on
the SVG root as data-lon0, data-lat0, data-k and data-s)
    equirectangular, window LON0..LON1 (west..east) by LAT0..LAT1 (top..bottom):
        x = (lon - LON0) * K * S
        y = (LAT0 - lat) * S
    with LON0 = 60, LON1 = 180, LAT0 = 56, LAT1 = -50, K = 0.9659258263 (cos 15 degrees,
    to shrink x to true shape near 15N) and S = 10 SVG units per degree of latitude.
    viewBox = 0 0 W H with W = (LON1 - LON0) * K * S = 1159.1 and H = (LAT0 - LAT1) * S = 1060.

Details
    * A country is kept when its bounding box (after the antimeridian shift) meets the
      window; inside it, rings lying wholly outside the window are dropped. Nothing is
      clipped: the parts of a kept ring outside the window fall outside the viewBox.
    * Antimeridian: a country with points both east of 150E and west of 150W (Fiji,
      Kiribati, New Zealand's Chathams, Russia, the United States' Aleutians...) has 360
      added to every negative longitude, so no ring draws a line across the map.
    * Simplification: a point closer than MIN_STEP units to the last kept point is dropped,
      coordinates are rounded to 0.1 unit, repeated points are dropped and a ring with
      fewer than 3 points left is dropped.
    * Path data: each ring is written absolute ("M x y L x y ... z") or relative
      ("m x y l dx dy ... z"), whichever makes the shorter path; numbers are separated by
      single spaces.
    * Geometries without an ISO 3166 numeric id in the data (Indian Ocean Ter., Siachen
      Glacier, ...) are left out; geometries sharing an id (Australia and Ashmore and
      Cartier Is., both 036) are one path named after the first one in the data.
    * Each path: <path id="cNNN" data-name="..." data-bbox="minx miny maxx maxy" d="..."/>,
      sorted by id, data-bbox in SVG units over the points drawn.
"""

import json
import os
import sys
from xml.sax.saxutils import quoteattr

# --- projection: the Rust side uses exactly these -----------------------------------------
LON0 = 60.0  # west edge of the window (degrees east)
LON1 = 180.0  # east edge
LAT0 = 56.0  # top edge (degrees north)
LAT1 = -50.0  # bottom edge
K = 0.9659258263  # x shrink, cos(15 degrees) to 10 decimals
S = 10.0  # SVG units per degree

W = round((LON1 - LON0) * K * S, 1)
H = round((LAT0 - LAT1) * S, 1)

# --- simplification --------------------------------------------------------------------
MIN_STEP = 0.05  # SVG units (0.005 degree of latitude)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SOURCE = os.path.join(ROOT, "vendor", "world-atlas", "countries-50m.json")
OUTPUT = os.path.join(ROOT, "crates", "jaring-correlate", "assets", "region.svg")


def num(v):
    """A number for the SVG: at most one decimal, no trailing '.0', no '-0'."""
    t = round(v * 10)  # integer tenths
    if t == 0:
        return "0"
    sign = "-" if t < 0 else ""
    t = abs(t)
    whole, tenth = divmod(t, 10)
    return f"{sign}{whole}.{tenth}" if tenth else f"{sign}{whole}"


def decode_arcs(topo):
    """The arcs as lists of (lon, lat), undoing quantization and delta encoding."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring_points(arcs, indexes):
    """One ring from its arc indexes (~i is arc i reversed); shared end points once."""
    pts = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(arc if not pts else arc[1:])
    return pts


def geometry_rings(arcs, geom):
    if geom["type"] == "Polygon":
        polygons = [geom["arcs"]]
    elif geom["type"] == "MultiPolygon":
        polygons = geom["arcs"]
    else:
        return []
    return [ring_points(arcs, ring) for polygon in polygons for ring in polygon]


def bbox(pts):
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return min(xs), min(ys), max(xs), max(ys)


def meets_window(b):
    """Does a (minlon, minlat, maxlon, maxlat) box meet the window (edges included)?"""
    return b[0] <= LON1 and b[2] >= LON0 and b[1] <= LAT0 and b[3] >= LAT1


def project(lon, lat):
    return (lon - LON0) * K * S, (LAT0 - lat) * S


def simplify(ring):
    """Projected ring -> list of integer-tenth points, or None if fewer than 3 remain."""
    kept = []
    for x, y in ring:
        if kept:
            px, py = kept[-1]
            if (x - px) ** 2 + (y - py) ** 2 < MIN_STEP * MIN_STEP:
                continue
        kept.append((x, y))
    # The ring is closed by 'z': drop a last point that is (close to) the first.
    while len(kept) > 1:
        (fx, fy), (lx, ly) = kept[0], kept[-1]
        if (fx - lx) ** 2 + (fy - ly) ** 2 < MIN_STEP * MIN_STEP:
            kept.pop()
        else:
            break
    tenths = []
    for x, y in kept:
        p = (round(x * 10), round(y * 10))
        if not tenths or tenths[-1] != p:
            tenths.append(p)
    while len(tenths) > 1 and tenths[-1] == tenths[0]:
        tenths.pop()
    return tenths if len(tenths) >= 3 else None


def t(v):
    return num(v / 10)


def path_absolute(rings):
    out = []
    for ring in rings:
        (x0, y0), rest = ring[0], ring[1:]
        out.append(f"M{t(x0)} {t(y0)}L" + " ".join(f"{t(x)} {t(y)}" for x, y in rest) + "z")
    return "".join(out)


def path_relative(rings):
    out = []
    cx = cy = 0  # current point; the first 'm' of a path counts as absolute
    for ring in rings:
        (x0, y0) = ring[0]
        parts = [f"m{t(x0 - cx)} {t(y0 - cy)}l"]
        px, py = x0, y0
        steps = []
        for x, y in ring[1:]:
            steps.append(f"{t(x - px)} {t(y - py)}")
            px, py = x, y
        parts.append(" ".join(steps))
        parts.append("z")
        out.append("".join(parts))
        cx, cy = x0, y0  # after 'z' the current point is the subpath's start
    return "".join(out)


def main():
    with open(SOURCE, encoding="utf-8") as f:
        topo = json.load(f)
    arcs = decode_arcs(topo)

    countries = {}  # id -> [name, [rings in lon/lat]]
    skipped_no_id = []
    for geom in topo["objects"]["countries"]["geometries"]:
        name = geom.get("properties", {}).get("name", "")
        cid = geom.get("id")
        rings = geometry_rings(arcs, geom)
        if not rings:
            continue
        lons = [lon for ring in rings for lon, _ in ring]
        if max(lons) > 150 and min(lons) < -150:  # crosses the antimeridian
            rings = [[(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring] for ring in rings]
        if not meets_window(bbox([p for ring in rings for p in ring])):
            continue
        if not (isinstance(cid, str) and len(cid) == 3 and cid.isdigit()):
            skipped_no_id.append(name)
            continue
        if cid in countries:
            countries[cid][1].extend(rings)
            countries[cid][2].append(name)
        else:
            countries[cid] = [name, list(rings), []]

    lines = []
    empty = []
    for cid in sorted(countries):
        name, rings, merged = countries[cid]
        drawn = []
        for ring in rings:
            if not meets_window(bbox(ring)):
                continue
            r = simplify([project(lon, lat) for lon, lat in ring])
            if r:
                drawn.append(r)
        if not drawn:
            empty.append(name)
            continue
        minx, miny, maxx, maxy = bbox([p for r in drawn for p in r])
        a, r = path_absolute(drawn), path_relative(drawn)
        d = r if len(r) < len(a) else a
        lines.append(
            f'<path id="c{cid}" data-name={quoteattr(name)} '
            f'data-bbox="{t(minx)} {t(miny)} {t(maxx)} {t(maxy)}" d="{d}"/>'
        )
        for m in merged:
            print(f"note: {m!r} shares id {cid} and is drawn in {name!r}'s path", file=sys.stderr)

    head = (
        "<!-- Generated by tools/map/region_svg.py from world-atlas 2.0.2 countries-50m "
        "(Natural Earth, public domain); do not edit by hand. -->\n"
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {num(W)} {num(H)}" '
        f'data-lon0="{num(LON0)}" data-lat0="{num(LAT0)}" data-k="{K:.10f}" data-s="{num(S)}">\n'
    )
    svg = head + "".join(line + "\n" for line in lines) + "</svg>\n"
    os.makedirs(os.path.dirname(OUTPUT), exist_ok=True)
    with open(OUTPUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(svg)

    for name in skipped_no_id:
        print(f"note: {name!r} has no ISO numeric id in the data; left out", file=sys.stderr)
    for name in empty:
        print(f"note: {name!r} has nothing left to draw in the window; left out", file=sys.stderr)
    size = len(svg.encode("utf-8"))
    print(f"wrote {os.path.relpath(OUTPUT, ROOT)}: {size} bytes, {len(lines)} paths")


if __name__ == "__main__":
    main()
