// Reusable scratch memory for the hot loops of a training step: allocated once, grown only when a
// larger batch arrives, so steady-state steps allocate nothing.

/// A growable block of Float memory with a stable address between resizes.
///
/// A class because layers hand out pointers into it: the address stays valid until the next
/// `reserve(_:)` that grows the block.
public final class ScratchBuffer {
  public private(set) var pointer: UnsafeMutablePointer<Float>
  public private(set) var capacity: Int

  public init(capacity: Int = 0) {
    self.capacity = max(capacity, 1)
    pointer = UnsafeMutablePointer<Float>.allocate(capacity: self.capacity)
    pointer.initialize(repeating: 0, count: self.capacity)
  }

  deinit {
    pointer.deallocate()
  }

  /// Makes room for at least `count` elements; existing contents are discarded when it grows.
  public func reserve(_ count: Int) {
    guard count > capacity else { return }
    pointer.deallocate()
    capacity = count
    pointer = UnsafeMutablePointer<Float>.allocate(capacity: count)
    pointer.initialize(repeating: 0, count: count)
  }

  /// Copies the first `count` elements into a new array.
  public func array(count: Int) -> [Float] {
    precondition(count <= capacity, "requested \(count) elements from a buffer of \(capacity)")
    return Array(UnsafeBufferPointer(start: pointer, count: count))
  }
}
