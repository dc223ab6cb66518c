// swift-tools-version:6.0
import PackageDescription

// Layers, dependencies pointing down:
//   loupe (executable) → LoupeServer (host) → LoupeClassroom (classes, GRDB) → LoupeLua (binding)
//   loupe (executable) → LoupeLua (binding) → LuaRuntime (the only Swift that calls Lua's C API,
//   which it imports `internal`) → CLuaShim → CLua54; LoupeLua, LuaRuntime → LoupeCore (pure Swift)
//   LoupeCore → CStemmer (Snowball), CMemoryHints (cache prefetch for the loading loops),
//               CByteClasses (the tokenizer's ASCII classes, 16 bytes an instruction)
/// Loupe's version: the one place it is written (`loupe --version`, the .deb, the manifests read it).
let loupeVersion = "0.2.0"
/// The commit being built, when `make` says (LOUPE_COMMIT); only hex digits are kept.
let commit = String((Context.environment["LOUPE_COMMIT"] ?? "").filter { $0.isHexDigit }.prefix(40))

let package = Package(
    name: "Loupe",
    platforms: [.macOS(.v14)],   // Hummingbird 2 (LoupeServer) needs macOS 14
    products: [
        .executable(name: "loupe", targets: ["loupe"]),
        .library(name: "LoupeCore", targets: ["LoupeCore"]),
        .library(name: "LoupeLua", targets: ["LoupeLua"]),
        .library(name: "LuaRuntime", targets: ["LuaRuntime"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // Debian's liblua5.4-dev through pkg-config (-I/usr/include/lua5.4 -llua5.4).
        .systemLibrary(name: "CLua54", pkgConfig: "lua5.4", providers: [.apt(["liblua5.4-dev"])]),
        // Debian's libedit-dev (BSD licence): readline-compatible line editing.
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        // Macro wrappers, the error trampoline, limits (allocator, hooks, signals).
        .target(name: "CLuaShim", dependencies: ["CLua54"]),
        // The REPL's terminal: readline with Ctrl-C at the prompt, completion callback.
        .target(name: "CLineEditor", dependencies: ["CEditLine"]),
        // Debian's libstemmer-dev: Snowball stemmers for ~word queries.
        .systemLibrary(name: "CStemmer", providers: [.apt(["libstemmer-dev"])]),
        // Cache prefetch hints (header-only inline C): Swift has no prefetch.
        .target(name: "CMemoryHints"),
        // The tokenizer's ASCII byte classes with SSE2 (header-only inline C).
        .target(name: "CByteClasses"),
        // The version and commit, as C strings defined at build time.
        .target(name: "CBuildInfo", cSettings: [
            .define("LOUPE_VERSION", to: "\"\(loupeVersion)\""),
            .define("LOUPE_COMMIT", to: "\"\(commit.isEmpty ? "unknown" : commit)\""),
        ]),
        .target(name: "LoupeCore", dependencies: ["CStemmer", "CMemoryHints", "CByteClasses", "CBuildInfo"]),
        // A Lua state from Swift: its stack, protected calls, limits, classes, the sandbox.
        .target(name: "LuaRuntime", dependencies: ["LoupeCore", "CLuaShim", "CLua54"]),
        .target(name: "LoupeLua", dependencies: ["LoupeCore", "LuaRuntime"]),
        // A class: exercises, students and their attempts in a gradebook (SQLite through GRDB; docs/classroom.md).
        .target(name: "LoupeClassroom", dependencies: [
            "LoupeCore", "LoupeLua", "LuaRuntime",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // `loupe serve`: the corpus in a browser, one sandboxed environment per visitor (docs/browser.md).
        .target(name: "LoupeServer", dependencies: [
            "LoupeCore", "LoupeLua", "LuaRuntime", "LoupeClassroom",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .executableTarget(
            name: "loupe",
            dependencies: [
                "LoupeCore", "LoupeLua", "LuaRuntime", "LoupeServer", "LoupeClassroom", "CLineEditor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // libFuzzer targets for the loaders' parsers and the query parser: a stub
        // unless scripts/fuzz.sh builds them (-DLOUPE_FUZZ -sanitize=fuzzer,address).
        .executableTarget(name: "loupe-fuzz", dependencies: ["LoupeCore"], path: "Fuzz", exclude: ["seeds"]),
        // The team's benchmark against rg, grep, SQLite FTS5, Tantivy, Python, Polars and NLTK (docs/performance.md):
        // a tool of its own, not part of what users run.
        .executableTarget(
            name: "loupe-bench",
            dependencies: [
                "LoupeCore", "LoupeLua", "LuaRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What every test target shares (TempDir, a seeded generator); Foundation only.
        .target(name: "LoupeTestSupport", path: "Tests/LoupeTestSupport"),
        .testTarget(name: "LuaRuntimeTests", dependencies: ["LuaRuntime", "LoupeTestSupport"]),
        .testTarget(name: "LoupeCoreTests", dependencies: ["LoupeCore", "LoupeTestSupport"]),
        .testTarget(name: "LoupeLuaTests", dependencies: ["LoupeLua", "LuaRuntime", "LoupeCore", "LoupeTestSupport"]),
        .testTarget(name: "LoupeClassroomTests", dependencies: ["LoupeClassroom", "LoupeLua", "LuaRuntime", "LoupeCore", "LoupeTestSupport"]),
        .testTarget(name: "LoupeServerTests", dependencies: [
            "LoupeServer", "LoupeClassroom", "LoupeCore", "LoupeLua", "LoupeTestSupport",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        // Runs the built executables as users do; depending on them makes `swift test` build them first.
        .testTarget(name: "LoupeEndToEndTests", dependencies: ["loupe", "loupe-bench", "LoupeTestSupport"]),
    ]
)
