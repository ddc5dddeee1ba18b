// The matrix products of one training step of a multilayer perceptron, timed alone through
// OpenBLAS, to give the GEMM rate that the whole step is measured against.

import WeightLabCore

/// One `cblas_sgemm` call of a training step: its transposes and its `m × n × k` shape.
struct GEMMShape: CustomStringConvertible {
  var transposeA: MatrixTranspose
  var transposeB: MatrixTranspose
  var m: Int
  var n: Int
  var k: Int

  var flops: Double { 2 * Double(m) * Double(n) * Double(k) }

  var description: String {
    let a = transposeA == .none ? "N" : "T"
    let b = transposeB == .none ? "N" : "T"
    return "\(a)\(b) \(m)x\(n)x\(k)"
  }
}

/// Lists the GEMMs of one step, exactly as `Dense.forward` and `Dense.backward` issue them.
///
/// Per layer with `in` inputs and `out` outputs at batch `B`: the forward product `[B, out]`,
/// the weight gradient `[out, in]` and, for every layer but the first, the input gradient `[B, in]`.
func stepGEMMs(layerSizes: [Int], batchSize: Int) -> [GEMMShape] {
  var shapes: [GEMMShape] = []
  for layer in 0..<(layerSizes.count - 1) {
    let inputs = layerSizes[layer]
    let outputs = layerSizes[layer + 1]
    shapes.append(GEMMShape(transposeA: .none, transposeB: .transposed, m: batchSize, n: outputs, k: inputs))
    shapes.append(GEMMShape(transposeA: .transposed, transposeB: .none, m: outputs, n: inputs, k: batchSize))
    if layer > 0 {
      shapes.append(GEMMShape(transposeA: .none, transposeB: .none, m: batchSize, n: inputs, k: outputs))
    }
  }
  return shapes
}

/// Operand buffers for a list of GEMM shapes, filled with small nonzero values.
final class GEMMWorkload {
  let shapes: [GEMMShape]
  private let buffers: [(a: ScratchBuffer, b: ScratchBuffer, c: ScratchBuffer)]

  init(shapes: [GEMMShape]) {
    self.shapes = shapes
    buffers = shapes.map { shape in
      let a = ScratchBuffer(capacity: shape.m * shape.k)
      let b = ScratchBuffer(capacity: shape.k * shape.n)
      let c = ScratchBuffer(capacity: shape.m * shape.n)
      for index in 0..<(shape.m * shape.k) { a.pointer[index] = Float(index % 7) * 0.01 }
      for index in 0..<(shape.k * shape.n) { b.pointer[index] = Float(index % 5) * 0.01 }
      return (a, b, c)
    }
  }

  /// The FLOPs of one pass over every shape.
  var flops: Double { shapes.reduce(0) { $0 + $1.flops } }

  /// Runs every product once, in order.
  func runOnce() {
    for (shape, buffer) in zip(shapes, buffers) {
      run(shape, buffer)
    }
  }

  /// Times repeated passes for about `seconds` and returns the FLOP-weighted rate in GFLOP/s.
  func measureRate(seconds: Double) -> Double {
    let start = monotonicSeconds()
    var passes = 0
    var elapsed = 0.0
    repeat {
      runOnce()
      passes += 1
      elapsed = monotonicSeconds() - start
    } while elapsed < seconds
    return flops * Double(passes) / elapsed / 1e9
  }

  /// Times each shape alone for about `seconds` and returns its rate in GFLOP/s.
  func measureRatePerShape(seconds: Double) -> [Double] {
    zip(shapes, buffers).map { shape, buffer in
      let start = monotonicSeconds()
      var calls = 0
      var elapsed = 0.0
      repeat {
        run(shape, buffer)
        calls += 1
        elapsed = monotonicSeconds() - start
      } while elapsed < seconds
      return shape.flops * Double(calls) / elapsed / 1e9
    }
  }

  private func run(_ shape: GEMMShape, _ buffer: (a: ScratchBuffer, b: ScratchBuffer, c: ScratchBuffer)) {
    // Row-major: a stored as [m, k] (lda = k) or, transposed, as [k, m] (lda = m); b likewise.
    let lda = shape.transposeA == .none ? shape.k : shape.m
    let ldb = shape.transposeB == .none ? shape.n : shape.k
    gemm(
      shape.transposeA, shape.transposeB, m: shape.m, n: shape.n, k: shape.k,
      a: buffer.a.pointer, lda: lda, b: buffer.b.pointer, ldb: ldb,
      beta: 0, c: buffer.c.pointer, ldc: shape.n)
  }
}
