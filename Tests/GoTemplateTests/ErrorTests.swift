import GoTemplate
import Testing

@Suite struct ErrorTests {
    @Test(arguments: [
        ("{{ .ID }", "template: t:1: unexpected \"}\" in operand", 1, 8),
        ("{{ .ID ", "template: t:1: unclosed action", 1, 8),
        ("ok\n{{ if .X }}x", "template: t:2: unexpected EOF", 2, 13),
        ("{{ end }}", "template: t:1: unexpected {{end}}", 1, 4),
        ("{{ else }}", "template: t:1: unexpected {{else}}", 1, 4),
        ("{{ foo .X }}", "template: t:1: function \"foo\" not defined", 1, 4),
        ("{{ $x }}", "template: t:1: undefined variable \"$x\"", 1, 4),
        ("{{ \"abc }}", "template: t:1: unterminated quoted string", 1, 4),
        ("{{ # }}", "template: t:1: unexpected \"#\" in command", 1, 4),
        ("{{ \u{01} }}", "template: t:1: bad character U+0001", 1, 4),
        ("{{ 1x }}", "template: t:1: bad number syntax: \"1x\"", 1, 4),
        ("{{/* x }}", "template: t:1: unclosed comment", 1, 1),
        ("{{ if }}{{ end }}", "template: t:1: missing value for if", 1, 7),
        ("{{ break }}", "template: t:1: {{break}} outside {{range}}", 1, 4),
        ("{{ (.X }}", "template: t:1: unclosed left paren", 1, 8),
        ("{{ .X) }}", "template: t:1: unexpected right paren", 1, 6),
        ("{{ .X | 1 }}", "template: t:1: non executable command in pipeline stage 2", 1, 11),
        ("{{ json . }}", "template: t:1: function \"json\" not defined", 1, 4),
    ])
    func parseErrors(template: String, message: String, line: Int, column: Int) {
        do {
            _ = try Template(parsing: template, name: "t")
            Issue.record("expected a parse error")
        } catch {
            #expect(error.kind == .parse)
            #expect(error.message == message)
            #expect(error.line == line)
            #expect(error.column == column)
        }
    }

    @Test(arguments: [
        ("{{ if eq (index .Fields \"value\") 80 }}x{{ end }}",
         "template: t:1:6: executing \"t\" at <eq>: error calling eq: incompatible types for comparison"),
        ("{{ lt .Level 1 }}", "template: t:1:3: executing \"t\" at <lt>: error calling lt: incompatible types for comparison"),
        ("{{ lt true false }}", "template: t:1:3: executing \"t\" at <lt>: error calling lt: invalid type for comparison"),
        ("{{ .Nope }}", "template: t:1:3: executing \"t\" at <.Nope>: can't evaluate field Nope in type kapacitor.detailsInfo"),
        ("{{ .Level.X }}", "template: t:1:3: executing \"t\" at <.Level.X>: can't evaluate field X in type string"),
        ("{{ eq }}", "template: t:1:3: executing \"t\" at <eq>: wrong number of args for eq: want at least 1 got 0"),
        ("{{ not 1 2 }}", "template: t:1:3: executing \"t\" at <not>: wrong number of args for not: want 1 got 2"),
        ("{{ index .Tags 1 }}", "template: t:1:3: executing \"t\" at <index>: error calling index: value has type int64; should be string"),
        ("{{ len 3 }}", "template: t:1:3: executing \"t\" at <len>: error calling len: len of type int64"),
        ("{{ printf 3 }}", "template: t:1:3: executing \"t\" at <printf>: error calling printf: wrong type for value; expected string; got int64"),
        ("{{ .Name 1 }}", "template: t:1:3: executing \"t\" at <.Name>: Name has arguments but cannot be invoked as function"),
        ("{{ nil }}", "template: t:1:3: executing \"t\" at <nil>: nil is not a command"),
        ("{{ 1 2 }}", "template: t:1:3: executing \"t\" at <1>: can't give argument to non-function 1"),
        ("{{ range .Name }}{{ end }}", "template: t:1:9: executing \"t\" at <.Name>: range can't iterate over cpu"),
        ("{{ template \"none\" }}", "template: t:1:3: executing \"t\" at <template>: template: no template \"none\" associated with template \"t\""),
        ("x\n  {{ .Nope }}", "template: t:2:5: executing \"t\" at <.Nope>: can't evaluate field Nope in type kapacitor.detailsInfo"),
    ])
    func executionErrors(template: String, message: String) {
        do {
            _ = try Fixtures.render(template)
            Issue.record("expected an execution error")
        } catch {
            #expect((error as? TemplateError)?.kind == .execution)
            #expect((error as? TemplateError)?.message == message)
        }
    }
}
