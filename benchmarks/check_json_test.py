#!/usr/bin/env python3
"""Tests of check_json.py: a complete document passes; each kind of broken one is refused."""

import copy
import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_json  # noqa: E402

RUNS = 4


def document(system="helios"):
    """A document like the one the program prints for `system`, with RUNS runs."""
    doc = {"format": "ares-bench-1", "system": system, "arch": "x86_64", "counter": "rdtsc",
           "warmup": 2, "runs": RUNS}
    doc.update({k: "x" for k in check_json.SYSTEM_HEADER[system]})
    doc["benchmarks"] = [
        {"name": n, "count": RUNS, "min": 10, "median": 12, "mean": 12.5, "max": 16,
         "stddev": 2.29, "overhead": 7}
        for n in check_json.EXPECTED[system]
    ]
    return doc


def problems(doc, system="helios"):
    return check_json.check(doc, system, "x86_64", RUNS, 2)


class CheckTest(unittest.TestCase):
    def test_complete_documents_pass(self):
        for system in check_json.EXPECTED:
            self.assertEqual(problems(document(system), system), [], system)

    def test_header(self):
        for key, value in [("format", "ares-bench-0"), ("system", "linux"),
                           ("arch", "aarch64"), ("runs", RUNS + 1), ("warmup", 3)]:
            doc = document()
            doc[key] = value
            self.assertTrue(problems(doc), key)
        for key in ["counter", "unit", "runs", "benchmarks"]:
            doc = document()
            del doc[key]
            self.assertTrue(problems(doc), key)

    def test_benchmark_names(self):
        doc = document()
        doc["benchmarks"].pop()
        self.assertTrue(problems(doc), "one missing")
        doc = document()
        doc["benchmarks"].reverse()
        self.assertTrue(problems(doc), "out of order")
        doc = document()
        doc["benchmarks"].append(dict(doc["benchmarks"][0], name="extra"))
        self.assertTrue(problems(doc), "an unexpected one")

    def test_entries(self):
        broken = {
            "count": RUNS - 1,
            "min": 13,        # above the median
            "max": 11,        # below the median
            "mean": 20,       # above the max
            "stddev": -1,
            "overhead": "7",
            "median": True,
        }
        for key, value in broken.items():
            doc = document()
            doc["benchmarks"][3][key] = value
            self.assertTrue(problems(doc), key)
        doc = document()
        del doc["benchmarks"][0]["stddev"]
        self.assertTrue(problems(doc), "a missing field")

    def test_malformed_text(self):
        text = json.dumps(document())
        for bad in [text[:-2], text.replace('"min": 10', '"min": NaN', 1),
                    text.replace('"min": 10', '"min": 10, "min": 10', 1), "[]", ""]:
            with self.assertRaises(ValueError):
                check_json.parse(bad)
        self.assertEqual(check_json.parse(text), document())


class CommandTest(unittest.TestCase):
    """The command's exit status, as the benchmark tests use it."""

    def run_checker(self, text):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            f.write(text)
        try:
            return subprocess.run(
                [sys.executable, check_json.__file__, f.name, "--system", "helios",
                 "--arch", "x86_64", "--runs", str(RUNS), "--warmup", "2"],
                capture_output=True, text=True).returncode
        finally:
            os.unlink(f.name)

    def test_exit_status(self):
        good = document()
        self.assertEqual(self.run_checker(json.dumps(good)), 0)
        self.assertEqual(self.run_checker(json.dumps(good)[:-1]), 1)
        bad = copy.deepcopy(good)
        bad["benchmarks"][0]["median"] = 100
        self.assertEqual(self.run_checker(json.dumps(bad)), 1)


if __name__ == "__main__":
    unittest.main()
