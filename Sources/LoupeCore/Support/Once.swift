/// A value worked out the first time it is asked for, by whoever asks first,
/// and kept; any other thread asking meanwhile waits for it. For what a
/// loaded corpus works out on demand and shares (a document's sentences, its
/// token cases, the vocabulary's stems).
final class Once<Value: Sendable>: Sendable {
    private let value = Locked<Value?>(nil)

    init() {}

    func get(_ make: () -> Value) -> Value {
        value.withValue { value in
            if let value { return value }
            let made = make()
            value = made
            return made
        }
    }

    /// Whether it has been worked out yet.
    var isDone: Bool { value.value != nil }
}
