// The penalty and after-step rule entries that `weightlab list` prints: name, formula, defaults.

extension RegularizerCatalog {
  /// One named penalty or after-step rule as `weightlab list` shows it.
  public struct Entry: Sendable, Equatable {
    /// The spec name.
    public var name: String
    /// Other spec names for the same scheme.
    public var aliases: [String] = []
    /// The penalty or update, with its gradient where it has one.
    public var formula: String
    /// The arguments and their defaults, as spec syntax.
    public var defaults: String
    /// The convention followed and the differences from other libraries.
    public var notes: String = ""
  }

  /// Every spec name, aliases included: penalties, then after-step rules.
  public static var names: [String] {
    (entries + constraintEntries).flatMap { [$0.name] + $0.aliases }
  }

  /// The penalties, added to the loss at every step.
  public static let entries: [Entry] = [
    Entry(name: "none", formula: "no penalty and no after-step rule", defaults: ""),
    Entry(
      name: "l1", formula: "λ·Σ|w|, gradient λ·sign(w)", defaults: "l1:λ (required), for example l1:1e-5",
      notes: "Keras L1; weights hover near zero but rarely reach it (see prox-l1)"),
    Entry(
      name: "l2",
      formula: "λ·Σw², gradient 2λw (convention=sum, as Keras); ½·λ·Σw², gradient λw (convention=half)",
      defaults: "l2:λ (required), convention=sum",
      notes:
        "convention=half is Caffe and tf.nn.l2_loss, and with sgd or adam equals PyTorch's coupled "
        + "weight_decay=λ"),
    Entry(
      name: "elastic-net", aliases: ["l1l2", "l1-l2"], formula: "l1·Σ|w| + l2·Σw²",
      defaults: "elastic-net:l1=…,l2=… (both default to 0), convention=sum", notes: "Keras L1L2"),
    Entry(
      name: "orthogonal-penalty",
      formula: "factor · mean over pairs i<j of |cos(vᵢ, vⱼ)|, v = each unit's incoming weights (mode=units) "
        + "or each input's outgoing weights (mode=inputs)",
      defaults: "factor=0.01, mode=units",
      notes:
        "Keras OrthogonalRegularizer; the kernel here is [out, in], so mode=units is Keras mode='columns' "
        + "and Keras's default mode='rows' is mode=inputs"),
  ]

  /// The after-step rules, applied to the weights after every optimizer step. γ is the learning rate.
  public static let constraintEntries: [Entry] = [
    Entry(
      name: "decay", aliases: ["weight-decay"],
      formula: "θ ← θ·(1 − γλ) after the step (decoupled weight decay)",
      defaults: "decay:λ (required), for example decay:1e-2",
      notes:
        "same λ and lr coupling as PyTorch AdamW, Keras weight_decay, Optax adamw; those decay before the update "
        + "(a γ²λ·update difference per step); --optimizer adamw decays before, exactly as PyTorch"),
    Entry(
      name: "prox-l1", formula: "θ ← sign(θ)·max(|θ| − γλ, 0) after the step (soft-thresholding)",
      defaults: "prox-l1:λ (required), for example prox-l1:1e-4",
      notes: "the prox of γλ·|θ|: weights with |θ| ≤ γλ become exactly zero"),
    Entry(
      name: "max-norm", formula: "w ← w·min(‖w‖, max)/(ε + ‖w‖), ε = 1e-7, one norm per unit",
      defaults: "max=2, axis=units", notes: "Keras MaxNorm(2, axis=0); axis=inputs is Keras axis=1"),
    Entry(
      name: "min-max-norm",
      formula: "w ← w·(rate·clip(‖w‖, min, max) + (1 − rate)·‖w‖)/(ε + ‖w‖), ε = 1e-7",
      defaults: "min=0, max=1, rate=1, axis=units", notes: "Keras MinMaxNorm"),
    Entry(
      name: "unit-norm", formula: "w ← w/(ε + ‖w‖), ε = 1e-7", defaults: "axis=units",
      notes: "Keras UnitNorm(axis=0)"),
    Entry(
      name: "spectral-norm",
      formula: "W ← W/σ(W), σ = largest singular value by power iteration (u kept between steps)",
      defaults: "iterations=1 per step (15 on the first)",
      notes: "Keras SpectralNormalization and PyTorch spectral_norm: the layer trains with σ(W) = 1"),
    Entry(
      name: "orthogonal",
      formula: "W ← U·Vᵀ for W = U·Σ·Vᵀ: the nearest matrix with orthonormal rows (rows ≤ columns) or "
        + "columns, by Newton–Schulz iteration",
      defaults: "no arguments",
      notes:
        "keeps W·Wᵀ = I as PyTorch parametrizations.orthogonal does, but by projecting after each step "
        + "rather than training an unconstrained matrix, so the trajectory differs; pair with --init orthogonal"),
    Entry(
      name: "non-neg", aliases: ["non-negative"], formula: "w ← max(w, 0)", defaults: "no arguments",
      notes: "Keras NonNeg"),
  ]
}
