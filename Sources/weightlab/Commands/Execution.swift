// Wiring from parsed options to the library. Each function runs one command and returns the
// process exit status. Throw `UsageError` for a user mistake in an option (exit 64) and any other
// error for a runtime failure (exit 1), and main prints either one as `error: <description>`.

// TODO: These are placeholders until the commands are wired to WeightLab and WeightLabExperiments.
// Each one throws, so every command that parses exits with status 1 and "not wired yet".

func executeTrain(_ options: TrainOptions) throws -> Int32 {
  throw RuntimeError("'weightlab train' is not wired yet.")
}

func executeCompare(_ options: CompareOptions) throws -> Int32 {
  throw RuntimeError("'weightlab compare' is not wired yet.")
}

func executeList(_ options: ListOptions) throws -> Int32 {
  throw RuntimeError("'weightlab list' is not wired yet.")
}
