#!/usr/bin/env python3
"""A small SMTP receiver for benchmarks, standard library only: accepts every message, keeps
none, and writes how many it has accepted to a file (every 200 ms and at exit).

Usage: smtp_sink.py PORT COUNT_FILE
"""
import asyncio
import sys

count = 0


async def session(reader, writer):
    global count
    writer.write(b"220 sink ESMTP\r\n")
    in_data = False
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            if in_data:
                if line == b".\r\n":
                    in_data = False
                    count += 1
                    writer.write(b"250 accepted\r\n")
                continue
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                writer.write(b"250-sink\r\n250 8BITMIME\r\n")
            elif verb == b"DATA":
                in_data = True
                writer.write(b"354 go on\r\n")
            elif verb == b"QUIT":
                writer.write(b"221 bye\r\n")
                await writer.drain()
                break
            else:
                writer.write(b"250 ok\r\n")
            await writer.drain()
    finally:
        writer.close()


async def report(path):
    while True:
        with open(path, "w") as f:
            f.write(f"{count}\n")
        await asyncio.sleep(0.2)


async def main(port, path):
    server = await asyncio.start_server(session, "127.0.0.1", port, backlog=1024)
    async with server:
        await asyncio.gather(server.serve_forever(), report(path))


if __name__ == "__main__":
    try:
        asyncio.run(main(int(sys.argv[1]), sys.argv[2]))
    except KeyboardInterrupt:
        pass
