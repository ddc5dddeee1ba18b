// Gains for He/Kaiming and the other gain-scaled initializers: PyTorch's calculate_gain table, plus
// second-moment gains for GELU and SiLU, which PyTorch does not define.

extension Activation {
  /// The recommended gain for this activation, as PyTorch `calculate_gain` (version 2.x) defines it.
  ///
  /// ```
  /// identity 1,  sigmoid 1,  tanh 5/3,  relu sqrt(2),  leaky relu sqrt(2 / (1 + slope²))
  /// ```
  ///
  /// The leaky-ReLU slope is stored as a Float, so `.leakyReLU(slope: 0.01)` uses 0.01 rounded to
  /// Float and its gain differs from PyTorch's 1.4141428569978354 by about 2e-12 relative.
  /// `Activation.gain(named: "leaky-relu", slope: 0.01)` uses the Double slope and matches exactly.
  public var gain: Double {
    switch self {
    case .identity: return 1
    case .sigmoid: return 1
    case .tanh: return 5.0 / 3.0
    case .relu: return 2.0.squareRoot()
    case .leakyReLU(let slope): return Self.leakyReLUGain(slope: Double(slope))
    }
  }

  /// Returns the gain `sqrt(2 / (1 + slope²))` for leaky ReLU, which keeps the second moment of a symmetric
  /// pre-activation: E[f(z)²] = (1 + slope²) / 2 · E[z²].
  public static func leakyReLUGain(slope: Double) -> Double {
    (2 / (1 + slope * slope)).squareRoot()
  }

  /// PyTorch's leaky-ReLU slope when none is given (`negative_slope` of `nn.LeakyReLU`).
  public static let defaultLeakyReLUSlope = 0.01

  /// The SELU gain 3/4, PyTorch's empirical value.
  ///
  /// PyTorch's documentation recommends `nonlinearity='linear'` (gain 1) for self-normalizing
  /// networks, since SELU's fixed point assumes LeCun normal weights; WeightLab returns 3/4 for
  /// parity with `calculate_gain('selu')`.
  public static let seluGain = 0.75

  /// The GELU gain 1/sqrt(E[GELU(z)²]) for z ~ N(0, 1).
  ///
  /// A gain g keeps the second moment through the activation when g² · E[f(z)²] = 1 for unit-variance
  /// normal pre-activations, so g = 1 / sqrt(E[f(z)²]). With GELU(z) = z·Φ(z) (the exact, erf form),
  /// E[f(z)²] = 0.42522148257029867 by numerical quadrature, so g = 1.5335304411955352. The same rule
  /// gives E = 1/2 and g = sqrt(2) for ReLU, PyTorch's value. PyTorch defines no GELU gain.
  public static let geluGain = 1.5335304411955352

  /// The SiLU (swish) gain 1/sqrt(E[SiLU(z)²]) for z ~ N(0, 1).
  ///
  /// With SiLU(z) = z·σ(z), E[f(z)²] = 0.35577551981735216 by numerical quadrature, so
  /// g = 1.6765324703310912 (derivation as for `geluGain`). PyTorch defines no SiLU gain.
  public static let siluGain = 1.6765324703310912

  /// The names `gain(named:slope:)` accepts, in the order `weightlab list` shows them.
  public static let gainNames = [
    "linear", "identity", "sigmoid", "tanh", "relu", "leaky-relu", "selu", "gelu", "silu",
  ]

  /// Returns the gain for a nonlinearity name used in spec strings (`gain=relu`), or nil for an
  /// unknown name.
  ///
  /// `linear` and `identity` give 1; `leaky-relu` (also `leaky_relu`) uses `slope`, default 0.01;
  /// `selu` gives 3/4; `gelu` and `silu` (also `swish`) give the second-moment gains above.
  public static func gain(named name: String, slope: Double = defaultLeakyReLUSlope) -> Double? {
    switch name.lowercased() {
    case "linear", "identity": return 1
    case "sigmoid": return 1
    case "tanh": return 5.0 / 3.0
    case "relu": return 2.0.squareRoot()
    case "leaky-relu", "leaky_relu", "leakyrelu": return leakyReLUGain(slope: slope)
    case "selu": return seluGain
    case "gelu": return geluGain
    case "silu", "swish": return siluGain
    default: return nil
    }
  }
}
