// The gain table follows PyTorch's calculate_gain, and the GELU and SiLU gains equal
// 1 / sqrt(E[f(z)²]) for z ~ N(0, 1), integrated here independently of the hard-coded constants.

import Foundation
import Testing
import WeightLab

@Suite("Activation gains")
struct GainTests {
  @Test("activation gain table")
  func activationGainTable() {
    #expect(Activation.identity.gain == 1)
    #expect(Activation.sigmoid.gain == 1)
    #expect(Activation.tanh.gain == 5.0 / 3.0)
    #expect(Activation.relu.gain == 2.0.squareRoot())
    #expect(Activation.leakyReLU(slope: 0.5).gain == (2 / 1.25).squareRoot())
  }

  @Test("float slope rounds gain")
  func floatSlopeRoundsGain() {
    // 0.01 rounded to Float is 0.0099999998; the gain moves by about 2e-12 relative.
    expectClose(Activation.leakyReLU(slope: 0.01).gain, 1.4141428569978354, relativeTolerance: 1e-10)
  }

  @Test("named gains")
  func namedGains() {
    #expect(Activation.gain(named: "linear") == 1)
    #expect(Activation.gain(named: "selu") == 0.75)
    #expect(Activation.gain(named: "leaky-relu") == 1.4141428569978354)
    #expect(Activation.gain(named: "leaky_relu", slope: 0.2) == (2 / 1.04).squareRoot())
    #expect(Activation.gain(named: "swish") == Activation.siluGain)
    #expect(Activation.gain(named: "mish") == nil)
    for name in Activation.gainNames {
      #expect(Activation.gain(named: name) != nil, "\(name) has no gain")
    }
  }

  /// Returns 1 / sqrt(E[f(z)²]) for z ~ N(0, 1), by Simpson's rule on [-12, 12], where the normal
  /// density is below 1e-31 and the tails contribute nothing at Double precision.
  private func secondMomentGain(_ f: @escaping (Double) -> Double) -> Double {
    let density = { (z: Double) in exp(-z * z / 2) / (2 * Double.pi).squareRoot() }
    let secondMoment = integrateSimpson({ z in f(z) * f(z) * density(z) }, -12, 12, intervals: 240_000)
    return 1 / secondMoment.squareRoot()
  }

  @Test("second-moment rule gives sqrt 2 for relu")
  func secondMomentRuleGivesReLUGain() {
    // ReLU's kink at 0 falls on a grid point, so Simpson stays accurate to about 1e-12.
    expectClose(secondMomentGain { max($0, 0) }, 2.0.squareRoot(), relativeTolerance: 1e-10)
  }

  @Test("gelu gain matches integral")
  func geluGainMatchesIntegral() {
    let gelu = { (z: Double) in z * 0.5 * (1 + erf(z / 2.0.squareRoot())) }

    expectClose(Activation.geluGain, secondMomentGain(gelu), relativeTolerance: 1e-10)
  }

  @Test("silu gain matches integral")
  func siluGainMatchesIntegral() {
    let silu = { (z: Double) in z / (1 + exp(-z)) }

    expectClose(Activation.siluGain, secondMomentGain(silu), relativeTolerance: 1e-10)
  }
}
