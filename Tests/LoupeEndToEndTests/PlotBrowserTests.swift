import Foundation
import Testing
import LoupeTestSupport

/// A headless Chromium (Debian's `chromium`; `make test` installs it), or nil.
enum Browser {
    static let path: String? = {
        if let explicit = ProcessInfo.processInfo.environment["LOUPE_CHROMIUM"], !explicit.isEmpty {
            return FileManager.default.isExecutableFile(atPath: explicit) ? explicit : nil
        }
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for folder in folders + ["/usr/bin", "/snap/bin"] {
                let p = folder + "/" + name
                if FileManager.default.isExecutableFile(atPath: p) { return p }
            }
        }
        return nil
    }()

    static let missing = "chromium is not installed: `apt-get install chromium` (make test does), or set LOUPE_CHROMIUM"

    /// Screenshots `file` (its own size, read from its width and height) into a PNG.
    static func screenshot(_ svg: URL, in dir: TempDir) throws -> PNGImage {
        let text = try String(contentsOf: svg, encoding: .utf8)
        func attribute(_ name: String) -> Int {
            guard let r = text.range(of: " \(name)=\""), let end = text[r.upperBound...].firstIndex(of: "\"") else { return 600 }
            return Int(text[r.upperBound..<end]) ?? 600
        }
        let png = dir.url.appendingPathComponent(svg.deletingPathExtension().lastPathComponent + ".png")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path!)
        process.arguments = ["--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars", "--no-first-run",
                             "--user-data-dir=" + dir.url.appendingPathComponent("chromium-profile").path,
                             "--screenshot=" + png.path, "--window-size=\(attribute("width")),\(attribute("height"))",
                             svg.absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = dir.path
        process.environment = env
        try process.run()
        let deadline = Date().addingTimeInterval(90)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning { process.terminate(); throw PNGImage.Failure("chromium did not finish in 90 s") }
        guard let data = FileManager.default.contents(atPath: png.path) else {
            throw PNGImage.Failure("chromium wrote no screenshot (status \(process.terminationStatus))")
        }
        if let keep = ProcessInfo.processInfo.environment["LOUPE_KEEP_SCREENSHOTS"], !keep.isEmpty {
            try? FileManager.default.removeItem(atPath: keep + "/" + png.lastPathComponent)
            try? FileManager.default.copyItem(atPath: png.path, toPath: keep + "/" + png.lastPathComponent)
        }
        return try PNGImage(bytes: Array(data))
    }
}

/// What a screenshot shows, counted pixel by pixel.
struct Ink {
    /// Pixels that are not (nearly) white.
    var painted = 0
    /// Dark grey to black: text, axes, hit strokes.
    var dark = 0
    /// Clearly coloured (one channel well apart from another): bars, lines, markers.
    var coloured = 0
    /// Painted pixels within 3 pixels of the image's edge (something cut off there).
    var atEdge = 0
    var total = 0

    init(_ image: PNGImage) {
        total = image.width * image.height
        for y in 0..<image.height {
            for x in 0..<image.width {
                let p = image.pixel(x, y)
                guard min(p.r, p.g, p.b) < 235 else { continue }
                painted += 1
                if max(p.r, p.g, p.b) < 110 { dark += 1 }
                if max(p.r, p.g, p.b) - min(p.r, p.g, p.b) > 60 { coloured += 1 }
                if x < 3 || y < 3 || x >= image.width - 3 || y >= image.height - 3 { atEdge += 1 }
            }
        }
    }

    /// A chart: some ink (at least 1% of the pixels), text-like dark pixels and coloured marks.
    var looksLikeAChart: Bool { painted * 100 >= total && dark >= 300 && coloured >= 200 }
}

/// Plots rendered by a real browser: the SVGs `loupe` writes, screenshotted by headless
/// Chromium, decoded here, and counted. A blank (white) screenshot fails, and so does ink at
/// the picture's edge, where a clipped label would be.
@Suite("Plots in a browser", .serialized)
struct PlotBrowserTests {
    static let script = """
        local t = corpus:search("nato"):count_by("outlet"):sort("n", "desc")
        print(t:plot{kind = "bar", x = "outlet", y = "n", title = "NATO by outlet", file = "bar.svg"})
        local rows = {}
        for doc in corpus:docs() do
          if doc.meta.date then rows[#rows + 1] = {date = doc.meta.date, n = corpus:filter{id = doc.id}:count("nato"), genre = doc.meta.genre} end
        end
        print(loupe.table(rows):plot{kind = "line", x = "date", y = "n", series = "genre", title = "NATO per document over time", file = "line.svg"})
        print(corpus:search("nato|minsk"):plot{file = "dispersion.svg"})
        """

    @Test("bar, line and dispersion plots render as charts, with nothing cut at the edges",
          .enabled(if: Browser.path != nil, Comment(rawValue: Browser.missing)))
    func chartsRender() throws {
        try TempDir.with { dir in
            let out = try dir.subfolder("out")
            let r = try LoupeCLI.run(["--corpus", LoupeCLI.bundledCorpus, "--quiet", "--out", out.path, "-e", Self.script], cwd: dir.url)
            #expect(r.status == 0, "\(r)")
            for name in ["bar", "line", "dispersion"] {
                let svg = out.url.appendingPathComponent(name + ".svg")
                #expect(FileManager.default.fileExists(atPath: svg.path), "\(name).svg was not written\n\(r)")
                let image = try Browser.screenshot(svg, in: dir)
                let ink = Ink(image)
                #expect(ink.looksLikeAChart, "\(name): \(ink)")
                #expect(ink.atEdge == 0, "\(name): \(ink.atEdge) painted pixels at the edge: something is cut off")
            }
        }
    }

    @Test("the check fails for an empty SVG and for one whose text runs off the edge",
          .enabled(if: Browser.path != nil, Comment(rawValue: Browser.missing)))
    func blankAndClippedAreCaught() throws {
        try TempDir.with { dir in
            let empty = try dir.write("empty.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"300\" viewBox=\"0 0 400 300\"></svg>\n")
            let blank = Ink(try Browser.screenshot(empty, in: dir))
            #expect(!blank.looksLikeAChart && blank.painted == 0, "\(blank)")
            let clipped = try dir.write("clipped.svg", """
                <svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" viewBox="0 0 400 300" font-family="sans-serif">
                <rect x="50" y="50" width="300" height="100" fill="#4e79a7"/>
                <text x="380" y="200" font-size="40">a label far too long</text></svg>
                """)
            let ink = Ink(try Browser.screenshot(clipped, in: dir))
            #expect(ink.painted > 0 && ink.atEdge > 0, "\(ink)")
        }
    }
}
