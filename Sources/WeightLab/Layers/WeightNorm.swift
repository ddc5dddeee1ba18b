// Weight normalization of a dense kernel: the layer trains a direction v and a magnitude g per
// output unit, and computes its kernel W = g·v/‖v‖ row by row before each forward pass.

import WeightLabCore

/// The map from a dense layer's trained parameters to its kernel.
public enum KernelParametrization: String, Sendable, CaseIterable {
  /// The kernel W is itself the trained parameter.
  case none
  /// W = g·v/‖v‖ per output unit, with g and v trained (PyTorch `weight_norm(dim=0)`); see `WeightNorm`.
  case weightNorm = "weight-norm"
}

/// The trained parameters of a weight-normalized kernel and the map to the kernel:
///
/// ```
/// Wᵢ = gᵢ · vᵢ / ‖vᵢ‖        i = output unit (a row of the [out, in] kernel), ‖·‖ the L2 norm
/// ∂L/∂gᵢ = Σⱼ ∂L/∂Wᵢⱼ · vᵢⱼ / ‖vᵢ‖
/// ∂L/∂vᵢ = (gᵢ / ‖vᵢ‖) · (∂L/∂Wᵢ − ∂L/∂gᵢ · vᵢ / ‖vᵢ‖)
/// ```
/// v (`direction`, `[out, in]`) has the role `.kernel`, so penalties, decay and after-step rules
/// select it as they would select W. g (`magnitude`, `[out]`) has the role `.normalizationScale`,
/// which the default roles never penalize, decay or constrain.
///
/// Paths follow the state-dict keys of PyTorch's `parametrizations.weight_norm`: g is
/// `<layer>.parametrizations.weight.original0` and v is `<layer>.parametrizations.weight.original1`.
/// PyTorch stores g with shape `[out, 1]`; here it is `[out]`.
///
/// A row with ‖vᵢ‖ = 0 is divided by ε = 1e-12 instead, so Wᵢ = 0 and the gradients stay finite
/// (PyTorch divides by zero and returns NaN).
///
/// Source: Salimans and Kingma (2016), "Weight Normalization: A Simple Reparameterization to
/// Accelerate Training of Deep Neural Networks".
public final class WeightNorm {
  /// The direction v, shape `[outFeatures, inFeatures]`, role `.kernel`.
  public let direction: Parameter
  /// The magnitude g, shape `[outFeatures]`, role `.normalizationScale`.
  public let magnitude: Parameter

  /// The smallest row norm divided by, so that a zero row gives a zero kernel row.
  static let epsilon: Double = 1e-12

  // 1/‖vᵢ‖ of each row, stored by the last `materialize` for the backward pass.
  private var inverseNorms: [Float]

  /// Creates zero parameters for a `[outFeatures, inFeatures]` kernel of the layer `layerName`.
  init(outFeatures: Int, inFeatures: Int, layerName: String) {
    direction = Parameter(
      path: "\(layerName).parametrizations.weight.original1", role: .kernel,
      value: Tensor(shape: [outFeatures, inFeatures]))
    magnitude = Parameter(
      path: "\(layerName).parametrizations.weight.original0", role: .normalizationScale,
      value: Tensor(shape: [outFeatures]))
    inverseNorms = [Float](repeating: 0, count: outFeatures)
  }

  /// Sets v = W and gᵢ = ‖Wᵢ‖ from `kernel`, so that the kernel computed next equals `kernel`
  /// up to rounding. PyTorch's `weight_norm` sets g and v the same way when it is registered.
  func assign(from kernel: Tensor) {
    precondition(
      kernel.shape == direction.value.shape,
      "a kernel of shape \(kernel.shape) cannot set a direction of shape \(direction.value.shape)")
    direction.value = kernel
    let columns = kernel.shape[1]
    kernel.scalars.withUnsafeBufferPointer { weights in
      magnitude.value.scalars.withUnsafeMutableBufferPointer { g in
        for row in g.indices {
          let squares = VectorKernels.sumOfSquares(count: columns, x: weights.baseAddress! + row * columns)
          g[row] = Float(squares.squareRoot())
        }
      }
    }
  }

  /// Writes W = g·v/‖v‖ into `kernel` (same shape as v, overwritten in place) and keeps 1/‖vᵢ‖
  /// for `backpropagate`.
  ///
  /// - Complexity: O(out·in), about 1/batch of the forward GEMM's work; allocates nothing.
  func materialize(into kernel: inout Tensor) {
    let columns = direction.value.shape[1]
    direction.value.scalars.withUnsafeBufferPointer { v in
      magnitude.value.scalars.withUnsafeBufferPointer { g in
        kernel.scalars.withUnsafeMutableBufferPointer { weights in
          inverseNorms.withUnsafeMutableBufferPointer { inverse in
            for row in inverse.indices {
              let source = v.baseAddress! + row * columns
              let norm = Double(VectorKernels.dot(count: columns, x: source, y: source)).squareRoot()
              inverse[row] = Float(1 / max(norm, Self.epsilon))
              let scale = g[row] * inverse[row]
              let target = weights.baseAddress! + row * columns
              for column in 0..<columns { target[column] = scale * source[column] }
            }
          }
        }
      }
    }
  }

  /// Overwrites the gradients of g and v from ∂L/∂W (`kernelGradient`), using the norms of the
  /// last `materialize`.
  ///
  /// - Complexity: O(out·in); allocates nothing.
  func backpropagate(kernelGradient: Tensor) {
    let columns = direction.value.shape[1]
    direction.value.scalars.withUnsafeBufferPointer { v in
      magnitude.value.scalars.withUnsafeBufferPointer { g in
        kernelGradient.scalars.withUnsafeBufferPointer { dW in
          direction.gradient.scalars.withUnsafeMutableBufferPointer { dv in
            magnitude.gradient.scalars.withUnsafeMutableBufferPointer { dg in
              inverseNorms.withUnsafeBufferPointer { inverse in
                for row in inverse.indices {
                  let offset = row * columns
                  let inverseNorm = inverse[row]

                  // ∂L/∂gᵢ = (∂L/∂Wᵢ · vᵢ) / ‖vᵢ‖
                  let dot = VectorKernels.dot(
                    count: columns, x: dW.baseAddress! + offset, y: v.baseAddress! + offset)
                  let rowMagnitudeGradient = dot * inverseNorm
                  dg[row] = rowMagnitudeGradient

                  // ∂L/∂vᵢ = (gᵢ/‖vᵢ‖)·∂L/∂Wᵢ − (gᵢ·∂L/∂gᵢ/‖vᵢ‖²)·vᵢ
                  let gradientScale = g[row] * inverseNorm
                  let directionScale = gradientScale * rowMagnitudeGradient * inverseNorm
                  for column in 0..<columns {
                    dv[offset + column] =
                      gradientScale * dW[offset + column] - directionScale * v[offset + column]
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}
