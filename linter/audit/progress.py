"""How far the audit is, on one line of stderr that rewrites itself, when stderr is a terminal."""
from __future__ import annotations

import sys
import time
from typing import Optional, TextIO


class Progress:
    """``Auditing: 4/34 regions, 12/30 user pools, 350/900 app clients``; silent when ``stream`` is
    not a terminal.  :meth:`clear` before printing anything else to the same stream."""

    def __init__(self, stream: Optional[TextIO] = None, enabled: Optional[bool] = None, interval: float = 0.1):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.interval = interval
        self.regions = [0, 0]
        self.pools = [0, 0]
        self.clients = [0, 0]
        self._shown = False
        self._last = 0.0

    def update(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < self.interval:
            return
        self._last = now
        line = (f"Auditing: {self.regions[0]}/{self.regions[1]} regions, {self.pools[0]}/{self.pools[1]} user pools, "
                f"{self.clients[0]}/{self.clients[1]} app clients")
        self.stream.write("\r\033[K" + line)
        self.stream.flush()
        self._shown = True

    def clear(self) -> None:
        if self._shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self._shown = False
            self._last = 0.0
