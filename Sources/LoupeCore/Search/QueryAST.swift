/// The query language (docs/design.md §6, docs/queries.md) as a tree.
///
///     query    := or
///     or       := and ("OR" and)*
///     and      := not ("AND" not)*
///     not      := "NOT" not | near
///     near     := primary ("NEAR/" n primary)*
///     primary  := "(" query ")" | sequence
///     sequence := element+            -- words side by side form a phrase
///               | '"' element+ '"'
///     element  := alternative ("|" alternative)* | "_" | "_{m,n}"
///     alternative := word | word%d | =Word | wild*card? | /regex/ | ~stem
public indirect enum QueryNode: Equatable, Sendable {
    case sequence([SequenceElement])
    case and(QueryNode, QueryNode)
    case or(QueryNode, QueryNode)
    case not(QueryNode)
    case near(QueryNode, QueryNode, Int)
}

/// One step of a phrase: a token matching any of the alternatives, or a gap of m…n tokens.
public enum SequenceElement: Equatable, Sendable {
    case token([TokenPattern])
    case gap(min: Int, max: Int)
}

/// What one token must look like.
public enum TokenPattern: Hashable, Sendable {
    /// The matching form (folded as the text is).
    case form(String)
    /// The surface text exactly, case included (`=Kiev`).
    case exact(String)
    /// `*` any run of characters, `?` one character, over the matching form.
    case wildcard(String)
    /// A regular expression over the whole matching form (anchored).
    case regex(String)
    /// The Snowball (English) stem of the matching form equals this word's stem.
    case stem(String)
    /// The matching form without its diacritics equals this (already stripped) word (`cafe%d`,
    /// CQP's %d): café, cafè and cafe alike.
    case unaccented(String)
}
