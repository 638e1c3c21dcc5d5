#!/usr/bin/env python3
"""How long this disk takes to make a small write durable, as a commit does: 8 KiB written,
then fdatasync, over and over for DURATION seconds, in DIR (default: PostgreSQL's data
directory's parent, so the same disk as its WAL). Prints the count, p50, p99, p99.9 and the
slowest, and how many took over 10 ms: a commit waits for the slowest flush in flight, so
rare slow flushes are what a busy database's p99 is made of.

Usage:  python3 bench/fsync_probe.py [DIR] [DURATION]
"""
import os
import sys
import time

directory = sys.argv[1] if len(sys.argv) > 1 else "/var/lib/postgresql"
duration = float(sys.argv[2]) if len(sys.argv) > 2 else 12.0
path = os.path.join(directory, f"fsync_probe_{os.getpid()}")
fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
try:
    block = b"x" * 8192
    took = []
    end = time.time() + duration
    while time.time() < end:
        os.pwrite(fd, block, (len(took) % 256) * 8192)
        start = time.perf_counter()
        os.fdatasync(fd)
        took.append((time.perf_counter() - start) * 1000)
finally:
    os.close(fd)
    os.unlink(path)
took.sort()
n = len(took)
print(
    f"{n} flushes in {duration:.0f} s: p50 {took[n // 2]:.3f} ms, p99 {took[int(n * 0.99)]:.3f} ms, "
    f"p99.9 {took[int(n * 0.999)]:.3f} ms, slowest {took[-1]:.1f} ms; "
    f"over 10 ms: {sum(1 for t in took if t > 10)}"
)
