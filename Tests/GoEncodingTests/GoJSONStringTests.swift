import GoEncoding
import Testing

@Suite struct GoJSONStringTests {
    @Test(arguments: [
        ("plain text", #""plain text""#),
        ("", #""""#),
        (#"say "hi" \ <b>&"#, #""say \"hi\" \\ \u003cb\u003e\u0026""#),
        ("tab\tline\nreturn\r", #""tab\tline\nreturn\r""#),
        ("\u{1}\u{1f}\u{8}\u{c}", #""\u0001\u001f\b\f""#),
        ("a\u{2028}b\u{2029}c", #""a\u2028b\u2029c""#),
        ("€ \u{2027} ✓ é́", "\"€ \u{2027} ✓ é́\""),
        ("\"\u{301}", #""\"\#u{301}""#),
    ])
    func escapesAsGoDoes(text: String, json: String) {
        var output = "x"
        GoJSONString.append(text, to: &output)
        #expect(output == "x" + json)
    }
}
