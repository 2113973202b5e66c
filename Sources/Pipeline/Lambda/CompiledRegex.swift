import Synchronization
import TICKscript

/// A checked RE2 pattern whose Swift `Regex` is built at its first match, once, and shared by every
/// literal with the same pattern (``LambdaRegex``'s cache).
///
/// Building a `Regex` parses its text with `_RegexParser` (about 160 k instructions for a short
/// pattern), which defining a task need not pay: the syntax was checked by ``RegexSyntax``.
final class CompiledRegex: Sendable {
    /// The pattern in Go's syntax (the literal with `\/` unescaped).
    let pattern: String
    /// The built `Regex`, or the error building it gave; set once.
    private let built = AtomicLazyReference<Built>()
    /// Held while building, so that racing first matches build once.
    private let building = Mutex(())

    /// The outcome of building: Swift's `Regex` is not `Sendable` only because its output type
    /// is not; it is immutable and its program is created atomically, and no output escapes.
    final class Built: @unchecked Sendable {
        let result: Result<Regex<AnyRegexOutput>, LambdaError>

        init(_ result: Result<Regex<AnyRegexOutput>, LambdaError>) { self.result = result }
    }

    init(_ pattern: String) { self.pattern = pattern }

    /// Whether the `Regex` was built (by a first match).
    var isBuilt: Bool { built.load() != nil }

    /// The `Regex`, built now when this is the first match. A pattern Go accepts but Swift's
    /// `Regex` cannot take fails each match with the same error.
    func regex() throws(LambdaError) -> Regex<AnyRegexOutput> {
        let outcome = built.load() ?? building.withLock { _ in built.load() ?? built.storeIfNil(Built(Self.build(pattern))) }
        return try outcome.result.get()
    }

    private static func build(_ pattern: String) -> Result<Regex<AnyRegexOutput>, LambdaError> {
        do {
            let swift = try RegexSyntax.swiftPattern(pattern)
            let regex = try Regex<AnyRegexOutput>(swift)
                .matchingSemantics(.unicodeScalar)
                .wordBoundaryKind(.simple)
                .asciiOnlyWordCharacters()
            return .success(regex)
        } catch let error as RegexSyntax.Error {
            return .failure(LambdaError(error.message))
        } catch {
            return .failure(LambdaError("regexp `\(pattern)` is not supported by the matcher: \(error)"))
        }
    }
}
