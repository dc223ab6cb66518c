import Foundation
import LuaRuntime

/// A student pack (`loupe exercise pack`): each exercise as a Lua file with the question
/// only — id, title, why, prompt, answer, hints, reflections — and neither the check nor
/// the solution. `loupe exercise list` and `show` read such files (they have no check).
extension Exercise {
    /// The exercise's student file: valid Lua that returns the question's fields.
    public var packed: String {
        func list(_ items: [String]) -> String {
            items.isEmpty ? "{}" : "{\n" + items.map { "    \(LuaValue.quoted($0)),\n" }.joined() + "  }"
        }
        return """
            -- Exercise \(id), from a student pack: the question, hints and questions to think about.
            -- Answer it with a Lua script that returns the answer (README.txt says how).
            return {
              id = \(LuaValue.quoted(id)),
              title = \(LuaValue.quoted(title)),
              why = \(LuaValue.quoted(why)),
              prompt = \(LuaValue.quoted(prompt)),
              answer = \(LuaValue.quoted(answer)),
              hints = \(list(hints)),
              reflections = \(list(reflections)),
            }

            """
    }

    /// README.txt of a student pack: how to use it.
    public static func packReadme(_ exercises: [Exercise]) -> String {
        let first = exercises.first?.id ?? "EXERCISE-ID"
        let width = exercises.map(\.id.count).max() ?? 0
        let table = exercises.map { "  " + $0.id.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.title }.joined(separator: "\n")
        return """
            Loupe exercises: a student pack
            ===============================

            Each .lua file in this folder is one exercise: the question, why it matters, what
            your answer should look like, hints, and questions to think about once you have
            the answer. The model solutions and the checks stay with your teacher.

            The exercises:

            \(table)

            1. Read an exercise, with the pack folder as the exercises folder:

                 loupe exercise list --exercises PACK
                 loupe exercise show \(first) --exercises PACK
                 loupe exercise show \(first) --exercises PACK --hint   (the next hint, one at a time)

            2. Answer it with a Lua script that works the answer out from `corpus` and ends
               with `return` and the answer, in the shape the exercise asks for. Save it
               outside this folder, named after the exercise: \(first).lua.
               Try it with:

                 loupe run \(first).lua

               (`print(...)` shows values on the way.) Do not write the answer itself into
               the script: it is checked on the corpus and on a copy of the corpus with some
               documents left out or cut short, and must be right on both.

            3. Hand in your scripts as your teacher asks: a folder named after you holding
               one script per exercise (YOURNAME/\(first).lua, …), or files named
               YOURNAME-\(first).lua. The teacher checks them all with

                 loupe exercise check --all SUBMISSIONS/ --out gradebook.csv

            4. Write down your thoughts on the questions to think about: nobody checks those
               automatically; they are for class.

            """
    }
}
