// The element loop of the Adam update, on raw pointers and SIMD4 vectors so that the compiler
// emits vector instructions for it, square root included.

// NOTE: `Float.squareRoot()` on Linux lowers to a `sqrtf` call that may set `errno`. A loop with
// such a call does not vectorize, and with the scalar intrinsic it takes one `sqrtss` per lane.
// In a standalone timing loop, the Adam update of 235k elements took 0.39 ms with `sqrtss` and
// 0.14 ms with `sqrtps` (Swift 6.3.1, AMD EPYC Zen 4). Declaring the LLVM intrinsics by name
// gives the plain instructions. This relies on an underscored attribute and on SIMD4<Float> being
// passed in one vector register, so recheck it when the toolchain changes. With SIMD8, which is
// passed indirectly, the compiler crashes.
@_silgen_name("llvm.sqrt.f32")
private func intrinsicSquareRoot(_ x: Float) -> Float

@_silgen_name("llvm.sqrt.v4f32")
private func intrinsicSquareRoot(_ x: SIMD4<Float>) -> SIMD4<Float>

/// The per-step scalars of an Adam update, with both bias corrections folded in.
public struct AdamStepConstants: Sendable {
  public var beta1: Float
  public var beta2: Float
  /// γ / (1 − β₁ᵗ).
  public var stepSize: Float
  /// 1 / √(1 − β₂ᵗ).
  public var inverseRootCorrection2: Float
  public var epsilon: Float

  public init(beta1: Float, beta2: Float, stepSize: Float, inverseRootCorrection2: Float, epsilon: Float) {
    self.beta1 = beta1
    self.beta2 = beta2
    self.stepSize = stepSize
    self.inverseRootCorrection2 = inverseRootCorrection2
    self.epsilon = epsilon
  }
}

extension VectorKernels {
  /// Updates Adam's moments and the parameter for `count` elements in one pass:
  ///
  /// ```
  /// m ← β₁·m + (1 − β₁)·g
  /// v ← β₂·v + (1 − β₂)·g²
  /// θ ← θ − stepSize · m / (√v · inverseRootCorrection2 + ε)
  /// ```
  /// The four arrays must not overlap. Each lane computes exactly the scalar formula, so the
  /// result does not depend on how the elements split into vectors.
  public static func adamUpdate(
    count: Int, gradient g: UnsafePointer<Float>, parameter theta: UnsafeMutablePointer<Float>,
    firstMoment m: UnsafeMutablePointer<Float>, secondMoment v: UnsafeMutablePointer<Float>,
    constants: AdamStepConstants
  ) {
    let b1 = constants.beta1
    let b2 = constants.beta2
    let oneMinusB1 = 1 - b1
    let oneMinusB2 = 1 - b2
    let stepSize = constants.stepSize
    let inverseRootCorrection2 = constants.inverseRootCorrection2
    let epsilon = constants.epsilon

    // Four lanes at a time through unaligned vector loads and stores.
    let gradientBytes = UnsafeRawPointer(g)
    let parameterBytes = UnsafeMutableRawPointer(theta)
    let firstMomentBytes = UnsafeMutableRawPointer(m)
    let secondMomentBytes = UnsafeMutableRawPointer(v)
    let vectorCount = count / 4 * 4
    var index = 0
    while index < vectorCount {
      let offset = index * MemoryLayout<Float>.stride
      let gradient = gradientBytes.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self)
      let oldMean = firstMomentBytes.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self)
      let oldVariance = secondMomentBytes.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self)
      let mean = b1 * oldMean + oneMinusB1 * gradient
      let variance = b2 * oldVariance + oneMinusB2 * gradient * gradient
      let value = parameterBytes.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self)
      let update = stepSize * mean / (intrinsicSquareRoot(variance) * inverseRootCorrection2 + epsilon)
      firstMomentBytes.storeBytes(of: mean, toByteOffset: offset, as: SIMD4<Float>.self)
      secondMomentBytes.storeBytes(of: variance, toByteOffset: offset, as: SIMD4<Float>.self)
      parameterBytes.storeBytes(of: value - update, toByteOffset: offset, as: SIMD4<Float>.self)
      index += 4
    }

    // The remaining zero to three elements.
    for i in vectorCount..<count {
      let gradient = g[i]
      let mean = b1 * m[i] + oneMinusB1 * gradient
      let variance = b2 * v[i] + oneMinusB2 * gradient * gradient
      m[i] = mean
      v[i] = variance
      theta[i] -= stepSize * mean / (intrinsicSquareRoot(variance) * inverseRootCorrection2 + epsilon)
    }
  }
}
