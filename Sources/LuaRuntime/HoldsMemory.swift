/// An object whose Swift memory can be large (hits, concordances, tables): while Lua
/// holds it, that memory counts against the state's memory limit (`LuaStack.pushObject`),
/// as Lua's own allocations do, so `t[i] = corpus:search(q)` in a loop stops at the limit.
public protocol HoldsMemory: AnyObject {
    /// An estimate of the bytes held, taken when the object is pushed.
    var heldBytes: Int { get }
}
