"""Serve a built store folder as a SPARQL 1.1 Protocol endpoint with the ``oxigraph`` CLI.

The server is read-only, bound to loopback and given a query time-out unless asked
otherwise, so exposing the graph never exposes a way to change it.

RocksDB allows one writer per folder: close the embedded ``pyoxigraph`` store (drop every
reference to it) before serving its folder, and stop the server before rebuilding it.
Opening a folder read-only while another process writes it is undefined behaviour.
"""

from __future__ import annotations

import errno
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from types import TracebackType
from typing import IO

LOOPBACK = "127.0.0.1"
ASK_ANYTHING = "ASK {}"


class ServerError(RuntimeError):
    """The SPARQL server could not be started; the message says why and what to do."""


def find_oxigraph() -> Path:
    """The ``oxigraph`` executable: next to this Python first (the venv), then on PATH."""
    beside_python = Path(sys.executable).parent / "oxigraph"
    if beside_python.is_file() and os.access(beside_python, os.X_OK):
        return beside_python
    found = shutil.which("oxigraph")
    if found is None:
        raise ServerError(
            "the `oxigraph` command was not found; install it with `pip install oxigraph`"
        )
    return Path(found)


def free_port(host: str = LOOPBACK) -> int:
    """A TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def port_is_taken(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # SO_REUSEADDR so a port left in TIME_WAIT by a stopped server still counts as free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno in (errno.EADDRINUSE, errno.EACCES):
                return True
            raise
    return False


def is_built_store(location: Path) -> bool:
    """True when ``location`` holds an Oxigraph (RocksDB) store, even an empty one."""
    return (location / "CURRENT").is_file()


class Server:
    """An ``oxigraph`` server process over one store folder, usable as a context manager.

    ``read_only=False`` starts ``oxigraph serve`` instead, which accepts SPARQL Update and
    Graph Store writes (used to test pushing graphs); it creates the folder if needed.
    ``union_default_graph`` lets ad-hoc queries read every graph without a GRAPH clause (the
    workbench's SPARQL box); the canned queries need no such setting, and are tested on a
    server started without it.
    """

    def __init__(
        self,
        location: Path | str,
        *,
        host: str = LOOPBACK,
        port: int | None = None,
        read_only: bool = True,
        query_timeout_s: int = 30,
        startup_timeout_s: float = 20.0,
        union_default_graph: bool = True,
    ) -> None:
        self.location = Path(location)
        self.union_default_graph = union_default_graph
        self.host = host
        self.port = port
        self.read_only = read_only
        self.query_timeout_s = query_timeout_s
        self.startup_timeout_s = startup_timeout_s
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def base_url(self) -> str:
        if self.port is None:
            raise ServerError("the server has no port yet; call start() first")
        return f"http://{self.host}:{self.port}"

    @property
    def url(self) -> str:
        """SPARQL query endpoint."""
        return f"{self.base_url}/query"

    @property
    def update_url(self) -> str:
        """SPARQL Update endpoint (refused with 403 by a read-only server)."""
        return f"{self.base_url}/update"

    @property
    def store_url(self) -> str:
        """SPARQL 1.1 Graph Store HTTP Protocol endpoint."""
        return f"{self.base_url}/store"

    @property
    def pid(self) -> int:
        if self._process is None:
            raise ServerError("the server is not running")
        return self._process.pid

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def command(self) -> list[str]:
        mode = "serve-read-only" if self.read_only else "serve"
        return [
            str(find_oxigraph()),
            mode,
            "--location",
            str(self.location),
            "--bind",
            f"{self.host}:{self.port}",
            *(["--union-default-graph"] if self.union_default_graph else []),
            "--timeout-s",
            str(self.query_timeout_s),
        ]

    def start(self) -> Server:
        """Start the process and return once the endpoint answers ``ASK {}``."""
        if self.running:
            return self
        if self.read_only and not is_built_store(self.location):
            raise ServerError(
                f"no graph built yet in {self.location}: build the store first "
                "(or pass read_only=False to serve a new, writable store)"
            )
        if self.port is None:
            self.port = free_port(self.host)
        elif port_is_taken(self.host, self.port):
            raise ServerError(
                f"port {self.port} on {self.host} is already taken; "
                "choose another port or stop the program using it"
            )
        command = self.command()
        self._log = tempfile.TemporaryFile()  # noqa: SIM115  (kept open until stop())
        self._process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT
        )
        try:
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + self.startup_timeout_s
        probe = f"{self.url}?{urllib.parse.urlencode({'query': ASK_ANYTHING})}"
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                raise ServerError(self._exit_message())
            try:
                with urllib.request.urlopen(probe, timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.05)
        raise ServerError(
            f"the SPARQL server did not answer within {self.startup_timeout_s:g}s "
            f"at {self.url}; output: {self._output()!r}"
        )

    def _output(self) -> str:
        if self._log is None:
            return ""
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")

    def _exit_message(self) -> str:
        output = self._output()
        # oxigraph prints "Error: ..." then a backtrace; the error line is what matters.
        errors = [line for line in output.splitlines() if line.startswith("Error:")]
        reason = errors[0] if errors else output.strip()[:500]
        if "Address already in use" in output:
            return f"port {self.port} on {self.host} is already taken ({reason})"
        return f"oxigraph exited at start-up over {self.location}: {reason}"

    def stop(self) -> None:
        """Terminate the process by PID and wait for it; safe to call twice."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def serve(
    location: Path | str,
    *,
    host: str = LOOPBACK,
    port: int | None = None,
    query_timeout_s: int = 30,
) -> Server:
    """Start a read-only SPARQL endpoint over a built store folder; caller stops it."""
    return Server(location, host=host, port=port, query_timeout_s=query_timeout_s).start()
