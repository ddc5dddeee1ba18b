"""Runs weightlab-bench and pytorch_mlp.py interleaved (A B A B) one configuration at a time and
prints each pair's figures and ratio. Benchmarks/run.sh builds the Swift side and calls this.

Each run is a fresh process. Ratios are taken pair by pair, because the speed of a shared machine
drifts between runs far more than it does within one pair.
"""

import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TORCH_SCRIPT = os.path.join(HERE, "pytorch_mlp.py")
DEEP_HIDDEN = ",".join(["128"] * 8)


HEADERS = {
    "throughput": "\n| configuration | pair | WeightLab samples/s | PyTorch samples/s | ratio "
    "| ratio per CPU second | GEMM GFLOP/s | step GFLOP/s | step / GEMM | load avg |"
    "\n|---|---|---|---|---|---|---|---|---|---|",
    "epoch": "\n| configuration | pair | time to first trained batch, WeightLab vs PyTorch "
    "| peak resident memory, WeightLab / PyTorch | after one epoch | load avg |\n|---|---|---|---|---|---|",
}


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", required=True, help="path of the weightlab-bench executable")
    parser.add_argument("--seconds", type=float, default=2.0, help="timed window of each throughput run")
    parser.add_argument("--pairs", type=int, default=2, help="A B pairs per configuration")
    parser.add_argument("--threads", default="1,2", help="thread counts to run, comma-separated")
    parser.add_argument("--only", help="run only configurations whose name contains this text")
    parser.add_argument("--json", help="also write every run's figures to this file")
    return parser.parse_args()


def run(command):
    """Runs one benchmark process and returns its `name value` lines as a dict."""
    start = time.time()
    completed = subprocess.run(
        command + ["--start-time", f"{start:.6f}"], capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        sys.exit(f"benchmark failed with exit code {completed.returncode}: {' '.join(command)}\n{completed.stderr}")
    figures = {}
    for line in completed.stdout.splitlines():
        parts = line.split()
        if len(parts) == 2:
            figures[parts[0]] = float(parts[1])
    return figures


def load_average():
    with open("/proc/loadavg") as file:
        return float(file.read().split()[0])


def configurations(arguments):
    """Yields (name, mode, options) for every configuration on the benchmarks page."""
    threads = [int(count) for count in arguments.threads.split(",")]
    for thread_count in threads:
        for optimizer in ["sgd", "adam"]:
            for batch in [32, 128, 512]:
                options = ["--optimizer", optimizer, "--batch", str(batch), "--threads", str(thread_count)]
                yield f"{optimizer} b{batch} t{thread_count}", "throughput", options
            deep = ["--optimizer", optimizer, "--batch", "64", "--threads", str(thread_count), "--hidden", DEEP_HIDDEN]
            yield f"deep {optimizer} b64 t{thread_count}", "throughput", deep
    for thread_count in threads:
        yield f"epoch adam b128 t{thread_count}", "epoch", [
            "--optimizer", "adam", "--batch", "128", "--threads", str(thread_count)]


def main():
    arguments = parse_arguments()
    records = []
    print(f"load average before: {load_average():.2f}", flush=True)
    header_mode = None
    for name, mode, options in configurations(arguments):
        if arguments.only and arguments.only not in name:
            continue
        if mode != header_mode:
            print(HEADERS[mode], flush=True)
            header_mode = mode
        timing = ["--seconds", str(arguments.seconds)] if mode == "throughput" else []
        for pair in range(arguments.pairs):
            load = load_average()
            swift = run([arguments.bench, mode] + options + timing)
            torch = run([sys.executable, TORCH_SCRIPT, mode] + options + timing)
            records.append({"name": name, "mode": mode, "pair": pair + 1, "load": load, "weightlab": swift, "pytorch": torch})
            print_pair(name, mode, pair + 1, load, swift, torch)
    print(f"load average after: {load_average():.2f}", flush=True)
    print_summary(records)
    if arguments.json:
        with open(arguments.json, "w") as file:
            json.dump(records, file, indent=1)


TARGETS = {"b32": 2.0, "b128": 1.3, "b512": 1.0}


def print_summary(records):
    """Prints each configuration's ratios, pair by pair, against the tracker's target."""
    print("\n| configuration | ratios by pair | median | target | step / GEMM by pair |\n|---|---|---|---|---|")
    names = []
    for record in records:
        if record["name"] not in names:
            names.append(record["name"])
    for name in names:
        pairs = [record for record in records if record["name"] == name]
        if pairs[0]["mode"] == "throughput":
            ratios = [r["weightlab"]["samples_per_second"] / r["pytorch"]["samples_per_second"] for r in pairs]
            fractions = ", ".join(f"{r['weightlab']['gemm_fraction']:.2f}" for r in pairs)
            target = next((f">= {value}" for key, value in TARGETS.items() if f" {key} " in name), "none")
        else:
            ratios = [r["pytorch"]["first_batch_seconds"] / r["weightlab"]["first_batch_seconds"] for r in pairs]
            fractions = "peak RSS ratio " + ", ".join(
                f"{r['weightlab']['peak_rss_mib'] / r['pytorch']['peak_rss_mib']:.2f}" for r in pairs)
            target = "first batch >= 3 times sooner; RSS ratio <= 0.5"
        ordered = sorted(ratios)
        median = ordered[len(ordered) // 2] if len(ordered) % 2 else sum(ordered[len(ordered) // 2 - 1 : len(ordered) // 2 + 1]) / 2
        print(f"| {name} | {', '.join(f'{ratio:.2f}' for ratio in ratios)} | {median:.2f} | {target} | {fractions} |")


def print_pair(name, mode, pair, load, swift, torch):
    if mode == "throughput":
        ratio = swift["samples_per_second"] / torch["samples_per_second"]
        cpu_ratio = swift["samples_per_cpu_second"] / torch["samples_per_cpu_second"]
        print(
            f"| {name} | {pair} | {swift['samples_per_second']:.0f} | {torch['samples_per_second']:.0f} "
            f"| **{ratio:.2f}** | {cpu_ratio:.2f} | {swift['gemm_gflops']:.1f} | {swift['step_gflops']:.1f} "
            f"| {swift['gemm_fraction']:.2f} | {load:.1f} |",
            flush=True,
        )
    else:
        first = torch["first_batch_seconds"] / swift["first_batch_seconds"]
        memory = swift["peak_rss_mib"] / torch["peak_rss_mib"]
        print(
            f"| {name} | {pair} | first batch {swift['first_batch_seconds']:.2f} s "
            f"(load {swift['load_seconds']:.2f}) vs {torch['first_batch_seconds']:.2f} s "
            f"(import {torch['import_seconds']:.2f}, load {torch['load_seconds']:.2f}, "
            f"setup and first step {torch['setup_and_first_step_seconds']:.2f}): **{first:.1f}x sooner** "
            f"| peak RSS {swift['peak_rss_mib']:.0f} MiB vs {torch['peak_rss_mib']:.0f} MiB: **{memory:.2f}** "
            f"| test accuracy {swift['test_accuracy']:.3f} vs {torch['test_accuracy']:.3f} | {load:.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
