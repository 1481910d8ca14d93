"""A student's browser at the protocol level: the widget messages a browser sends over the kernel's websocket, and
the pictures it gets back, read but not rendered (benchmarks/class_load.py runs 19 of them beside one real page).

A student opens the workshop dashboard in Voila (one HTTP request: Voila runs the notebook in a kernel of its own),
connects to that kernel's websocket as the page does, asks for every widget's state (ipywidgets 8's
``jupyter.widget.control`` comm), finds the posture explorer's hip slider and its live picture, and opens a view of
the picture (a "refresh" message: the whole picture comes back). A move is an ``update`` of the slider's value, as
the slider sends it; like ipywidgets' front end, a student keeps one update in flight (the next waits for the
kernel to be idle after the last, the newest value wins). Each picture is reported drawn at once (a real page
reports it after decoding and painting it, some 10-20 ms later).
"""
from __future__ import annotations

import http.cookiejar
import json
import re
import threading
import time
import urllib.request
import uuid

import websocket



PROTOCOL = "v1.kernel.websocket.jupyter.org"  # Jupyter server's kernel websocket protocol, as JupyterLab speaks it


def _unpack(frame: bytes) -> dict:
    """A frame of the v1 kernel websocket protocol: offsets (little-endian 64-bit), channel, header, parent header,
    metadata, content, buffers."""
    count = int.from_bytes(frame[:8], "little")
    offsets = [int.from_bytes(frame[8 * (i + 1):8 * (i + 2)], "little") for i in range(count)]
    parts = [frame[offsets[i]:offsets[i + 1]] for i in range(count - 1)] + [frame[offsets[-1]:]]
    channel, header, parent, metadata, content, *buffers = parts
    buffers = [buffer for buffer in buffers if buffer]
    def read(part: bytes) -> dict:
        return json.loads(part) if part else {}

    return {"channel": channel.decode(), "header": read(header), "parent_header": read(parent),
            "metadata": read(metadata), "content": read(content), "buffers": buffers}


def _pack(channel: str, header: dict, content: dict, metadata: dict) -> bytes:
    parts = [channel.encode(), *(json.dumps(part).encode() for part in (header, {}, metadata, content))]
    offsets = [8 * (1 + 1 + len(parts) - 1 + 1)]
    for part in parts:
        offsets.append(offsets[-1] + len(part))
    return b"".join([len(offsets).to_bytes(8, "little"), *(o.to_bytes(8, "little") for o in offsets), *parts])


class ProtocolStudent:
    """One student: a Voila session of the workshop dashboard driven over the kernel websocket."""

    def __init__(self, base_url: str, dashboard: str) -> None:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = opener.open(f"{base_url}/voila/render/{dashboard}", timeout=600).read().decode()
        self.kernel_id = re.search(r'"kernelId": "([0-9a-f-]+)"', page).group(1)
        cookies = "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)
        self.session = uuid.uuid4().hex
        self.socket = websocket.create_connection(
            f"ws{base_url[4:]}/api/kernels/{self.kernel_id}/channels?session_id={self.session}", cookie=cookies,
            origin=base_url, timeout=600, subprotocols=[PROTOCOL])
        self.lock = threading.Lock()
        self.idle = threading.Event()
        self.idle.set()
        self.pending_update: str | None = None  # msg_id of the update in flight
        self.pictures: list[tuple[float, int, int]] = []  # (time received, picture number, bytes)
        self.states: dict[str, dict] = {}
        self.closed = False
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self._find_widgets()
        self.value = 0
        self._custom(self.picture, {"type": "refresh"})

    # -- sending --
    def _send(self, msg_type: str, content: dict, channel: str = "shell", metadata: dict | None = None) -> str:
        msg_id = uuid.uuid4().hex
        header = {"msg_id": msg_id, "msg_type": msg_type, "session": self.session, "username": "student",
                  "date": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()), "version": "5.3"}
        with self.lock:
            self.socket.send_binary(_pack(channel, header, content, metadata or {}))
        return msg_id

    def _custom(self, comm_id: str, content: dict) -> str:
        return self._send("comm_msg", {"comm_id": comm_id, "data": {"method": "custom", "content": content}})

    def move(self, value: int) -> bool:
        """Send the hip slider's new value if no update is in flight (as ipywidgets' front end does); whether it
        was sent (else the value waits: the newest wins)."""
        self.value = value
        if not self.idle.is_set():
            return False
        self.idle.clear()
        self.pending_update = self._send("comm_msg", {"comm_id": self.hip, "data": {
            "method": "update", "state": {"value": int(value)}, "buffer_paths": []}})
        return True

    # -- receiving --
    def _read(self) -> None:
        while not self.closed:
            try:
                frame = self.socket.recv()
            except Exception as error:  # the socket closed
                return
            if not frame:  # the socket is closing
                return
            try:
                self._handle(_unpack(frame) if isinstance(frame, bytes) else json.loads(frame))
            except Exception as error:  # a message this client does not read: say so, go on
                print(f"protocol student: could not read a message: {error!r}", flush=True)

    def _handle(self, message: dict) -> None:
        kind, content = message["header"].get("msg_type"), message.get("content", {})
        if kind == "status" and content.get("execution_state") == "idle" and \
                message.get("parent_header", {}).get("msg_id") == self.pending_update:
            self.pending_update = None
            self.idle.set()
        elif kind == "comm_msg":
            data = content.get("data", {})
            if data.get("method") == "update_states":
                self.states = data["states"]
            elif data.get("method") == "custom" and data.get("content", {}).get("type") == "picture":
                number = data["content"]["number"]
                self.pictures.append((time.perf_counter(), number, sum(map(len, message["buffers"]))))
                self._custom(content["comm_id"], {"type": "drawn", "number": number})

    def _find_widgets(self) -> None:
        control = uuid.uuid4().hex
        self._send("comm_open", {"comm_id": control, "target_name": "jupyter.widget.control", "data": {}},
                   metadata={"version": "1.0.0"})  # ipywidgets 8's control protocol
        self._send("comm_msg", {"comm_id": control, "data": {"method": "request_states"}})
        end = time.monotonic() + 120
        while not self.states and time.monotonic() < end:
            time.sleep(0.05)
        if not self.states:
            raise RuntimeError(f"kernel {self.kernel_id} sent no widget states")
        models = list(self.states.items())
        self.hip = next(model for model, state in models if state["state"].get("_model_name") == "IntSliderModel"
                        and str(state["state"].get("description", "")).startswith("hip"))
        self.picture = next(model for model, state in models if "reserve_px" in state["state"])

    # -- scenarios --
    def wait_for_picture(self, after: float, timeout_s: float = 30.0) -> float | None:
        """Seconds from ``after`` (``perf_counter``) to the first picture received after it, or None."""
        end = time.perf_counter() + timeout_s
        while time.perf_counter() < end:
            later = [received for received, _, _ in self.pictures if received > after]
            if later:
                return later[0] - after
            time.sleep(0.002)
        return None

    def drag(self, stop: float, low: int = 0, high: int = 90, step: int = 2) -> tuple[float, float]:
        """Sweep the hip slider between ``low`` and ``high`` until ``stop`` (``perf_counter``), one update in flight
        at a time; then release. Returns (the release time, the time the last update was sent)."""
        value, direction, last_sent, sent_value = low, step, time.perf_counter(), None
        while time.perf_counter() < stop:
            value += direction
            if not low <= value <= high:
                direction, value = -direction, value - 2 * direction
            if self.move(value):
                last_sent, sent_value = time.perf_counter(), value
            time.sleep(0.016)  # a mouse reports about 60 positions a second
        released = time.perf_counter()
        self.idle.wait(10)  # the newest value goes out once the kernel is free
        if self.value != sent_value and self.move(self.value):
            last_sent = time.perf_counter()
        return released, last_sent

    def close(self) -> None:
        self.closed = True
        try:
            self.socket.close()
        except Exception:  # already closed
            pass
