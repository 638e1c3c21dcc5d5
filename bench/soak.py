#!/usr/bin/env python3
"""Soak driver for bench/soak.sh: mixed traffic against a running Broadsheet for a fixed time.

Worker threads loop over a weighted mix — signed-out article and listing pages (mostly), searches,
feeds, signed-in article pages, and comment posts by signed-up members — and every 10 seconds the
server's resident memory is sampled from /proc. Any answer other than the expected status is an
error. Prints a JSON summary on stdout; exit status 1 on any error.
"""

import http.client
import json
import random
import re
import sys
import threading
import time
import urllib.parse

HOST, PORT, PID, SECONDS, WORKERS = (
    sys.argv[1],
    int(sys.argv[2]),
    int(sys.argv[3]),
    int(sys.argv[4]),
    int(sys.argv[5]),
)
WORDS = ["harbour", "budget", "river", "market", "signal", "bridge", "tariff", "energy", "court", "rail"]


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Client:
    def __init__(self):
        self.conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                r = self.conn.getresponse()
                data = r.read()
                break
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
                if attempt:
                    raise
        for k, v in r.getheaders():
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                value = rest.split(";", 1)[0]
                if "Max-Age=0" in v:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = value
        return r.status, data.decode("utf-8", "replace")

    def form(self, path, fields):
        body = urllib.parse.urlencode(fields)
        return self.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})


def csrf_of(page):
    m = re.search(r'name="csrf" value="([^"]+)"', page)
    return m.group(1) if m else ""


def sign_up(n):
    c = Client()
    _, page = c.request("GET", "/signup")
    status, _ = c.form(
        "/signup",
        {"csrf": csrf_of(page), "display_name": f"Soak {n}", "email": f"soak{n}-{time.time_ns()}@example.org", "password": "soak-test-password"},
    )
    if status != 303:
        raise SystemExit(f"sign-up failed with {status}")
    _, settings = c.request("GET", "/settings")
    return c, csrf_of(settings)


def main():
    probe = Client()
    status, front = probe.request("GET", "/")
    slugs = sorted(set(re.findall(r'href="/articles/([a-z0-9-]+)"', front)))
    sections = sorted(set(re.findall(r'href="/sections/([a-z0-9-]+)"', front)))
    if status != 200 or not slugs:
        raise SystemExit("the front page lists no articles")
    deadline = time.time() + SECONDS
    lock = threading.Lock()
    counts = {}
    errors = []
    latencies = []

    def note(kind, ok, took, detail=""):
        with lock:
            counts[kind] = counts.get(kind, 0) + 1
            latencies.append(took)
            if not ok and len(errors) < 20:
                errors.append(f"{kind}: {detail}")
            elif not ok:
                errors.append(kind)

    def worker(n):
        rng = random.Random(n)
        reader = Client()
        member, csrf = sign_up(n)
        while time.time() < deadline:
            roll = rng.random()
            slug = rng.choice(slugs)
            start = time.perf_counter()
            if roll < 0.55:
                kind, (status, _) = "article", reader.request("GET", f"/articles/{slug}")
                ok = status == 200
            elif roll < 0.70:
                path = rng.choice(["/", f"/sections/{rng.choice(sections)}"])
                kind, (status, _) = "listing", reader.request("GET", path)
                ok = status == 200
            elif roll < 0.80:
                q = urllib.parse.quote(" ".join(rng.sample(WORDS, rng.randint(1, 2))))
                kind, (status, _) = "search", reader.request("GET", f"/search?q={q}")
                ok = status == 200
            elif roll < 0.85:
                kind, (status, _) = "feed", reader.request("GET", "/feed.atom")
                ok = status == 200
            elif roll < 0.95:
                kind, (status, _) = "member page", member.request("GET", f"/articles/{slug}")
                ok = status == 200
            else:
                text = f"Soak comment {rng.random()} about the {rng.choice(WORDS)}."
                kind, (status, _) = "post", member.form(f"/articles/{slug}/comments", {"csrf": csrf, "body": text})
                ok = status == 303
            note(kind, ok, time.perf_counter() - start, f"status {status}")

    threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(WORKERS)]
    for t in threads:
        t.start()
    samples = []
    start = time.time()
    while any(t.is_alive() for t in threads):
        samples.append({"t": round(time.time() - start), "rss_mib": round(rss_kib(PID) / 1024, 1)})
        for _ in range(100):
            if not any(t.is_alive() for t in threads):
                break
            time.sleep(0.1)
    samples.append({"t": round(time.time() - start), "rss_mib": round(rss_kib(PID) / 1024, 1)})
    latencies.sort()
    total = sum(counts.values())
    summary = {
        "seconds": SECONDS,
        "workers": WORKERS,
        "requests": total,
        "per_second": round(total / SECONDS, 1),
        "by_kind": counts,
        "errors": len(errors),
        "first_errors": errors[:20],
        "p50_ms": round(latencies[len(latencies) // 2] * 1000, 2) if latencies else None,
        "p99_ms": round(latencies[int(len(latencies) * 0.99)] * 1000, 2) if latencies else None,
        "rss_mib": samples,
    }
    print(json.dumps(summary, indent=1))
    sys.exit(1 if errors else 0)


main()
