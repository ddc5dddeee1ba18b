// Spec parsing for every initializer name, the activation-dependent He gain, kernel and bias pairs,
// and the error messages for unknown names and invalid arguments.

import Testing
import WeightLab
import WeightLabCore

/// Returns the initializer `text` names, for layers with `activation`.
private func parse(_ text: String, activation: Activation = .relu) throws -> any Initializer {
  try InitializerCatalog.makeInitializer(Spec(parsing: text), activation: activation)
}

/// Returns the reason of the `SpecError` that parsing `text` throws, or nil when it parses.
private func errorReason(_ text: String, activation: Activation = .relu) -> String? {
  do {
    _ = try InitializerCatalog.make(Spec(parsing: text), activation: activation)
    return nil
  } catch {
    return error.reason
  }
}

@Suite("Initializer catalog")
struct InitializerCatalogTests {
  /// (spec, description of the initializer it builds).
  static let parsedSpecs: [(String, String)] = [
    ("zeros", "zeros"),
    ("ones", "ones"),
    ("constant:0.5", "constant:value=0.5"),
    ("constant:value=-2", "constant:value=-2"),
    ("uniform", "uniform:limit=0.05"),
    ("uniform:limit=0.1", "uniform:limit=0.1"),
    ("uniform:low=-0.1,high=0.3", "uniform:low=-0.1,high=0.3"),
    ("normal", "normal:std=0.05,mean=0"),
    ("normal:std=0.01,mean=1", "normal:std=0.01,mean=1"),
    ("truncated-normal", "truncated-normal:std=0.05,mean=0,bound=2,units=sigmas"),
    ("truncated-normal:std=0.02,bound=3", "truncated-normal:std=0.02,mean=0,bound=3,units=sigmas"),
    (
      "truncated-normal:std=0.02,preserve-variance=true",
      "truncated-normal:std=0.02,mean=0,bound=2,units=sigmas,preserve-variance=true"
    ),
    ("truncated-normal:std=1,units=absolute", "truncated-normal:std=1,mean=0,units=absolute,low=-2,high=2"),
    (
      "truncated-normal:std=1,units=absolute,low=-1,high=3",
      "truncated-normal:std=1,mean=0,units=absolute,low=-1,high=3"
    ),
    (
      "truncated-normal:std=1,units=absolute,bound=0.5",
      "truncated-normal:std=1,mean=0,units=absolute,low=-0.5,high=0.5"
    ),
    ("xavier-uniform", "xavier-uniform:gain=1"),
    ("glorot-uniform:gain=2", "xavier-uniform:gain=2"),
    ("xavier-normal:gain=relu", "xavier-normal:gain=\(2.0.squareRoot())"),
    ("glorot-normal", "xavier-normal:gain=1"),
    ("he-uniform", "he-uniform:gain=\(2.0.squareRoot()),mode=fan-in"),
    ("kaiming-uniform:mode=fan-out", "he-uniform:gain=\(2.0.squareRoot()),mode=fan-out"),
    ("he-normal:gain=1.5", "he-normal:gain=1.5,mode=fan-in"),
    ("kaiming-normal:nonlinearity=tanh", "he-normal:gain=\(5.0 / 3.0),mode=fan-in"),
    ("he-normal:nonlinearity=leaky-relu,slope=0.2", "he-normal:gain=\((2 / 1.04).squareRoot()),mode=fan-in"),
    ("lecun-uniform", "lecun-uniform"),
    ("lecun-normal", "lecun-normal"),
    ("variance-scaling", "variance-scaling:scale=1,mode=fan-in,distribution=truncated-normal"),
    (
      "variance-scaling:scale=2,mode=fan-avg,distribution=normal",
      "variance-scaling:scale=2,mode=fan-avg,distribution=truncated-normal"
    ),
    (
      "variance-scaling:2,distribution=untruncated-normal",
      "variance-scaling:scale=2,mode=fan-in,distribution=untruncated-normal"
    ),
    (
      "variance-scaling:mode=fan-out,distribution=uniform",
      "variance-scaling:scale=1,mode=fan-out,distribution=uniform"
    ),
    ("orthogonal", "orthogonal:gain=1"),
    ("orthogonal:gain=1.41", "orthogonal:gain=1.41"),
    ("identity:gain=2", "identity:gain=2"),
    ("sparse:0.9", "sparse:sparsity=0.9,std=0.01"),
    ("sparse:sparsity=0.5,std=0.1", "sparse:sparsity=0.5,std=0.1"),
    ("torch-default", "torch-default"),
    ("keras-default", "xavier-uniform:gain=1"),
    ("He-Normal", "he-normal:gain=\(2.0.squareRoot()),mode=fan-in"),
  ]

  @Test("spec builds initializer", arguments: 0..<parsedSpecs.count)
  func specBuildsInitializer(_ index: Int) throws {
    let (text, expected) = Self.parsedSpecs[index]

    #expect(try parse(text).description == expected)
  }

  @Test("every listed name parses")
  func everyListedNameParses() throws {
    for name in InitializerCatalog.names {
      let text = name == "sparse" ? "sparse:0.5" : name
      #expect(throws: Never.self, "\(text)") { try parse(text) }
    }
    #expect(InitializerCatalog.names.count == 23)
    #expect(Set(InitializerCatalog.names).count == InitializerCatalog.names.count)
  }

  @Test("entries have formula and defaults")
  func entriesHaveFormulaAndDefaults() {
    for entry in InitializerCatalog.entries {
      #expect(!entry.formula.isEmpty, "\(entry.name)")
      #expect(!entry.defaults.isEmpty, "\(entry.name)")
      #expect(!entry.notes.isEmpty, "\(entry.name)")
    }
  }

  @Test("he gain follows activation")
  func heGainFollowsActivation() throws {
    let relu = try parse("he-normal", activation: .relu) as? HeNormal
    let tanh = try parse("he-normal", activation: .tanh) as? HeNormal
    let leaky = try parse("he-uniform", activation: .leakyReLU(slope: 0.2)) as? HeUniform
    let overridden = try parse("he-normal:gain=1", activation: .tanh) as? HeNormal
    let leakyOverridden = try parse("he-uniform:slope=0.5", activation: .leakyReLU(slope: 0.2)) as? HeUniform

    #expect(relu?.gain == 2.0.squareRoot())
    #expect(tanh?.gain == 5.0 / 3.0)
    expectClose(leaky?.gain ?? .nan, (2 / 1.04).squareRoot(), relativeTolerance: 1e-7)
    #expect(overridden?.gain == 1)
    #expect(leakyOverridden?.gain == (2 / 1.25).squareRoot())
  }

  @Test("kernel and bias pairs")
  func kernelAndBiasPairs() throws {
    let torch = try InitializerCatalog.make(Spec(parsing: "torch-default"), activation: .relu)
    let keras = try InitializerCatalog.make(Spec(parsing: "keras-default"), activation: .relu)
    let he = try InitializerCatalog.make(Spec(parsing: "he-normal"), activation: .relu)

    #expect(torch.weight is TorchDefault)
    #expect(torch.bias is TorchDefault)
    #expect(keras.weight is XavierUniform)
    #expect((keras.bias as? Constant) == .zeros)
    #expect(he.weight is HeNormal)
    #expect((he.bias as? Constant) == .zeros)
  }

  @Test("bias specs")
  func biasSpecs() throws {
    let torch = try InitializerCatalog.makeBias(Spec(parsing: "torch-default"), activation: .relu)
    let keras = try InitializerCatalog.makeBias(Spec(parsing: "keras-default"), activation: .relu)
    let constant = try InitializerCatalog.makeBias(Spec(parsing: "constant:0.1"), activation: .relu)

    #expect(torch is TorchDefault)
    #expect((keras as? Constant) == .zeros)
    #expect((constant as? Constant) == Constant(value: 0.1))
  }

  @Test("unknown name lists valid names")
  func unknownNameListsValidNames() {
    let reason = errorReason("glorot") ?? ""

    #expect(reason.contains("unknown initializer 'glorot'"))
    for name in InitializerCatalog.names {
      #expect(reason.contains(name), "\(name) missing from: \(reason)")
    }
  }

  /// (spec, a fragment the error must contain): what was invalid, what is allowed, what was received.
  static let invalidSpecs: [(String, String)] = [
    ("normal:std=0", "expected a number > 0; received std=0"),
    ("normal:std=-1", "received std=-1"),
    ("normal:std=abc", "'std' must be a finite number"),
    ("uniform:limit=0", "received limit=0"),
    ("uniform:limit=0.1,low=0", "either limit"),
    ("uniform:low=1,high=0", "expected low < high; received low=1, high=0"),
    ("uniform:low=1", "the argument 'high' is missing"),
    ("he-normal:mode=fan-avg", "expected one of fan-in, fan-out; received mode=fan-avg"),
    ("he-normal:gain=2,nonlinearity=relu", "either gain or nonlinearity"),
    ("he-normal:slope=0.1", "slope applies only to leaky-relu"),
    ("he-normal:nonlinearity=relu,slope=0.1", "slope applies only to nonlinearity=leaky-relu"),
    ("he-normal:nonlinearity=mish", "received nonlinearity=mish"),
    ("xavier-uniform:gain=0", "expected a number > 0; received gain=0"),
    ("xavier-uniform:gain=foo", "one of linear, identity, sigmoid"),
    ("orthogonal:gain=-1", "received gain=-1"),
    ("identity:gain=0", "received gain=0"),
    ("sparse", "the argument 'sparsity' is missing"),
    ("sparse:1", "0 <= sparsity < 1; received sparsity=1"),
    ("sparse:-0.1", "received sparsity=-0.1"),
    ("sparse:0.5,std=0", "received std=0"),
    ("truncated-normal:low=-1,high=1", "add units=absolute"),
    ("truncated-normal:units=absolute,bound=1,low=0", "either bound=B"),
    ("truncated-normal:units=radians", "expected one of sigmas, absolute; received units=radians"),
    ("truncated-normal:bound=0", "received bound=0"),
    ("truncated-normal:units=absolute,low=1,high=-1", "expected low < high"),
    (
      "truncated-normal:std=0.1,units=absolute,low=-0.1,high=0.1,preserve-variance=true",
      "(high - low) / sqrt(12)"
    ),
    ("truncated-normal:preserve-variance=yes", "expected one of true, false"),
    ("truncated-normal:mean=1,std=1e-9,bound=1", "no Float32 value strictly inside"),
    ("variance-scaling:scale=0", "received scale=0"),
    ("variance-scaling:distribution=cauchy", "truncated-normal, normal, untruncated-normal, uniform"),
    ("variance-scaling:mode=fan", "fan-in, fan-out, fan-avg; received mode=fan"),
    ("zeros:1", "takes at most 0 unnamed values"),
    ("lecun-normal:gain=2", "unknown argument 'gain' for lecun-normal"),
    ("torch-default:scale=2", "unknown argument 'scale' for torch-default"),
  ]

  @Test("invalid spec explains", arguments: 0..<invalidSpecs.count)
  func invalidSpecExplains(_ index: Int) {
    let (text, fragment) = Self.invalidSpecs[index]
    let reason = errorReason(text)

    #expect(reason?.contains(fragment) == true, "\(text): \(reason ?? "no error")")
  }
}
