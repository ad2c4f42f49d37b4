"""Executes notebooks/validation.ipynb headless (nbclient, the engine behind
`jupyter nbconvert --execute`) and judges the run.

    python notebooks/execute.py OUT_DIR

Writes OUT_DIR/validation.executed.ipynb (also when a cell fails, so the failure
can be read) and checks what the notebook wrote: OUT_DIR/summary.json and the
charts. Exit code 0 only when no cell errored, every assertion passed, nothing
kept the notebook from reading the warehouse, and the funnel, hourly fps and
session timeline charts exist.
"""
from __future__ import annotations

import atexit
import json
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

REQUIRED_CHARTS = ("funnel.png", "hourly_fps.png", "session_timeline.png")


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    here = Path(__file__).resolve().parent
    out_dir = Path(sys.argv[1]).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    source = here / "validation.ipynb"
    target = out_dir / "validation.executed.ipynb"
    os.environ["NB_OUT_DIR"] = str(out_dir)
    # Prefer the venv's kernelspec over any user-wide "python3" kernel.
    os.environ.setdefault("JUPYTER_PREFER_ENV_PATH", "1")

    nb = nbformat.read(source, as_version=4)
    client = NotebookClient(nb, timeout=int(os.getenv("NB_CELL_TIMEOUT", "900")), kernel_name="python3",
                            resources={"metadata": {"path": str(here)}}, allow_errors=False,
                            store_widget_state=True)
    started = time.monotonic()
    failure = None
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as e:
        failure = str(e).strip().splitlines()
    except Exception as e:  # noqa: BLE001 - e.g. a kernel-shutdown race after the last cell
        unexecuted = [c for c in nb.cells if c.cell_type == "code" and c.get("execution_count") is None]
        if unexecuted:
            failure = [f"{type(e).__name__}: {e}"]
        else:
            print(f"notebook: every cell ran; ignoring a kernel shutdown problem: {type(e).__name__}: {e}")
    finally:
        atexit.unregister(client._cleanup_kernel)  # no second cleanup attempt at interpreter exit
        nbformat.write(nb, target)
    elapsed = time.monotonic() - started
    print(f"notebook: executed in {elapsed:.1f} s -> {target}")

    ok = True
    if failure:
        ok = False
        print("notebook: a cell failed:\n  " + "\n  ".join(failure[-25:]))
    errors = [c for c in nb.cells if c.cell_type == "code"
              for o in c.get("outputs", []) if o.get("output_type") == "error"]
    if errors and not failure:
        ok = False
        print(f"notebook: {len(errors)} cell(s) have error output")

    summary_path = out_dir / "summary.json"
    if not summary_path.is_file():
        print(f"notebook: {summary_path} was not written (the verdict cell did not run)")
        return 1
    summary = json.loads(summary_path.read_text(encoding="utf-8"))
    for suite, counts in summary.get("suites", {}).items():
        print(f"notebook: {suite}: {counts['passed']} passed, {counts['failed']} failed")
    for test in summary.get("failed_tests", []):
        print(f"notebook: FAIL {test}")
    for problem in summary.get("problems", []):
        print(f"notebook: PROBLEM {problem}")
    if not summary.get("ok"):
        ok = False
    for chart in REQUIRED_CHARTS:
        if not (out_dir / chart).is_file():
            ok = False
            print(f"notebook: chart {chart} was not produced")
    charts = sorted(p.name for p in out_dir.glob("*.png"))
    print(f"notebook: charts in {out_dir}: {', '.join(charts) or '(none)'}")
    passed = sum(c["passed"] for c in summary.get("suites", {}).values())
    failed = sum(c["failed"] for c in summary.get("suites", {}).values())
    print(f"notebook: {passed} passed, {failed} failed")
    print("notebook: " + ("PASS" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
