"""`cax` start-up: `--version` and `record new` as whole processes, against floors of the same run.

Floors: an empty interpreter (`python -c pass`) and a bare unlock (Argon2id with the default cost,
opening the database, checking the roster) timed inside a warm process. Targets (issue 16):
`cax --version` ≤ 0.2 s and `cax record new` ≤ unlock + 0.4 s.

`--baseline REV` also times the same commands from that git revision (exported to a temporary
folder, run with the same interpreter), so one run prints before and after side by side:

    .venv/bin/python bench/cli_startup_bench.py --baseline 77e5a1a
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.storage.station import Station  # noqa: E402

PASSWORD = "Bench-Pass-2026"
EXAMPLE = ROOT / "docs" / "examples" / "F1.json"
# What the installed `cax` script runs; `-c` puts the working folder first on sys.path, so the
# code of the tree it runs in is the code timed.
CAX = "import sys; from desktop.cli.main import main; sys.exit(main())"
VERSION_TARGET, RECORD_NEW_ALLOWANCE = 0.2, 0.4
UNLOCK_ONLY = (
    "from pathlib import Path; from desktop.storage.station import Station; "
    "Station(Path({home!r})).unlock('truong', " + repr(PASSWORD) + ").close()"
)


def env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


def median_seconds(run, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def median_cpu_seconds(run, repeats: int) -> float:
    """CPU time (user + system) of the child processes `run` starts: on a shared, busy machine
    the wall clock also counts the waits for a core, CPU time only the program's own work."""
    times = []
    for _ in range(repeats):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        run()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(times)


def process(argv: list[str], cwd: Path, env: dict[str, str]):
    def run() -> None:
        subprocess.run(argv, cwd=cwd, env=env, check=True, capture_output=True)

    return run


def make_station(home: Path) -> None:
    """A station with the default (real) key-derivation cost: the unlock users wait for."""
    Station.create(home, code="00004", name="Bench", supervisor="truong", password=PASSWORD)[
        0
    ].close()


def export_revision(revision: str, target: Path) -> Path:
    archive = subprocess.run(
        ["git", "archive", revision], cwd=ROOT, check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    # The compiled translations are built, never committed; the CLI does not read them.
    return target


def time_tree(tree: Path, home: Path, repeats: int) -> dict[str, float]:
    cax_env = dict(env(), CAX_PASSWORD=PASSWORD, CAX_HOME=str(home), CAX_USER="truong")
    cax = [sys.executable, "-c", CAX]
    version = process([*cax, "--version"], tree, cax_env)
    record_new = process([*cax, "record", "new", "F1", "--data", str(EXAMPLE)], tree, cax_env)
    return {
        "version": median_seconds(version, repeats),
        "record_new": median_seconds(record_new, repeats),
        "version_cpu": median_cpu_seconds(version, repeats),
        "record_new_cpu": median_cpu_seconds(record_new, repeats),
    }


def floors(home: Path, repeats: int) -> dict[str, float]:
    empty = process([sys.executable, "-c", "pass"], ROOT, env())
    Station(home).unlock("truong", PASSWORD).close()  # warm: imports and caches loaded
    unlock = median_seconds(lambda: Station(home).unlock("truong", PASSWORD).close(), repeats)
    # The same unlock as a process of its own: interpreter, storage imports, Argon2id, open.
    unlock_only = process([sys.executable, "-c", UNLOCK_ONLY.format(home=str(home))], ROOT, env())
    return {
        "python": median_seconds(empty, 9),
        "python_cpu": median_cpu_seconds(empty, 9),
        "unlock": unlock,
        "unlock_process": median_seconds(unlock_only, repeats),
        "unlock_process_cpu": median_cpu_seconds(unlock_only, repeats),
    }


def report(name: str, figures: dict[str, float], floor: dict[str, float]) -> None:
    version, record_new = figures["version"], figures["record_new"]
    over_unlock = record_new - floor["unlock"]
    print(
        f"{name:<9} cax --version {version:6.3f} s  ({version / floor['python']:5.1f}× python -c pass;"
        f" target ≤ {VERSION_TARGET} s: {'ok' if version <= VERSION_TARGET else 'MISSED'})"
    )
    print(
        f"{'':<9} cax record new {record_new:6.3f} s  (unlock + {over_unlock:.3f} s,"
        f" {record_new / floor['unlock']:4.2f}× unlock; target unlock + {RECORD_NEW_ALLOWANCE} s:"
        f" {'ok' if over_unlock <= RECORD_NEW_ALLOWANCE else 'MISSED'})"
    )
    extra_cpu = figures["record_new_cpu"] - floor["unlock_process_cpu"]
    print(
        f"{'':<9} CPU time: --version {figures['version_cpu']:.3f} s"
        f" (python -c pass {floor['python_cpu']:.3f} s); record new {figures['record_new_cpu']:.3f} s"
        f" = unlock-only process + {extra_cpu:.3f} s"
        f" ({'ok' if extra_cpu <= RECORD_NEW_ALLOWANCE else 'MISSED'})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--baseline", help="git revision to time beside this tree (before/after)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "station"
        make_station(home)
        floor = floors(home, args.repeats)
        print(
            f"floors    python -c pass {floor['python']:.3f} s,"
            f" bare unlock (warm process) {floor['unlock']:.3f} s,"
            f" unlock-only process {floor['unlock_process']:.3f} s"
            f" ({floor['unlock_process_cpu']:.3f} s CPU)"
        )
        if args.baseline:
            tree = export_revision(args.baseline, Path(tmp) / "baseline")
            report("before", time_tree(tree, home, args.repeats), floor)
        report("after" if args.baseline else "now", time_tree(ROOT, home, args.repeats), floor)


if __name__ == "__main__":
    main()
