import Foundation
import Synchronization
import TestPeers
import Testing

@Suite struct SideloadTests {
    func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func aTaskReadsYAMLAndJSONFilesAndReloadPicksUpChanges() async throws {
        let directory = TemporaryDirectory()
        let source = directory.path + "/sideload"
        try write("threshold: 90\ncontact: ops\nlist: [1, 2]\n", to: source + "/default.yml")
        try write(#"{"threshold": 75, "enabled": true}"#, to: source + "/host/a.json")
        try write("ignored", to: source + "/notes.txt")
        let task = """
        {"id":"side","type":"stream","dbrps":[{"db":"telegraf","rp":"autogen"}],"status":"enabled",
         "script":"stream|from().measurement('cpu')|sideload().source('file://\(source)').order('host/{{.host}}.json','default.yml').field('threshold', 0).field('enabled', FALSE).tag('contact', 'nobody')|httpOut('out')"}
        """
        try await withDaemon(try testConfig(directory)) { client, _ async throws in
            #expect(try await client.call(.post, "/kapacitor/v1/tasks", task).status == .ok)
            #expect(try await client.call(.post, "/write?db=telegraf&rp=autogen", "cpu,host=a v=1 1000000000\n").status == .noContent)
            let first = try await eventually { () async throws -> String? in
                let (_, text, _) = try await client.call(.get, "/kapacitor/v1/tasks/side/out")
                return text.contains("values") ? text : nil
            }
            #expect(first == """
            {"series":[{"name":"cpu","tags":{"contact":"ops","host":"a"},"columns":["time","enabled","threshold","v"],\
            "values":[["1970-01-01T00:00:01Z",true,75,1]]}]}
            """)
            try write("threshold: 95\ncontact: sre\n", to: source + "/default.yml")
            #expect(try await client.call(.post, "/kapacitor/v1/sideload/reload", "").status == .noContent)
            #expect(try await client.call(.post, "/write?db=telegraf&rp=autogen", "cpu,host=b v=2 2000000000\n").status == .noContent)
            let second = try await eventually { () async throws -> String? in
                let (_, text, _) = try await client.call(.get, "/kapacitor/v1/tasks/side/out")
                return text.contains("\"b\"") ? text : nil
            }
            #expect(second?.contains(#""tags":{"contact":"sre","host":"b"},"columns":["time","enabled","threshold","v"],"values":[["1970-01-01T00:00:02Z",false,95,2]]"#) == true)
            try write("threshold: [", to: source + "/default.yml")
            let (status, error) = try await client.json(.post, "/kapacitor/v1/sideload/reload", "")
            #expect(status == .internalServerError)
            #expect((error["error"] as? String)?.hasPrefix("failed to update source \"\(source)\": failed to update sideload cache for source file") == true)
        }
    }

    @Test func anHTTPSourceNamedByAnEndpointIsFetchedWithItsBasicAuthAndReloaded() async throws {
        // Defining the task fetches the source synchronously: the server answers from NIO's threads.
        let reply = Reply(#"{"host/a.yml": {"threshold": 75}, "default.yml": {"threshold": 90, "contact": "ops"}}"#)
        let source = try await ScriptedHTTPServer { _, _ in .status(200, body: reply.text) }
        let url = "http://127.0.0.1:\(source.port)"
        let directory = TemporaryDirectory()
        let config = try testConfig(directory, extra: """
            [[httppost]]
              endpoint = "cmdb"
              url = "\(url)/sideload"
              basic-auth = { username = "kap", password = "s3cret" }
            """)
        let task = """
        {"id":"side","type":"stream","dbrps":[{"db":"telegraf","rp":"autogen"}],"status":"enabled",
         "script":"stream|from().measurement('cpu')|sideload().source('cmdb').order('host/{{.host}}.yml','default.yml').field('threshold', 0).tag('contact', 'nobody')|httpOut('out')"}
        """
        try await withDaemon(config) { client, _ async throws in
            #expect(try await client.call(.post, "/kapacitor/v1/tasks", task).status == .ok)
            #expect(try await client.call(.post, "/write?db=telegraf&rp=autogen", "cpu,host=a v=1 1000000000\n").status == .noContent)
            let first = try await eventually { () async throws -> String? in
                let (_, text, _) = try await client.call(.get, "/kapacitor/v1/tasks/side/out")
                return text.contains("values") ? text : nil
            }
            #expect(first == """
            {"series":[{"name":"cpu","tags":{"contact":"ops","host":"a"},"columns":["time","threshold","v"],"values":[["1970-01-01T00:00:01Z",75,1]]}]}
            """)
            reply.text = #"{"default.yml": {"threshold": 95, "contact": "sre"}}"#
            #expect(try await client.call(.post, "/kapacitor/v1/sideload/reload", "").status == .noContent)
            #expect(try await client.call(.post, "/write?db=telegraf&rp=autogen", "cpu,host=a v=2 2000000000\n").status == .noContent)
            let second = try await eventually { () async throws -> String? in
                let (_, text, _) = try await client.call(.get, "/kapacitor/v1/tasks/side/out")
                return text.contains("sre") ? text : nil
            }
            #expect(second?.contains(#""values":[["1970-01-01T00:00:02Z",95,2]]"#) == true)
            reply.text = "[1, 2]"
            let (status, error) = try await client.json(.post, "/kapacitor/v1/sideload/reload", "")
            #expect(status == .internalServerError)
            #expect(error["error"] as? String == "failed to update source \"\(url)/sideload\": failed to load body to update sideload cache for source \"\(url)/sideload\": failed to unmarshal json values in response body: not an object of paths")
        }
        try await source.close()
        #expect(source.requests.map(\.head.uri) == ["/sideload", "/sideload", "/sideload"])
        #expect(source.requests.first?.head.headers["authorization"] == ["Basic a2FwOnMzY3JldA=="])
    }

    @Test func aSourceThatIsNotAnAbsoluteFileURLFailsTheTask() async throws {
        let directory = TemporaryDirectory()
        let task = """
        {"id":"side","type":"stream","dbrps":[{"db":"telegraf","rp":"autogen"}],"status":"enabled",
         "script":"stream|from()|sideload().source('ftp://x/y').order('a.yml').field('f', 0)|httpOut('out')"}
        """
        try await withDaemon(try testConfig(directory)) { client, _ async throws in
            let (status, error) = try await client.json(.post, "/kapacitor/v1/tasks", task)
            #expect(status == .internalServerError)
            #expect(error["error"] as? String == "sideload2: unsupported source scheme \"ftp\", must be 'file', 'http', or 'https'")
        }
    }
}

/// The body a test server answers with, changed as the test goes.
final class Reply: Sendable {
    private let current: Mutex<String>

    init(_ text: String) { current = Mutex(text) }

    var text: String {
        get { current.withLock { $0 } }
        set { current.withLock { $0 = newValue } }
    }
}
