import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Server
import Testing

@Suite struct ReplayAPITests {
    static let task = """
        {"id":"cpu","type":"stream","dbrps":[{"db":"telegraf","rp":"autogen"}],"status":"disabled",
         "script":"stream|from().measurement('cpu')|window().period(10s).every(10s)|count('usage')"}
        """

    @Test func recordingsAndReplaysAnswerAsKapacitor() async throws {
        let directory = TemporaryDirectory()
        let clock = ManualClock(1_767_225_600_000_000_000)
        try await withDaemon(try testConfig(directory), clock: clock) { client, daemon in
            #expect(try await client.call(.post, "/kapacitor/v1/tasks", Self.task).status == .ok)
            let (created, recording) = try await client.json(
                .post, "/kapacitor/v1/recordings/stream", #"{"id":"rec","task":"cpu","stop":"2026-01-01T00:01:00Z"}"#)
            #expect(created == .created)
            #expect(recording["status"] as? String == "running")
            #expect(recording["type"] as? String == "stream")
            #expect(recording["link"] as? [String: String] == ["rel": "self", "href": "/kapacitor/v1/recordings/rec"])
            #expect(Set(recording.keys) == ["link", "id", "type", "size", "date", "error", "status", "progress"])
            #expect(try await client.call(.get, "/kapacitor/v1/recordings/rec").status == .accepted)

            let lines = (0..<12).map { "cpu,host=a usage=\($0) \(1_767_225_600 + $0 * 10)" }.joined(separator: "\n")
            #expect(try await client.call(.post, "/write?db=telegraf&rp=autogen&precision=s", lines).status == .noContent)
            await daemon.recordings.wait()
            let (status, finished) = try await client.json(.get, "/kapacitor/v1/recordings/rec")
            #expect(status == .ok)
            #expect(finished["status"] as? String == "finished")
            #expect(FileManager.default.fileExists(atPath: directory.path + "/replay/rec.srpl"))

            let (replayCreated, replay) = try await client.json(
                .post, "/kapacitor/v1/replays", #"{"id":"again","task":"cpu","recording":"rec","recording-time":true}"#)
            #expect(replayCreated == .created)
            #expect(replay["clock"] as? String == "fast")
            #expect(replay["stats"] as? [String: NSNull] == ["task-stats": NSNull(), "node-stats": NSNull()])
            await daemon.recordings.wait()
            let (_, done) = try await client.json(.get, "/kapacitor/v1/replays/again")
            #expect(done["status"] as? String == "finished")
            let nodes = (done["stats"] as? [String: Any])?["node-stats"] as? [String: [String: Int]]
            #expect(nodes?["from1"]?["emitted"] == 7)
            #expect(nodes?["count3"]?["emitted"] == 6)

            let (_, list) = try await client.json(.get, "/kapacitor/v1/replays?fields=task")
            let entries = try #require(list["replays"] as? [[String: Any]])
            #expect(entries.count == 1)
            #expect(Set(entries[0].keys) == ["id", "task", "link"])
            #expect(entries[0]["task"] as? String == "cpu")
            let (_, defaults) = try await client.json(.get, "/kapacitor/v1/replays")
            #expect((defaults["replays"] as? [[String: Any]])?.first?["stats"] == nil)
            #expect(try await client.call(.get, "/kapacitor/v1/recordings?fields=nope").body.hasPrefix(#"{"error":"unsupported field \"nope\""#))

            let missing = try await client.call(.get, "/kapacitor/v1/recordings/none")
            #expect(missing.status == .internalServerError)
            #expect(missing.body.hasPrefix(#"{"error":"error finding recording: no recording exists""#))
            #expect(try await client.call(.get, "/kapacitor/v1/replays/none").status == .notFound)
            #expect(try await client.call(.post, "/kapacitor/v1/replays", #"{"task":"cpu","recording":"rec","clock":"slow"}"#).body
                .hasPrefix(#"{"error":"invalid clock type slow""#))
            #expect(try await client.call(.post, "/kapacitor/v1/recordings/stream", #"{"id":"a b","task":"cpu","stop":"2026-01-01T00:00:00Z"}"#).status
                == .badRequest)
            #expect(try await client.call(.delete, "/kapacitor/v1/recordings/rec").status == .noContent)
            #expect(try await client.call(.delete, "/kapacitor/v1/recordings/rec").status == .noContent)
            #expect(try await client.call(.delete, "/kapacitor/v1/replays/again").status == .noContent)
            #expect(!FileManager.default.fileExists(atPath: directory.path + "/replay/rec.srpl"))
        }
    }
}
