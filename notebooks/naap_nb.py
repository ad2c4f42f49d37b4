"""Data layer and charts of naap's validation notebook (notebooks/validation.ipynb).

Two backends, one interface:

* ``EmbeddedBackend``: a local naap store. Every query goes through the ``naap``
  binary (``naap query`` / ``naap check``), so the store is only ever opened by
  the engine version naap links: two engine versions must never open one store
  directory.
* ``ServerBackend``: a ClickHouse server through clickhouse-connect.

Both read the same ``sql/`` files as the CLI (``-- QUERY:`` packs and
``-- TEST:`` suites, warehouse spec §2), so the notebook and ``naap check`` can
never disagree about what a test is.

Every failure the user can cause (no store, unreachable server, a bad session
id, an empty window) surfaces as ``NotebookError`` with a plain message; the
notebook prints it instead of a stack trace.
"""
from __future__ import annotations

import json
import math
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterable

import matplotlib

matplotlib.use("Agg")  # headless: figures are rendered to PNG, never to a window
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402


class NotebookError(Exception):
    """A problem to tell the user in one plain sentence (no stack trace)."""


# --------------------------------------------------------------------------------------
# Configuration
# --------------------------------------------------------------------------------------

def find_repo_root(start: Path | None = None) -> Path:
    env = os.getenv("REPO_ROOT")
    if env:
        return Path(env).resolve()
    start = (start or Path.cwd()).resolve()
    for candidate in [start, *start.parents]:
        if (candidate / "sql" / "checks").is_dir() and (candidate / "sql" / "packs").is_dir():
            return candidate
    raise NotebookError(
        f"cannot find the naap repository above {start} (a folder with sql/checks and sql/packs); "
        "set REPO_ROOT")


def _env_bool(name: str) -> bool:
    return os.getenv(name, "").strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int) -> int:
    raw = os.getenv(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise NotebookError(f"{name}={raw!r} is not an integer") from None


@dataclass
class Config:
    repo_root: Path
    mode: str                      # "embedded" | "server"
    naap_bin: Path | None
    store: Path | None
    ch_host: str
    ch_port: int
    ch_database: str
    ch_user: str
    ch_password: str
    ch_secure: bool
    lookback_hours: int | None     # None: not set (embedded: all data; server: 24)
    fixture_from_ts: str | None
    fixture_to_ts: str | None
    limit_per_scenario: int
    session_id: str | None         # NB_SESSION_ID: the session shown headless
    scenario: str | None           # NB_SCENARIO: the scenario whose first candidate is shown
    out_dir: Path
    query_settings: dict[str, Any] = field(default_factory=dict)

    @property
    def sql_dir(self) -> Path:
        return self.repo_root / "sql"

    def describe(self) -> pd.DataFrame:
        rows = [("repo_root", str(self.repo_root)), ("mode", self.mode)]
        if self.mode == "embedded":
            rows += [("naap binary", str(self.naap_bin)), ("store", str(self.store))]
        else:
            rows += [("server", f"{'https' if self.ch_secure else 'http'}://{self.ch_host}:{self.ch_port}"),
                     ("database", self.ch_database), ("user", self.ch_user)]
        rows += [("VALIDATION_LOOKBACK_HOURS", "unset" if self.lookback_hours is None else self.lookback_hours),
                 ("LIMIT_PER_SCENARIO", self.limit_per_scenario),
                 ("NB_SESSION_ID", self.session_id or "unset (first scenario candidate)"),
                 ("charts written to", str(self.out_dir))]
        return pd.DataFrame(rows, columns=["setting", "value"])


def load_config() -> Config:
    root = find_repo_root()
    host = os.getenv("CH_HOST", "").strip()
    mode = "server" if host else "embedded"
    naap_bin = None
    store = None
    if mode == "embedded":
        env_bin = os.getenv("NAAP_BIN", "").strip()
        candidates = [Path(env_bin)] if env_bin else [root / "build" / "naap", root / "build" / "ubsan" / "naap"]
        naap_bin = next((c.resolve() for c in candidates if c.is_file() and os.access(c, os.X_OK)), None)
        if naap_bin is None and not env_bin and shutil.which("naap"):
            naap_bin = Path(shutil.which("naap"))
        if naap_bin is None:
            naap_bin = candidates[0]
        store = Path(os.getenv("NAAP_STORE", "").strip() or (root / ".naap" / "demo-store")).resolve()
    lookback_raw = os.getenv("VALIDATION_LOOKBACK_HOURS", "").strip()
    lookback = _env_int("VALIDATION_LOOKBACK_HOURS", 24) if lookback_raw else None
    if lookback is not None and lookback <= 0:
        raise NotebookError(f"VALIDATION_LOOKBACK_HOURS={lookback_raw!r} must be positive")
    return Config(
        repo_root=root,
        mode=mode,
        naap_bin=naap_bin,
        store=store,
        ch_host=host,
        ch_port=_env_int("CH_PORT", 8123),
        ch_database=os.getenv("CH_DATABASE", "livepeer_analytics"),
        ch_user=os.getenv("CH_USER", "default"),
        ch_password=os.getenv("CH_PASSWORD", ""),
        ch_secure=_env_bool("CH_SECURE"),
        lookback_hours=lookback,
        fixture_from_ts=os.getenv("FIXTURE_FROM_TS", "").strip() or None,
        fixture_to_ts=os.getenv("FIXTURE_TO_TS", "").strip() or None,
        limit_per_scenario=_env_int("LIMIT_PER_SCENARIO", 5),
        session_id=os.getenv("NB_SESSION_ID", "").strip() or None,
        scenario=os.getenv("NB_SCENARIO", "").strip() or None,
        out_dir=Path(os.getenv("NB_OUT_DIR", "").strip() or (root / "build" / "notebook")).resolve(),
        query_settings={
            "max_execution_time": _env_int("CH_MAX_EXECUTION_TIME_SEC", 30),
            "max_threads": _env_int("CH_MAX_THREADS", 4),
            "max_rows_to_read": _env_int("CH_MAX_ROWS_TO_READ", 5_000_000),
            "read_overflow_mode": "break",
        },
    )


# --------------------------------------------------------------------------------------
# SQL block files (warehouse spec §2.1)
# --------------------------------------------------------------------------------------

@dataclass
class Block:
    name: str
    sql: str
    source_file: str
    also_explains: list[str] = field(default_factory=list)


def parse_blocks(text: str, marker: str, source_file: str = "") -> list[Block]:
    """`-- TEST:` / `-- QUERY:` blocks, exactly as naap's parser reads them."""
    prefix = f"-- {marker}:"
    blocks: list[Block] = []
    name: str | None = None
    lines: list[str] = []

    def flush() -> None:
        if name is None:
            return
        body = "\n".join(lines).strip().rstrip(";").strip()
        if body:
            also = [m.strip() for m in re.findall(r"^-- also explains:\s*(.+)$", body, flags=re.M)]
            blocks.append(Block(name, body, source_file, also))

    for line in text.splitlines():
        if line.startswith(prefix):
            flush()
            name = line.split(":", 1)[1].strip()
            lines = []
        elif name is not None:
            lines.append(line)
    flush()
    return blocks


def load_blocks(path: Path, marker: str) -> list[Block]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise NotebookError(f"cannot read {path}: {e.strerror}") from None
    return parse_blocks(text, marker, str(path))


def params_used(sql: str, params: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in params.items() if "{" + k + ":" in sql}


# --------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------

@dataclass
class QueryResult:
    name: str
    df: pd.DataFrame | None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.df is not None

    @property
    def empty(self) -> bool:
        return not self.ok or self.df.empty


_DT_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?$")


def _convert_column(series: pd.Series, ch_type: str | None) -> pd.Series:
    t = (ch_type or "").replace("LowCardinality(", "").replace("Nullable(", "")
    if t.startswith("DateTime") or t.startswith("Date"):
        return pd.to_datetime(series, errors="coerce")
    if ch_type is None:  # untyped (text fallback): infer
        non_null = series.dropna()
        if non_null.empty:
            return series
        if non_null.map(lambda v: isinstance(v, str) and bool(_DT_RE.match(v))).all():
            return pd.to_datetime(series, errors="coerce")
        try:
            return pd.to_numeric(series.map(lambda v: float(v) if v in ("nan", "inf", "-inf") else v))
        except (ValueError, TypeError):
            return series
    if re.match(r"^(U?Int|Float|Decimal)", t):
        try:
            return pd.to_numeric(series)
        except (ValueError, TypeError):
            return series
    return series


def make_frame(columns: list[str], rows: list[Any], types: list[str] | None = None) -> pd.DataFrame:
    if rows and isinstance(rows[0], dict):
        data = [[r.get(c) for c in columns] for r in rows]
    else:
        data = [list(r) for r in rows]
    df = pd.DataFrame(data, columns=columns, dtype=object)
    for i, c in enumerate(columns):
        df[c] = _convert_column(df[c], types[i] if types else None)
    return df


def _naive_utc(df: pd.DataFrame) -> pd.DataFrame:
    for c in df.columns:
        if isinstance(df[c].dtype, pd.DatetimeTZDtype):
            df[c] = df[c].dt.tz_convert("UTC").dt.tz_localize(None)
    return df


# --------------------------------------------------------------------------------------
# Backends
# --------------------------------------------------------------------------------------

class Backend:
    label = ""

    def run_blocks(self, blocks: list[Block], params: dict[str, Any]) -> dict[str, QueryResult]:
        raise NotImplementedError

    def run_pack(self, path: Path, params: dict[str, Any], only: Iterable[str] | None = None) -> dict[str, QueryResult]:
        blocks = load_blocks(path, "QUERY")
        if only is not None:
            wanted = list(only)
            blocks = [b for b in blocks if b.name in wanted]
        return self.run_blocks(blocks, params)

    def run_suites(self, paths: list[Path], params: dict[str, Any]) -> pd.DataFrame:
        raise NotImplementedError


def _suite_row(name: str, source: str, failed_rows: Any, error: str | None, diagnostics: dict | None) -> dict:
    try:
        n = int(failed_rows) if failed_rows is not None else 1
    except (TypeError, ValueError):
        n, error = 1, error or "failed_rows is not numeric"
    if error:
        n = max(n, 1)
    return {
        "suite": Path(source).stem if source else "",
        "test_name": name,
        "verdict": "PASS" if (n == 0 and not error) else "FAIL",
        "failed_rows": n,
        "error": error or "",
        "diagnostics": diagnostics or {},
    }


class EmbeddedBackend(Backend):
    """A local store, read only through the naap binary (its engine version)."""

    def __init__(self, naap_bin: Path, store: Path, repo_root: Path):
        self.naap_bin = naap_bin
        self.store = store
        self.repo_root = repo_root
        self.label = f"embedded store {store} (through {naap_bin})"
        if not naap_bin.is_file():
            raise NotebookError(f"no naap binary at {naap_bin}: run `make build` or set NAAP_BIN")
        if not store.is_dir():
            raise NotebookError(
                f"no naap store at {store}: run `make demo` (or `naap run --store DIR`) and set NAAP_STORE=DIR")
        self._json = self._supports_json()

    # ---- the adapter: the only code that knows naap's output formats ----------------

    def _supports_json(self) -> bool:
        try:
            out = subprocess.run([str(self.naap_bin), "query", "--help"], capture_output=True, text=True, timeout=60)
        except OSError as e:
            raise NotebookError(f"cannot run {self.naap_bin}: {e.strerror}") from None
        return "--format" in out.stdout

    def _args(self, params: dict[str, Any]) -> list[str]:
        args = ["--store", str(self.store)]
        for k, v in params.items():
            if k == "from_ts":
                args += ["--from-ts", str(v)]
            elif k == "to_ts":
                args += ["--to-ts", str(v)]
            else:
                args.append(f"--param={k}={v}")  # one token: --param takes several values
        if self._json:
            args += ["--format", "json"]
        return args

    def _run(self, argv: list[str], ok_codes: tuple[int, ...] = (0,)) -> str:
        try:
            p = subprocess.run([str(self.naap_bin), *argv], capture_output=True, text=True,
                               timeout=600, cwd=self.repo_root)
        except subprocess.TimeoutExpired:
            raise NotebookError(f"naap {argv[0]} did not answer within 600 s") from None
        except OSError as e:
            raise NotebookError(f"cannot run {self.naap_bin}: {e.strerror}") from None
        if p.returncode not in ok_codes or not p.stdout.strip():
            msg = (p.stderr.strip() or p.stdout.strip() or f"exit code {p.returncode}").splitlines()
            raise NotebookError(f"naap {argv[0]} failed: " + " / ".join(msg[-4:]))
        return p.stdout

    @staticmethod
    def _json_items(out: str) -> list[dict]:
        """Blocks or test results of `--format json`: one document or JSON lines."""
        out = out.strip()
        try:
            doc = json.loads(out)
            docs = [doc]
        except json.JSONDecodeError:
            docs = [json.loads(line) for line in out.splitlines() if line.strip().startswith(("{", "["))]
        items: list[dict] = []
        for doc in docs:
            if isinstance(doc, list):
                items += [d for d in doc if isinstance(d, dict)]
            elif isinstance(doc, dict):
                for key in ("blocks", "results", "tests", "queries", "files"):
                    if isinstance(doc.get(key), list):
                        for d in doc[key]:
                            # files -> blocks nesting
                            if isinstance(d, dict) and isinstance(d.get("blocks"), list):
                                items += d["blocks"]
                            elif isinstance(d, dict):
                                items.append(d)
                        break
                else:
                    items.append(doc)
        return items

    @staticmethod
    def _table_of(item: dict) -> pd.DataFrame:
        t = item
        for key in ("result", "table", "data"):
            if isinstance(item.get(key), dict):
                t = item[key]
                break
        columns = list(t.get("columns") or [])
        types = t.get("types")
        rows = t.get("rows") or []
        if not columns and rows and isinstance(rows[0], dict):
            columns = list(rows[0].keys())
        if columns and columns and isinstance(columns[0], dict):  # [{"name":..,"type":..}]
            types = [c.get("type") for c in columns]
            columns = [c.get("name") for c in columns]
        return make_frame(columns, rows, types if types and len(types) == len(columns) else None)

    def _parse_query(self, out: str) -> dict[str, QueryResult]:
        results: dict[str, QueryResult] = {}
        if self._json:
            for item in self._json_items(out):
                name = item.get("name") or item.get("block") or item.get("query") or f"block_{len(results) + 1}"
                if item.get("error"):
                    results[name] = QueryResult(name, None, str(item["error"]))
                else:
                    results[name] = QueryResult(name, self._table_of(item))
            return results
        # Text fallback (naap before --format json): "=== name ===", "Columns: a, b", "v1 | v2".
        name, columns, rows = None, [], []

        def flush() -> None:
            if name is not None:
                results[name] = QueryResult(name, make_frame(columns, rows))

        for line in out.splitlines():
            m = re.match(r"^=== (.+) ===$", line)
            if m:
                flush()
                name, columns, rows = m.group(1), [], []
            elif name is not None and line.startswith("Columns: ") and not columns:
                columns = line[len("Columns: "):].split(", ")
            elif name is not None and columns and line and not line.startswith("... ("):
                cells = line.split(" | ")
                if len(cells) == len(columns):
                    rows.append([None if c == "\\N" else c for c in cells])
        flush()
        return results

    def _parse_check(self, out: str) -> list[dict]:
        rows: list[dict] = []
        if self._json:
            try:
                doc = json.loads(out)
            except json.JSONDecodeError:
                doc = None
            if isinstance(doc, dict):  # a suite file that could not be read or parsed at all
                for suite in doc.get("suites") or []:
                    if isinstance(suite, dict) and suite.get("error"):
                        rows.append(_suite_row("(suite file)", suite.get("source_file") or "", 1,
                                               str(suite["error"]), {}))
            for item in self._json_items(out):
                name = item.get("name") or item.get("test_name") or item.get("test")
                if not name:
                    continue
                diag = item.get("diagnostics") or {}
                if isinstance(diag, str):
                    try:
                        diag = json.loads(diag)
                    except json.JSONDecodeError:
                        diag = {"diagnostics": diag}
                failed = item.get("failed_rows")
                if failed is None and "passed" in item:
                    failed = 0 if item["passed"] else 1
                rows.append(_suite_row(name, item.get("source_file") or item.get("file") or "",
                                       failed, item.get("error") or None, diag))
            return rows
        cur: dict | None = None
        for line in out.splitlines():
            m = re.match(r"^\[(PASS|FAIL)\] (\S+) \((.*)\)$", line)
            if m:
                cur = {"name": m.group(2), "source": m.group(3), "failed_rows": 0 if m.group(1) == "PASS" else 1,
                       "error": None, "diagnostics": {}}
                rows.append(cur)
            elif cur is not None and line.startswith("  error: "):
                cur["error"] = line[len("  error: "):]
            elif cur is not None and line.startswith("  failed_rows: "):
                cur["failed_rows"] = line[len("  failed_rows: "):]
            elif cur is not None and line.startswith("  diagnostics: "):
                try:
                    cur["diagnostics"] = json.loads(line[len("  diagnostics: "):])
                except json.JSONDecodeError:
                    cur["diagnostics"] = {"diagnostics": line[len("  diagnostics: "):]}
        return [_suite_row(r["name"], r["source"], r["failed_rows"], r["error"], r["diagnostics"]) for r in rows]

    # ---- the interface --------------------------------------------------------------

    def _query_file(self, path: Path, params: dict[str, Any]) -> dict[str, QueryResult]:
        # With --format json a failed block is reported in the document (exit code 1) and the
        # other blocks still run; the text format stops at the first failure.
        return self._parse_query(self._run(["query", str(path.resolve()), *self._args(params), "--max-rows", "100000"],
                                           ok_codes=(0, 1) if self._json else (0,)))

    def run_blocks(self, blocks: list[Block], params: dict[str, Any]) -> dict[str, QueryResult]:
        if not blocks:
            return {}
        with tempfile.TemporaryDirectory(prefix="naap-nb-") as tmp:
            path = Path(tmp) / "blocks.sql"
            path.write_text("".join(f"-- QUERY: {b.name}\n{b.sql}\n\n" for b in blocks), encoding="utf-8")
            try:
                return self._query_file(path, params)
            except NotebookError:
                if len(blocks) == 1:
                    raise
            # One block failed and took the run down: run them one by one to tell which.
            results: dict[str, QueryResult] = {}
            for b in blocks:
                path.write_text(f"-- QUERY: {b.name}\n{b.sql}\n", encoding="utf-8")
                try:
                    results.update(self._query_file(path, params))
                except NotebookError as e:
                    results[b.name] = QueryResult(b.name, None, str(e))
            return results

    def run_suites(self, paths: list[Path], params: dict[str, Any]) -> pd.DataFrame:
        files = [str(Path(p).resolve()) for p in paths]
        out = self._run(["check", *files, *self._args(params)], ok_codes=(0, 1))
        rows = self._parse_check(out)
        if not rows:
            raise NotebookError("naap check printed no test results")
        # naap reports the path it was given; name suites by file stem.
        return pd.DataFrame(rows)


class ServerBackend(Backend):
    """A ClickHouse server through clickhouse-connect."""

    def __init__(self, cfg: Config):
        try:
            import clickhouse_connect
        except ImportError:
            raise NotebookError("clickhouse-connect is not installed: run scripts/notebook.sh --install-only") from None
        self.cfg = cfg
        scheme = "https" if cfg.ch_secure else "http"
        self.label = f"ClickHouse server {scheme}://{cfg.ch_host}:{cfg.ch_port}/{cfg.ch_database} as {cfg.ch_user}"
        import logging
        logging.getLogger("clickhouse_connect").setLevel(logging.CRITICAL)  # errors are reported below, once
        try:
            self.client = clickhouse_connect.get_client(
                host=cfg.ch_host, port=cfg.ch_port, username=cfg.ch_user, password=cfg.ch_password,
                database=cfg.ch_database, secure=cfg.ch_secure, connect_timeout=10, send_receive_timeout=120)
            self.client.query("SELECT 1")
        except Exception as e:  # noqa: BLE001 - any driver error means "cannot reach it"
            raise NotebookError(f"cannot reach ClickHouse at {scheme}://{cfg.ch_host}:{cfg.ch_port} "
                                f"(database {cfg.ch_database}, user {cfg.ch_user}): {_short(e)}") from None

    def query(self, sql: str, params: dict[str, Any]) -> pd.DataFrame:
        r = self.client.query(sql, parameters=params_used(sql, params), settings=self.cfg.query_settings)
        return _naive_utc(pd.DataFrame(r.result_rows, columns=list(r.column_names)))

    def run_blocks(self, blocks: list[Block], params: dict[str, Any]) -> dict[str, QueryResult]:
        results = {}
        for b in blocks:
            try:
                results[b.name] = QueryResult(b.name, self.query(b.sql, params))
            except Exception as e:  # noqa: BLE001
                results[b.name] = QueryResult(b.name, None, _short(e))
        return results

    def run_suites(self, paths: list[Path], params: dict[str, Any]) -> pd.DataFrame:
        """The pass rule of warehouse spec §2.3, as `naap check` applies it."""
        rows = []
        for path in paths:
            for b in load_blocks(path, "TEST"):
                try:
                    df = self.query(b.sql, params)
                except Exception as e:  # noqa: BLE001
                    rows.append(_suite_row(b.name, str(path), 1, _short(e), {}))
                    continue
                if df.empty:
                    rows.append(_suite_row(b.name, str(path), 1, "Query returned no rows", {}))
                    continue
                first = {k: _jsonable(v) for k, v in df.iloc[0].to_dict().items()}
                if "failed_rows" not in first:
                    rows.append(_suite_row(b.name, str(path), 1, "Missing required column: failed_rows", first))
                    continue
                failed = first.pop("failed_rows")
                rows.append(_suite_row(b.name, str(path), failed, None, first))
        return pd.DataFrame(rows)


def _short(e: BaseException) -> str:
    text = str(e).strip() or type(e).__name__
    text = re.sub(r"\s+", " ", text)
    # Driver errors wrap the cause in retry / pool noise: keep the cause when there is one.
    cause = re.search(r"\[Errno -?\d+\] ([^'\")\]]+)", text) or re.search(r"(Name or service not known|"
                                                                      r"timed out|Connection refused)", text)
    if cause and ("HTTPConnectionPool" in text or "HTTPSConnectionPool" in text or "Max retries" in text):
        return cause.group(1).strip()
    return text[:400]


def _jsonable(v: Any) -> Any:
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, (datetime, pd.Timestamp)):
        return str(v)
    if hasattr(v, "item"):
        return v.item()
    return v


def connect(cfg: Config) -> Backend:
    if cfg.mode == "server":
        return ServerBackend(cfg)
    return EmbeddedBackend(cfg.naap_bin, cfg.store, cfg.repo_root)


# --------------------------------------------------------------------------------------
# The window (warehouse spec §2.2 / §5.1)
# --------------------------------------------------------------------------------------

def fmt_ts(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]


def parse_ts(text: str, what: str) -> datetime:
    t = text.strip().replace("Z", "+00:00")
    try:
        dt = datetime.fromisoformat(t)
    except ValueError:
        raise NotebookError(f"{what}={text!r} is not a timestamp (YYYY-MM-DD HH:MM:SS[.mmm], UTC)") from None
    if dt.tzinfo is not None:
        dt = dt.astimezone(timezone.utc).replace(tzinfo=None)
    return dt


@dataclass
class Window:
    from_ts: datetime
    to_ts: datetime
    source: str

    @property
    def params(self) -> dict[str, str]:
        return {"from_ts": fmt_ts(self.from_ts), "to_ts": fmt_ts(self.to_ts)}

    def __str__(self) -> str:
        return f"[{fmt_ts(self.from_ts)}, {fmt_ts(self.to_ts)}) UTC ({self.source})"


def resolve_window(cfg: Config, backend: Backend) -> Window:
    """FIXTURE_FROM_TS/TO_TS > VALIDATION_LOOKBACK_HOURS > (local store: all its data | server: 24 h)."""
    if cfg.fixture_from_ts or cfg.fixture_to_ts:
        if not (cfg.fixture_from_ts and cfg.fixture_to_ts):
            raise NotebookError("set both FIXTURE_FROM_TS and FIXTURE_TO_TS, or neither")
        f = parse_ts(cfg.fixture_from_ts, "FIXTURE_FROM_TS")
        t = parse_ts(cfg.fixture_to_ts, "FIXTURE_TO_TS")
        if f >= t:
            raise NotebookError("FIXTURE_FROM_TS must be before FIXTURE_TO_TS")
        return Window(f, t, "env FIXTURE_FROM_TS/FIXTURE_TO_TS")
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    if cfg.lookback_hours is not None:
        return Window(now - timedelta(hours=cfg.lookback_hours), now, f"lookback {cfg.lookback_hours}h")
    if cfg.mode == "embedded":
        r = backend.run_pack(cfg.sql_dir / "packs" / "notebook_overview.sql", {}, only=["data_time_range"])
        res = r.get("data_time_range")
        if res is None or not res.ok:
            raise NotebookError(f"cannot read the store's time range: {res.error if res else 'no result'}")
        row = res.df.iloc[0] if not res.df.empty else None
        if row is not None and int(row["rows_total"]) > 0 and not pd.isna(row["min_ts"]):
            f = pd.Timestamp(row["min_ts"]).to_pydatetime()
            t = pd.Timestamp(row["max_ts"]).to_pydatetime() + timedelta(milliseconds=1)
            return Window(f, t, "all data in the store")
        return Window(now - timedelta(hours=24), now, "lookback 24h (the store holds no events)")
    return Window(now - timedelta(hours=24), now, "lookback 24h (default)")


# --------------------------------------------------------------------------------------
# Display helpers
# --------------------------------------------------------------------------------------

VERDICT_COLORS = {"PASS": "#d4edda", "FAIL": "#f8d7da", "WARN": "#fff3cd", "INFO": "#d1ecf1"}


def _cell_style(v: Any) -> str:
    s = str(v).upper()
    if s in ("PASS", "OK"):
        return f"background-color: {VERDICT_COLORS['PASS']}"
    if "FAIL" in s or "MISMATCH" in s or "ERROR" in s:
        return f"background-color: {VERDICT_COLORS['FAIL']}"
    if s == "WARN":
        return f"background-color: {VERDICT_COLORS['WARN']}"
    if s == "INFO" or s.startswith("EMPTY_"):
        return f"background-color: {VERDICT_COLORS['INFO']}"
    return ""


def styled(df: pd.DataFrame, columns: Iterable[str] = ("verdict", "status", "failure_mode", "status_flag")):
    """PASS green, FAIL/MISMATCH/ERROR red, WARN amber, INFO/EMPTY_* blue (reference §5.2 row 0)."""
    cols = [c for c in columns if c in df.columns]
    if not cols or df.empty:
        return df
    try:
        return df.style.map(_cell_style, subset=cols)
    except Exception:  # noqa: BLE001 - styling is cosmetic (e.g. jinja2 missing)
        return df


def expand_diagnostics(suite_df: pd.DataFrame) -> pd.DataFrame:
    """One column per diagnostic, after test_name / verdict / failed_rows / error."""
    base = suite_df[["test_name", "verdict", "failed_rows", "error"]].reset_index(drop=True)
    diags = pd.DataFrame([d if isinstance(d, dict) else {} for d in suite_df["diagnostics"]])
    if not diags.empty:
        for c in diags.columns:
            diags[c] = diags[c].map(lambda v: json.dumps(v) if isinstance(v, (list, dict)) else v)
        diags = diags.rename(columns={c: (f"sql_{c}" if c in base.columns else c) for c in diags.columns})
    return pd.concat([base, diags], axis=1)


# --------------------------------------------------------------------------------------
# Charts (PNG, Agg)
# --------------------------------------------------------------------------------------

LAYER_COLORS = {
    "raw": "#4c72b0", "raw (rejected)": "#c44e52", "typed": "#55a868", "silver": "#8172b2",
    "facts": "#ccb974", "rollups": "#64b5cd", "views": "#dd8452",
}


def _save(fig, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(fig)
    return path


def plot_funnel(funnel: pd.DataFrame, path: Path, window: Window) -> Path:
    df = funnel.copy()
    df["rows_window"] = df["rows_window"].astype(int)
    df = df.iloc[::-1].reset_index(drop=True)  # first layer at the top
    fig, ax = plt.subplots(figsize=(11, 0.36 * len(df) + 1.6))
    colors = [LAYER_COLORS.get(layer, "#999999") for layer in df["layer"]]
    values = df["rows_window"].clip(lower=0)
    ax.barh(range(len(df)), values.where(values > 0, 0.8), color=colors,
            alpha=1.0, edgecolor="none")
    ax.set_xscale("log")
    ax.set_yticks(range(len(df)))
    ax.set_yticklabels([f"{layer}: {name}" for layer, name in zip(df["layer"], df["object_name"])], fontsize=8.5)
    for i, v in enumerate(df["rows_window"]):
        ax.text(max(v, 0.8) * 1.08, i, f"{v:,}", va="center", fontsize=8.5)
    xmax = max(10, int(df["rows_window"].max()))
    ax.set_xlim(0.7, xmax * 6)
    ax.set_xlabel("rows in the window (log scale; zero shown as a stub)")
    ax.set_title(f"Funnel raw -> typed -> silver -> facts -> rollups -> views\nwindow {window}", fontsize=10)
    handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in LAYER_COLORS.values()]
    ax.legend(handles, list(LAYER_COLORS.keys()), loc="lower right", fontsize=8, ncols=2)
    ax.grid(axis="x", which="major", alpha=0.3)
    return _save(fig, path)


def _hour_axis(ax, span_hours: float) -> None:
    if span_hours <= 48:
        ax.xaxis.set_major_locator(mdates.HourLocator(interval=max(1, int(span_hours // 12) or 1)))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%m-%d %H:%M"))
    else:
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=4, maxticks=10))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%m-%d %H:00"))


def plot_hourly_fps(hourly: pd.DataFrame, path: Path, window: Window) -> Path:
    df = _numeric(hourly, ["status_rows", "fps_positive_rows", "fps_zero_rows", "avg_output_fps", "avg_positive_fps"])
    df["window_start"] = pd.to_datetime(df["window_start"])
    df = df.sort_values("window_start")
    first, last = df["window_start"].min(), df["window_start"].max()
    span = max(1.0, (last - first).total_seconds() / 3600 + 1)
    width = 1 / 24 * 0.8
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(12, 6.5), sharex=True,
                                   gridspec_kw={"height_ratios": [1.1, 1]})
    # Lines join consecutive hours only: a missing hour breaks them (that hour had no sample).
    line = _gapped(df, ["avg_positive_fps", "avg_output_fps"])
    ax1.plot(line["window_start"] + pd.Timedelta(minutes=30), line["avg_positive_fps"], "o-", color="#2a9d8f",
             label="mean output fps of samples with fps > 0")
    ax1.plot(line["window_start"] + pd.Timedelta(minutes=30), line["avg_output_fps"], "s--", color="#264653",
             alpha=0.7, label="mean output fps of all samples")
    ax1.set_ylabel("output fps")
    ax1.set_ylim(bottom=0)
    ax1.legend(loc="lower left", fontsize=8)
    ax1.grid(alpha=0.3)
    ax1.set_title(f"Hourly status samples: fps and sparsity (hours with no sample are gaps)\nwindow {window}",
                  fontsize=10)
    ax2.bar(df["window_start"], df["fps_positive_rows"], width=width, align="edge", color="#2a9d8f",
            label="samples with fps > 0")
    ax2.bar(df["window_start"], df["fps_zero_rows"], width=width, align="edge",
            bottom=df["fps_positive_rows"], color="#e76f51", label="samples with fps = 0")
    ax2.set_ylabel("status samples per hour")
    ax2.legend(loc="upper left", fontsize=8)
    ax2.grid(axis="y", alpha=0.3)
    ax2.set_xlim(first - pd.Timedelta(hours=1), last + pd.Timedelta(hours=2))
    _hour_axis(ax2, span)
    fig.autofmt_xdate()
    return _save(fig, path)


def _numeric(df: pd.DataFrame, cols: Iterable[str]) -> pd.DataFrame:
    df = df.copy()
    for c in cols:
        if c in df.columns:
            df[c] = pd.to_numeric(df[c], errors="coerce")
    return df


def _gapped(df: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    """Rows of consecutive hours, with a NaN row inserted wherever an hour is missing."""
    rows = []
    prev = None
    for _, r in df.iterrows():
        if prev is not None and r["window_start"] - prev > pd.Timedelta(hours=1):
            rows.append({"window_start": prev + pd.Timedelta(hours=1), **{c: float("nan") for c in cols}})
        rows.append({"window_start": r["window_start"], **{c: r[c] for c in cols}})
        prev = r["window_start"]
    return pd.DataFrame(rows, columns=["window_start", *cols])


def plot_swap_error_overview(hourly: pd.DataFrame, errors: pd.DataFrame | None, path: Path, window: Window) -> Path:
    cols = ["sessions", "confirmed_swap_sessions", "inferred_only_swap_sessions", "sessions_with_errors",
            "sessions_with_unexcusable_errors", "startup_unexcused_sessions", "startup_excused_sessions"]
    df = _numeric(hourly, cols).fillna(0)
    df["window_start"] = pd.to_datetime(df["window_start"])
    df = df[df["sessions"] > 0].sort_values("window_start").reset_index(drop=True)
    has_errors = errors is not None and not errors.empty
    fig, axes = plt.subplots(2 if has_errors else 1, 1, figsize=(12, 9 if has_errors else 4.8),
                             gridspec_kw={"height_ratios": [1.25, 1]} if has_errors else None)
    ax = axes[0] if has_errors else axes
    series = [("sessions", "#8d99ae", "sessions started"),
              ("confirmed_swap_sessions", "#d62828", "with a confirmed swap (orchestrator_swap edge)"),
              ("inferred_only_swap_sessions", "#f77f00", "with an inferred orchestrator change only"),
              ("startup_excused_sessions", "#90be6d", "startup failed, excused"),
              ("startup_unexcused_sessions", "#000000", "startup failed, unexcused"),
              ("sessions_with_unexcusable_errors", "#6a4c93", "with unexcusable errors")]
    n = len(series)
    w = 0.8 / n
    x = list(range(len(df)))
    for i, (col, color, label) in enumerate(series):
        bars = ax.bar([xi - 0.4 + w * (i + 0.5) for xi in x], df[col], width=w, color=color, label=label)
        for b, v in zip(bars, df[col]):
            if v > 0:
                ax.text(b.get_x() + b.get_width() / 2, v, f"{int(v)}", ha="center", va="bottom", fontsize=6.5)
    ax.set_xticks(x)
    ax.set_xticklabels([t.strftime("%m-%d %H:00") for t in df["window_start"]], rotation=35, ha="right", fontsize=8)
    ax.set_ylabel("sessions (latest version)")
    ax.set_xlabel("session start hour (only hours in which a session started)")
    ax.set_ylim(0, max(1, float(df["sessions"].max())) * 1.25)
    ax.legend(fontsize=7.5, loc="upper left", ncols=3)
    ax.grid(axis="y", alpha=0.3)
    ax.set_title(f"Swaps, startup failures and errors by session start hour\nwindow {window}", fontsize=10)
    if has_errors:
        e = _numeric(errors, ["events", "streams"]).head(10).iloc[::-1]
        ax2 = axes[1]
        ax2.barh(range(len(e)), e["events"], color="#6a4c93")
        ax2.set_yticks(range(len(e)))
        ax2.set_yticklabels([m if len(m) <= 70 else m[:67] + "..." for m in e["message_pattern"]], fontsize=8)
        for i, (v, st) in enumerate(zip(e["events"], e["streams"])):
            ax2.text(v, i, f" {int(v)} events / {int(st)} streams", va="center", fontsize=8)
        ax2.set_xlim(0, max(e["events"]) * 1.35)
        ax2.set_xlabel("error events in the window (ai_stream_events, event_type = 'error')")
        ax2.set_title("Most frequent error messages (numbers and URLs masked)", fontsize=10)
    fig.tight_layout()
    return _save(fig, path)


def _short_addr(a: Any) -> str:
    a = "" if a is None or (isinstance(a, float) and math.isnan(a)) else str(a)
    return a[:8] + "…" + a[-4:] if len(a) > 14 else (a or "(none)")


def plot_session_timeline(sid: str, session: pd.Series, status: pd.DataFrame, segments: pd.DataFrame,
                          edges: pd.DataFrame, events: pd.DataFrame, path: Path, scenario: str = "") -> Path:
    start = pd.Timestamp(session["session_start_ts"])
    end = pd.Timestamp(session["session_end_ts"]) if not pd.isna(session["session_end_ts"]) else None
    times = [start] + ([end] if end is not None else [])
    for df, col in ((status, "sample_ts"), (edges, "edge_ts"), (events, "event_timestamp"),
                    (segments, "segment_start_ts"), (segments, "segment_end_ts")):
        if df is not None and not df.empty:
            times += [pd.Timestamp(t) for t in df[col].dropna()]
    t0, t1 = min(times), max(times)
    pad = max(pd.Timedelta(seconds=2), (t1 - t0) * 0.04)

    # Orchestrator changes: consecutive segments with different orchestrators, and status samples
    # whose (non-empty) orchestrator differs from the previous non-empty one.
    changes: list[tuple[pd.Timestamp, str]] = []
    if segments is not None and len(segments) > 1:
        seg = segments.sort_values("segment_index")
        prev = None
        for _, r in seg.iterrows():
            if prev is not None and r["orchestrator_address"] != prev:
                changes.append((pd.Timestamp(r["segment_start_ts"]),
                                f"{_short_addr(prev)} -> {_short_addr(r['orchestrator_address'])}"))
            prev = r["orchestrator_address"]
    swaps = edges[edges["trace_type"] == "orchestrator_swap"] if edges is not None and not edges.empty else pd.DataFrame()

    fig, (ax_e, ax_f, ax_s) = plt.subplots(3, 1, figsize=(13, 8.5), sharex=True,
                                           gridspec_kw={"height_ratios": [2.2, 1.5, 0.8]})
    # 1. trace edges and AI events, one lane per type, in order of first appearance
    lanes: list[str] = []
    points: list[tuple[pd.Timestamp, str, str]] = []
    if edges is not None and not edges.empty:
        for _, r in edges.iterrows():
            points.append((pd.Timestamp(r["edge_ts"]), f"edge: {r['trace_type']}",
                           "swap" if r["trace_type"] == "orchestrator_swap" else "edge"))
    if events is not None and not events.empty:
        for _, r in events.iterrows():
            kind = "error" if r["event_type"] == "error" else "event"
            points.append((pd.Timestamp(r["event_timestamp"]), f"event: {r['event_type']}", kind))
    points.sort(key=lambda p: p[0])
    for _, lane, _ in points:
        if lane not in lanes:
            lanes.append(lane)
    style = {"edge": ("o", "#1d3557"), "swap": ("X", "#d62828"), "error": ("v", "#e63946"), "event": ("D", "#457b9d")}
    for kind, (marker, color) in style.items():
        pts = [(t, lanes.index(lane)) for t, lane, k in points if k == kind]
        if pts:
            ax_e.scatter([p[0] for p in pts], [p[1] for p in pts], marker=marker, color=color, s=60 if kind != "edge" else 36,
                         zorder=3, label={"edge": "trace edge", "swap": "orchestrator_swap edge",
                                          "error": "error event", "event": "other AI event"}[kind])
    ax_e.set_yticks(range(len(lanes)))
    ax_e.set_yticklabels(lanes, fontsize=8)
    ax_e.set_ylim(-0.7, max(len(lanes), 1) - 0.3)
    ax_e.invert_yaxis()
    ax_e.grid(axis="x", alpha=0.3)
    if points:
        ax_e.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.005, 1.0), borderaxespad=0)
    else:
        ax_e.text(0.5, 0.5, "no trace edges or AI events", transform=ax_e.transAxes, ha="center")
    title = f"Session {sid}" + (f"  [{scenario}]" if scenario else "")
    title += (f"\nconfirmed swaps {int(session.get('confirmed_swap_count', 0))}, inferred orchestrator changes "
              f"{int(session.get('inferred_orchestrator_change_count', 0))}, errors {int(session.get('error_count', 0))}, "
              f"startup_success {int(session.get('startup_success', 0))}")
    ax_e.set_title(title, fontsize=10)

    # 2. status samples
    if status is not None and not status.empty:
        st = _numeric(status, ["output_fps", "input_fps"]).sort_values("sample_ts")
        ax_f.plot(st["sample_ts"], st["output_fps"], "o-", color="#2a9d8f", label="output fps")
        ax_f.plot(st["sample_ts"], st["input_fps"], ".--", color="#8d99ae", label="input fps")
        for _, r in st.iterrows():
            ax_f.annotate(str(r["state"]).replace("DEGRADED_", "DEG_"), (r["sample_ts"], r["output_fps"]),
                          textcoords="offset points", xytext=(0, 7), ha="center", fontsize=6.5, color="#555555")
        ax_f.set_ylim(bottom=0, top=max(1.0, float(st[["output_fps", "input_fps"]].max().max())) * 1.3)
        ax_f.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.005, 1.0), borderaxespad=0)
    else:
        ax_f.text(0.5, 0.5, "no status samples for this session", transform=ax_f.transAxes, ha="center")
    ax_f.set_ylabel("fps")
    ax_f.grid(alpha=0.3)

    # 3. segments, one bar per segment, coloured by orchestrator
    palette = ["#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b2", "#937860"]
    orchs: list[str] = []
    if segments is not None and not segments.empty:
        for _, r in segments.sort_values("segment_index").iterrows():
            o = r["orchestrator_address"] or ""
            if o not in orchs:
                orchs.append(o)
            s0 = pd.Timestamp(r["segment_start_ts"])
            s1 = pd.Timestamp(r["segment_end_ts"]) if not pd.isna(r["segment_end_ts"]) else t1
            ax_s.barh(0, s1 - s0, left=s0, height=0.6, color=palette[orchs.index(o) % len(palette)],
                      edgecolor="black", linewidth=0.6)
            ax_s.text(s0 + (s1 - s0) / 2, 0, f"segment {int(r['segment_index'])}: orch {_short_addr(o)}"
                      f" / {_short_addr(r['gpu_id'])}", ha="center", va="center", fontsize=8, color="white",
                      fontweight="bold")
    else:
        ax_s.text(0.5, 0.5, "no segments for this session", transform=ax_s.transAxes, ha="center")
    ax_s.set_yticks([])
    ax_s.set_ylim(-0.6, 0.6)
    ax_s.set_ylabel("segments")

    # marks across all panels: swaps, orchestrator changes, session start / end
    for ax in (ax_e, ax_f, ax_s):
        ax.axvline(start, color="#2b2d42", linestyle=":", linewidth=1)
        if end is not None:
            ax.axvline(end, color="#2b2d42", linestyle=":", linewidth=1)
        for t in swaps.get("edge_ts", []):
            ax.axvline(pd.Timestamp(t), color="#d62828", linestyle="--", linewidth=1.4, alpha=0.8)
        for t, _ in changes:
            ax.axvline(t, color="#7b2cbf", linestyle="-.", linewidth=1.6, alpha=0.9)
    note = (f"red dashed: orchestrator_swap edges ({len(swaps)}); purple dash-dot: orchestrator changes "
            f"between segments ({len(changes)}); dotted: session start / end")
    if changes:
        note += "; changes: " + ", ".join(c for _, c in changes)
    ax_s.set_xlabel(note, fontsize=8)
    ax_s.set_xlim(t0 - pad, t1 + pad)
    ax_s.xaxis.set_major_formatter(mdates.DateFormatter("%H:%M:%S"))
    fig.tight_layout()
    return _save(fig, path)


# --------------------------------------------------------------------------------------
# Verdict bookkeeping (read by scripts/notebook.sh)
# --------------------------------------------------------------------------------------

@dataclass
class Verdict:
    suites: dict[str, dict[str, int]] = field(default_factory=dict)
    failed_tests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    charts: list[str] = field(default_factory=list)

    def record_suites(self, results: pd.DataFrame) -> None:
        for suite, g in results.groupby("suite", sort=False):
            self.suites[suite] = {"tests": int(len(g)), "passed": int((g["verdict"] == "PASS").sum()),
                                  "failed": int((g["verdict"] == "FAIL").sum())}
        self.failed_tests = sorted(set(self.failed_tests) | set(
            f"{r.suite}:{r.test_name}" for r in results.itertuples() if r.verdict == "FAIL"))

    def problem(self, text: str) -> None:
        if text not in self.problems:
            self.problems.append(text)

    @property
    def ok(self) -> bool:
        return bool(self.suites) and not self.failed_tests and not self.problems

    def write(self, out_dir: Path, extra: dict[str, Any]) -> Path:
        out_dir.mkdir(parents=True, exist_ok=True)
        path = out_dir / "summary.json"
        path.write_text(json.dumps({"ok": self.ok, "suites": self.suites, "failed_tests": self.failed_tests,
                                    "problems": self.problems, "charts": self.charts, **extra},
                                   indent=2, default=str) + "\n", encoding="utf-8")
        return path
