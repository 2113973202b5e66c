@testable import Pipeline
import Testing

/// Compiled patterns are shared through the cache without changing what a literal matches or
/// which literals are rejected.
@Suite struct LambdaRegexCacheTests {
    @Test func aCachedPatternMatchesAsAFreshOne() throws {
        let literal = #"^web-\d+\/api"#
        let first = try LambdaRegex(literal: literal)
        let second = try LambdaRegex(literal: literal)
        for text in ["web-12/api", "web-/api", "db-1/api"] {
            #expect(first.matches(text) == second.matches(text))
        }
        #expect(second.matches("web-12/api") && !second.matches("web-/api"))
        #expect(second.literal == literal)
    }

    @Test func anInvalidPatternStaysAnErrorEveryTime() {
        for _ in 0..<2 {
            #expect(throws: LambdaError.self) { try LambdaRegex(literal: "(unclosed") }
        }
    }
}
