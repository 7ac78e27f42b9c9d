"""Protocol checks for the mcs kernel with a real jupyter_client: forged and broken messages
are dropped without harm, interrupts (message and SIGINT) stop a long training within 1 s,
input_request, progress as an updating display, stop_on_error, shutdown and restart, and
the timings (start to kernel_info_reply, execute round trip).

Usage: JUPYTER_PATH=<dir with kernels/NAME/kernel.json> MCS_KERNEL_NAME=NAME \
       python3 -m unittest -v test_protocol
"""

import hashlib
import hmac
import json
import os
import signal
import statistics
import time
import unittest
from queue import Empty

import zmq
from jupyter_client.manager import KernelManager, start_new_kernel
from jupyter_client.session import Session

KERNEL = os.environ.get("MCS_KERNEL_NAME", "mcs")
TIMEOUT = 60


def execute(kc, code, timeout=TIMEOUT, **options):
    """Runs code; returns the reply and the iopub messages it caused, up to idle."""
    msg_id = kc.execute(code, **options)
    reply = shell_reply(kc, msg_id, timeout)
    return reply, iopub_until_idle(kc, msg_id, timeout)


def shell_reply(kc, msg_id, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while True:
        reply = kc.get_shell_msg(timeout=max(0.01, deadline - time.monotonic()))
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply


def iopub_until_idle(kc, msg_id, timeout=TIMEOUT):
    messages = []
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return messages
        messages.append(msg)


def results(messages):
    return [m["content"]["data"]["text/plain"] for m in messages
            if m["msg_type"] == "execute_result"]


def kernel_pid(km):
    provisioner = getattr(km, "provisioner", None)
    process = getattr(provisioner, "process", None) or getattr(km, "kernel", None)
    return process.pid


class ProtocolTests(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name=KERNEL)
        reply, _ = execute(cls.kc, 'fmnist = dataset("fashion-mnist")\nm = lenet300()')
        assert reply["content"]["status"] == "ok", reply["content"]

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel()

    def setUp(self):
        for get in (self.kc.get_shell_msg, self.kc.get_iopub_msg, self.kc.get_control_msg):
            while True:
                try:
                    get(timeout=0.05)
                except Empty:
                    break

    def raw_socket(self, port):
        sock = zmq.Context.instance().socket(zmq.DEALER)
        sock.linger = 0
        sock.connect("tcp://%s:%d" % (self.km.ip, port))
        self.addCleanup(sock.close)
        return sock

    def assert_still_answers(self):
        msg_id = self.kc.kernel_info()
        reply = shell_reply(self.kc, msg_id, 10)
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertTrue(self.kc.hb_channel.is_beating())

    def test_forged_and_broken_messages_are_dropped(self):
        shell = self.raw_socket(self.km.shell_port)
        control = self.raw_socket(self.km.control_port)
        forger = Session(key=b"not-the-key")
        unsigned = Session(key=b"")
        request = {"code": "pwned = 1", "silent": False, "store_history": True,
                   "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}
        forger.send(shell, "execute_request", request)
        unsigned.send(shell, "execute_request", request)
        forger.send(control, "shutdown_request", {"restart": False})
        unsigned.send(control, "shutdown_request", {"restart": False})
        shell.send_multipart([b"garbage"])
        shell.send_multipart([b"<IDS|MSG>", b"abc", b"{}"])
        key = self.km.session.key
        parts = [b"{not json", b"{}", b"{}", b"{}"]
        shell.send_multipart([b"<IDS|MSG>", sign(key, parts)] + parts)
        header = b'{"msg_id": "x", "msg_type": "execute_request", "session": "s",' \
                 b' "username": "u", "version": "5.3", "date": ""}'
        parts = [header, b"{}", b"{}", b'{"code": "pwned = 1"}']
        shell.send_multipart([b"<IDS|MSG>", sign(key, parts).upper()] + parts)
        time.sleep(0.5)
        self.assertFalse(shell.poll(200), "the kernel answered a bad message")
        self.assertFalse(control.poll(200), "the kernel answered a bad message")
        self.assertTrue(self.km.is_alive())
        self.assert_still_answers()
        reply, _ = execute(self.kc, "pwned")
        self.assertEqual(reply["content"]["status"], "error", "a forged cell ran")

    def test_replayed_message_is_dropped(self):
        shell = self.raw_socket(self.km.shell_port)
        session = Session(key=self.km.session.key)
        msg = session.msg("kernel_info_request", {})
        frames = session.serialize(msg)
        shell.send_multipart(frames)
        self.assertTrue(shell.poll(5000), "no answer to a genuine request")
        shell.recv_multipart()
        shell.send_multipart(frames)
        self.assertFalse(shell.poll(500), "a replayed message was answered")
        self.assert_still_answers()

    def test_interrupt_stops_training_within_a_second(self):
        msg_id = self.kc.execute("m2 = m | train(fmnist, epochs=50)")
        wait_for_progress(self.kc, msg_id)
        started = time.monotonic()
        self.km.interrupt_kernel()
        reply = shell_reply(self.kc, msg_id)
        elapsed = time.monotonic() - started
        print("TIMING interrupt_to_execute_reply_ms=%.0f" % (elapsed * 1000))
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        self.assertLess(elapsed, 1.0)
        self.assert_session_intact()

    def test_sigint_interrupts_and_does_not_kill(self):
        msg_id = self.kc.execute("m3 = m | train(fmnist, epochs=50)")
        wait_for_progress(self.kc, msg_id)
        started = time.monotonic()
        os.kill(kernel_pid(self.km), signal.SIGINT)
        reply = shell_reply(self.kc, msg_id)
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        self.assertLess(time.monotonic() - started, 1.0)
        self.assertTrue(self.km.is_alive())
        os.kill(kernel_pid(self.km), signal.SIGINT)  # with no cell running: ignored
        time.sleep(0.3)
        self.assertTrue(self.km.is_alive())
        self.assert_session_intact()

    def assert_session_intact(self):
        reply, outputs = execute(self.kc, "len(m.history)")
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(results(outputs), ["0"], "m keeps its value")
        reply, outputs = execute(self.kc, "42")
        self.assertEqual(results(outputs), ["42"], "the next cell runs")

    def test_progress_is_one_updating_display(self):
        reply, outputs = execute(self.kc, "m4 = m | train(fmnist, epochs=2)")
        self.assertEqual(reply["content"]["status"], "ok")
        kinds = [o["msg_type"] for o in outputs]
        self.assertEqual(kinds.count("display_data"), 1, kinds)
        self.assertGreaterEqual(kinds.count("update_display_data"), 2, kinds)
        self.assertLessEqual(kinds.count("stream"), 2, kinds)
        ids = {o["content"]["transient"]["display_id"] for o in outputs
               if o["msg_type"] in ("display_data", "update_display_data")}
        self.assertEqual(len(ids), 1)
        last = [o for o in outputs if o["msg_type"] == "update_display_data"][-1]
        self.assertIn("train epoch 2/2", last["content"]["data"]["text/plain"])

    def test_input_request(self):
        msg_id = self.kc.execute('answer = input("your name? ")', allow_stdin=True)
        request = self.kc.get_stdin_msg(timeout=TIMEOUT)
        self.assertEqual(request["msg_type"], "input_request")
        self.assertEqual(request["content"]["prompt"], "your name? ")
        self.kc.input("Ada")
        self.assertEqual(shell_reply(self.kc, msg_id)["content"]["status"], "ok")
        reply, outputs = execute(self.kc, "answer")
        self.assertEqual(results(outputs), ["Ada"])
        reply, _ = execute(self.kc, 'input("no frontend input")', allow_stdin=False)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("allow_stdin", reply["content"]["evalue"])

    def test_stop_on_error_aborts_waiting_cells(self):
        first = self.kc.execute("a = accuracy(m, fmnist.test)\nno_such_name")
        second = self.kc.execute("after = 1")
        self.assertEqual(shell_reply(self.kc, first)["content"]["status"], "error")
        self.assertEqual(shell_reply(self.kc, second)["content"]["status"], "aborted")
        reply, _ = execute(self.kc, "after")
        self.assertEqual(reply["content"]["status"], "error", "the aborted cell never ran")
        first = self.kc.execute("no_such_name", stop_on_error=False)
        second = self.kc.execute("after = 2")
        self.assertEqual(shell_reply(self.kc, first)["content"]["status"], "error")
        self.assertEqual(shell_reply(self.kc, second)["content"]["status"], "ok")

    def test_silent_user_expressions_and_counts(self):
        reply, outputs = execute(self.kc, "42")
        count = reply["content"]["execution_count"]
        reply, outputs = execute(self.kc, 'print("quiet")\n7', silent=True,
                                 user_expressions={"a": "len([1, 2])", "b": "no_such_name"})
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(reply["content"]["execution_count"], count, "silent: no new count")
        self.assertEqual([o["msg_type"] for o in outputs], ["status"], "silent: no output")
        expressions = reply["content"]["user_expressions"]
        self.assertEqual(expressions["a"]["status"], "ok")
        self.assertEqual(expressions["a"]["data"]["text/plain"], "2")
        self.assertEqual(expressions["b"]["status"], "error")
        reply, _ = execute(self.kc, "1", store_history=False)
        self.assertEqual(reply["content"]["execution_count"], count)
        reply, _ = execute(self.kc, "1")
        self.assertEqual(reply["content"]["execution_count"], count + 1)

    def test_comms_and_control_requests(self):
        msg_id = self.kc.comm_info()
        reply = shell_reply(self.kc, msg_id)
        self.assertEqual(reply["content"], {"status": "ok", "comms": {}})
        msg = self.kc.session.msg("comm_open", {"comm_id": "c1", "target_name": "nothing",
                                               "data": {}})
        self.kc.shell_channel.send(msg)
        closed = [m for m in iopub_until_idle(self.kc, msg["header"]["msg_id"])
                  if m["msg_type"] == "comm_close"]
        self.assertEqual(closed[0]["content"]["comm_id"], "c1")
        msg = self.kc.session.msg("kernel_info_request", {})
        self.kc.control_channel.send(msg)
        reply = self.kc.get_control_msg(timeout=TIMEOUT)
        self.assertEqual(reply["parent_header"]["msg_id"], msg["header"]["msg_id"])
        self.assertEqual(reply["content"]["language_info"]["name"], "mcs")

    def test_java_cells_run_in_jshell_with_the_session_values(self):
        reply, _ = execute(self.kc, "jm = lenet300()")
        self.assertEqual(reply["content"]["status"], "ok")
        reply, outputs = execute(self.kc, "%java\nvar m = mcs.model(\"jm\");\nm.layers().size()")
        self.assertEqual(reply["content"]["status"], "ok", reply["content"])
        self.assertIn("4", json.dumps([o["content"] for o in outputs]))
        reply, _ = execute(self.kc, "%java mcs.set(\"jk\", m.paramCount() + 1)")
        self.assertEqual(reply["content"]["status"], "ok", reply["content"])
        reply, outputs = execute(self.kc, "jk")
        self.assertIn("266611", json.dumps([o["content"] for o in outputs]))
        reply, outputs = execute(self.kc, "%java int x = \"a\";")
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("incompatible types", reply["content"]["evalue"]
                      + json.dumps([o["content"] for o in outputs]))

    def test_tables_and_plots_are_rich(self):
        reply, outputs = execute(self.kc, 'r = summary(m)\nr\nplot(r, x="#", y="params")')
        self.assertEqual(reply["content"]["status"], "ok")
        data = [o["content"]["data"] for o in outputs
                if o["msg_type"] in ("execute_result", "display_data")]
        self.assertIn("<table", data[0]["text/html"])
        self.assertIn("dense1", data[0]["text/plain"])
        self.assertTrue(data[1]["image/png"].startswith("iVBORw0KGgo"))

    def test_execute_round_trip(self):
        for _ in range(20):
            execute(self.kc, "42")
        times = []
        for _ in range(50):
            started = time.perf_counter()
            msg_id = self.kc.execute("42")
            shell_reply(self.kc, msg_id)
            times.append((time.perf_counter() - started) * 1000)
            iopub_until_idle(self.kc, msg_id)
        median = statistics.median(times)
        p90 = sorted(times)[int(len(times) * 0.9)]
        print("TIMING execute_round_trip_ms median=%.1f p90=%.1f min=%.1f"
              % (median, p90, min(times)))


class LifecycleTests(unittest.TestCase):

    def test_start_to_kernel_info_reply(self):
        """From start_kernel to the first kernel_info_reply, three times after one untimed
        start (which pays jupyter_client's own one-time set-up and warms the file cache)."""
        times = []
        for _ in range(4):
            km = KernelManager(kernel_name=KERNEL)
            started = time.perf_counter()
            km.start_kernel()
            kc = km.client()
            kc.start_channels()
            try:
                msg_id = kc.kernel_info()
                reply = shell_reply(kc, msg_id, 30)
                times.append(time.perf_counter() - started)
                self.assertEqual(reply["content"]["status"], "ok")
            finally:
                kc.stop_channels()
                km.shutdown_kernel(now=True)
        times = times[1:]
        print("TIMING start_to_kernel_info_reply_ms " + " ".join("%.0f" % (t * 1000)
                                                                   for t in times))

    def test_shutdown_and_restart(self):
        km, kc = start_new_kernel(kernel_name=KERNEL)
        try:
            execute(kc, "x = 1")
            km.restart_kernel(now=False)
            kc.wait_for_ready(timeout=TIMEOUT)
            reply, _ = execute(kc, "x")
            self.assertEqual(reply["content"]["status"], "error", "a restart starts afresh")
            reply, outputs = execute(kc, "42")
            self.assertEqual(results(outputs), ["42"])
            msg_id = kc.shutdown()
            reply = kc.get_control_msg(timeout=TIMEOUT)
            self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
            self.assertEqual(reply["content"]["status"], "ok")
            deadline = time.monotonic() + 10
            while km.is_alive() and time.monotonic() < deadline:
                time.sleep(0.1)
            self.assertFalse(km.is_alive(), "the kernel did not exit after shutdown")
        finally:
            kc.stop_channels()
            if km.is_alive():
                km.shutdown_kernel(now=True)


def wait_for_progress(kc, msg_id):
    """Waits until the training shows progress (so an interrupt hits a running step)."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if (msg["parent_header"].get("msg_id") == msg_id
                and msg["msg_type"] in ("display_data", "update_display_data")):
            return
    raise AssertionError("no progress display within %d s" % TIMEOUT)


def sign(key, parts):
    mac = hmac.new(key, digestmod=hashlib.sha256)
    for p in parts:
        mac.update(p)
    return mac.hexdigest().encode()


if __name__ == "__main__":
    unittest.main(verbosity=2)
