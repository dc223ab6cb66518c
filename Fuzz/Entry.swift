// libFuzzer's entry point. Built only by scripts/fuzz.sh, which passes
// -DLOUPE_FUZZ and -sanitize=fuzzer,address; a plain `swift build` makes the stub
// below instead, so the package builds without libFuzzer.
#if LOUPE_FUZZ
import Foundation

/// Which target runs: LOUPE_FUZZ_TARGET, read once.
let fuzzTarget: @Sendable (UnsafeRawBufferPointer) -> Void = {
    let name = ProcessInfo.processInfo.environment["LOUPE_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTargets.all[name] else {
        FileHandle.standardError.write(Data("LOUPE_FUZZ_TARGET must be one of: \(FuzzTargets.all.keys.sorted().joined(separator: ", "))\n".utf8))
        exit(2)
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzTarget(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
#else
@main struct FuzzStub {
    static func main() {
        print("loupe-fuzz: build and run it with scripts/fuzz.sh (it needs libFuzzer)")
    }
}
#endif
