import ArgumentParser
import Foundation
import LoupeCore
import LoupeLua

/// `loupe manpage`: the man page, in roff, made from the commands' own help so it never
/// disagrees with `--help` (`make install` writes it to share/man/man1/loupe.1).
struct ManPage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manpage", abstract: "Print the man page for `man loupe` (roff).", shouldDisplay: false)

    func run() { Terminal.out(Self.roff()) }

    /// Every command, with the name `loupe …` that runs it.
    static let commands: [(name: String, type: ParsableCommand.Type)] = [
        ("loupe [repl]", Start.self), ("loupe run", Run.self), ("loupe reference", Reference.self),
        ("loupe exercise list", ExerciseList.self), ("loupe exercise show", ExerciseShow.self),
        ("loupe exercise check", ExerciseCheck.self), ("loupe exercise pack", ExercisePack.self),
        ("loupe verify", Verify.self), ("loupe serve", Serve.self),
    ]

    static func roff() -> String {
        var out = ".TH LOUPE 1 \"\" \"Loupe \(BuildInfo.version)\" \"User Commands\"\n"
        out += ".SH NAME\nloupe \\- read a corpus closely and count in it, with Lua\n"
        out += ".SH SYNOPSIS\n.B loupe\n[\\fB\\-\\-corpus\\fR \\fIpath\\fR] [\\fB\\-e\\fR \\fIcode\\fR]\n.br\n"
            + ".B loupe\n\\fIcommand\\fR [\\fIoptions\\fR]\n"
        out += ".SH DESCRIPTION\n" + text(Loupe.configuration.abstract) + "\n.PP\n" + text(Loupe.configuration.discussion) + "\n"
        out += ".PP\nLoupe loads a folder of documents into memory, indexes them, and runs Lua 5.4 in a sandbox: "
            + "type Lua at the REPL, run shared scripts, or serve the corpus to browsers. With no corpus named it opens "
            + "\\fI$LOUPE_CORPUS\\fR, else \\fI./corpus\\fR, else the corpus that came with Loupe.\n"
        out += ".SH COMMANDS\n"
        for (name, type) in commands {
            out += ".SS \"\(name)\"\n.nf\n" + preformatted(Loupe.helpMessage(for: type, columns: 78)) + ".fi\n"
        }
        out += """
            .SH ENVIRONMENT
            .TP
            .B LOUPE_CORPUS
            The corpus folder when \\fB\\-\\-corpus\\fR is not given.
            .TP
            .B LOUPE_HOME
            The folder holding the bundled \\fIcorpus/\\fR and \\fIscripts/\\fR (default: \\fIPREFIX/share/loupe\\fR).
            .TP
            .B PAGER
            The pager \\fBdoc:show{}\\fR uses at the interactive REPL (default \\fBless \\-FRX\\fR).
            .TP
            .B NO_COLOR
            Print no colour.
            .SH FILES
            .TP
            .I PREFIX/share/loupe/corpus
            The bundled corpus of thirteen texts about the war in Ukraine.
            .TP
            .I PREFIX/share/loupe/scripts
            Example scripts, lexicons, plugins and the exercises (\\fIscripts/exercises\\fR).
            .TP
            .I PREFIX/share/doc/loupe
            The guide, the Lua API reference, the statistics' definitions, the browser and the classroom.
            .SH EXIT STATUS
            0 on success, 1 when a script fails (or an exercise is not passed), 2 on a usage error.
            .SH SEE ALSO
            \\fBlua\\fR(1); the guide in \\fIPREFIX/share/doc/loupe/guide.md\\fR; \\fBloupe reference\\fR for the Lua API.

            """
        return out
    }

    /// Text for a roff paragraph: backslashes escaped, a leading dot or quote kept as text.
    static func text(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let escaped = line.replacingOccurrences(of: "\\", with: "\\e").replacingOccurrences(of: "-", with: "\\-")
            return escaped.hasPrefix(".") || escaped.hasPrefix("'") ? "\\&" + escaped : escaped
        }.joined(separator: "\n")
    }

    /// Help text for a `.nf` block: as `text`, with empty lines kept as such.
    static func preformatted(_ s: String) -> String {
        text(s.trimmingCharacters(in: .newlines)) + "\n"
    }
}
