#!/usr/bin/env python3
"""Time from starting the REPL to its first prompt, on a pseudo-terminal.

usage: bench/repl-startup.py [-n RUNS] [--] COMMAND...
e.g.   bench/repl-startup.py -n 5 -- ./mcs --no-build
       bench/repl-startup.py -- java -jar cli/target/mcs.jar

Starts COMMAND on a new pty with an empty history, waits for the prompt "mcs> ", records the
wall time and the CPU time the process used until then (less sensitive to a busy machine),
answers ":quit" and prints each run's times and the medians.
"""
import fcntl
import os
import pty
import select
import statistics
import struct
import sys
import tempfile
import termios
import time

PROMPT = b"mcs> "


def once(command, timeout=60.0):
    history = tempfile.NamedTemporaryFile(prefix="mcs-history-", delete=False).name
    env = dict(os.environ, MCS_HISTORY=history, TERM=os.environ.get("TERM", "xterm"))
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(command[0], command, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    seen = b""
    elapsed = None
    cpu = float("nan")
    while time.monotonic() - start < timeout:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if PROMPT in seen:
            elapsed = time.monotonic() - start
            cpu = cpu_seconds(pid)
            break
    try:
        os.write(fd, b":quit\r")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            try:
                if select.select([fd], [], [], 0.05)[0]:
                    os.read(fd, 4096)
            except OSError:
                pass
        else:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
    finally:
        os.close(fd)
        os.unlink(history)
    if elapsed is None:
        sys.exit("no prompt within %.0f s; the terminal showed:\n%s"
                 % (timeout, seen.decode(errors="replace")))
    return elapsed, cpu


def cpu_seconds(pid):
    """User + system CPU time of the process and its threads so far (Linux /proc)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def main(args):
    runs = 5
    if args[:1] == ["-n"]:
        runs, args = int(args[1]), args[2:]
    if args[:1] == ["--"]:
        args = args[1:]
    if not args:
        sys.exit(__doc__)
    results = [once(args) for _ in range(runs)]
    for wall, cpu in results:
        print("%.3f s wall, %.2f s CPU" % (wall, cpu))
    print("median %.3f s wall, %.2f s CPU over %d runs; load average %.1f"
          % (statistics.median(r[0] for r in results), statistics.median(r[1] for r in results),
             runs, os.getloadavg()[0]))


if __name__ == "__main__":
    main(sys.argv[1:])
