import Testing
import TICKscript

@Suite struct ParserTests {
    @Test func precedenceAndAssociativity() throws {
        let program = try Parser.parse("lambda: 1 + 2 * 3 - 4 < 5 AND NOT_A OR \"x\" =~ /y/")
        guard case .lambda(let expression)? = program.statements.first?.kind else {
            Issue.record("not a lambda")
            return
        }
        #expect(Formatter.format(Program(statements: [Node(.lambda(expression), at: 0)])) == "lambda: 1 + 2 * 3 - 4 < 5 AND NOT_A OR \"x\" =~ /y/\n")
        guard case .binary(let or) = expression.kind else { Issue.record("not binary"); return }
        #expect(or.op == .or)
        guard case .binary(let and) = or.left.kind else { Issue.record("not binary"); return }
        #expect(and.op == .and)
        guard case .binary(let less) = and.left.kind, case .binary(let minus) = less.left.kind else {
            Issue.record("not binary")
            return
        }
        #expect(less.op == .less)
        #expect(minus.op == .minus)
        guard case .binary(let plus) = minus.left.kind, case .binary(let times) = plus.right.kind else {
            Issue.record("not binary")
            return
        }
        #expect(plus.op == .plus && times.op == .multiply)
    }

    @Test func statementsOfEveryKind() throws {
        let program = try Parser.parse("""
        dbrp "telegraf"."autogen"
        var crit duration
        var period = 10s
        var groups = ['host', *]
        stream|from().measurement('cpu')@udf()
        """)
        #expect(program.statements.map(\.kind).count == 5)
        #expect(program.statements[0].kind == .dbrp(database: "telegraf", retentionPolicy: "autogen"))
        #expect(program.statements[1].kind == .typeDeclaration(name: "crit", type: "duration"))
        guard case .declaration("period", let value) = program.statements[2].kind else { Issue.record("declaration"); return }
        #expect(value.kind == .duration("10s"))
        guard case .declaration("groups", let list) = program.statements[3].kind, case .list(let items) = list.kind else {
            Issue.record("list")
            return
        }
        #expect(items.map(\.kind) == [.string(StringLiteral("host")), .star])
        guard case .chain(let left, .at, _) = program.statements[4].kind, case .chain(_, .dot, _) = left.kind else {
            Issue.record("chain")
            return
        }
    }

    @Test(arguments: [
        ("a\n\n\nvar b = ", 4, 9,
         "parser: unexpected EOF line 4 char 9 in \"var b = \". expected: \"number\",\"string\",\"duration\",\"identifier\",\"TRUE\",\"FALSE\",\"==\",\"(\",\"-\",\"!\""),
        ("a\n\n\nvar b = stream.window()var period)\n\nvar x = 1", 4, 34,
         "parser: unexpected ) line 4 char 34 in \"var period)\". expected: \"identifier\""),
        ("stream|window(", 1, 15,
         "parser: unexpected EOF line 1 char 15 in \"am|window(\". expected: \"number\",\"string\",\"duration\",\"identifier\",\"TRUE\",\"FALSE\",\"==\",\"(\",\"-\",\"!\""),
        ("stream|from().where(lambda: 'x)", 1, 29,
         "parser: unexpected unterminated string line 1 char 29 in \"e(lambda: 'x)\". expected: \"number\",\"string\",\"duration\",\"identifier\",\"TRUE\",\"FALSE\",\"==\",\"(\",\"-\",\"!\""),
        ("dbrp telegraf.autogen", 1, 6, "parser: unexpected identifier line 1 char 6 in \"dbrp telegraf.a\". expected: \"reference\""),
        ("var x = 08", 1, 9, "parser: illegal number syntax: \"08\""),
    ])
    func errorsHaveKapacitorsWordsAndPositions(script: String, line: Int, char: Int, message: String) {
        do {
            _ = try Parser.parse(script)
            Issue.record("expected an error")
        } catch {
            #expect(error.line == line)
            #expect(error.char == char)
            #expect(error.message == message)
        }
    }

    @Test func literalsAreDecoded() throws {
        let program = try Parser.parse("f('it\\'s', '''raw \\' text''', \"a \\\"b\\\"\", 0600, 1.5, TRUE, /a\\/b/)")
        guard case .function(let function)? = program.statements.first?.kind else { Issue.record("function"); return }
        #expect(function.arguments.map(\.kind) == [
            .string(StringLiteral("it's")), .string(StringLiteral("raw \\' text", tripleQuoted: true)), .reference("a \"b\""),
            .number(NumberLiteral(integer: 384, base: 8)), .number(NumberLiteral(float: 1.5)), .boolean(true), .regex("a\\/b"),
        ])
    }
}

@Suite struct DiagnosticsTests {
    @Test func everyIndependentErrorIsReportedWithItsLine() {
        let script = """
        var a = 1.2.3
        var b = 10s
        stream|from(.measurement('cpu')
        var c = lambda: "x" >
        var e = 2
        stream
            |window()
        var d = #
        """
        let errors = Parser.diagnose(script)
        #expect(errors.map(\.line) == [1, 3, 5, 8])
        #expect(errors.first?.message.hasPrefix("parser: unexpected multiple decimals in number line 1 char 9") == true)
        #expect(errors.last?.message.hasPrefix("parser: unexpected unknown state, last char: '#' line 8 char 9") == true)
    }

    @Test func aGoodScriptHasNoDiagnostics() {
        #expect(Parser.diagnose("var x = 1\nstream|from().measurement('cpu')").isEmpty)
    }

    @Test func theFirstDiagnosticIsKapacitorsError() {
        let script = "a\n\n\nvar b = stream.window()var period)\n\nvar x = 1"
        #expect(Parser.diagnose(script).map(\.message) == [
            "parser: unexpected ) line 4 char 34 in \"var period)\". expected: \"identifier\"",
        ])
    }
}
