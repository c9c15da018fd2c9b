#!/usr/bin/env python3
"""Hand-computed checks of bench/scripts/render_benchmarks.py (medians, ratios, slopes, skipped sizes,
the docs block). Run: python3 -m unittest discover -s bench/scripts -p 'test_*.py'"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import render_benchmarks as rb  # noqa: E402

MACHINE = {"cores": 2, "cpu": "test cpu", "ram_gib": 24.0, "os": "Debian", "dotnet": "10", "python": "3.11",
           "peers": "pandas 1.5.3", "load_start": "0.50 0.40 0.30", "load_end": "0.60 0.40 0.30"}


def doc(results, command="bench/run-all.sh --sizes 1m,10m"):
    return {"command": command, "started": "2026-11-23T17:00:00Z", "commit": "abc1234", "runs": 3, "machine": MACHINE, "results": results}


def run(bench, size, i, segmenta, peer, load="1.00 1.00 1.00"):
    return {"bench": bench, "size": size, "run": i, "load": load, "times": {"segmenta": segmenta, "pandas": peer}}


class RenderTests(unittest.TestCase):
    def test_slope_is_one_for_linear_and_half_for_square_root_growth(self):
        self.assertAlmostEqual(rb.slope([(1e6, 2.0), (1e7, 20.0), (1e8, 200.0)]), 1.0)
        self.assertAlmostEqual(rb.slope([(1e6, 3.0), (1e8, 30.0)]), 0.5)
        # least squares over three sizes: log10 times 0, 1, 3 at log10 sizes 6, 7, 8 → slope 1.5
        self.assertAlmostEqual(rb.slope([(1e6, 1.0), (1e7, 10.0), (1e8, 1000.0)]), 1.5)

    def test_table_holds_medians_ratio_and_slope(self):
        rows = [run("rfm", 1_000_000, 1, 1.0, 9.0), run("rfm", 1_000_000, 2, 3.0, 5.0), run("rfm", 1_000_000, 3, 2.0, 7.0),
                run("rfm", 10_000_000, 1, 20.0, 70.0), run("rfm", 10_000_000, 2, 20.0, 70.0), run("rfm", 10_000_000, 3, 20.0, 70.0)]
        text = rb.render([doc(rows)])
        # 1 M: medians 2.00 and 7.00, pandas / segmenta 3.50×; 10 M: 20.00, 70.00, 3.50×
        self.assertIn("| 1,000,000 | 3 | 2.00 | 7.00 | 3.50× | 1.00, 1.00, 1.00 |", text)
        self.assertIn("| 10,000,000 | 3 | 20.00 | 70.00 | 3.50× |", text)
        # segmenta 2 → 20 over 10× rows: slope 1.00; pandas 7 → 70: 1.00
        self.assertIn("| log-log slope |  | 1.00 | 1.00 |", text)
        self.assertIn("bench/run-all.sh --sizes 1m,10m", text)
        self.assertNotIn("shared machine", text)  # load 0.6 on 2 cores

    def test_skipped_sizes_are_listed_with_their_reason(self):
        rows = [run("clustering", 1_000_000, 1, 5.0, 15.0),
                {"bench": "clustering", "size": 100_000_000, "skipped": "needs 40000 MB of RAM"}]
        text = rb.render([doc(rows)])
        self.assertIn("* not run at 100,000,000: needs 40000 MB of RAM", text)
        self.assertIn("| 1,000,000 | 1 | 5.00 | 15.00 | 3.00× |", text)
        self.assertNotIn("| log-log slope", text)  # one size: no slope row

    def test_a_later_file_replaces_a_bench_it_measures_again_at_that_size(self):
        first = doc([run("metrics", 1_000_000, 1, 4.0, 1.0), run("metrics", 10_000_000, 1, 40.0, 10.0), run("rfm", 10, 1, 1.0, 2.0)])
        second = dict(doc([run("metrics", 10_000_000, 1, 20.0, 10.0), run("metrics", 10_000_000, 2, 22.0, 10.0)]), started="2026-11-23T19:00:00Z")
        text = rb.render([first, second])
        # 10 M: only the second file's runs (median 21.00, peer 10.00 → 0.48×); 1 M and rfm kept from the first
        self.assertIn("| 10,000,000 | 2 | 21.00 | 10.00 | 0.48× |", text)
        self.assertIn("| 1,000,000 | 1 | 4.00 | 1.00 | 0.25× |", text)
        self.assertIn("| 10 | 1 | 1.00 | 2.00 | 2.00× |", text)
        self.assertIn("* at 10,000,000: the runs of 2026-11-23T19:00:00Z (a re-measurement) replace the earlier file's", text)

    def test_busy_machine_is_said(self):
        busy = dict(MACHINE, load_end="7.50 6.00 5.00")
        text = rb.render([dict(doc([run("rfm", 10, 1, 1.0, 2.0)]), machine=busy)])
        self.assertIn("shared machine", text)

    def test_docs_block_is_replaced_and_the_rest_kept(self):
        with tempfile.TemporaryDirectory() as folder:
            result, docs = os.path.join(folder, "r.json"), os.path.join(folder, "b.md")
            with open(result, "w") as f:
                json.dump(doc([run("rfm", 1_000_000, 1, 2.0, 10.0)]), f)
            with open(docs, "w") as f:
                f.write("# B\nbefore\n<!-- run-all:begin -->\nold table\n<!-- run-all:end -->\nafter\n")
            script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "render_benchmarks.py")
            subprocess.run([sys.executable, script, result, docs], check=True)
            with open(docs) as f:
                text = f.read()
            self.assertTrue(text.startswith("# B\nbefore\n<!-- run-all:begin -->\n"))
            self.assertTrue(text.endswith("<!-- run-all:end -->\nafter\n"))
            self.assertNotIn("old table", text)
            self.assertIn("| 1,000,000 | 1 | 2.00 | 10.00 | 5.00× |", text)
            with open(docs, "w") as f:
                f.write("# no markers\n")
            failed = subprocess.run([sys.executable, script, result, docs], capture_output=True, text=True)
            self.assertNotEqual(failed.returncode, 0)
            self.assertIn("run-all:begin", failed.stderr)


if __name__ == "__main__":
    unittest.main()
