import Testing
import TICKscript

/// The kinds and texts of a script's tokens, EOF left out.
func lex(_ script: String) -> [String] {
    Lexer.tokens(of: script).filter { $0.kind != .eof }.map { "\($0.kind.name) \($0.text)" }
}

@Suite struct LexerTests {
    @Test func chainWithProperties() {
        #expect(lex("var x = stream|window().period(10s)") == [
            "var var", "identifier x", "= =", "identifier stream", "| |", "identifier window", "( (", ") )",
            ". .", "identifier period", "( (", "duration 10s", ") )",
        ])
    }

    @Test(arguments: [
        ("10s", "duration 10s"), ("5m", "duration 5m"), ("100ms", "duration 100ms"), ("3u", "duration 3u"),
        ("3µ", "duration 3µ"), ("2h", "duration 2h"), ("1d", "duration 1d"), ("1w", "duration 1w"),
        ("1", "number 1"), ("1.5", "number 1.5"), (".5", "number .5"), ("1.", "number 1."), ("0600", "number 0600"),
        ("'it\\'s'", "string 'it\\'s'"), ("''", "string ''"), ("'''a 'quoted' b'''", "string '''a 'quoted' b'''"),
        ("\"usage \\\"idle\\\"\"", "reference \"usage \\\"idle\\\"\""), ("TRUE", "TRUE TRUE"), ("FALSE", "FALSE FALSE"),
        ("*", "* *"), ("/^\\/root\\//", "regex /^\\/root\\//"), ("ünïcode_1", "identifier ünïcode_1"),
    ])
    func operands(script: String, token: String) {
        #expect(lex(script) == [token])
    }

    @Test func durationUnitsOnlyWithoutDecimals() {
        #expect(lex("1.5m") == ["number 1.5", "identifier m"])
        #expect(lex("10days") == ["duration 10d", "identifier ays"])
    }

    @Test func operatorsAfterOperands() {
        #expect(lex("lambda: \"a\" * 2 / 3 % 4 - 1 + 2 >= 3 AND !(\"b\" != 4) OR \"c\" =~ /x/ AND \"d\" !~ /y/").map {
            $0.split(separator: " ").first.map(String.init) ?? ""
        } == [
            "lambda", "reference", "*", "number", "/", "number", "%", "number", "-", "number", "+", "number", ">=",
            "number", "AND", "!", "(", "reference", "!=", "number", ")", "OR", "reference", "=~", "regex", "AND",
            "reference", "!~", "regex",
        ])
    }

    @Test func lambdaNeedsTheColon() {
        #expect(lex("lambda: 1") == ["lambda lambda:", "number 1"])
        #expect(lex("lambda") == ["identifier lambda"])
    }

    @Test func commentsJoinConsecutiveLines() {
        #expect(lex("// one\n  // two\n\n// three\nx") == ["// // one\n  // two\n", "// // three\n", "identifier x"])
    }

    @Test func regexAfterAssignmentEvenWhenItLooksLikeAComment() {
        #expect(lex("var x = //") == ["var var", "identifier x", "= =", "regex //"])
    }

    @Test(arguments: [
        ("'open", "unterminated string"), ("'''open", "unterminated string"), ("\"open", "unterminated field reference"),
        ("/open", "unterminated regex"), ("1.2.3", "multiple decimals in number"), ("#", "unknown state, last char: '#'"),
        ("=", "unknown state, last char: '='"),
    ])
    func errors(script: String, message: String) {
        let tokens = Lexer.tokens(of: script)
        #expect(tokens.last?.kind == .error(message))
    }

    @Test func positionsAreLineAndByteColumn() {
        let source = SourceText("a\n\n\nvar b = ")
        #expect(source.position(of: 0) == (1, 1))
        #expect(source.position(of: 4) == (4, 1))
        #expect(source.position(of: 12) == (4, 9))
        #expect(source.context(around: 12) == "var b = ")
        #expect(SourceText("a\n\n\nvar b = stream.window()var period)\n\nvar x = 1").context(around: 37) == "var period)")
    }
}
