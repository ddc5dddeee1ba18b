// Seeded, reproducible random streams. One master seed drives everything: each consumer (a
// parameter path such as "dense2.weight", or "shuffle/epoch3") gets its own independent stream.

/// A reproducible pseudo-random generator keyed by a seed and a name.
///
/// The stream for `(seed, name)` is the same whatever else was drawn before it, so a parameter's
/// initial values depend only on the seed and the parameter's path, not on construction order or
/// thread count. The key is `splitMix64(seed) ^ fnv1a64(name)`, expanded by SplitMix64 into the
/// 256-bit state of xoshiro256** (Blackman and Vigna, "Scrambled linear pseudorandom number
/// generators", 2021). The state is plain data, so a checkpoint can store and restore it.
public struct RandomStream: RandomNumberGenerator, Sendable, Equatable {
  /// The four 64-bit words of xoshiro256** state.
  public internal(set) var state: (UInt64, UInt64, UInt64, UInt64)

  /// Creates the stream for `seed` and `name`.
  public init(seed: UInt64, name: String = "") {
    var mixer = SplitMix64(state: SplitMix64.mix(seed) ^ RandomStream.fnv1a64(name))
    state = (mixer.next(), mixer.next(), mixer.next(), mixer.next())
    if state == (0, 0, 0, 0) { state.0 = 0x9E37_79B9_7F4A_7C15 }
  }

  /// Restores a stream from a saved state, which must not be all zeros.
  public init(state: (UInt64, UInt64, UInt64, UInt64)) {
    precondition(state != (0, 0, 0, 0), "xoshiro256** state must not be all zeros")
    self.state = state
  }

  /// Returns the stream for a sub-name, derived from this stream's current state without advancing it.
  public func derived(_ name: String) -> RandomStream {
    var copy = self
    let key = copy.next() ^ RandomStream.fnv1a64(name)
    var mixer = SplitMix64(state: key)
    return RandomStream(state: (mixer.next(), mixer.next(), mixer.next(), mixer.next() | 1))
  }

  public mutating func next() -> UInt64 {
    let result = rotateLeft(state.1 &* 5, 7) &* 9
    let shifted = state.1 << 17
    state.2 ^= state.0
    state.3 ^= state.1
    state.1 ^= state.2
    state.0 ^= state.3
    state.2 ^= shifted
    state.3 = rotateLeft(state.3, 45)
    return result
  }

  @inline(__always)
  func rotateLeft(_ value: UInt64, _ count: UInt64) -> UInt64 {
    (value << count) | (value >> (64 - count))
  }

  /// The 64-bit FNV-1a hash of a string's UTF-8 bytes.
  static func fnv1a64(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    return hash
  }

  public static func == (lhs: RandomStream, rhs: RandomStream) -> Bool {
    lhs.state == rhs.state
  }
}

/// SplitMix64 (Steele, Lea and Flood, 2014), used only to expand seeds into xoshiro state.
struct SplitMix64 {
  var state: UInt64

  static func mix(_ value: UInt64) -> UInt64 {
    var z = value &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func next() -> UInt64 {
    state = state &+ 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
