// A thin wrapper over the SQLite 3 C API: open a file, run statements, bind and read columns,
// and group writes in transactions. Only the run store uses it.

import CSQLite

/// A failed SQLite call, with the database's own message and the statement or file involved.
public struct SQLiteError: Error, CustomStringConvertible {
  /// The SQLite result code, such as `SQLITE_BUSY` (5) or `SQLITE_CANTOPEN` (14).
  public var code: Int32
  public var message: String
  /// The SQL text or file path that failed.
  public var context: String

  public var description: String { "SQLite error \(code) (\(message)) in: \(context)" }
}

/// `SQLITE_TRANSIENT` makes SQLite copy bound text, because Swift frees the buffer after the
/// call. The C macro is a cast of -1 to a function pointer, which Swift does not import.
private let transientDestructor = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// One open SQLite connection. Not thread-safe: use it from one thread at a time.
final class SQLiteDatabase {
  private let handle: OpaquePointer
  let path: String

  /// Opens (and, unless `readOnly`, creates) the database file at `path`.
  ///
  /// A busy timeout of `busyTimeoutMilliseconds` lets a reader and a writer in two processes
  /// wait for each other's locks instead of failing at once with `SQLITE_BUSY`.
  init(path: String, readOnly: Bool, busyTimeoutMilliseconds: Int32 = 10_000) throws(SQLiteError) {
    var opened: OpaquePointer?
    let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
    let status = sqlite3_open_v2(path, &opened, flags, nil)
    guard status == SQLITE_OK, let opened else {
      let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
      sqlite3_close_v2(opened)
      throw SQLiteError(code: status, message: message, context: path)
    }
    handle = opened
    self.path = path
    sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
  }

  deinit {
    sqlite3_close_v2(handle)
  }

  /// Runs one or more statements that return no rows.
  func execute(_ sql: String) throws(SQLiteError) {
    var errorMessage: UnsafeMutablePointer<CChar>?
    let status = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
    guard status == SQLITE_OK else {
      let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(status))
      sqlite3_free(errorMessage)
      throw SQLiteError(code: status, message: message, context: sql)
    }
  }

  /// Compiles `sql` into a statement that can be bound and stepped.
  func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
    var statement: OpaquePointer?
    let status = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
    guard status == SQLITE_OK, let statement else {
      throw SQLiteError(code: status, message: String(cString: sqlite3_errmsg(handle)), context: sql)
    }
    return SQLiteStatement(handle: statement, database: handle, sql: sql)
  }

  /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`, rolling back when it throws.
  ///
  /// `IMMEDIATE` takes the write lock at the start, so a concurrent writer waits on the busy
  /// timeout here rather than failing halfway through the transaction.
  func transaction<Result>(_ body: () throws -> Result) throws -> Result {
    try execute("BEGIN IMMEDIATE")
    do {
      let result = try body()
      try execute("COMMIT")
      return result
    } catch {
      try? execute("ROLLBACK")
      throw error
    }
  }

  /// The row id of the last successful `INSERT` on this connection.
  var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

  /// The value of `PRAGMA user_version`, which the run store uses as its schema version.
  func userVersion() throws(SQLiteError) -> Int {
    let statement = try prepare("PRAGMA user_version")
    guard try statement.step() else { return 0 }
    return Int(statement.int64(0))
  }
}

/// A compiled statement. Bind parameters are 1-based and columns 0-based, as in the C API.
final class SQLiteStatement {
  private let handle: OpaquePointer
  private let database: OpaquePointer
  private let sql: String

  fileprivate init(handle: OpaquePointer, database: OpaquePointer, sql: String) {
    self.handle = handle
    self.database = database
    self.sql = sql
  }

  deinit {
    sqlite3_finalize(handle)
  }

  /// Binds each value in order to parameters 1, 2, …; nil binds SQL NULL.
  func bind(_ values: [SQLiteValue?]) throws(SQLiteError) {
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
    for (offset, value) in values.enumerated() {
      let index = Int32(offset + 1)
      let status: Int32
      switch value {
      case nil: status = sqlite3_bind_null(handle, index)
      case .integer(let number): status = sqlite3_bind_int64(handle, index, number)
      case .real(let number):
        // SQLite stores NaN as NULL, so a non-finite figure is stored as NULL explicitly.
        status =
          number.isFinite ? sqlite3_bind_double(handle, index, number) : sqlite3_bind_null(handle, index)
      case .text(let string): status = sqlite3_bind_text(handle, index, string, -1, transientDestructor)
      }
      try check(status)
    }
  }

  /// Advances to the next row; returns false when the statement has finished.
  @discardableResult
  func step() throws(SQLiteError) -> Bool {
    let status = sqlite3_step(handle)
    if status == SQLITE_ROW { return true }
    if status == SQLITE_DONE { return false }
    throw SQLiteError(code: status, message: String(cString: sqlite3_errmsg(database)), context: sql)
  }

  /// Binds `values`, runs the statement to completion and resets it for reuse.
  func run(_ values: [SQLiteValue?]) throws(SQLiteError) {
    try bind(values)
    while try step() {}
    sqlite3_reset(handle)
  }

  func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

  func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

  /// Reads the column as a Double. NULL reads as NaN, the inverse of how `bind` stores non-finite values.
  func double(_ column: Int32) -> Double {
    isNull(column) ? .nan : sqlite3_column_double(handle, column)
  }

  func optionalDouble(_ column: Int32) -> Double? {
    isNull(column) ? nil : sqlite3_column_double(handle, column)
  }

  func text(_ column: Int32) -> String {
    guard let pointer = sqlite3_column_text(handle, column) else { return "" }
    return String(cString: pointer)
  }

  func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }

  private func check(_ status: Int32) throws(SQLiteError) {
    guard status == SQLITE_OK else {
      throw SQLiteError(code: status, message: String(cString: sqlite3_errmsg(database)), context: sql)
    }
  }
}

/// A value to bind to a statement parameter.
enum SQLiteValue {
  case integer(Int64)
  case real(Double)
  case text(String)
}
