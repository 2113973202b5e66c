@testable import Pipeline
import TICKscript
import Testing

/// Regex literals: checked against Go's syntax when made, matched with Go's meaning, built into a
/// Swift `Regex` at the first match and shared by every literal of the same pattern.
@Suite struct LambdaRegexTests {
    @Test func aCachedPatternMatchesAsAFreshOne() throws {
        let literal = #"^web-\d+\/api"#
        let first = try LambdaRegex(literal: literal)
        let second = try LambdaRegex(literal: literal)
        for text in ["web-12/api", "web-/api", "db-1/api"] {
            #expect(try first.matches(text) == second.matches(text))
        }
        #expect(try second.matches("web-12/api") && !second.matches("web-/api"))
        #expect(second.literal == literal)
    }

    @Test func anInvalidPatternStaysAnErrorEveryTime() {
        for _ in 0..<2 {
            #expect(throws: LambdaError("error parsing regexp: missing closing ): `(unclosed`")) {
                try LambdaRegex(literal: "(unclosed")
            }
        }
    }

    @Test func theFirstMatchBuildsThePatternOnceForEveryLiteral() throws {
        let first = try LambdaRegex(literal: "^built-at-first-match-[0-9]+$")
        let second = try LambdaRegex(literal: "^built-at-first-match-[0-9]+$")
        #expect(first.compiled === second.compiled)
        #expect(!first.compiled.isBuilt)
        #expect(try first.matches("built-at-first-match-42"))
        #expect(second.compiled.isBuilt)
        #expect(try !second.matches("built-at-first-match-"))
    }

    @Test func racingFirstMatchesAllSeeOneBuiltPattern() async throws {
        let regex = try LambdaRegex(literal: "^raced-first-match-(a|b)$")
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<8 {
                group.addTask { (try? regex.matches(index.isMultiple(of: 2) ? "raced-first-match-a" : "raced-first-match-c")) ?? false }
            }
            var results: [Bool] = []
            for await result in group { results.append(result) }
            return results
        }
        #expect(results.filter { $0 }.count == 4)
        #expect(try LambdaRegex(literal: "^raced-first-match-(a|b)$").compiled === regex.compiled)
        #expect(regex.compiled.isBuilt)
    }

    @Test func aPatternSwiftCannotTakeFailsEachMatchWithAnError() throws {
        // Go takes a capture name starting with a digit; Swift's Regex does not.
        let regex = try LambdaRegex(literal: "(?P<1st>x)")
        for _ in 0..<2 {
            #expect {
                try regex.matches("x")
            } throws: { error in
                (error as? LambdaError)?.message.hasPrefix("regexp `(?P<1st>x)` is not supported by the matcher: ") == true
            }
        }
    }

    @Test func aHandMadeInvalidLiteralFailsTheLambdaAtItsNode() {
        let node = Node(.binary(Binary(left: Node(.reference("s"), at: 0), op: .regexEqual, right: Node(.regex("a(b"), at: 7))), at: 4)
        #expect(throws: LambdaError("Failed to handle right node: error parsing regexp: missing closing ): `a(b`", offset: 7)) {
            try Lambda(node)
        }
    }

    /// Go's meaning where Swift reads the same text differently or not at all.
    @Test(arguments: [
        (#"\d"#, "٣", false), (#"\d"#, "7", true), (#"\s"#, "\u{0B}", false), (#"\s"#, "\u{85}", false), (#"\s"#, "\t", true),
        (#"\w"#, "é", false), (#"a.b"#, "a\rb", true), (#"a.b"#, "a\u{85}b", true), (#"a.b"#, "a\nb", false),
        (#"(?s)a.b"#, "a\nb", true), (#"a$"#, "a\n", false), (#"^b"#, "a\nb", false), (#"(?m)^b$"#, "a\nb\nc", true),
        (#"[]a]"#, "]", true), (#"[^]a]"#, "b", true), (#"[[a]"#, "[", true), (#"[a&&b]"#, "&", true),
        (#"[!--]"#, "+", true), (#"[a-c--b]"#, "-", true), (#"[a~~b]"#, "~", true), (#"\12"#, "\n", true), (#"\v"#, "\n", false),
        (#"\v"#, "\u{0B}", true), (#"[[:word:]]"#, "_", true), (#"[[:alpha:]]"#, "é", false), (#"[[:^alpha:]]"#, "1", true),
        (#"\bweb\b"#, "a web b", true), (#"\bb"#, "éb", true), (#"a{,3}"#, "a{,3}", true), (#"a{,3}"#, "aa", false),
        (#"x{2}"#, "axxb", true), (#"^*a"#, "a", true), (#"\pL"#, "é", true), (#"\PL"#, "é", false), (#"(?i)WEB"#, "web", true),
        (#"(?i:W)eb"#, "wEb", false), (#"\Qa.b\E"#, "axb", false), (#"\Qa.b\E"#, "a.b", true), (#"\p{Greek}"#, "α", true),
        (#"\p{^Greek}"#, "α", false), (#"[\d-z]"#, "-", true), (#"a*(?i)*"#, "aaa", true), (#"\x{263A}"#, "☺", true),
        (#"[é-ü]"#, "ö", true), (#"(?U)a+"#, "a", true), (#"a|"#, "b", true), (#"$+"#, "", true),
    ])
    func matchesAsGoDoes(pattern: String, text: String, expected: Bool) throws {
        #expect(try LambdaRegex(literal: pattern).matches(text) == expected)
    }

    /// Every construct Go accepts (but a capture name starting with a digit) builds a Swift `Regex`.
    @Test(arguments: [
        "^web-\\d+", "a{,3}", "x{", "x{1,", "x{01}", "[]a]", "[^]a]", "[[a]", "[a&&b]", "[!--]", "[a-]", "[-a]", "\\12", "\\0",
        "\\141", "(?U)a+", "\\Qa.b\\E", "\\Qa(", "(?P<n>a)", "(?<n>a)", "\\pL", "\\PN", "\\p{Greek}", "\\p{^Greek}",
        "\\p{greek}", "\\p{Letter}", "\\p{Any}", "\\p{ASCII}", "\\p{Assigned}", "\\p{Lc}", "\\p{cntrl}", "\\p{Old_Italic}",
        "[\\p{Lu}\\d]", "[[:word:]]", "[[:^alpha:]]", "^*", "$+", "\\b?", "(?m)^*$+", "a*(?i)*", "()*", "(|a)", "a|", "\\v",
        "[\\d-z]", "[^\\D]", "\\x{41}", "\\x41", "\\_", "\\#", "(?i)k", "(?i)[[:upper:]\\pL]", "(?s).", "(?m)^a$", "\\Aa\\z",
        "(?:)", "(?)", "(?i-s:a)", "x{1000}", "(x{10}){100}", "((x{500}){0}){3}", "x{0,}", "[\\x{10FFFF}]", "[^\\x00-\\x{10FFFF}]",
        "é+", "[é-ü]", "\\ ", "a\\/b", "(?U)a*?b+?",
    ])
    func buildsASwiftRegexForWhatGoAccepts(pattern: String) throws {
        _ = try LambdaRegex(literal: pattern).matches("")
    }

    @Test func replacementsFollowGoGreedinessFlags() throws {
        #expect(try LambdaRegex(literal: "(?U)a+").replaceAll(in: "aaa", with: "x") == "xxx")
        #expect(try LambdaRegex(literal: "(?U)a+?").replaceAll(in: "aaa", with: "x") == "x")
        #expect(try LambdaRegex(literal: "a+?").replaceAll(in: "aaa", with: "x") == "xxx")
    }
}
