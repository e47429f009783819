#!/usr/bin/env python3
"""The partial-body attack, measured: N connections each declare a body and send most of it, then wait.

Starts a server from WHARF_HOME's built jars (./wharf build) with the launcher's JVM options, in memory mode on a free
loopback port, and prints its RSS idle, under the attack, after the attackers close, and under a second wave. Bounded:
N connections, each sends at most the given bytes, every wait has a timeout, and the server is stopped at the end.

    python3 bench/partial_bodies.py [N] [DECLARED_BYTES] [SENT_BYTES]     # defaults: 40 7864320 7759462
"""
import os
import re
import socket
import subprocess
import sys
import time

home = os.environ.get("WHARF_HOME", os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
n = int(sys.argv[1]) if len(sys.argv) > 1 else 40
declared = int(sys.argv[2]) if len(sys.argv) > 2 else 7864320
sent = int(sys.argv[3]) if len(sys.argv) > 3 else 7759462
java = os.path.join(os.environ["JAVA_HOME"], "bin", "java")
target = os.path.join(home, "wharf-server", "target")
proc = subprocess.Popen(
    [java, "-XX:+UseSerialGC", "-Xss512k", "-Xms8m", "-XX:ReservedCodeCacheSize=48m",
     "--enable-native-access=ALL-UNNAMED", "-cp", f"{target}/wharf-server.jar:{target}/lib/*",
     "dev.wharf.server.Main", "start", "--port", "0", "--storage", "memory"],
    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
try:
    port = None
    deadline = time.monotonic() + 60
    for line in proc.stdout:
        found = re.search(r"http://[^:]+:(\d+)", line)
        if found:
            port = int(found.group(1))
            break
        if time.monotonic() > deadline:
            break
    if port is None:
        sys.exit("the server did not start")

    def rss_mb():
        with open(f"/proc/{proc.pid}/status") as status:
            for field in status:
                if field.startswith("VmRSS"):
                    return int(field.split()[1]) / 1024

    def first_line(sock):
        sock.settimeout(0.2)
        try:
            data = sock.recv(200)
            return data.split(b"\r\n")[0].decode() if data else "closed"
        except socket.timeout:
            return "no answer yet"
        except OSError as e:
            return type(e).__name__

    head = (f"POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/x-amz-json-1.0\r\n"
            f"X-Amz-Target: AmazonSQS.SendMessage\r\nContent-Length: {declared}\r\n\r\n").encode()
    chunk = b"A" * 65536

    def wave():
        socks = []
        for _ in range(n):
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            try:
                sock.sendall(head)
                left = sent
                while left > 0:
                    sock.sendall(chunk[:min(left, len(chunk))])
                    left -= len(chunk)
            except OSError:
                pass  # refused and closed by the server
            socks.append(sock)
        time.sleep(3)
        return socks

    time.sleep(5)
    print(f"idle: RSS {rss_mb():.0f} MB")
    socks = wave()
    answers = {}
    for sock in socks:
        answer = first_line(sock)
        answers[answer] = answers.get(answer, 0) + 1
    print(f"{n} connections x {sent / 2**20:.1f} of {declared / 2**20:.1f} MiB: RSS {rss_mb():.0f} MB; {answers}")
    for sock in socks:
        sock.close()
    time.sleep(4)
    print(f"after they closed: RSS {rss_mb():.0f} MB")
    socks = wave()
    print(f"a second wave: RSS {rss_mb():.0f} MB")
    for sock in socks:
        sock.close()
finally:
    proc.terminate()
    proc.wait(10)
