// The report's chart sections: loss and accuracy curves per regularizer with a band over seeds,
// the per-layer profile at initialization per initializer, and the final weights per regularizer.

import Foundation

/// Builds the chart sections from the completed runs of one invocation.
struct ReportCharts {
  var runs: [StoredRun]

  /// Initializer and regularizer specs in the order they first appear.
  private var initializers: [String] { ordered(runs.map(\.configuration.initializer)) }
  private var regularizers: [String] { ordered(runs.map(\.configuration.regularizer)) }

  var sections: [ReportSection] {
    guard !runs.isEmpty else { return [] }
    return [lossSection, accuracySection, initializationSection, weightSection]
  }

  private func runs(initializer: String, regularizer: String) -> [StoredRun] {
    runs.filter { $0.configuration.initializer == initializer && $0.configuration.regularizer == regularizer }
  }

  // MARK: - Curves over epochs

  private var lossSection: ReportSection {
    let charts = regularizers.map { regularizer in
      let series = initializers.enumerated().compactMap { index, initializer -> ChartSeries? in
        let group = runs(initializer: initializer, regularizer: regularizer)
        guard !group.isEmpty else { return nil }
        return curve(group, name: initializer, color: ChartPalette.color(index)) { $0.trainLoss }
      }
      let title = "Training loss, regularizer \(regularizer)"
      let chart = LineChart(
        title: title, xLabel: "epoch", yLabel: "mean cross-entropy", logY: false, series: series)
      return ReportChart(title: title, svg: chart.svg())
    }
    return ReportSection(
      heading: "Loss curves",
      note:
        "Mean training data loss per epoch (without the penalty). Lines are the mean over seeds; the shaded "
        + "band spans the lowest to the highest seed.",
      charts: charts)
  }

  private var accuracySection: ReportSection {
    let charts = regularizers.map { regularizer in
      var series: [ChartSeries] = []
      for (index, initializer) in initializers.enumerated() {
        let group = runs(initializer: initializer, regularizer: regularizer)
        guard !group.isEmpty else { continue }
        let color = ChartPalette.color(index)
        series.append(curve(group, name: "\(initializer) train", color: color) { $0.trainAccuracy })
        var test = curve(group, name: "\(initializer) test", color: color) { $0.testAccuracy ?? .nan }
        test.dashed = true
        series.append(test)
      }
      let title = "Accuracy, regularizer \(regularizer)"
      let chart = LineChart(title: title, xLabel: "epoch", yLabel: "accuracy", series: series)
      return ReportChart(title: title, svg: chart.svg())
    }
    return ReportSection(
      heading: "Train and test accuracy",
      note:
        "Solid lines: training accuracy; dashed lines: test accuracy, both means over seeds with a band from "
        + "the lowest to the highest seed. The vertical distance between a pair is the generalization gap.",
      charts: charts)
  }

  /// Averages `figure` over `group` per epoch, with a min-to-max band when there are several runs.
  private func curve(
    _ group: [StoredRun], name: String, color: String, figure: (EpochMetrics) -> Double
  ) -> ChartSeries {
    let epochCount = group.map(\.history.count).max() ?? 0
    var points: [(x: Double, y: Double)] = []
    var band: [(x: Double, low: Double, high: Double)] = []
    for epochIndex in 0..<epochCount {
      let values = group.compactMap { $0.history.count > epochIndex ? figure($0.history[epochIndex]) : nil }
        .filter(\.isFinite)
      guard !values.isEmpty else { continue }
      let x = Double(epochIndex + 1)
      points.append((x, values.reduce(0, +) / Double(values.count)))
      band.append((x, values.min()!, values.max()!))
    }
    return ChartSeries(
      name: name, color: color, points: points, band: group.count > 1 ? band : [], markers: epochCount <= 12)
  }

  // MARK: - Initialization profile

  private var initializationSection: ReportSection {
    var activationSeries: [ChartSeries] = []
    var gradientSeries: [ChartSeries] = []
    var rows = ""
    for (index, initializer) in initializers.enumerated() {
      // Regularization cannot change the weights before the first step, so the first run with
      // this initializer (lowest seed of the first regularizer) shows its profile.
      guard let run = runs.first(where: { $0.configuration.initializer == initializer }),
        let layers = run.diagnostics?.epochs.first(where: { $0.epoch == 0 })?.layers
      else { continue }
      let color = ChartPalette.color(index)
      let positions = layers.map { Double($0.layer) }
      let zeroNote = layers.allSatisfy { $0.activationStd == 0 } ? " (all zero, not drawn)" : ""
      activationSeries.append(
        ChartSeries(
          name: initializer + zeroNote, color: color,
          points: Array(zip(positions, layers.map(\.activationStd))).map { ($0.0, $0.1) }, markers: true))
      let zeroGradientNote = layers.allSatisfy { $0.kernelGradientNorm == 0 } ? " (all zero, not drawn)" : ""
      gradientSeries.append(
        ChartSeries(
          name: initializer + zeroGradientNote, color: color,
          points: Array(zip(positions, layers.map(\.kernelGradientNorm))).map { ($0.0, $0.1) }, markers: true)
      )
      rows += ReportTables.profileRow(initializer: initializer, seed: run.configuration.seed, layers: layers)
    }
    let activationTitle = "Activation std per layer at initialization"
    let gradientTitle = "Kernel gradient norm per layer at initialization"
    return ReportSection(
      heading: "Signal propagation at initialization",
      note:
        "Measured before the first step on the first validation rows (the probe batch). The last layer is "
        + "the linear output layer. A flat line means the initializer keeps the signal's scale through depth; "
        + "a falling line means it vanishes.",
      charts: [
        ReportChart(
          title: activationTitle,
          svg: LineChart(
            title: activationTitle, xLabel: "layer", yLabel: "std of activations", logY: true,
            series: activationSeries
          ).svg()),
        ReportChart(
          title: gradientTitle,
          svg: LineChart(
            title: gradientTitle, xLabel: "layer", yLabel: "‖∂L/∂W‖", logY: true, series: gradientSeries
          ).svg()),
      ],
      extraHTML: ReportTables.profileTable(rows))
  }

  // MARK: - Final weights

  private var weightSection: ReportSection {
    var charts = regularizers.map { regularizer -> ReportChart in
      let groups = initializers.map { runs(initializer: $0, regularizer: regularizer) }
      let histograms = groups.flatMap { $0.compactMap(\.diagnostics?.weightHistogram) }
      let bound = histograms.map { max(abs($0.lower), abs($0.upper)) }.max() ?? 1
      let series = zip(initializers, groups).enumerated().compactMap { index, pair -> ChartSeries? in
        let pooled = pair.1.compactMap(\.diagnostics?.weightHistogram)
        guard !pooled.isEmpty else { return nil }
        let counts = Self.rebin(pooled, bound: bound, binCount: 61)
        let total = Double(counts.reduce(0, +))
        let width = 2 * bound / Double(counts.count)
        let points = counts.enumerated().map { bin, count in
          (x: -bound + (Double(bin) + 0.5) * width, y: total > 0 ? Double(count) / total : 0)
        }
        return ChartSeries(name: pair.0, color: ChartPalette.color(index), points: points)
      }
      let title = "Final kernel weights, regularizer \(regularizer)"
      let chart = LineChart(
        title: title, xLabel: "weight value", yLabel: "fraction of weights per bin", logY: true,
        series: series,
        integerX: false)
      return ReportChart(title: title, svg: chart.svg())
    }

    let sparsityTitle = "Kernel sparsity after training (|w| < 1e-3)"
    let sparsity = BarChart(
      title: sparsityTitle, yLabel: "fraction of kernel weights", categories: regularizers,
      series: initializers.enumerated().map { index, initializer in
        (
          initializer, ChartPalette.color(index),
          regularizers.map { regularizer in
            let values = runs(initializer: initializer, regularizer: regularizer).compactMap(
              \.summary?.nearZeroFraction)
            return values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
          }
        )
      })
    charts.append(ReportChart(title: sparsityTitle, svg: sparsity.svg()))
    return ReportSection(
      heading: "Weights after training",
      note:
        "Histograms pool every kernel weight of every seed (61 equal bins over a shared range, log scale, empty "
        + "bins not drawn). The bars give the mean over seeds of the fraction of kernel weights below 1e-3 in "
        + "magnitude.",
      charts: charts)
  }

  /// Sums `histograms` into `binCount` equal bins over ±`bound`, placing each source bin's count
  /// at its centre.
  static func rebin(_ histograms: [WeightHistogram], bound: Double, binCount: Int) -> [Int] {
    var counts = [Int](repeating: 0, count: binCount)
    for histogram in histograms {
      let width = (histogram.upper - histogram.lower) / Double(histogram.counts.count)
      for (bin, count) in histogram.counts.enumerated() where count > 0 {
        let centre = histogram.lower + (Double(bin) + 0.5) * width
        let target = Int(((centre + bound) / (2 * bound) * Double(binCount)).rounded(.down))
        counts[min(max(target, 0), binCount - 1)] += count
      }
    }
    return counts
  }
}

/// Returns the distinct elements of `values` in the order they first appear.
func ordered(_ values: [String]) -> [String] {
  var seen: Set<String> = []
  return values.filter { seen.insert($0).inserted }
}
