"""Benchmark: cold start to the first painted screen, and peak memory, against a bare app.

    python tests/benchmarks/bench_startup.py [--rounds 10]

Each run starts a fresh interpreter on a pseudo-terminal (100×32) and reports when the
first screen is completely painted: the first refresh after the Footer has composed its
keys (Textual fills the Footer a refresh or two after the first frame, so stopping at the
very first frame would time a half-drawn screen). The bare app is Textual with a Header,
a Static and a Footer, measured in the same run, alternating with ours, so machine load
affects both. Our package is byte-compiled first, as an installed copy is, and launched
through the real command line (``jiebei-coach --db FILE``) with empty, 10-session and
1,000-session data files. Budgets: start within 1.3× of the bare app (1.5× with 1,000
sessions), peak memory within 1.5× (10 sessions). Exit 1 when one is missed.

A large file's session list is read just after the first frame (the list says "loading"
until then); "list ms" is when it is drawn, for information. Each run ends there, so the
peak memory includes the whole list.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import statistics
import struct
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import build_file

#: Note the first refresh after the Footer shows its keys (checked every 5 ms): for
#: Textual's Footer, once it has key widgets; for ours (one line), once the line has keys.
#: Then, for a large file, the first refresh after its session list is in; then exit.
PAINTED = """
def _exit_when_painted(app):
    import os, time
    from textual.widgets import Footer

    def keys_shown(footer):
        shown = getattr(footer, "keys_shown", None)
        return bool(footer.children) if shown is None else shown

    def stamp():
        os.write(int(os.environ["PAINT_FD"]), (repr(time.time()) + " ").encode())

    def listed():
        stamp()
        app.exit()

    def painted():
        stamp()
        waiting.append(True)

    done, waiting = [], []

    def check():
        if not done and any(keys_shown(f) for f in app.screen.query(Footer)):
            done.append(True)
            app.call_after_refresh(painted)
        elif waiting and not getattr(app, "loading", False):
            waiting.clear()
            timer.stop()
            app.call_after_refresh(listed)

    timer = app.set_interval(0.005, check)
"""

BARE = (
    PAINTED
    + """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("jiebei-coach")
        yield Footer()

    def on_mount(self):
        _exit_when_painted(self)

Bare().run()
"""
)

OURS = (
    PAINTED
    + """
import sys
from jiebei_coach.tui import app as tui_app

class FirstPaint(tui_app.JiebeiApp):
    def on_mount(self):
        super().on_mount()
        _exit_when_painted(self)

tui_app.JiebeiApp = FirstPaint
from jiebei_coach.cli import main
sys.exit(main(["--db", sys.argv[1]]))
"""
)


def run_once(code: str, *args: str) -> tuple[float, float, int]:
    """Seconds from spawn to the first complete paint and to the session list drawn
    (later only for a large file, read after the first frame), and peak memory (KiB)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 32, 100, 0, 0))
    paint_read, paint_write = os.pipe()
    os.set_inheritable(paint_write, True)
    env = {
        **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
        "TERM": "xterm-256color",
        "LANG": "zh_CN.UTF-8",
        "PAINT_FD": str(paint_write),
    }

    def drain() -> None:
        try:
            while os.read(master, 65536):
                pass
        except OSError:
            pass

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    start = time.time()
    pid = os.fork()
    if pid == 0:  # child: the terminal is the pty
        os.setsid()
        for fd in (0, 1, 2):
            os.dup2(slave, fd)
        os.execve(sys.executable, [sys.executable, "-c", code, *args], env)
    _, status, usage = os.wait4(pid, 0)
    os.close(paint_write)
    stamps = os.read(paint_read, 128).split()
    os.close(paint_read)
    os.close(slave)
    os.close(master)
    if os.waitstatus_to_exitcode(status) != 0 or len(stamps) != 2:
        raise SystemExit(f"the app failed to start (status {status})")
    painted, listed = (float(s) - start for s in stamps)
    return painted, listed, int(usage.ru_maxrss)


def main() -> int:
    parser = argparse.ArgumentParser(description="start-up benchmark")
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    # Measure what an installed copy does: byte-compiled, as pip leaves it.
    import compileall

    import jiebei_coach

    compileall.compile_dir(Path(jiebei_coach.__file__).parent, quiet=1)
    missed = False
    with tempfile.TemporaryDirectory() as folder:
        files = {}
        for count in (0, 10, 1000):
            path = Path(folder) / f"db{count}.json"
            if count:
                build_file(path, count)
            files[count] = path
        run_once(BARE)  # warm the disk cache for both
        run_once(OURS, str(files[0]))
        bare_t, bare_m = [], []
        ours: dict[int, list[tuple[float, float, int]]] = {c: [] for c in files}
        for _ in range(args.rounds):
            t, _, mem = run_once(BARE)
            bare_t.append(t)
            bare_m.append(mem)
            for count, path in files.items():
                ours[count].append(run_once(OURS, str(path)))
        base_t, base_m = statistics.median(bare_t), statistics.median(bare_m)
        print(f"bare Textual app: {base_t * 1000:.0f} ms, {base_m / 1024:.1f} MiB", end="")
        print(f" (median of {args.rounds})")
        print(
            f"{'sessions':>9}{'start ms':>10}{'ratio':>8}{'budget':>8}"
            f"{'list ms':>9}{'peak MiB':>10}{'ratio':>8}"
        )
        for count, runs in ours.items():
            t = statistics.median(r[0] for r in runs)
            listed = statistics.median(r[1] for r in runs)
            m = statistics.median(r[2] for r in runs)
            budget = 1.5 if count >= 1000 else 1.3
            ratio_t, ratio_m = t / base_t, m / base_m
            missed = missed or ratio_t > budget or (count == 10 and ratio_m > 1.5)
            print(f"{count:>9}{t * 1000:>10.0f}{ratio_t:>7.2f}x{budget:>7.1f}x", end="")
            print(f"{listed * 1000:>9.0f}{m / 1024:>10.1f}{ratio_m:>7.2f}x")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
