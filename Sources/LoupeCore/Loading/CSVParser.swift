/// RFC 4180 CSV: comma-separated fields, double-quoted fields may hold commas,
/// line breaks and doubled quotes. Records keep the line they start on.
enum CSVParser {
    struct Record { var line: Int; var fields: [String] }
    struct Problem: Error { var line: Int; var message: String }

    /// All records, or the first malformation. CRLF and LF line ends both work.
    static func parse(_ text: String) -> (records: [Record], problems: [Problem]) {
        var records: [Record] = []
        var problems: [Problem] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1, recordLine = 1
        var inQuotes = false, quoteLine = 0, wasQuoted = false
        let bytes = Array(text.utf8)
        var i = 0
        var recordHasContent = false

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        func endRecord() {
            endField()
            if recordHasContent || fields.count > 1 { records.append(Record(line: recordLine, fields: fields)) }
            fields.removeAll()
            recordHasContent = false
        }

        while i < bytes.count {
            let c = bytes[i]
            if inQuotes {
                if c == 0x22 {
                    if i + 1 < bytes.count, bytes[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                    inQuotes = false; i += 1; continue
                }
                if c == 0x0A { line += 1 }
                field.append(c); i += 1; continue
            }
            switch c {
            case 0x22:
                if field.isEmpty && !wasQuoted {
                    inQuotes = true; wasQuoted = true; quoteLine = line; recordHasContent = true
                } else {
                    problems.append(Problem(line: line, message: "stray double quote inside an unquoted field"))
                    field.append(c)
                }
            case 0x2C:
                endField(); recordHasContent = true
            case 0x0D where i + 1 < bytes.count && bytes[i + 1] == 0x0A:
                break
            case 0x0A:
                endRecord(); line += 1; recordLine = line
            default:
                if wasQuoted {   // reported once per field, not once per byte
                    problems.append(Problem(line: line, message: "text after a closing double quote"))
                    wasQuoted = false
                }
                field.append(c); recordHasContent = true
            }
            i += 1
        }
        if inQuotes {
            problems.append(Problem(line: quoteLine, message: "quoted field is never closed"))
            return (records, problems)
        }
        if recordHasContent || !field.isEmpty || !fields.isEmpty { endRecord() }
        return (records, problems)
    }
}
