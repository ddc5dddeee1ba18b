// End-to-end tests of `weightlab list` for the regularizers, constraints and optimizers: every spec
// name appears with its formula and defaults.

import Testing

@Suite("list regularizers, constraints and optimizers")
struct CatalogCommandTests {
  @Test("constraints list every after-step rule")
  func constraints() {
    let result = runWeightLab(["list", "--kind", "constraints"])

    expectNoCrashTrace(result)
    #expect(result.exitCode == 0, "stderr: \(result.stderr)")
    #expect(result.stdout.hasPrefix("CONSTRAINTS"))
    for fragment in [
      "decay (also weight-decay)", "θ ← θ·(1 − γλ)", "prox-l1", "sign(θ)·max(|θ| − γλ, 0)", "max-norm",
      "max=2, axis=units", "min-max-norm", "min=0, max=1, rate=1", "unit-norm", "non-neg", "spectral-norm",
    ] {
      #expect(result.stdout.contains(fragment), "missing \(fragment)")
    }
    #expect(!result.stdout.contains("none yet"))
  }

  @Test("regularizers list the penalties and the + syntax")
  func regularizers() {
    let result = runWeightLab(["list", "--kind", "regularizers"])

    #expect(result.exitCode == 0, "stderr: \(result.stderr)")
    for fragment in [
      "l1", "l2", "convention=half", "elastic-net", "orthogonal-penalty", "factor=0.01, mode=units", "+",
    ] {
      #expect(result.stdout.contains(fragment), "missing \(fragment)")
    }
  }

  @Test("optimizers list adamw with its default decay")
  func optimizers() {
    let result = runWeightLab(["list", "--kind", "optimizers"])

    #expect(result.exitCode == 0, "stderr: \(result.stderr)")
    for fragment in ["sgd", "adam", "adamw", "λ=0.01 (--weight-decay)", "l2:λ,convention=half"] {
      #expect(result.stdout.contains(fragment), "missing \(fragment)")
    }
  }
}
