// The vectorized Adam kernel against the scalar formula, for lengths that do and do not fill
// whole vectors.

import Testing
import WeightLabCore

/// Adam's element update written out in scalar Float, in the same operation order as the kernel.
private func referenceAdam(
  gradient: [Float], parameter: inout [Float], firstMoment: inout [Float], secondMoment: inout [Float],
  _ constants: AdamStepConstants
) {
  for i in gradient.indices {
    let mean = constants.beta1 * firstMoment[i] + (1 - constants.beta1) * gradient[i]
    let variance = constants.beta2 * secondMoment[i] + (1 - constants.beta2) * gradient[i] * gradient[i]
    firstMoment[i] = mean
    secondMoment[i] = variance
    let denominator = variance.squareRoot() * constants.inverseRootCorrection2 + constants.epsilon
    parameter[i] -= constants.stepSize * mean / denominator
  }
}

@Suite("Optimizer kernels")
struct OptimizerKernelsTests {
  @Test("Adam kernel matches scalar formula", arguments: [1, 3, 4, 5, 8, 11, 37])
  func adamMatchesScalar(count: Int) {
    var stream = RandomStream(seed: 7, name: "adam-kernel/\(count)")
    let gradient = (0..<count).map { _ in Float(stream.nextStandardNormal()) }
    var parameter = (0..<count).map { _ in Float(stream.nextStandardNormal()) }
    var firstMoment = (0..<count).map { _ in Float(stream.nextStandardNormal()) * 0.1 }
    var secondMoment = (0..<count).map { _ in abs(Float(stream.nextStandardNormal())) * 0.01 }
    let constants = AdamStepConstants(
      beta1: 0.9, beta2: 0.999, stepSize: 0.01, inverseRootCorrection2: 3.2, epsilon: 1e-8)

    var expectedParameter = parameter
    var expectedFirst = firstMoment
    var expectedSecond = secondMoment
    referenceAdam(
      gradient: gradient, parameter: &expectedParameter, firstMoment: &expectedFirst,
      secondMoment: &expectedSecond, constants)
    gradient.withUnsafeBufferPointer { g in
      parameter.withUnsafeMutableBufferPointer { theta in
        firstMoment.withUnsafeMutableBufferPointer { m in
          secondMoment.withUnsafeMutableBufferPointer { v in
            VectorKernels.adamUpdate(
              count: count, gradient: g.baseAddress!, parameter: theta.baseAddress!,
              firstMoment: m.baseAddress!,
              secondMoment: v.baseAddress!, constants: constants)
          }
        }
      }
    }

    // Each lane performs the same IEEE operations as the scalar loop, so the results are identical.
    #expect(parameter == expectedParameter)
    #expect(firstMoment == expectedFirst)
    #expect(secondMoment == expectedSecond)
  }
}
