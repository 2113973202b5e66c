import Foundation
import Server
import Testing

@Suite struct TopicAPITests {
    let topics = "/kapacitor/v1/alerts/topics"

    func handler(_ id: String, file: String, match: String = "") -> String {
        #"{"topic":"ignored","id":"\#(id)","kind":"log","options":{"path":"\#(file)"},"match":"\#(match)"}"#
    }

    @Test func handlerCRUDAnswersAsKapacitor() async throws {
        let directory = TemporaryDirectory()
        let file = directory.path + "/h.log"
        try await withDaemon(try testConfig(directory)) { client, _ async throws in
            let created = try await client.call(.post, "\(topics)/ops/handlers", handler("h1", file: file))
            #expect(created.status == .ok)
            #expect(created.body == #"{"id":"h1","kind":"log","link":{"href":"/kapacitor/v1/alerts/topics/ops/handlers/h1","rel":"self"},"match":"","options":{"path":"\#(file)"}}"#)
            let topic = try await client.call(.get, "\(topics)/ops")
            #expect(topic.body == #"{"collected":0,"events-link":{"href":"/kapacitor/v1/alerts/topics/ops/events","rel":"events"},"handlers-link":{"href":"/kapacitor/v1/alerts/topics/ops/handlers","rel":"handlers"},"id":"ops","level":"OK","link":{"href":"/kapacitor/v1/alerts/topics/ops","rel":"self"}}"#)
            let (_, list) = try await client.json(.get, "\(topics)?min-level=OK&pattern=o*")
            #expect((list["link"] as? [String: String])?["href"] == "/kapacitor/v1/alerts/topics?min-level=OK&pattern=o*")
            #expect((list["topics"] as? [[String: Any]])?.count == 1)
            let (_, critical) = try await client.json(.get, "\(topics)?min-level=crit")
            #expect((critical["topics"] as? [[String: Any]])?.isEmpty == true)
            #expect(try await client.call(.get, "\(topics)?min-level=bad").body.contains("unknown alert level 'BAD'"))
            let (_, handlers) = try await client.json(.get, "\(topics)/ops/handlers?pattern=")
            #expect(handlers["topic"] as? String == "ops")
            #expect((handlers["link"] as? [String: String])?["href"] == "/kapacitor/v1/alerts/topics/ops/handlers?pattern=")
            #expect((handlers["handlers"] as? [[String: Any]])?.first?["id"] as? String == "h1")

            let duplicate = try await client.json(.post, "\(topics)/ops/handlers", handler("h1", file: file))
            #expect(duplicate.0 == .internalServerError)
            #expect(duplicate.1["error"] as? String == #"failed to create handler: cannot register handler, handler with ID "h1" already exists"#)

            let put = try await client.json(.put, "\(topics)/ops/handlers/h1", handler("h1", file: file, match: "level() == CRITICAL"))
            #expect(put.0 == .ok)
            #expect(put.1["match"] as? String == "level() == CRITICAL")
            let patch = #"[{"op":"replace","path":"/id","value":"h2"},{"op":"add","path":"/options/mode","value":420}]"#
            let patched = try await client.json(.patch, "\(topics)/ops/handlers/h1", patch)
            #expect(patched.0 == .ok)
            #expect(patched.1["id"] as? String == "h2")
            #expect((patched.1["options"] as? [String: Any])?["mode"] as? Int == 420)
            #expect(try await client.call(.get, "\(topics)/ops/handlers/h1").status == .notFound)
            let badPatch = try await client.json(.patch, "\(topics)/ops/handlers/h2", #"[{"op":"remove","path":"/nope"}]"#)
            #expect(badPatch.0 == .badRequest)
            #expect((badPatch.1["error"] as? String)?.hasPrefix("failed to apply patch: ") == true)
            let moved = try await client.json(.patch, "\(topics)/ops/handlers/h2", #"[{"op":"replace","path":"/topic","value":"x"}]"#)
            #expect(moved.1["error"] as? String == "failed to update handler: cannot change topic in update")

            #expect(try await client.call(.delete, "\(topics)/ops/handlers/h2").status == .noContent)
            #expect(try await client.call(.delete, "\(topics)/ops/handlers/h2").status == .noContent)
            let missing = try await client.json(.get, "\(topics)/ops/handlers/h2")
            #expect(missing.0 == .notFound)
            #expect(missing.1["error"] as? String == #"unknown handler: "h2""#)
            #expect(try await client.call(.delete, "\(topics)/ops").status == .noContent)
            let gone = try await client.json(.get, "\(topics)/ops")
            #expect(gone.0 == .notFound)
            #expect(gone.1["error"] as? String == #"unknown topic: "ops""#)
        }
    }

    @Test(arguments: [
        (#"{"id":"x","kind":"nope"}"#, #"failed to create handler: unsupported action kind "nope""#),
        (#"{"id":"x","kind":""}"#, "invalid handler spec: handler Kind must not be empty"),
        (#"{"id":"a b","kind":"log"}"#, #"invalid handler spec: handler ID must contain only letters, numbers, '-', '.' and '_'. "a b""#),
        (#"{"id":"x","kind":"publish","options":{"topics":["a"],"extra":1}}"#, "failed to create handler: failed to decode options into *alert.PublishHandlerConfig: invalid keys: extra"),
        (#"{"id":"x","kind":"aggregate","options":{"topic":"a"}}"#, "failed to create handler: aggregate interval must be positive"),
        (#"{"id":"x","kind":"log","options":{"path":"/tmp/x"},"match":"bogus == 1"}"#, #"failed to create handler: unknown identifier "bogus""#),
    ])
    func invalidHandlersAreRejected(body: String, message: String) async throws {
        let directory = TemporaryDirectory()
        try await withDaemon(try testConfig(directory)) { client, _ async throws in
            let (status, error) = try await client.json(.post, "\(topics)/t/handlers", body)
            #expect(status == .badRequest)
            #expect(error["error"] as? String == message)
            #expect(try await client.call(.get, "\(topics)/t/handlers/x").status == .notFound)
        }
    }

    @Test func eventsOfAnUnknownTopicAre500() async throws {
        let directory = TemporaryDirectory()
        try await withDaemon(try testConfig(directory)) { client, _ async throws in
            let (status, error) = try await client.json(.get, "\(topics)/none/events?min-level=OK")
            #expect(status == .internalServerError)
            #expect(error["error"] as? String == #"failed to get topic events: unknown topic "none""#)
            #expect(try await client.call(.get, "\(topics)/none/events/e").status == .notFound)
        }
    }

    @Test func aTopicHandlerGetsTheMatchingEventsOfATaskAndEverythingSurvivesARestart() async throws {
        let directory = TemporaryDirectory()
        let file = directory.path + "/topic.log"
        let config = try testConfig(directory)
        let task = """
        {"id":"cpu","type":"stream","dbrps":[{"db":"telegraf","rp":"autogen"}],"status":"enabled",
         "script":"stream|from().measurement('cpu')|alert().id('cpu:{{ index .Tags \\"host\\" }}').message('{{ .ID }} on {{ .ServerInfo.Hostname }}').crit(lambda: \\"v\\" > 90).topic('ops')"}
        """
        try await withDaemon(config) { client, _ async throws in
            let match = #"changed() AND \"host\" == 'a' AND name() == 'cpu' AND taskName() == 'cpu'"#
            #expect(try await client.call(.post, "\(topics)/ops/handlers", handler("log", file: file, match: match)).status == .ok)
            #expect(try await client.call(.post, "/kapacitor/v1/tasks", task).status == .ok)
            let points = "cpu,host=b v=99 1000000000\ncpu,host=a v=95 2000000000\ncpu,host=a v=96 3000000000\n"
            #expect(try await client.call(.post, "/write?db=telegraf&rp=autogen", points).status == .noContent)
            let events = try await eventually { () async throws -> [String]? in
                let list = try await client.json(.get, "\(topics)/ops/events").1["events"] as? [[String: Any]]
                return list?.count == 2 ? list?.map { $0["id"] as? String ?? "" } : nil
            }
            #expect(events == ["cpu:a", "cpu:b"])
            let lines = try await eventually { () async throws -> [Substring]? in
                (try? String(contentsOfFile: file, encoding: .utf8)).map { $0.split(separator: "\n") }.flatMap { $0.isEmpty ? nil : $0 }
            }
            #expect(lines?.count == 1)
            #expect(lines?.first?.contains(#""id":"cpu:a""#) == true)
            let (_, event) = try await client.json(.get, "\(topics)/ops/events/cpu:a")
            #expect((event["state"] as? [String: Any])?["level"] as? String == "CRITICAL")
            #expect((event["state"] as? [String: Any])?["duration"] as? String == "2s")
            #expect((event["state"] as? [String: Any])?["message"] as? String == "cpu:a on testhost")
        }
        try await withDaemon(config) { client, _ async throws in
            let (_, topic) = try await client.json(.get, "\(topics)/ops")
            #expect(topic["level"] as? String == "CRITICAL")
            let (_, handlers) = try await client.json(.get, "\(topics)/ops/handlers")
            #expect((handlers["handlers"] as? [[String: Any]])?.count == 1)
            let (_, event) = try await client.json(.get, "\(topics)/ops/events/cpu:a")
            #expect((event["state"] as? [String: Any])?["time"] as? String == "1970-01-01T00:00:03Z")
            #expect(try await client.call(.post, "/write?db=telegraf&rp=autogen", "cpu,host=a v=10 4000000000\n").status == .noContent)
            let lines = try await eventually { () async throws -> [Substring]? in
                let lines = (try? String(contentsOfFile: file, encoding: .utf8))?.split(separator: "\n")
                return lines?.count == 2 ? lines : nil
            }
            #expect(lines?.last?.contains(#""level":"OK""#) == true)
            #expect(lines?.last?.contains(#""previousLevel":"CRITICAL""#) == true)
        }
    }
}

@Suite struct LoadDirectoryTests {
    @Test func handlerFilesAreLoadedAtStart() async throws {
        let directory = TemporaryDirectory()
        let handlers = directory.path + "/load/handlers"
        try FileManager.default.createDirectory(atPath: handlers, withIntermediateDirectories: true)
        try """
        id: agg
        topic: cpu
        kind: aggregate
        match: level() >= WARNING
        options:
          interval: 1m
          topic: cpu-summary
        """.write(toFile: handlers + "/agg.yaml", atomically: true, encoding: .utf8)
        try #"{"id":"pub","topic":"cpu","kind":"publish","options":{"topics":["a","b"]}}"#
            .write(toFile: handlers + "/pub.json", atomically: true, encoding: .utf8)
        let config = try testConfig(directory, extra: "[load]\nenabled = true\ndir = \"\(directory.path)/load\"\n")
        try await withDaemon(config) { client, _ async throws in
            let (_, list) = try await client.json(.get, "/kapacitor/v1/alerts/topics/cpu/handlers")
            let ids = (list["handlers"] as? [[String: Any]])?.map { $0["id"] as? String }
            #expect(ids == ["agg", "pub"])
            let (_, agg) = try await client.json(.get, "/kapacitor/v1/alerts/topics/cpu/handlers/agg")
            #expect(agg["match"] as? String == "level() >= WARNING")
            #expect((agg["options"] as? [String: Any])?["interval"] as? String == "1m")
        }
        try "id: agg\ntopic: cpu\nkind: nope\n".write(toFile: handlers + "/agg.yaml", atomically: true, encoding: .utf8)
        #expect(throws: ConfigError.self) { try Daemon(config: config, logger: quietLogger) }
    }
}
