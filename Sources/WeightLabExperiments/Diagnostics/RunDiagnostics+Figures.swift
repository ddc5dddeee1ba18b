// Single figures drawn from a run's per-layer statistics, for the comparison table and report.

extension RunDiagnostics {
  /// The activation std ratio (last hidden layer over first) at initialization; see `ProbeVerdict`.
  public var initialActivationStdRatio: Double {
    guard let initial = epochs.first(where: { $0.epoch == 0 }), !initial.layers.isEmpty else { return .nan }
    return ProbeVerdict(layers: initial.layers).activationStdRatio
  }

  /// The mean over hidden layers of the dead-unit fraction after the last epoch; NaN when the
  /// activation has no dead units (not ReLU or leaky ReLU).
  public var finalDeadFraction: Double { finalHiddenMean(\.deadFraction) }

  /// The mean over hidden layers of the saturated fraction after the last epoch; NaN unless the
  /// activation is tanh or sigmoid.
  public var finalSaturatedFraction: Double { finalHiddenMean(\.saturatedFraction) }

  private func finalHiddenMean(_ figure: KeyPath<LayerStatistics, Double?>) -> Double {
    guard let last = epochs.last else { return .nan }
    let values = last.layers.dropLast().compactMap { $0[keyPath: figure] }
    return values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
  }
}
