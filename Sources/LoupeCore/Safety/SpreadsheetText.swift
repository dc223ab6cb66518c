/// Text from someone else (a student's error message, feedback, file name) made safe to open
/// in a spreadsheet: a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return would
/// be read as a formula (`=cmd|' /c calc'!A1`), so it gets a single quote first, which
/// spreadsheets show as text and do not display. Used for the class results of
/// `loupe exercise check`, not for the tables scripts write: an analyst's CSV keeps every
/// cell exactly ("-ish" stays "-ish"), since it is data for other programs as much as for people.
public enum SpreadsheetText {
    public static func cell(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return text }
        return "'" + text
    }

    /// A row with every string cell made safe (numbers, booleans and nulls unchanged).
    public static func row(_ row: [(String, TableValue)]) -> [(String, TableValue)] {
        row.map { name, value in
            if case .string(let s) = value { return (name, .string(cell(s))) }
            return (name, value)
        }
    }
}
