/// The type table: every distinct matching form gets a dense integer id.
public struct Vocabulary: Sendable {
    public private(set) var forms: [String] = []
    private var ids: [String: UInt32] = [:]

    public init() {}

    public var count: Int { forms.count }

    public mutating func intern(_ form: String) -> UInt32 {
        if let id = ids[form] { return id }
        let id = UInt32(forms.count)
        forms.append(form)
        ids[form] = id
        return id
    }

    public func id(of form: String) -> UInt32? { ids[form] }
    public func form(of id: UInt32) -> String { forms[Int(id)] }
}
