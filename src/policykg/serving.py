"""``policykg serve`` and ``policykg push``: the graph behind a real Oxigraph server, the
workbench in front of it, both from one origin on loopback.

One small ``http.server`` serves the workbench's static pages and passes ``/sparql`` on to
the Oxigraph server (SPARQL 1.1 Protocol, read-only unless ``writable``); ``/api/query``
runs a canned query by name with its parameters bound as escaped RDF terms
(``graph.bind``). The SPARQL engine is always Oxigraph: this module only relays bytes.
"""

from __future__ import annotations

import json
import re
import shutil
import signal
import tempfile
import threading
import urllib.error
import urllib.parse
import urllib.request
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any

from policykg import exports, queries
from policykg.errors import PolicyKGError
from policykg.graph.bind import bind
from policykg.graph.remote import RemoteStore, RemoteStoreError
from policykg.graph.serve import LOOPBACK, Server, ServerError, port_is_taken
from policykg.pipeline import require_graph
from policykg.workbench import write_workbench

SPARQL_JSON = "application/sparql-results+json"
FORM = "application/x-www-form-urlencoded"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_ROWS_MAX = 1_048_575  # an XLSX sheet's rows, less the header
_SHEET_NAME = re.compile(r"[^\w.-]+")


def table_export(body: bytes) -> tuple[str, list[str], list[dict[str, Any]]]:
    """(file name, columns, rows) of an export request; ValueError says what is wrong.
    A cell is text or a number (a JSON number: what the table knew to be typed)."""
    try:
        request = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"not JSON: {error}") from None
    if not isinstance(request, dict):
        raise ValueError("expected an object with name, columns and rows")
    columns, rows = request.get("columns"), request.get("rows")
    if not isinstance(columns, list) or not all(isinstance(c, str) for c in columns):
        raise ValueError("columns: a list of names")
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise ValueError("rows: a list of objects")
    if len(rows) > EXPORT_ROWS_MAX:
        raise ValueError(f"{len(rows)} rows: more than one sheet holds")
    cleaned = []
    for row in rows:
        cells: dict[str, Any] = {}
        for column in columns:
            value = row.get(column, "")
            ok = isinstance(value, str) or (isinstance(value, int | float)
                                            and not isinstance(value, bool))
            cells[column] = value if ok else str(value)
        cleaned.append(cells)
    name = _SHEET_NAME.sub("-", str(request.get("name") or "rows")).strip("-")[:31] or "rows"
    return name, columns, cleaned


class ServeError(PolicyKGError):
    """The workbench could not start (port taken, no graph, no oxigraph) or a push failed."""


class _Handler(SimpleHTTPRequestHandler):
    """Static files from the site folder; ``/sparql``, ``/api/query`` (and with a writable
    server ``/store``, ``/update``) relayed to Oxigraph."""

    oxigraph: Server
    writable: bool

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal shows the URL, not every request."""

    def _path(self) -> str:
        return urllib.parse.urlsplit(self.path).path

    def do_GET(self) -> None:
        if self._path() == "/sparql":
            query = urllib.parse.urlsplit(self.path).query
            self._relay("GET", f"{self.oxigraph.url}?{query}", None, None)
        elif self._path() == "/store" and self.writable:
            self._relay("GET", self._store_url(), None, None)
        else:
            super().do_GET()

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        content_type = self.headers.get("Content-Type", FORM)
        path = self._path()
        if path == "/sparql":
            self._relay("POST", self.oxigraph.url, body, content_type)
        elif path == "/api/query":
            self._canned(body)
        elif path == "/api/export":
            self._export(body)
        elif path in ("/store", "/update") and self.writable:
            url = self._store_url() if path == "/store" else self.oxigraph.update_url
            self._relay("POST", url, body, content_type)
        else:
            self.send_error(HTTPStatus.FORBIDDEN, "read-only workbench")

    def do_PUT(self) -> None:
        self._write_through("PUT")

    def do_DELETE(self) -> None:
        self._write_through("DELETE")

    def _write_through(self, method: str) -> None:
        if self._path() != "/store" or not self.writable:
            self.send_error(HTTPStatus.FORBIDDEN, "read-only workbench")
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self._relay(method, self._store_url(), body, self.headers.get("Content-Type"))

    def _store_url(self) -> str:
        query = urllib.parse.urlsplit(self.path).query
        return self.oxigraph.store_url + (f"?{query}" if query else "")

    def _canned(self, body: bytes) -> None:
        form = dict(urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True))
        name = form.pop("name", "")
        known = {q.name: q for q in queries.list_queries()}
        if name not in known:  # by name only: never a path on the server's disk
            self.send_error(HTTPStatus.NOT_FOUND, "no such canned query")
            return
        canned = known[name]
        if sorted(form) != sorted(canned.params):
            self.send_error(HTTPStatus.BAD_REQUEST, f"parameters: {', '.join(canned.params)}")
            return
        try:  # agency / group names are looked up (queries.lookup) before the query is sent
            prepared = queries.prepare(RemoteStore(self.oxigraph.url), canned, form)
        except (PolicyKGError, RemoteStoreError) as error:
            self.send_error(HTTPStatus.BAD_REQUEST, str(error).splitlines()[0][:300])
            return
        text = bind(prepared.text, prepared.bindings)
        encoded = urllib.parse.urlencode({"query": text}).encode("utf-8")
        if not prepared.resolutions:
            self._relay("POST", self.oxigraph.url, encoded, FORM)
            return
        status, kind, payload = self._forward("POST", self.oxigraph.url, encoded, FORM)
        if status == HTTPStatus.OK and (kind or "").startswith(SPARQL_JSON):
            # what each looked-up value was found to name, or close names when nothing: an
            # extra member SPARQL JSON clients ignore
            answer = json.loads(payload)
            answer["policykg"] = {"resolutions": [r.to_json() for r in prepared.resolutions]}
            payload = json.dumps(answer, ensure_ascii=False).encode("utf-8")
        self._send(status, kind, payload)

    def _export(self, body: bytes) -> None:
        """The rows a workbench table shows (JSON: name, columns, rows) as an XLSX file,
        written by ``policykg export``'s own writer; numbers stay numbers."""
        try:
            name, columns, rows = table_export(body)
        except ValueError as error:
            self.send_error(HTTPStatus.BAD_REQUEST, str(error))
            return
        with tempfile.TemporaryDirectory(prefix="policykg-export-") as folder:
            path = Path(folder) / "rows.xlsx"
            exports._write_xlsx(rows, columns, name, path)
            payload = path.read_bytes()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", XLSX)
        self.send_header("Content-Disposition", f'attachment; filename="{name}.xlsx"')
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _relay(self, method: str, url: str, body: bytes | None, content_type: str | None) -> None:
        self._send(*self._forward(method, url, body, content_type))

    def _forward(self, method: str, url: str, body: bytes | None,
                 content_type: str | None) -> tuple[int, str | None, bytes]:
        """(status, content type, body) of Oxigraph's answer to the request."""
        headers = {"Accept": self.headers.get("Accept") or SPARQL_JSON}
        if content_type:
            headers["Content-Type"] = content_type
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=600) as answer:
                return answer.status, answer.headers.get("Content-Type"), answer.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Content-Type"), error.read()
        except (urllib.error.URLError, OSError) as error:
            message = f"SPARQL server: {error}".encode()
            return HTTPStatus.BAD_GATEWAY, "text/plain; charset=utf-8", message

    def _send(self, status: int, kind: str | None, payload: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind or "text/plain")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


class Workbench:
    """Oxigraph over ``graph_dir/store`` plus the workbench site, on one loopback origin."""

    def __init__(
        self,
        graph_dir: Path | str,
        *,
        host: str = LOOPBACK,
        port: int = 7878,
        timeout_s: int = 30,
        writable: bool = False,
    ) -> None:
        self.graph_dir = Path(graph_dir)
        self.host, self.port = host, port
        self.oxigraph = Server(self.graph_dir / "store", read_only=not writable,
                               query_timeout_s=timeout_s)
        self.writable = writable
        self._site: Path | None = None
        self._http: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    @property
    def sparql_url(self) -> str:
        return self.url + "sparql"

    def start(self) -> Workbench:
        try:
            require_graph(self.graph_dir)
        except PolicyKGError as error:
            raise ServeError(str(error)) from None
        if port_is_taken(self.host, self.port):
            raise ServeError(f"port {self.port} on {self.host} is already taken; "
                             "choose another with --port or stop the program using it")
        self._site = Path(tempfile.mkdtemp(prefix="policykg-workbench-"))
        try:
            write_workbench(self.graph_dir, self._site)  # closes the store before serving it
            self.oxigraph.start()
            handler = type("Handler", (_Handler,), {"oxigraph": self.oxigraph,
                                                    "writable": self.writable})
            self._http = ThreadingHTTPServer((self.host, self.port),
                                             partial(handler, directory=str(self._site)))
        except ServerError as error:
            self.stop()
            raise ServeError(str(error)) from None
        except BaseException:
            self.stop()
            raise
        self.port = int(self._http.server_address[1])
        self._thread = threading.Thread(target=self._http.serve_forever, daemon=True)
        self._thread.start()
        return self

    def wait(self) -> None:
        """Block until Ctrl-C or SIGTERM (both raise KeyboardInterrupt here), or ``stop``."""
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, _interrupt)
            signal.signal(signal.SIGINT, _interrupt)  # even when started with SIGINT ignored
        while self._thread is not None and self._thread.is_alive():
            self._thread.join(0.5)  # short joins so the signal is seen at once

    def stop(self) -> None:
        """Stop the web server, then the Oxigraph process (by PID); remove the site."""
        if self._http is not None:
            self._http.shutdown()
            self._http.server_close()
            self._http = None
        self.oxigraph.stop()
        if self._site is not None:
            shutil.rmtree(self._site, ignore_errors=True)
            self._site = None

    def __enter__(self) -> Workbench:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve_workbench(graph_dir: Path | str = "build", **options: object) -> Workbench:
    """Start the workbench (see ``Workbench``); the caller stops it."""
    return Workbench(graph_dir, **options).start()  # type: ignore[arg-type]
