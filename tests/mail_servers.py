"""Real mail servers on 127.0.0.1 for the outbox tests, and real worker processes.

- HangingServer accepts TCP connections and never answers (a mail server that hangs).
- RecordingSMTPServer is aiosmtpd: a real SMTP server that keeps what it receives.
- start_worker runs `manage.py db_worker` against the test database.
"""

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

from django.db import connection

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent


class HangingServer:
    """Listens on 127.0.0.1, accepts every connection and never sends a byte."""

    def __init__(self, port=0):
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(("127.0.0.1", port))
        self.socket.listen(64)
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.accepted = []
        self._running = True
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        while self._running:
            try:
                conn, _ = self.socket.accept()
            except OSError:
                continue
            self.accepted.append(conn)

    def stop(self):
        self._running = False
        self._thread.join(timeout=5)
        for conn in self.accepted:
            conn.close()
        self.socket.close()


class _Recorder:
    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append(
                {
                    "from": envelope.mail_from,
                    "to": list(envelope.rcpt_tos),
                    "content": envelope.original_content or envelope.content,
                }
            )
        return "250 Message accepted for delivery"


class RecordingSMTPServer:
    """aiosmtpd on 127.0.0.1 (a given port, or a free one)."""

    def __init__(self, port=0):
        self.recorder = _Recorder()
        if not port:
            probe = socket.socket()
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
            probe.close()
        self.port = port
        self.controller = Controller(
            self.recorder, hostname="127.0.0.1", port=port, ready_timeout=10
        )
        self.controller.start()

    @property
    def messages(self):
        with self.recorder.lock:
            return list(self.recorder.messages)

    def stop(self):
        self.controller.stop()


def database_environment():
    """Environment variables that point a child process at the test database."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return {"SQLITE_PATH": str(settings["NAME"]), "DATABASE_URL": ""}
    user = quote(settings["USER"] or "", safe="")
    password = quote(settings["PASSWORD"] or "", safe="")
    credentials = f"{user}:{password}@" if user else ""
    host = settings["HOST"] or "localhost"
    if host.startswith("/"):
        url = f"postgres://{credentials}/{settings['NAME']}?host={quote(host, safe='')}"
        if settings["PORT"]:
            url += f"&port={settings['PORT']}"
        return {"DATABASE_URL": url}
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    return {"DATABASE_URL": f"postgres://{credentials}{host}{port}/{settings['NAME']}"}


def worker_environment(smtp_port, **extra):
    env = {
        **os.environ,
        **database_environment(),
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "OUTBOX_DELIVERY_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_USE_TLS": "false",
        "LOG_LEVEL": "WARNING",
    }
    env.update({key: str(value) for key, value in extra.items()})
    return env


def start_worker(env, *args):
    """A `manage.py db_worker` child process; stop it with stop_worker."""
    return subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.2",
            "--queue-name",
            "*",
            *args,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def finish_worker(process, timeout):
    """Waits for a `--batch` worker to finish its queue; returns its output."""
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        return stop_worker(process)
    return output


def stop_worker(process, timeout=20):
    if process.poll() is None:
        process.terminate()
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
    return output


def wait_until(condition, timeout, interval=0.2):
    """Polls `condition` until it is true or `timeout` seconds pass; returns it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()
