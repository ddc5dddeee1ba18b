// The initializer entries that `weightlab list` prints: name, formula, defaults and notes.

extension InitializerCatalog {
  /// One named initializer as `weightlab list` shows it.
  public struct Entry: Sendable, Equatable {
    /// The spec name.
    public var name: String
    /// Other spec names for the same initializer.
    public var aliases: [String]
    /// The distribution and its parameters, in terms of the fans and the arguments.
    public var formula: String
    /// The arguments and their defaults, as spec syntax.
    public var defaults: String
    /// The initializer's origin and its differences from other libraries.
    public var notes: String
  }

  /// Every spec name, aliases included, in the order of `entries`.
  public static var names: [String] {
    entries.flatMap { [$0.name] + $0.aliases }
  }

  /// The catalog, in the order `weightlab list` prints it.
  public static let entries: [Entry] = [
    Entry(
      name: "zeros", aliases: [], formula: "w = 0", defaults: "no arguments",
      notes: "the bias default; on kernels every unit stays identical (no symmetry breaking)"),
    Entry(
      name: "ones", aliases: [], formula: "w = 1", defaults: "no arguments",
      notes: "normalization scales; no symmetry breaking on kernels"),
    Entry(
      name: "constant", aliases: [], formula: "w = value", defaults: "value=0",
      notes: "no symmetry breaking on kernels"),
    Entry(
      name: "uniform", aliases: [], formula: "U(-limit, limit), or U(low, high)",
      defaults: "limit=0.05 (or low=, high=)",
      notes: "ignores the fans; Keras RandomUniform default range"),
    Entry(
      name: "normal", aliases: [], formula: "N(mean, std²)", defaults: "std=0.05, mean=0",
      notes: "ignores the fans; Keras RandomNormal default std (PyTorch normal_ uses std 1)"),
    Entry(
      name: "truncated-normal", aliases: [],
      formula:
        "N(mean, σ²) restricted to (mean - bound·σ, mean + bound·σ), or to (low, high) with units=absolute",
      defaults: "std=0.05, mean=0, bound=2, units=sigmas, preserve-variance=false",
      notes:
        "units=absolute takes low=, high= (default -2, 2, PyTorch trunc_normal_) or bound=B for (-B, B); "
        + "preserve-variance=true rescales σ so the truncated values have std `std`"),
    Entry(
      name: "xavier-uniform", aliases: ["glorot-uniform"],
      formula: "U(-b, b), b = gain·√(6/(fanIn + fanOut))",
      defaults: "gain=1 (a number or a nonlinearity name)",
      notes: "Glorot and Bengio 2010; PyTorch xavier_uniform_; Keras default Dense kernel"),
    Entry(
      name: "xavier-normal", aliases: ["glorot-normal"],
      formula: "N(0, std²), std = gain·√(2/(fanIn + fanOut)), untruncated", defaults: "gain=1",
      notes: "PyTorch xavier_normal_; Keras GlorotNormal truncates (variance-scaling:mode=fan-avg)"),
    Entry(
      name: "he-uniform", aliases: ["kaiming-uniform"],
      formula: "U(-b, b), b = √3·gain/√fan", defaults: "mode=fan-in, gain from --activation (relu: √2)",
      notes:
        "He et al. 2015; PyTorch kaiming_uniform_; gain=NUMBER|NAME or nonlinearity=NAME, slope= for leaky-relu"
    ),
    Entry(
      name: "he-normal", aliases: ["kaiming-normal"],
      formula: "N(0, std²), std = gain/√fan, untruncated",
      defaults: "mode=fan-in, gain from --activation (relu: √2)",
      notes: "PyTorch kaiming_normal_; Keras HeNormal truncates (variance-scaling:scale=2)"),
    Entry(
      name: "lecun-uniform", aliases: [], formula: "U(-b, b), b = √(3/fanIn)", defaults: "no arguments",
      notes: "LeCun et al. 1998; PyTorch kaiming_uniform_ with nonlinearity='linear'"),
    Entry(
      name: "lecun-normal", aliases: [], formula: "N(0, 1/fanIn), untruncated", defaults: "no arguments",
      notes: "PyTorch kaiming_normal_ 'linear'; Keras and JAX truncate (variance-scaling:scale=1)"),
    Entry(
      name: "variance-scaling", aliases: [],
      formula: "variance scale/n, n = max(1, fan); truncated-normal: std = √(scale/n)/0.8796 cut at ±2·std; "
        + "untruncated-normal: std = √(scale/n); uniform: b = √(3·scale/n)",
      defaults: "scale=1, mode=fan-in, distribution=truncated-normal",
      notes:
        "Keras VarianceScaling; mode=fan-in|fan-out|fan-avg; distribution=normal is Keras's alias of truncated-normal"
    ),
    Entry(
      name: "orthogonal", aliases: [], formula: "gain·Q, Q with orthonormal rows (rows ≤ cols) or columns",
      defaults: "gain=1",
      notes: "Saxe et al. 2014; PyTorch orthogonal_: rows = shape[0], cols = product of the rest"),
    Entry(
      name: "identity", aliases: [], formula: "W[i][i] = gain, 0 elsewhere", defaults: "gain=1",
      notes: "2-D kernels only, rectangular allowed (PyTorch eye_)"),
    Entry(
      name: "sparse", aliases: [], formula: "N(0, std²), then ceil(sparsity·cols) zeros in every row",
      defaults: "sparsity required (0 <= sparsity < 1), std=0.01",
      notes: "Martens 2010; zeros per unit's incoming weights (rows), where PyTorch sparse_ zeros per column"),
    Entry(
      name: "torch-default", aliases: [], formula: "U(-1/√fanIn, 1/√fanIn) for weight and bias",
      defaults: "no arguments", notes: "PyTorch Linear and Conv default (kaiming_uniform_ with a=√5)"),
    Entry(
      name: "keras-default", aliases: [], formula: "xavier-uniform weight, zero bias",
      defaults: "no arguments",
      notes: "Keras Dense and Conv default"),
    Entry(
      name: "lsuv", aliases: [],
      formula: "orthonormal W, then per layer in order W ← W/√Var(z) until |Var(z) − 1| < tolerance, "
        + "z = x·Wᵀ + b on a batch of 512 training rows",
      defaults: "tolerance=0.1, max-iterations=10",
      notes:
        "Mishkin and Matas 2016, data-dependent; measures the pre-activation z where the authors' Keras "
        + "script measures the post-activation output; biases start at zero"),
  ]
}
