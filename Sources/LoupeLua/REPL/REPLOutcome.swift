/// What one REPL entry came to.
public enum REPLOutcome: Equatable {
    /// The chunk is not complete yet: read another line and append it.
    case incomplete
    /// It ran; these are its values, as text (empty for a statement).
    case values([String])
    /// An expression ran; these are its values (the entry would be `print(entry)` in a script).
    case expression([String])
    case error(String)
}
