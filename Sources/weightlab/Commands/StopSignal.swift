// SIGINT and SIGTERM handling for training commands: the handler only records the signal, and
// the training loop polls it after each step, so a run stops between two steps and can write a
// checkpoint before the process exits.

import Foundation
import Synchronization

/// The first SIGINT or SIGTERM the process received since `install()`.
enum StopSignal {
  /// The signal number, or 0 before any signal. An atomic, because a signal handler may only
  /// perform async-signal-safe operations, and a lock-free atomic store is one of them.
  private static let receivedNumber = Atomic<Int32>(0)

  /// Installs the handler for SIGINT and SIGTERM.
  ///
  /// The handler stores the signal number and then restores the default action for that signal,
  /// so a second Ctrl-C ends the process at once, without a checkpoint.
  static func install() {
    _ = receivedNumber.load(ordering: .relaxed)  // initialize the static before a handler can touch it
    var unblocked = sigset_t()
    sigemptyset(&unblocked)
    for signalNumber in [SIGINT, SIGTERM] {
      signal(signalNumber) { number in
        StopSignal.receivedNumber.store(number, ordering: .relaxed)
        signal(number, SIG_DFL)
      }
      sigaddset(&unblocked, signalNumber)
    }
    // A process inherits its parent's signal mask. Children that `swift test` started through
    // Foundation's `Process` on Linux had both signals blocked, so they stayed pending.
    pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
  }

  /// The signal received, or nil.
  static var received: Int32? {
    let number = receivedNumber.load(ordering: .relaxed)
    return number == 0 ? nil : number
  }

  /// Returns the exit status after stopping on `signal`: 128 plus its number, as shells report it
  /// (130 for SIGINT, 143 for SIGTERM).
  static func exitStatus(for signal: Int32) -> Int32 { 128 + signal }

  /// Returns the signal's name for messages.
  static func name(of signal: Int32) -> String {
    switch signal {
    case SIGINT: return "SIGINT"
    case SIGTERM: return "SIGTERM"
    default: return "signal \(signal)"
    }
  }
}
