// Reading the target column of a new table with a fitted target encoding, so predictions on a
// labeled file can be scored against the same classes and units the model was trained with.

/// The target values of a new table's rows, as the training encoding reads them.
public enum TabularTargets: Sendable, Equatable {
  /// Class indices into `TabularTargetEncoding.classNames`, -1 for a missing target or a class
  /// that the training rows lack.
  case classes([Int32])
  /// Values in the target's own units (not standardized), NaN for a missing target.
  case values([Double])
}

extension TabularTargetEncoding {
  /// Reads this encoding's target column from `table`.
  ///
  /// - Returns: The targets of every row, or nil when the table has no column named `name`.
  /// - Throws: `CSVError` when a regression target cell is not a number.
  public func targets(in table: CSVTable) throws(CSVError) -> TabularTargets? {
    guard let column = table.columnIndex(named: name) else { return nil }
    switch task {
    case .binary, .multiclass:
      let values = try TabularFrame.decodeColumn(table, column, kind: nil)
      return .classes(classIndices(of: values))
    case .regression:
      guard case .numeric(let numbers) = try TabularFrame.decodeColumn(table, column, kind: .numeric) else {
        preconditionFailure("a column decoded as numeric has numeric values")
      }
      return .values(numbers)
    }
  }
}
