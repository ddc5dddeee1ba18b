"""The PyTorch side of the WeightLab benchmark: the same network, data, optimizers and
measurements as weightlab-bench, with the same modes, options and `name value` output lines.

Usage: python3 pytorch_mlp.py throughput|epoch [--optimizer sgd|adam] [--batch n] [--threads n]
       [--hidden 256,128] [--warmup steps] [--seconds s] [--start-time unix-seconds]
"""

import time

MAIN_START = time.time()

import argparse  # noqa: E402
import gzip  # noqa: E402
import os  # noqa: E402

import numpy as np  # noqa: E402

DATA_DIRECTORY = "/usr/share/datasets/fashion-mnist"


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["throughput", "epoch"])
    parser.add_argument("--optimizer", choices=["sgd", "adam"], default="adam")
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--hidden", default="256,128", help="hidden widths, comma-separated")
    parser.add_argument("--warmup", type=int, default=20, help="untimed steps before timing")
    parser.add_argument("--seconds", type=float, default=3.0, help="length of the timed window")
    parser.add_argument("--start-time", type=float, help="the driver's clock before this process started")
    return parser.parse_args()


def report(name, value):
    print(name, f"{value:.6g}", flush=True)


def read_idx(name, header_bytes):
    """Reads one gzip IDX file and returns its payload as uint8, skipping the header."""
    path = os.path.join(os.environ.get("WEIGHTLAB_DATA") or DATA_DIRECTORY, name)
    with gzip.open(path, "rb") as file:
        return np.frombuffer(file.read(), dtype=np.uint8, offset=header_bytes)


def load_fashion_mnist(torch):
    """Returns train and test features (pixels / 255, float32, [count, 784]) and int64 labels."""

    def split(prefix):
        pixels = read_idx(f"{prefix}-images-idx3-ubyte.gz", 16).reshape(-1, 784)
        labels = read_idx(f"{prefix}-labels-idx1-ubyte.gz", 8)
        features = torch.from_numpy(pixels.astype(np.float32) / np.float32(255))
        return features, torch.from_numpy(labels.astype(np.int64))

    return split("train"), split("t10k")


def peak_resident_mib():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


class Setup:
    """The model, optimizer and data of one configuration."""

    def __init__(self, torch, arguments):
        self.torch = torch
        load_start = time.perf_counter()
        (self.train_x, self.train_y), (self.test_x, self.test_y) = load_fashion_mnist(torch)
        self.load_seconds = time.perf_counter() - load_start

        torch.manual_seed(1)
        widths = [784] + [int(width) for width in arguments.hidden.split(",")] + [10]
        layers = []
        for index in range(len(widths) - 1):
            layers.append(torch.nn.Linear(widths[index], widths[index + 1]))
            if index < len(widths) - 2:
                layers.append(torch.nn.ReLU())
        self.model = torch.nn.Sequential(*layers)
        if arguments.optimizer == "sgd":
            self.optimizer = torch.optim.SGD(self.model.parameters(), lr=0.01, momentum=0.9)
        else:
            self.optimizer = torch.optim.Adam(self.model.parameters(), lr=1e-3)
        self.batch = arguments.batch
        self.generator = torch.Generator().manual_seed(1)
        self.order = None
        self.start = 0

    def next_batch(self):
        """Full batches from a fresh permutation each epoch, as DataLoader with drop_last does."""
        count = self.train_x.shape[0]
        if self.order is None or self.start + self.batch > count:
            self.order = self.torch.randperm(count, generator=self.generator)
            self.start = 0
        indices = self.order[self.start : self.start + self.batch]
        self.start += self.batch
        return self.train_x.index_select(0, indices), self.train_y.index_select(0, indices)

    def step(self):
        features, labels = self.next_batch()
        self.optimizer.zero_grad(set_to_none=True)
        loss = self.torch.nn.functional.cross_entropy(self.model(features), labels)
        loss.backward()
        self.optimizer.step()
        return loss.item()


def run_throughput(torch, arguments):
    setup = Setup(torch, arguments)
    loss_sum = 0.0
    for _ in range(arguments.warmup):
        loss_sum += setup.step()

    start = time.perf_counter()
    cpu_start = time.process_time()
    steps = 0
    while True:
        loss_sum += setup.step()
        steps += 1
        elapsed = time.perf_counter() - start
        if elapsed >= arguments.seconds:
            break
    cpu_seconds = time.process_time() - cpu_start

    report("samples_per_second", arguments.batch * steps / elapsed)
    report("samples_per_cpu_second", arguments.batch * steps / cpu_seconds)
    report("step_milliseconds", elapsed / steps * 1e3)
    report("steps", steps)
    report("mean_loss", loss_sum / (arguments.warmup + steps))


def run_epoch(torch, arguments, import_seconds):
    setup_start = time.time()
    setup = Setup(torch, arguments)
    loss_sum = setup.step()
    first_batch_time = time.time()

    batch_count = setup.train_x.shape[0] // arguments.batch
    for _ in range(1, batch_count):
        loss_sum += setup.step()
    with torch.no_grad():
        predictions = setup.model(setup.test_x).argmax(dim=1)
        accuracy = (predictions == setup.test_y).double().mean().item()

    if arguments.start_time is not None:
        report("startup_seconds", MAIN_START - arguments.start_time)
        report("first_batch_seconds", first_batch_time - arguments.start_time)
    report("import_seconds", import_seconds)
    report("load_seconds", setup.load_seconds)
    report("first_batch_after_main_seconds", first_batch_time - MAIN_START)
    report("setup_and_first_step_seconds", first_batch_time - setup_start - setup.load_seconds)
    report("epoch_mean_loss", loss_sum / batch_count)
    report("test_accuracy", accuracy)
    report("peak_rss_mib", peak_resident_mib())


def main():
    arguments = parse_arguments()
    import_start = time.time()
    import torch

    import_seconds = time.time() - import_start + (import_start - MAIN_START)
    torch.set_num_threads(arguments.threads)
    if arguments.mode == "throughput":
        run_throughput(torch, arguments)
    else:
        run_epoch(torch, arguments, import_seconds)


if __name__ == "__main__":
    main()
