#!/usr/bin/env python3
"""Sanity-check a generated basemap.svg (standard library only).

Usage: python3 tools/basemap/check_basemap.py crates/site/assets/map/

Checks that the SVG parses as XML, has no scripts or external references, and
that (using projection.json) Simferopol, Sevastopol, Kerch, Kyiv and Donetsk
fall inside the Ukraine path (class "ua") and inside no other country, while
Moscow, Rostov-on-Don and Minsk fall inside exactly one non-Ukrainian country.
This guards against regenerating from a source that draws Crimea as Russian.
"""

import json
import math
import os
import re
import sys
import xml.etree.ElementTree as ET

TOKEN = re.compile(r"[mlhvzMLHVZ]|-?(?:\d+\.?\d*|\.\d+)")


def parse_path(d):
    """Parse the subset of path syntax build_basemap.py emits (m l h v z, relative)."""
    rings, cur, start, ring, cmd = [], [0.0, 0.0], None, None, None
    toks = TOKEN.findall(d)
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.isalpha():
            if t not in "mlhvz":
                raise ValueError("unexpected command %r" % t)
            cmd = t
            i += 1
            if cmd == "z":
                rings.append(ring)
                cur, ring = list(start), None
            continue
        if cmd == "m":
            cur = [cur[0] + float(toks[i]), cur[1] + float(toks[i + 1])]
            i += 2
            start = tuple(cur)
            ring = [start]
            cmd = "l"
        elif cmd == "l":
            cur = [cur[0] + float(toks[i]), cur[1] + float(toks[i + 1])]
            i += 2
            ring.append(tuple(cur))
        elif cmd == "h":
            cur[0] += float(toks[i])
            i += 1
            ring.append(tuple(cur))
        elif cmd == "v":
            cur[1] += float(toks[i])
            i += 1
            ring.append(tuple(cur))
        else:
            raise ValueError("number without command")
    if ring is not None:
        raise ValueError("unclosed subpath")
    return rings


def inside(pt, rings):
    x, y = pt
    c = False
    for r in rings:
        for k in range(len(r)):
            (x1, y1), (x2, y2) = r[k], r[(k + 1) % len(r)]
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                c = not c
    return c


def main(argv):
    d = argv[1] if len(argv) > 1 else "crates/site/assets/map"
    svg_text = open(os.path.join(d, "basemap.svg"), encoding="utf-8").read()
    proj = json.load(open(os.path.join(d, "projection.json"), encoding="utf-8"))
    root = ET.fromstring(svg_text)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == ns + "svg", root.tag
    low = svg_text.lower()
    for bad in ("<script", "href", "url(", "@import", "font", " id="):
        assert bad not in low, "forbidden content: %s" % bad

    k = math.cos(math.radians(proj["lat_ref"]))

    def project(lon, lat):
        return ((lon - proj["lon0"]) * k * proj["scale"], (proj["lat_top"] - lat) * proj["scale"])

    ua, others = None, []
    for p in root.iter(ns + "path"):
        classes = p.get("class", "").split()
        assert "c" in classes
        rings = parse_path(p.get("d"))
        if "ua" in classes:
            assert ua is None, "more than one Ukraine path"
            ua = rings
        else:
            others.append(rings)
    assert ua is not None, "no Ukraine path"

    ok = True
    in_ukraine = [("Simferopol", 34.10, 44.95), ("Sevastopol", 33.52, 44.60), ("Kerch", 36.47, 45.36),
                  ("Kyiv", 30.52, 50.45), ("Donetsk", 37.80, 48.00)]
    elsewhere = [("Moscow", 37.62, 55.76), ("Rostov-on-Don", 39.72, 47.23), ("Minsk", 27.56, 53.90)]
    for name, lon, lat in in_ukraine:
        pt = project(lon, lat)
        good = inside(pt, ua) and not any(inside(pt, o) for o in others)
        ok &= good
        print("%-14s in Ukraine only: %s" % (name, "ok" if good else "FAIL"))
    for name, lon, lat in elsewhere:
        pt = project(lon, lat)
        good = not inside(pt, ua) and sum(inside(pt, o) for o in others) == 1
        ok &= good
        print("%-14s in one other country: %s" % (name, "ok" if good else "FAIL"))
    print("basemap.svg: %d bytes, %d paths" % (len(svg_text.encode("utf-8")), len(others) + 1))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
