import Testing
import TICKscript

/// Go's `regexp/syntax` decisions: what it accepts, and for what it rejects, its message.
@Suite struct RegexSyntaxTests {
    @Test(arguments: [
        ("(abc", "missing closing ): `(abc`"),
        ("a(b(c)", "missing closing ): `a(b(c)`"),
        ("abc)", "unexpected ): `abc)`"),
        ("a**", "invalid nested repetition operator: `**`"),
        ("a*+", "invalid nested repetition operator: `*+`"),
        ("a??*", "invalid nested repetition operator: `??*`"),
        ("a{2}{3}", "invalid nested repetition operator: `{2}{3}`"),
        ("*a", "missing argument to repetition operator: `*`"),
        ("a|*", "missing argument to repetition operator: `*`"),
        ("(+)", "missing argument to repetition operator: `+`"),
        ("(?i)*?", "missing argument to repetition operator: `*?`"),
        ("x{1001}", "invalid repeat count: `{1001}`"),
        ("x{2,1}", "invalid repeat count: `{2,1}`"),
        ("x{100000000}", "invalid repeat count: `{100000000}`"),
        ("(x{500}){3}", "invalid repeat count: `{3}`"),
        ("((x{10}){10}){11}?", "invalid repeat count: `{11}?`"),
        ("[a", "missing closing ]: `[a`"),
        ("x[]", "missing closing ]: `[]`"),
        ("[z-a]", "invalid character class range: `z-a`"),
        ("[[:foo:]]", "invalid character class range: `[:foo:]`"),
        ("\\p{Foo}", "invalid character class range: `\\p{Foo}`"),
        ("\\pX", "invalid character class range: `\\pX`"),
        ("\\p{L", "invalid character class range: `\\p{L`"),
        ("[\\p{Klingon}]", "invalid character class range: `\\p{Klingon}`"),
        ("\\8", "invalid escape sequence: `\\8`"),
        ("(a)\\1", "invalid escape sequence: `\\1`"),
        ("\\C", "invalid escape sequence: `\\C`"),
        ("\\x{110000}", "invalid escape sequence: `\\x{110000`"),
        ("\\x{}", "invalid escape sequence: `\\x{}`"),
        ("\\xZ1", "invalid escape sequence: `\\xZ1`"),
        ("\\x4", "invalid escape sequence: `\\x4`"),
        ("[\\b]", "invalid escape sequence: `\\b`"),
        ("[a-\\d]", "invalid escape sequence: `\\d`"),
        ("\\é", "invalid escape sequence: `\\é`"),
        ("a\\", "trailing backslash at end of expression: ``"),
        ("(?P<>a)", "invalid named capture: `(?P<>`"),
        ("(?P<a-b>x)", "invalid named capture: `(?P<a-b>`"),
        ("(?P<name", "invalid named capture: `(?P<name`"),
        ("(?<=a)b", "invalid named capture: `(?<=a)b`"),
        ("(?=a)", "invalid or unsupported Perl syntax: `(?=`"),
        ("(?!a)", "invalid or unsupported Perl syntax: `(?!`"),
        ("(?P=n)", "invalid or unsupported Perl syntax: `(?P`"),
        ("(?x)a", "invalid or unsupported Perl syntax: `(?x`"),
        ("(?i-)a", "invalid or unsupported Perl syntax: `(?i-)`"),
        ("(?i-s-m)a", "invalid or unsupported Perl syntax: `(?i-s-`"),
        ("(?i", "invalid or unsupported Perl syntax: `(?i`"),
    ])
    func rejectsAsGoDoes(pattern: String, message: String) {
        #expect(RegexSyntax.check(pattern)?.message == "error parsing regexp: " + message)
    }

    @Test(arguments: [
        "^web-\\d+", "a{,3}", "x{", "x{1,", "x{01}", "[]a]", "[^]a]", "[[a]", "[a&&b]", "[!--]", "[a-]", "[-a]", "\\12", "\\0",
        "\\141", "(?U)a+", "\\Qa.b\\E", "\\Qa(", "(?P<n>a)", "(?<n>a)", "(?P<1a>x)", "\\pL", "\\PN", "\\p{Greek}", "\\p{^Greek}",
        "\\p{greek}", "\\p{Letter}", "\\p{Any}", "\\p{ASCII}", "[\\p{Lu}\\d]", "[[:word:]]", "[[:^alpha:]]", "^*", "$+", "\\b?",
        "a*(?i)*", "()*", "(|a)", "a|", "\\v", "[\\d-z]", "\\x{41}", "\\x41", "\\_", "\\#", "(?i)k", "(?s).", "(?m)^a$",
        "\\Aa\\z", "(?:)", "(?)", "(?i-s:a)", "x{1000}", "(x{10}){100}", "((x{500}){0}){3}", "x{0,}", "[\\x{10FFFF}]",
        "é+", "[é-ü]", "\\ ", "a\\/b",
    ])
    func acceptsWhatGoAccepts(pattern: String) throws {
        #expect(RegexSyntax.check(pattern) == nil)
        _ = try RegexSyntax.swiftPattern(pattern)
    }

    @Test func aLiteralsEscapedSlashesAreUnescapedAsKapacitorDoes() {
        #expect(RegexSyntax.pattern(ofLiteral: "a\\/b") == "a/b")
        #expect(RegexSyntax.pattern(ofLiteral: "a\\\\/b") == "a\\/b")
        #expect(RegexSyntax.pattern(ofLiteral: "^web-\\d") == "^web-\\d")
        #expect(RegexSyntax.pattern(ofLiteral: "x\\") == "x\\")
    }

    @Test func anInvalidLiteralIsAParseErrorAtTheLiteral() {
        do {
            _ = try Parser.parse("stream\n    |from()\n    .where(lambda: \"host\" =~ /web-(\\d+/)\n")
            Issue.record("parsed")
        } catch {
            #expect(error.message == "parser: error parsing regexp: missing closing ): `web-(\\d+`")
            #expect(error.line == 3)
            #expect(error.char == 30)
        }
    }
}
