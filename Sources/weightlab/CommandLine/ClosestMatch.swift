// Suggestions for misspelled option and subcommand names.

/// Returns the candidate closest to `input`, or `nil` when none is close enough to be a likely typo.
///
/// Candidates that start with the input, or that the input starts with (`--epoch`, `--batch`),
/// come first. Among them the one with the smallest Levenshtein distance wins. Without such a
/// candidate, the one with the smallest distance wins if that distance is at most
/// max(2, input length / 3). Ties go to the earlier candidate.
///
/// - Complexity: O(n · m) per candidate, for input length n and candidate length m.
func closestMatch(to input: String, among candidates: [String]) -> String? {
  let lowercasedInput = input.lowercased()
  guard !lowercasedInput.isEmpty else { return nil }

  let prefixMatches = candidates.filter {
    $0.hasPrefix(lowercasedInput) || lowercasedInput.hasPrefix($0)
  }
  if let prefixMatch = nearest(to: lowercasedInput, among: prefixMatches, maximumDistance: Int.max) {
    return prefixMatch
  }
  let threshold = max(2, lowercasedInput.count / 3)
  return nearest(to: lowercasedInput, among: candidates, maximumDistance: threshold)
}

private func nearest(to input: String, among candidates: [String], maximumDistance: Int) -> String? {
  var best: (candidate: String, distance: Int)?
  for candidate in candidates {
    let distance = levenshteinDistance(input, candidate)
    if distance <= maximumDistance, distance < (best?.distance ?? Int.max) {
      best = (candidate, distance)
    }
  }
  return best?.candidate
}

/// Returns the number of single-character insertions, deletions and substitutions that turn
/// `source` into `target`.
///
/// - Complexity: O(n · m) time and O(m) memory for lengths n and m.
func levenshteinDistance(_ source: String, _ target: String) -> Int {
  let sourceCharacters = Array(source)
  let targetCharacters = Array(target)
  guard !sourceCharacters.isEmpty else { return targetCharacters.count }
  guard !targetCharacters.isEmpty else { return sourceCharacters.count }

  // previousRow[j] is the distance between the first i - 1 source characters and the first j
  // target characters, so each row needs only the row above it.
  var previousRow = Array(0...targetCharacters.count)
  var currentRow = [Int](repeating: 0, count: targetCharacters.count + 1)
  for i in 1...sourceCharacters.count {
    currentRow[0] = i
    for j in 1...targetCharacters.count {
      let substitutionCost = sourceCharacters[i - 1] == targetCharacters[j - 1] ? 0 : 1
      currentRow[j] = min(
        previousRow[j] + 1,
        currentRow[j - 1] + 1,
        previousRow[j - 1] + substitutionCost)
    }
    swap(&previousRow, &currentRow)
  }
  return previousRow[targetCharacters.count]
}
