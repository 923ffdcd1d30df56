#!/usr/bin/env python3
"""Crawls a running Inferno site from its home pages, following every link to
the same host (pages only: no static files, no downloads, no back office),
and reports how large the pages are uncompressed: the largest, and every page
over the limit. Exits 1 if any page is over it.

    bench/pages.py http://127.0.0.1:8080            # limit 150 KB
    bench/pages.py http://127.0.0.1:8080 --limit 100000
"""
import argparse
import html.parser
import http.client
import sys
import urllib.parse


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            for k, v in attrs:
                if k == "href" and v:
                    self.hrefs.append(v)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("base")
    ap.add_argument("--limit", type=int, default=150_000)
    args = ap.parse_args()
    base = urllib.parse.urlsplit(args.base)
    conn = http.client.HTTPConnection(base.hostname, base.port, timeout=60)
    seen, queue, sizes = set(), ["/en/", "/uk/"], {}
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        conn.request("GET", path)
        r = conn.getresponse()
        body = r.read()
        if r.status != 200 or not r.getheader("content-type", "").startswith("text/html"):
            continue
        sizes[path] = len(body)
        parser = Links()
        parser.feed(body.decode("utf-8", "replace"))
        for href in parser.hrefs:
            u = urllib.parse.urlsplit(urllib.parse.urljoin(path, href))
            if u.netloc and u.netloc != base.netloc:
                continue
            p = u.path + (f"?{u.query}" if u.query else "")
            if u.path.startswith(("/static/", "/staff", "/healthz")) or p in seen:
                continue
            queue.append(p)
    largest = sorted(sizes.items(), key=lambda kv: -kv[1])
    over = [kv for kv in largest if kv[1] > args.limit]
    print(f"{len(sizes)} pages crawled; {len(over)} over {args.limit} bytes uncompressed")
    print("largest:")
    for path, n in largest[:10]:
        print(f"  {n:>9} {path}")
    for path, n in over:
        print(f"OVER {n:>9} {path}")
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
