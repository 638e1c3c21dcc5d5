#!/usr/bin/env python3
"""Opens N Server-Sent Events connections to one article's live stream, posts one comment
through the comment form (or, with --token, publishes one live update through the API), and
reports how many connections received its `comment` (or `update`) event and how long after the
post each did.

Standard library only (asyncio with raw sockets): used by bench/live.sh, which starts the server,
signs a member in and passes the session cookie and CSRF token, and by bench/live-coverage.sh,
which passes an editor's API token and, with several processes, spreads the connections over
their ports (--ports).

Times are taken in this one Python process: with many sockets readable at once, the last
receipt time includes the time this client takes to read the sockets before it (a few ms per
hundred connections); the report gives the spread so that can be judged.
"""

import argparse
import asyncio
import json
import resource
import sys
import time
import urllib.parse


async def read_headers(reader):
    status = await reader.readline()
    headers = []
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        headers.append(line)
    return status, headers


class Client:
    def __init__(self):
        self.connected_at = None
        self.received_at = None
        self.event_data = None
        self.error = None


async def listen(host, port, path, event, client, connect_sem, ready, stop):
    try:
        async with connect_sem:
            reader, writer = await asyncio.open_connection(host, port)
            writer.write(
                f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
                f"Accept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n".encode()
            )
            await writer.drain()
            status, _ = await read_headers(reader)
            if b" 200" not in status:
                raise RuntimeError(f"status {status!r}")
            client.connected_at = time.perf_counter()
        ready()
        buf = b""
        while client.received_at is None:
            chunk = await reader.read(4096)
            if not chunk:
                raise RuntimeError("closed by the server")
            buf = (buf + chunk)[-8192:]
            i = buf.find(b"event: " + event.encode())
            if i >= 0:
                client.received_at = time.perf_counter()
                rest = buf[i:].split(b"\n")
                for line in rest[1:3]:
                    if line.startswith(b"data:"):
                        client.event_data = line[5:].strip().decode()
        await stop.wait()
        writer.close()
    except Exception as e:  # noqa: BLE001 - reported per connection
        client.error = str(e) or type(e).__name__
        if client.connected_at is None:
            ready()


async def post_comment(host, port, path, cookie, csrf, text):
    reader, writer = await asyncio.open_connection(host, port)
    body = urllib.parse.urlencode({"csrf": csrf, "body": text}).encode()
    writer.write(
        (
            f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nCookie: bs_session={cookie}\r\n"
            f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n"
            f"Connection: close\r\n\r\n"
        ).encode()
        + body
    )
    await writer.drain()
    status, headers = await read_headers(reader)
    writer.close()
    return status.decode().strip(), headers


async def publish_update(host, port, slug, token, text):
    """POSTs a live update through the API; returns the status line and the update's id."""
    reader, writer = await asyncio.open_connection(host, port)
    body = json.dumps({"body": text}).encode()
    writer.write(
        (
            f"POST /api/v1/articles/{slug}/updates HTTP/1.1\r\nHost: {host}:{port}\r\n"
            f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        ).encode()
        + body
    )
    await writer.drain()
    status, _ = await read_headers(reader)
    answer = await reader.read()
    writer.close()
    try:
        update_id = json.loads(answer).get("id")
    except ValueError:
        update_id = None
    return status.decode().strip(), update_id


def pct(sorted_values, p):
    if not sorted_values:
        return None
    k = min(len(sorted_values) - 1, max(0, round(p / 100 * len(sorted_values)) - 1))
    return sorted_values[k]


async def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True, help="where the post goes")
    ap.add_argument(
        "--ports", help="comma-separated ports the connections are spread over (default --port)"
    )
    ap.add_argument("--slug", required=True)
    ap.add_argument("--connections", type=int, default=1000)
    ap.add_argument("--cookie", help="bs_session value of the poster (a comment)")
    ap.add_argument("--csrf")
    ap.add_argument("--token", help="an API token with the publish scope: publish an update")
    ap.add_argument("--connect-parallel", type=int, default=100)
    ap.add_argument("--timeout", type=float, default=15.0, help="seconds to wait for the events")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    a = ap.parse_args()
    if not a.token and not (a.cookie and a.csrf):
        ap.error("give --cookie and --csrf (a comment) or --token (a live update)")
    event = "update" if a.token else "comment"
    ports = [int(p) for p in a.ports.split(",")] if a.ports else [a.port]

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    need = a.connections + 64
    if soft < need:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(need, hard), hard))
        soft = min(need, hard)
    if soft < need:
        sys.exit(f"file-descriptor limit {soft} is below the {need} needed (ulimit -n)")

    clients = [Client() for _ in range(a.connections)]
    answered = 0
    all_answered = asyncio.Event()

    def ready():
        nonlocal answered
        answered += 1
        if answered == a.connections:
            all_answered.set()

    stop = asyncio.Event()
    sem = asyncio.Semaphore(a.connect_parallel)
    path = f"/articles/{a.slug}/live"
    t_open = time.perf_counter()
    tasks = [
        asyncio.create_task(
            listen(a.host, ports[i % len(ports)], path, event, c, sem, ready, stop)
        )
        for i, c in enumerate(clients)
    ]
    try:
        await asyncio.wait_for(all_answered.wait(), 60)
    except asyncio.TimeoutError:
        pass
    open_secs = time.perf_counter() - t_open
    connected = sum(1 for c in clients if c.connected_at is not None and c.error is None)
    await asyncio.sleep(0.5)  # let the server finish subscribing the last streams

    t0 = time.perf_counter()
    if a.token:
        text = f"Live benchmark update at {time.time():.3f}."
        status, _ = await publish_update(a.host, a.port, a.slug, a.token, text)
    else:
        text = f"Live benchmark comment at {time.time():.3f}."
        status, _ = await post_comment(
            a.host, a.port, f"/articles/{a.slug}/comments", a.cookie, a.csrf, text
        )
    t_posted = time.perf_counter()
    deadline = t0 + a.timeout
    while time.perf_counter() < deadline:
        if all(c.received_at is not None or c.error is not None for c in clients):
            break
        await asyncio.sleep(0.005)
    stop.set()
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)

    got = sorted((c.received_at - t0) * 1000 for c in clients if c.received_at is not None)
    ids = {c.event_data for c in clients if c.event_data}
    errors = {}
    for c in clients:
        if c.error:
            errors[c.error] = errors.get(c.error, 0) + 1
    result = {
        "connections": a.connections,
        "connected": connected,
        "open_secs": round(open_secs, 3),
        "post_status": status,
        "post_ms": round((t_posted - t0) * 1000, 2),
        "received": len(got),
        "missing": connected - len(got),
        "event_ids": sorted(ids),
        "first_ms": round(got[0], 2) if got else None,
        "p50_ms": round(pct(got, 50), 2) if got else None,
        "p99_ms": round(pct(got, 99), 2) if got else None,
        "last_ms": round(got[-1], 2) if got else None,
        "errors": errors,
    }
    if a.json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k:12} {v}")
    return 0 if result["received"] == a.connections else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
