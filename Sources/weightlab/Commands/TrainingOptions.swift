// Options that set how each run trains, shared by `train` and `compare`.

/// The optimizers that `--optimizer` accepts.
enum OptimizerKind: String, CaseIterable, Sendable {
  case adam
  case sgd
  case adamw
}

/// The optimizer, its hyperparameters, the schedule length and the compute settings of a run.
struct TrainingOptions: Equatable, Sendable {
  var optimizer: OptimizerKind
  /// The optimizer's step size, greater than 0.
  var learningRate: Double
  /// The SGD momentum coefficient, in 0 ≤ x < 1. Adam ignores it.
  var momentum: Double
  /// The decoupled weight decay λ of AdamW, at least 0; nil when not given (AdamW then uses 0.01).
  var weightDecay: Double? = nil
  /// The number of examples per mini-batch, at least 1.
  var batchSize: Int
  /// The number of passes over the training set, at least 1.
  var epochs: Int
  /// The number of BLAS threads, at least 1.
  var threads: Int
  /// The training accuracy, as a fraction in 0 ≤ x ≤ 1, whose first epoch is reported.
  var targetAccuracy: Double

  static let declarations: [OptionDeclaration] = [
    .option(
      "optimizer", valueName: "name", help: "Optimizer: adam, sgd or adamw.", defaultValue: "adam"),
    .option(
      "learning-rate", valueName: "rate", help: "Step size of the optimizer, greater than 0.",
      defaultValue: "0.001"),
    .option(
      "momentum", valueName: "coefficient",
      help: "Momentum coefficient of SGD, at least 0 and below 1. Valid only with --optimizer sgd.",
      defaultValue: "0.9"),
    .option(
      "weight-decay", valueName: "rate",
      help: "Decoupled weight decay λ of AdamW: each step multiplies the kernels by 1 − learning rate · λ "
        + "before the Adam update. Valid only with --optimizer adamw.",
      defaultValue: "0.01"),
    .option(
      "batch-size", valueName: "n", help: "Examples per mini-batch.", defaultValue: "128",
      unit: "examples"),
    .option(
      "epochs", valueName: "n", help: "Passes over the training set.", defaultValue: "5",
      unit: "epochs"),
    .option(
      "threads", valueName: "n", help: "Threads that BLAS uses for matrix products.",
      defaultValue: "1", unit: "threads"),
    .option(
      "target-accuracy", valueName: "fraction",
      help: "Training accuracy, from 0 to 1, whose first epoch is reported as a measure of "
        + "convergence speed.",
      defaultValue: "0.85"),
  ]
}

extension TrainingOptions {
  /// Reads and validates the options from the parsed command line.
  init(parsing options: ParsedOptions) throws {
    optimizer = try options.choice("optimizer", as: OptimizerKind.self)
    learningRate = try options.number("learning-rate", bounds: .positive)
    momentum = try options.number("momentum", bounds: .fractionBelowOne)
    let nonNegative = NumberBounds(lower: 0, includesLower: true, upper: nil, includesUpper: false)
    weightDecay =
      options.isGiven("weight-decay") ? try options.number("weight-decay", bounds: nonNegative) : nil
    batchSize = try options.integer("batch-size", minimum: 1)
    epochs = try options.integer("epochs", minimum: 1)
    threads = try options.integer("threads", minimum: 1)
    targetAccuracy = try options.number("target-accuracy", bounds: .fraction)

    // A momentum given with Adam would be silently ignored, which hides a mistake.
    if options.isGiven("momentum"), optimizer != .sgd {
      throw UsageError(
        "option '--momentum' applies only to '--optimizer sgd', but the optimizer is "
          + "\(optimizer.rawValue). Remove --momentum or add --optimizer sgd.",
        commandPath: options.command.commandPath)
    }
    if options.isGiven("weight-decay"), optimizer != .adamw {
      throw UsageError(
        "option '--weight-decay' applies only to '--optimizer adamw', but the optimizer is "
          + "\(optimizer.rawValue). For sgd or adam use --reg decay:λ (decoupled, after the step) or "
          + "--reg l2:λ,convention=half (coupled, PyTorch's weight_decay).",
        commandPath: options.command.commandPath)
    }
  }
}
