import Models
@testable import Pipeline
import Synchronization
import Testing

/// Files as a sideload directory would hold them, by relative path.
final class StaticSideload: SideloadSources, SideloadSource {
    let files: [String: [String: SideloadValue]]
    let opened = Mutex<[String]>([])

    init(_ files: [String: [String: SideloadValue]]) { self.files = files }

    func source(_ url: String, endpoint: HTTPPostEndpoint?) throws(PipelineError) -> any SideloadSource {
        opened.withLock { $0.append(url + (endpoint.map { " as " + $0.username } ?? "")) }
        return self
    }

    func lookup(_ paths: [String], key: String) -> SideloadValue? {
        for path in paths { if let value = files[path]?[key] { return value } }
        return nil
    }
}

@Suite struct SideloadRuntimeTests {
    /// Kapacitor's own test layout: a default file, one per host group and one per host.
    let files = StaticSideload([
        "default.yml": ["key0": .number(0), "key1": .string("one")],
        "host/hostA.yml": ["key0": .number(5)],
        "hostgroup/foo.yml": ["key0": .number(1), "key1": .string("foo")],
    ])
    let script = """
    stream|from()
        |sideload().source('file:///etc/sideload')
            .order('host/{{.host}}.yml', 'hostgroup/{{.hostgroup}}.yml', 'default.yml')
            .field('key0', 0.0).field('missing', 7).tag('key1', 'none')
        |httpOut('out')
    """

    @Test func theFirstFileInOrderThatHasTheKeyWins() throws {
        let harness = try NodeHarness(script, sideload: files)
        harness.send(makePoint("cpu", ["host": "hostA", "hostgroup": "foo"], ["v": .int(1)], at: 1), from: "from1")
        harness.send(makePoint("cpu", ["host": "hostB", "hostgroup": "foo"], ["v": .int(2)], at: 2), from: "from1")
        harness.send(makePoint("cpu", ["host": "hostB", "hostgroup": "bar"], ["v": .int(3)], at: 3), from: "from1")
        harness.send(makePoint("cpu", [:], ["v": .int(4)], at: 4), from: "from1")
        #expect(harness.lines() == [
            "cpu,host=hostA,hostgroup=foo,key1=foo v=1i,key0=5.0,missing=7i 1.0",
            "cpu,host=hostB,hostgroup=foo,key1=foo v=2i,key0=1.0,missing=7i 2.0",
            "cpu,host=hostB,hostgroup=bar,key1=one v=3i,key0=0.0,missing=7i 3.0",
            "cpu,key1=one v=4i,key0=0.0,missing=7i 4.0",
        ])
        #expect(files.opened.withLock { $0 } == ["file:///etc/sideload"])
        #expect(harness.errors.isEmpty)
    }

    @Test func batchPointsAreLoadedOneByOne() throws {
        let harness = try NodeHarness("""
        batch|query('SELECT v FROM cpu')
            |sideload().source('file:///s').order('host/{{.host}}.yml', 'default.yml').field('key0', 0.0)
            |httpOut('out')
        """, sideload: files)
        var batch = makeBatch("cpu", tmax: 10, [(1, ["v": .int(1)]), (2, ["v": .int(2)])])
        batch.points[0].tags = Tags(["host": "hostA"])
        harness.send(.batch(batch), from: "query1")
        #expect(harness.lines() == ["batch cpu  10.0", "  cpu,host=hostA v=1i,key0=5.0 1.0", "  cpu v=2i,key0=0.0 2.0"])
    }

    @Test(arguments: [
        (FieldValue.int(0), SideloadValue.number(3), FieldValue.int(3)),
        (.int(0), .number(3.5), nil),
        (.int(0), .string("12"), .int(12)),
        (.float(0), .string("1.5"), .float(1.5)),
        (.float(0), .number(2), .float(2)),
        (.bool(false), .string("T"), .bool(true)),
        (.bool(false), .number(1), nil),
        (.string(""), .number(0.1), .string("0.1")),
        (.string(""), .number(1e21), .string("1000000000000000000000")),
        (.string(""), .bool(true), .string("true")),
        (.float(0), .other("[]interface {}"), nil),
    ] as [(FieldValue, SideloadValue, FieldValue?)])
    func valuesConvertToTheDefaultsType(fallback: FieldValue, found: SideloadValue, expected: FieldValue?) {
        #expect(SideloadRuntime.convert(found, like: fallback) == expected)
    }

    @Test func aValueOfTheWrongTypeFallsBackToTheDefaultAndIsReported() throws {
        let harness = try NodeHarness("""
        stream|from()|sideload().source('file:///s').order('default.yml').field('key1', 0.0)|httpOut('out')
        """, sideload: files)
        harness.send(makePoint("cpu", [:], ["v": .int(1)], at: 1), from: "from1")
        #expect(harness.lines() == ["cpu v=1i,key1=0.0 1.0"])
        #expect(harness.errors == [
            "sideload2: failed to load key key1: cannot convert value of type string to type float64"
        ])
    }

    @Test func aSourceWithoutSchemeNamesAnHTTPPostEndpoint() throws {
        let endpoint = HTTPPostEndpoint(url: "https://cmdb.example/sideload", username: "kap", password: "pw")
        _ = try NodeHarness(
            "stream|from()|sideload().source('cmdb').order('a.yml').field('k', 0)|httpOut('out')", sideload: files, endpoints: ["cmdb": endpoint])
        #expect(files.opened.withLock { $0 } == ["https://cmdb.example/sideload as kap"])
        #expect {
            try NodeHarness("stream|from()|sideload().source('nowhere').order('a.yml')|httpOut('out')", sideload: files)
        } throws: { ($0 as? PipelineError)?.description == "sideload2: specified endpoint does not exist: nowhere" }
    }

    @Test func aBadOrderTemplateFailsTheTask() {
        #expect(throws: PipelineError.self) {
            try NodeHarness("stream|from()|sideload().source('file:///s').order('{{ .host ')|httpOut('out')", sideload: files)
        }
    }
}
