#!/usr/bin/env python3
"""Load a model folder saved by `weightlab train --save DIR` into PyTorch and score a CSV file.

Reads DIR/model.safetensors with the `safetensors` package (pip install safetensors) when it is
installed, and with the small reader below otherwise, then loads the tensors into
torch.nn.Sequential(Linear, activation, ..., Linear) with load_state_dict(strict=True). The CSV
rows are encoded with the statistics in DIR/model.json (the same standardization and one-hot
encoding that WeightLab fitted on its training rows), run through the network in float32, and
scored against the target column when the file has one.

With --predictions FILE (the output of `weightlab predict`), the script also prints the largest
difference between WeightLab's predictions and PyTorch's.

Usage:
  python3 scripts/load_model_pytorch.py MODEL_DIR DATA.csv [--predictions PREDICTIONS.csv]
"""

import argparse
import csv
import json
import math
import pathlib
import struct
import sys

import torch

MISSING_MARKERS = {"", "na", "nan", "null"}


def read_safetensors(path):
    """Return {name: float32 tensor} from a safetensors file, with the official package if present."""
    try:
        from safetensors.torch import load_file
    except ImportError:
        load_file = None
    if load_file is not None:
        print(f"reading {path} with the safetensors package", file=sys.stderr)
        return load_file(str(path))

    print(f"reading {path} with the script's own reader (safetensors is not installed)", file=sys.stderr)
    data = pathlib.Path(path).read_bytes()
    (header_length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + header_length])
    start = 8 + header_length
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        if entry["dtype"] != "F32":
            raise ValueError(f"tensor {name} has dtype {entry['dtype']}, expected F32")
        begin, end = entry["data_offsets"]
        values = torch.frombuffer(bytearray(data[start + begin : start + end]), dtype=torch.float32)
        tensors[name] = values.reshape(entry["shape"])
    return tensors


def make_activation(spec):
    name, _, arguments = spec.partition(":")
    if name == "relu":
        return torch.nn.ReLU()
    if name == "leaky-relu":
        slope = float(arguments.split("=")[-1]) if arguments else 0.01
        return torch.nn.LeakyReLU(slope)
    if name == "tanh":
        return torch.nn.Tanh()
    if name == "sigmoid":
        return torch.nn.Sigmoid()
    if name == "identity":
        return torch.nn.Identity()
    raise ValueError(f"unknown activation {spec!r}")


def make_network(architecture):
    widths = [architecture["inputFeatures"], *architecture["hiddenWidths"], architecture["outputs"]]
    modules = []
    for index in range(len(widths) - 1):
        modules.append(torch.nn.Linear(widths[index], widths[index + 1]))
        if index < len(widths) - 2:
            modules.append(make_activation(architecture["activation"]))
    return torch.nn.Sequential(*modules)


def is_missing(cell):
    return cell.strip(" \t").lower() in MISSING_MARKERS


def encode_rows(rows, encoder):
    """Encode the rows as WeightLab's TabularEncoder does, returning a float32 tensor."""
    columns = []
    for feature in encoder["features"]:
        name = feature["name"]
        cells = [row[name] for row in rows]
        if feature["kind"] == "numeric":
            mean, scale = feature["mean"], feature["scale"]
            columns.append([0.0 if is_missing(c) else (float(c) - mean) / scale for c in cells])
        else:
            categories = feature["categories"]
            for category in categories:
                column = []
                for cell in cells:
                    value = feature.get("mode") if is_missing(cell) else cell.strip(" \t")
                    column.append(1.0 if value == category else 0.0)
                columns.append(column)
    return torch.tensor(list(zip(*columns)), dtype=torch.float32)


def class_name(cell):
    text = cell.strip(" \t")
    try:
        number = float(text)
    except ValueError:
        return text
    return str(int(number)) if number.is_integer() else text


def roc_auc(scores, positive):
    """Area under the ROC curve from average ranks (ties count one half)."""
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    ranks = [0.0] * len(scores)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and scores[order[end + 1]] == scores[order[start]]:
            end += 1
        for position in range(start, end + 1):
            ranks[order[position]] = (start + end) / 2 + 1
        start = end + 1
    positives = sum(positive)
    negatives = len(positive) - positives
    if positives == 0 or negatives == 0:
        return float("nan")
    rank_sum = sum(rank for rank, is_positive in zip(ranks, positive) if is_positive)
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def classification_metrics(probabilities, labels, class_count):
    count = len(labels)
    log_loss = -sum(math.log(max(probabilities[i][labels[i]], 1e-15)) for i in range(count)) / count
    predicted = [max(range(class_count), key=lambda c: (row[c], -c)) for row in probabilities]
    accuracy = sum(p == y for p, y in zip(predicted, labels)) / count
    recalls = []
    for c in range(class_count):
        members = [i for i in range(count) if labels[i] == c]
        if members:
            recalls.append(sum(predicted[i] == c for i in members) / len(members))
    positive_classes = [1] if class_count == 2 else range(class_count)
    areas = [roc_auc([row[c] for row in probabilities], [y == c for y in labels]) for c in positive_classes]
    areas = [a for a in areas if not math.isnan(a)]
    return {
        "log loss": log_loss,
        "accuracy": accuracy,
        "balanced accuracy": sum(recalls) / len(recalls),
        "ROC AUC": sum(areas) / len(areas) if areas else float("nan"),
    }


def regression_metrics(predictions, targets):
    count = len(targets)
    mse = sum((p - y) ** 2 for p, y in zip(predictions, targets)) / count
    mean = sum(targets) / count
    total = sum((y - mean) ** 2 for y in targets)
    return {"MSE": mse, "RMSE": math.sqrt(mse), "R²": 1 - mse * count / total if total > 0 else float("nan")}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model_dir", type=pathlib.Path)
    parser.add_argument("data", type=pathlib.Path)
    parser.add_argument("--predictions", type=pathlib.Path, help="weightlab predict output to compare with")
    arguments = parser.parse_args()

    description = json.loads((arguments.model_dir / "model.json").read_text())
    network = make_network(description["architecture"])
    state = read_safetensors(arguments.model_dir / "model.safetensors")
    network.load_state_dict(state, strict=True)
    network.eval()
    print(f"loaded {network}", file=sys.stderr)

    with arguments.data.open(newline="", encoding="utf-8") as file:
        reader = csv.DictReader(file)
        reader.fieldnames = [name.strip(" \t") for name in reader.fieldnames]
        rows = list(reader)
    encoder = description["encoder"]
    target = encoder["target"]
    with torch.no_grad():
        outputs = network(encode_rows(rows, encoder))

    if target["task"] == "regression":
        predictions = (outputs[:, 0].double() * target["scale"] + target["mean"]).tolist()
        columns = [[value] for value in predictions]
    else:
        probabilities = torch.softmax(outputs.double(), dim=1).tolist()
        columns = probabilities
    print(f"{len(rows)} rows predicted")

    if target["name"] in rows[0]:
        if target["task"] == "regression":
            pairs = [(p, float(r[target["name"]])) for p, r in zip(predictions, rows) if not is_missing(r[target["name"]])]
            metrics = regression_metrics([p for p, _ in pairs], [y for _, y in pairs])
        else:
            index = {name: i for i, name in enumerate(target["classNames"])}
            scored = [
                (p, index[class_name(r[target["name"]])])
                for p, r in zip(probabilities, rows)
                if not is_missing(r[target["name"]]) and class_name(r[target["name"]]) in index
            ]
            metrics = classification_metrics([p for p, _ in scored], [y for _, y in scored], len(index))
        for name, value in metrics.items():
            print(f"{name}: {value:.6f}")

    if arguments.predictions:
        with arguments.predictions.open(newline="", encoding="utf-8") as file:
            weightlab_rows = list(csv.reader(file))[1:]
        differences = [
            abs(float(a) - b)
            for row, reference in zip(weightlab_rows, columns)
            for a, b in zip(row[1:] if target["task"] != "regression" else row, reference)
        ]
        print(f"largest difference from weightlab predict: {max(differences):.3g} over {len(weightlab_rows)} rows")


if __name__ == "__main__":
    main()
