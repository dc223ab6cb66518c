import Foundation

/// The part of a write policy every copy shares: whether writing is allowed now, and
/// whether a missing output folder is made on the first write (announced through `made`).
public final class WriteGate: Sendable {
    /// How many closes are open, and the reason of the outermost.
    private let closed: Locked<(depth: Int, reason: String)>
    /// Held while the output folder is made, so two writers do not both make it.
    private let making = Locked(())
    private let createOutput: Bool
    private let made: @Sendable (String) -> Void

    /// `closed`: a reason, for a policy that never writes (an exercise's own code).
    public init(createOutput: Bool = false, closed: String? = nil, made: @escaping @Sendable (String) -> Void = { _ in }) {
        self.createOutput = createOutput
        self.made = made
        self.closed = Locked((closed == nil ? 0 : 1, closed ?? ""))
    }

    /// Why writes are refused now; nil when they are allowed.
    public var closedReason: String? {
        let now = closed.value
        return now.depth > 0 ? now.reason : nil
    }

    /// Refuses writes until the matching reopen() (nested closes stay closed).
    public func close(_ why: String) {
        closed.withValue { now in
            if now.depth == 0 { now.reason = why }
            now.depth += 1
        }
    }

    public func reopen() {
        closed.withValue { $0.depth = max(0, $0.depth - 1) }
    }

    /// The resolved output folder, made first (with its parents) when it is missing and that is allowed.
    func outputFolder(_ output: String) throws -> String {
        if let r = PathPolicy.resolved(output) { return r }
        guard createOutput else { return output }
        return try making.withValue { _ in
            if let r = PathPolicy.resolved(output) { return r }
            do {
                try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            } catch {
                throw TableWriteError.system(output, "cannot make the output folder: \(error.localizedDescription)")
            }
            made(output)
            return PathPolicy.resolved(output) ?? output
        }
    }
}
