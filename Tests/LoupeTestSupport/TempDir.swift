import Foundation

/// A fresh folder under the system temporary directory. Call `remove()` when done
/// (or use `TempDir.with`). Shared by every test target.
public struct TempDir {
    public let url: URL
    public var path: String { url.path }

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-test-" + UUID().uuidString, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public static func with<T>(_ body: (TempDir) throws -> T) throws -> T {
        let dir = try TempDir()
        defer { dir.remove() }
        return try body(dir)
    }

    public func remove() { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    public func write(_ name: String, _ text: String) throws -> URL {
        try write(name, bytes: Array(text.utf8))
    }

    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
        return file
    }

    public func subfolder(_ name: String) throws -> TempDir {
        let sub = url.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        return TempDir(existing: sub)
    }

    private init(existing: URL) { url = existing }
}
