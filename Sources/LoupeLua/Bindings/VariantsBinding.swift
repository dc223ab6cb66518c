import LoupeCore
import LuaRuntime

/// Spelling variants from Lua (docs/source-criticism.md): corpus:variants([groups] [, {zeros = true}]),
/// loupe.variants.query(word [, groups]) and loupe.variants.list([groups]).
enum VariantsBinding {
    static func addMethods(to cls: inout LuaClass<Corpus>) {
        cls.method("variants") { corpus, call in
            var groups = Variants.builtIn
            var optionsAt: Int32 = 3
            switch call.value(2) {
            case .nil: break
            case .record(let pairs) where pairs.allSatisfy({ Int($0.0) == nil }):
                optionsAt = 2                       // corpus:variants{zeros = true}
            default: groups = try variantGroups(call, 2)
            }
            let o = try Options(call, optionsAt, MethodOptions.variants)
            let zeros = o.bool("zeros") ?? false
            try AnalysisCall.pushTable(call) { try corpus.variants(groups, zeros: zeros) }
            return 1
        }
    }

    /// Sets `loupe.variants` ({query, list}) on the table at `table`.
    static func install(in stack: LuaStack, table: Int32) {
        stack.setField(table, "variants") {
            stack.push(.record([]))
            let t = stack.top
            stack.setField(t, "query") {
                stack.pushFunction("loupe.variants.query") { call in
                    let word = try call.string(1)
                    let groups = call.isNone(2) ? Variants.builtIn : try variantGroups(call, 2)
                    if let q = Variants.query(for: word, in: groups) { call.push(.string(q)) } else { call.push(.nil) }
                    return 1
                }
            }
            stack.setField(t, "list") {
                stack.pushFunction("loupe.variants.list") { call in
                    let groups = call.isNone(1) ? Variants.builtIn : try variantGroups(call, 1)
                    call.pushObject(TableHandle(Variants.list(groups)), typeName: TypeName.table)
                    return 1
                }
            }
        }
    }

    /// {{"kiev", "kyiv"}, {"donbass", "donbas", name = "Donbas"}} or one group {"kiev", "kyiv"}.
    static func variantGroups(_ call: LuaStack, _ i: Int32) throws -> [VariantGroup] {
        func group(_ v: LuaValue) throws -> VariantGroup? {
            var forms: [String] = []
            var name: String?
            switch v {
            case .array(let items):
                for item in items {
                    guard case .string(let s) = item else { return nil }
                    forms.append(s)
                }
            case .record(let pairs):
                for (k, item) in pairs {
                    if k == "name" {
                        guard case .string(let s) = item else { throw ScriptError("\(call.name): a group's name must be a string") }
                        name = s
                    } else if Int(k) != nil {
                        guard case .string(let s) = item else { return nil }
                        forms.append(s)
                    } else {
                        throw ScriptError("\(call.name): a group of variants is a list of spellings with an optional name, such as {\"kyiv\", \"kiev\", name = \"Kyiv\"}; unknown key '\(k)'")
                    }
                }
            default: return nil
            }
            guard !forms.isEmpty else { throw ScriptError("\(call.name): a group of variants needs at least one spelling") }
            return VariantGroup(name: name, forms: forms)
        }
        let v = call.value(i)
        if let one = try group(v) { return [one] }                  // {"kiev", "kyiv"}
        guard case .array(let items) = v, !items.isEmpty else {
            throw ScriptError("\(call.name): give groups of spellings such as {{\"kiev\", \"kyiv\"}, {\"donbass\", \"donbas\"}}")
        }
        return try items.map { item in
            guard let g = try group(item) else {
                throw ScriptError("\(call.name): each group is a list of spellings such as {\"kiev\", \"kyiv\"}, got \(Arguments.describe(item))")
            }
            return g
        }
    }
}
