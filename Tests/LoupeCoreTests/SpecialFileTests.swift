import Foundation
import Testing
@testable import LoupeCore
#if canImport(Glibc)
import Glibc
#endif

/// Things in a corpus folder that are not regular files are passed over with a
/// reason: reading a named pipe would block the load forever.
@Suite struct SpecialFileTests {
    @Test func aNamedPipeIsSkippedNotRead() throws {
        let dir = try TempFolder()
        try dir.write("good.txt", "Real text.\n")
        let pipe = dir.url.appendingPathComponent("pipe.txt").path
        #expect(mkfifo(pipe, 0o644) == 0)
        let (c, r) = try dir.load()
        #expect(c.documents.map(\.id) == ["good"])
        #expect(r.skipped.map(\.file) == ["pipe.txt"])
        #expect(r.skipped.map(\.reason) == ["not a regular file"])
    }

    @Test func aSymlinkToAFileIsRead() throws {
        let dir = try TempFolder()
        let target = try dir.write("real.txt", "Linked text.\n")
        try FileManager.default.createSymbolicLink(atPath: dir.url.appendingPathComponent("link.txt").path, withDestinationPath: target.path)
        let (c, r) = try dir.load()
        #expect(c.documents.map(\.id) == ["link", "real"])
        #expect(r.skipped.isEmpty)
    }
}
