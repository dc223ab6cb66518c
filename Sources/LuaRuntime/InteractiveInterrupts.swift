internal import CLuaShim

/// How Ctrl-C is taken. A script stops at the first Ctrl-C and, as in lua.c, dies at a
/// second; in the REPL every Ctrl-C only stops the running entry, so the session (its
/// variables, its history) is never lost to an impatient second press.
public enum InteractiveInterrupts {
    /// Called once by the REPL before its first entry.
    public static func enable() { ls_setinteractive(1) }
}
