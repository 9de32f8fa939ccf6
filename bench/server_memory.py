"""The server's resident memory, sampled from /proc while a benchmark runs (Linux): shared by
upload_bench.py, export_latency.py and evidence_zip_bench.py."""
import threading
import time


def rss_kib(pid, field="VmRSS"):
    """A memory field of /proc/PID/status in KiB (VmRSS now, VmHWM the peak of the process)."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"{field} not found for pid {pid}")


class RssSampler(threading.Thread):
    """Reads VmRSS every 10 ms until `running` is set to False; `peak` is the highest seen."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak, self.running = pid, 0, True

    def run(self):
        while self.running:
            self.peak = max(self.peak, rss_kib(self.pid))
            time.sleep(0.01)
