import Testing
import TICKscript

@Suite struct FormatterTests {
    @Test(arguments: [
        ("var   x=  1", "var x = 1\n"),
        ("var x=1.50", "var x = 1.5\n"),
        ("var x = 1.", "var x = 1.0\n"),
        ("var x = .25", "var x = 0.25\n"),
        ("var x = 0.0000001", "var x = 0.0000001\n"),
        ("var x = 007", "var x = 07\n"),
        ("var x='it\\'s'", "var x = 'it\\'s'\n"),
        ("var x='''multi\nline'''", "var x = '''multi\nline'''\n"),
        ("var f = lambda: \"a\">-1 AND !\"b\"", "var f = lambda: \"a\" > -1 AND !\"b\"\n"),
        ("stream|from().measurement('cpu')|window().period(1m).every(1m)|mean('usage')", """
        stream
            |from()
                .measurement('cpu')
            |window()
                .period(1m)
                .every(1m)
            |mean('usage')

        """),
        ("var a = 1\nvar b = 2\n\n\n\nstream", "var a = 1\n\nvar b = 2\n\nstream\n"),
        ("dbrp \"db\".\"rp\"\nstream|from()", "dbrp \"db\".\"rp\"\n\nstream\n    |from()\n"),
        ("var x = stream@myUDF().opt(1, 'a').flag()", "var x = stream\n    @myUDF()\n        .opt(1, 'a')\n        .flag()\n"),
        ("global(lambda: ((1)))", "global(lambda: 1)\n"),
        ("var groups = ['host','dc' , *]", "var groups = ['host', 'dc', *]\n"),
        ("", ""),
    ])
    func canonicalForm(script: String, expected: String) throws {
        #expect(try Formatter.format(script) == expected)
    }

    @Test func commentsAreKeptWhereTheyWere() throws {
        let script = """
        // Alert on CPU
        //plain
        //
        var crit = 80 // not a line comment target

        stream
            // pick the measurement
            |from()
                //  the name
                .measurement('cpu')
        // trailing
        """
        #expect(try Formatter.format(script) == """
        // Alert on CPU
        // plain
        //
        var crit = 80

        // not a line comment target
        stream
            // pick the measurement
            |from()
                //  the name
                .measurement('cpu')

        // trailing


        """)
    }

    @Test func multiLineCallsAndLambdas() throws {
        let script = "stream|alert()\n.crit(lambda: \"usage\" > 90\nAND \"host\" == 'a')\n.details('''\n<b>{{ .ID }}</b>\n''')"
        #expect(try Formatter.format(script) == """
        stream
            |alert()
                .crit(lambda: "usage" > 90 AND
                    "host" == 'a')
                .details('''
        <b>{{ .ID }}</b>
        ''')

        """)
    }

    @Test func formattingIsAFixedPoint() throws {
        let scripts = [
            "var x = stream\n@udf()\n.option(\n// one\n1,\n2,\n)",
            "global(lambda: \n// why\n(1 + 2) \n< (sin(6))\nAND \n(TRUE OR FALSE), 'arg',)",
            "batch|query('''SELECT mean(\"usage_idle\") FROM \"telegraf\".\"autogen\".cpu''').period(5m).every(1m).groupBy(time(1m), 'host')",
        ]
        for script in scripts {
            let once = try Formatter.format(script)
            #expect(try Formatter.format(once) == once, "\(once)")
        }
    }
}
