/// The stylesheet and script the pages load, served from the binary (no CDN, no npm).
/// The pages work without the script: it only adds conveniences.
enum StaticFiles {
    static let files: [String: (type: String, text: String)] = [
        "style.css": ("text/css; charset=utf-8", StyleSheet.text),
        "app.js": ("text/javascript; charset=utf-8", PageScript.text),
    ]
}
