import LoupeCore
import LuaRuntime

extension LuaEnvironment {
    /// Help for a name: a plugin's own help (and what else it registered under the name), else the API reference.
    public func help(_ name: String?) -> String {
        let registries = [ownPlugins, plugins]   // this environment's own registrations first: they override
        for registry in registries {
            if let name, let p = registry.plugins.first(where: { $0.name == name || "corpus:" + $0.name == name }) {
                let parts = registry.partsHelp(p.name).map { "\n\n" + $0 } ?? ""
                let from = p.file.isEmpty ? "registered by a script" : "plugin from \(p.file)"
                return "corpus:\(p.name)(args)  — \(from)\n\n\(p.help.isEmpty ? "(no help given)" : p.help)" + parts
            }
        }
        for registry in registries { if let name, let parts = registry.partsHelp(name) { return parts } }
        var text = APIReference.text(for: name)
        if name == nil && !pluginRuns.isEmpty { text += "\nPlugins: " + pluginNames.map { "corpus:" + $0 }.joined(separator: ", ") }
        if name == nil { text += plugins.partsSummary + ownPlugins.partsSummary }
        return text
    }
}
