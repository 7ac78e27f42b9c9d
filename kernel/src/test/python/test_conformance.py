"""The official Jupyter kernel conformance tests (jupyter_kernel_test) run against mcs.

Usage: JUPYTER_PATH=<dir with kernels/NAME/kernel.json> MCS_KERNEL_NAME=NAME \
       python3 -m unittest -v test_conformance

Besides the suite's own tests, test_interrupt checks that interrupt_request stops a long
training within a second and leaves the session usable.
"""

import os
import time
import unittest

import jupyter_kernel_test
from jupyter_kernel_test.msgspec_v5 import validate_message

TIMEOUT = 60


class McsKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = os.environ.get("MCS_KERNEL_NAME", "mcs")
    language_name = "mcs"
    file_extension = ".mcs"

    code_hello_world = 'print("hello, world")'
    code_stderr = 'warn("careful: this goes to stderr")'

    completion_samples = [
        {"text": "finet", "matches": {"finetune"}},
        {"text": "prune(lenet300(), 0.5, schedule=p", "matches": {"poly"}},
        {"text": "lenet300() | train(fmnist, opt", "matches": {"optimizer="}},
        {"text": "lenet", "matches": {"lenet5", "lenet300"}},
    ]

    complete_code_samples = [
        "42",
        "1 + 2",
        "if 1 < 2 {\n  print(\"yes\")\n} else {\n  print(\"no\")\n}",
        "def twice(x) {\n  x * 2\n}",
        "m = lenet300()",
        'print("a")\nprint("b")',
        "for s in [0.5, 0.8] {\n  print(s)\n}",
        "",
    ]
    incomplete_code_samples = [
        "prune(0.8",
        "base = lenet300() |",
        "xs = [1, 2,",
        "for s in [0.5, 0.8] {",
        "if 1 < 2 {",
        "def twice(x) {\n  x * 2",
        "r = {acc: 0.9,",
        'print("an unfinished string',
    ]
    invalid_code_samples = [
        "m = ",
        "print(1))",
        "1 2 3",
        "1 +",
        "else { 1 }",
    ]

    code_generate_error = "no_such_name"

    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": "42", "result": "42"},
        {"code": "10 / 4", "result": "2.5"},
        {"code": "2 ** 10 >= 1000 and not false", "result": "true"},
        {"code": "{name: \"small\", acc: 0.9}.acc", "result": "0.9"},
        {"code": "len([1, 2, 3])", "result": "3"},
        {"code": '"mcs"', "result": "mcs"},
        {"code": "summary(lenet300())", "mime": "text/html"},
    ]

    code_display_data = [
        {"code": "display(summary(lenet300()))", "mime": "text/html"},
        {"code": "display(summary(lenet300()))", "mime": "text/plain"},
    ]

    code_history_pattern = "len(*"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "prune"

    def test_interrupt(self):
        """interrupt_request stops a running training within 1 s; the next cell runs."""
        self.flush_channels()
        reply, _ = self.execute_helper('fmnist = dataset("fashion-mnist")\nm = lenet300()',
                                       timeout=TIMEOUT)
        self.assertEqual(reply["content"]["status"], "ok")
        self.flush_channels()
        msg_id = self.kc.execute("m2 = m | train(fmnist, epochs=50)")
        self.wait_for_progress(msg_id)
        started = time.monotonic()
        interrupt_id = self.kc.session.send(
            self.kc.control_channel.socket,
            self.kc.session.msg("interrupt_request", {}))["header"]["msg_id"]
        reply = self.get_non_kernel_info_reply(timeout=TIMEOUT)
        elapsed = time.monotonic() - started
        validate_message(reply, "execute_reply", msg_id)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        self.assertLess(elapsed, 1.0, "the interrupt took %.2f s" % elapsed)
        control = self.kc.get_control_msg(timeout=TIMEOUT)
        validate_message(control, "interrupt_reply", interrupt_id)
        self.flush_channels()
        reply, outputs = self.execute_helper("len(m.history)")
        self.assertEqual(reply["content"]["status"], "ok")
        results = [o for o in outputs if o["msg_type"] == "execute_result"]
        self.assertEqual(results[0]["content"]["data"]["text/plain"], "0",
                         "m is left as it was")
        reply, _ = self.execute_helper("m2")
        self.assertEqual(reply["content"]["status"], "error", "m2 was never assigned")

    def wait_for_progress(self, msg_id):
        """Waits for the training's progress display (so the interrupt hits a running step)."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            msg = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if (msg["parent_header"].get("msg_id") == msg_id
                    and msg["msg_type"] in ("display_data", "update_display_data")):
                return
        self.fail("no progress display within %d s" % TIMEOUT)


if __name__ == "__main__":
    unittest.main(verbosity=2)
