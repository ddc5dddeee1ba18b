// Spec strings for after-step rules and `+` combinations, and their interplay with spec lists.

import Testing

@testable import WeightLab

@Suite("Constraint specs")
struct ConstraintSpecTests {
  @Test(
    "Specs parse to their rule",
    arguments: [
      ("decay:1e-2", "decay:0.01"), ("weight-decay:0.5", "decay:0.5"), ("prox-l1:1e-4", "prox-l1:0.0001"),
      ("max-norm:3", "max-norm:3"), ("max-norm", "max-norm:2"),
      ("max-norm:3,axis=inputs", "max-norm:3,axis=inputs"),
      ("min-max-norm:min=0.5,max=2,rate=0.5", "min-max-norm:min=0.5,max=2,rate=0.5"),
      ("min-max-norm", "min-max-norm:min=0,max=1,rate=1"), ("unit-norm", "unit-norm"),
      ("unit-norm:axis=whole", "unit-norm:axis=whole"), ("non-neg", "non-neg"),
      ("spectral-norm", "spectral-norm"), ("spectral-norm:iterations=3", "spectral-norm:iterations=3"),
      ("orthogonal-penalty", "orthogonal-penalty:0.01"),
      ("orthogonal-penalty:0.1,mode=inputs", "orthogonal-penalty:0.1,mode=inputs"),
    ])
  func specParsing(text: String, expected: String) throws {
    #expect(try RegularizerCatalog.regularization(text).description == expected)
  }

  @Test("Plus joins penalties and rules")
  func combination() throws {
    let regularization = try RegularizerCatalog.regularization(
      "l2:1e-4,convention=half+max-norm:3+decay:1e-2")
    #expect(regularization.penalties.count == 1)
    #expect(regularization.constraints.count == 2)
    #expect(regularization.constraints[0] as? MaxNorm == MaxNorm(maxValue: 3))
    #expect(regularization.constraints[1] as? DecoupledWeightDecay == DecoupledWeightDecay(rate: 1e-2))
    #expect(regularization.description == "l2:0.0001,convention=half+max-norm:3+decay:0.01")
  }

  @Test("A plus inside an exponent is part of the number")
  func exponentPlus() throws {
    let regularization = try RegularizerCatalog.regularization("l2:1e+0+prox-l1:2E+1")
    #expect(regularization.description == "l2:1.0+prox-l1:20")
  }

  @Test("Compare lists keep combinations whole")
  func compareList() throws {
    let specs = try Spec.parseList(
      "none,l1:1e-5,l2:1e-4+max-norm:3,min-max-norm:min=0,max=1+decay:1e-2,unit-norm,prox-l1:1e-4")
    #expect(
      specs.map(\.text) == [
        "none", "l1:1e-5", "l2:1e-4+max-norm:3", "min-max-norm:min=0,max=1+decay:1e-2", "unit-norm",
        "prox-l1:1e-4",
      ])
    for spec in specs { _ = try RegularizerCatalog.regularization(spec.text) }
  }

  @Test(
    "Bad constraint specs are rejected",
    arguments: [
      "decay", "decay:-1", "prox-l1", "max-norm:0", "max-norm:3,axis=rows", "min-max-norm:min=2,max=1",
      "min-max-norm:rate=0", "unit-norm:2", "non-neg:1", "spectral-norm:iterations=0",
      "orthogonal-penalty:0.1,mode=rows", "none+l2:1",
      "l2:1e-4+", "l2:1e-4+maxnorm:3",
    ])
  func badSpecs(text: String) {
    #expect(throws: SpecError.self) { try RegularizerCatalog.regularization(text) }
  }

  @Test("Unknown names list every penalty and rule")
  func unknownName() {
    let error = #expect(throws: SpecError.self) { try RegularizerCatalog.regularization("dropout:0.5") }
    for name in [
      "l2", "orthogonal-penalty", "decay", "prox-l1", "max-norm", "min-max-norm", "unit-norm", "non-neg",
      "spectral-norm",
    ] {
      #expect(error?.reason.contains(name) == true, "missing \(name)")
    }
  }
}
