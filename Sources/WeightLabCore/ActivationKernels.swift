// Backward loops of the ReLU family, written with SIMD4 vectors because the compiler turns the
// scalar select into an unpredictable branch per element instead of vectorizing it.

extension VectorKernels {
  /// Sets `gradient[i]` to zero wherever `output[i] <= 0`: the backward pass of ReLU.
  ///
  /// A NaN output compares false and so keeps its gradient, as the scalar test `output <= 0` does.
  public static func zeroWhereNotPositive(
    count: Int, gradient: UnsafeMutablePointer<Float>, output: UnsafePointer<Float>
  ) {
    let gradientBytes = UnsafeMutableRawPointer(gradient)
    let outputBytes = UnsafeRawPointer(output)
    let vectorCount = count / 4 * 4
    var index = 0
    while index < vectorCount {
      let offset = index * MemoryLayout<Float>.stride
      let y = outputBytes.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self)
      var g = gradientBytes.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self)
      g.replace(with: 0, where: y .<= 0)
      gradientBytes.storeBytes(of: g, toByteOffset: offset, as: SIMD4<Float>.self)
      index += 4
    }
    for i in vectorCount..<count where output[i] <= 0 { gradient[i] = 0 }
  }

  /// Multiplies `gradient[i]` by `slope` wherever `output[i] <= 0`: the backward pass of leaky ReLU.
  public static func scaleWhereNotPositive(
    count: Int, gradient: UnsafeMutablePointer<Float>, output: UnsafePointer<Float>, slope: Float
  ) {
    let gradientBytes = UnsafeMutableRawPointer(gradient)
    let outputBytes = UnsafeRawPointer(output)
    let vectorCount = count / 4 * 4
    var index = 0
    while index < vectorCount {
      let offset = index * MemoryLayout<Float>.stride
      let y = outputBytes.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self)
      var g = gradientBytes.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self)
      g.replace(with: g * slope, where: y .<= 0)
      gradientBytes.storeBytes(of: g, toByteOffset: offset, as: SIMD4<Float>.self)
      index += 4
    }
    for i in vectorCount..<count where output[i] <= 0 { gradient[i] *= slope }
  }
}
