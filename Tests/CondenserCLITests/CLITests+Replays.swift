import APIModels
import AsyncHTTPClient
import Client
@testable import CondenserCLI
import Foundation
import Models
import Testing

extension CLITests {
    @Test func recordStreamThenReplayListAndDelete() async throws {
        try await withServer { url async throws in
            Session.url = url
            let client = KapacitorClient(baseURL: url)
            let tick = NSTemporaryDirectory() + "cpu-\(UUID().uuidString).tick"
            try "stream\n    |from()\n        .measurement('cpu')\n    |alert()\n        .crit(lambda: \"usage\" > 90)\n"
                .write(toFile: tick, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: tick) }
            try await Define.parse(["cpu_alert", "-type", "stream", "-dbrp", "telegraf.autogen", "-tick", tick]).run()

            // Record for an hour, without waiting; a point from after the stop ends the recording.
            try await Record.parse(["stream", "-task", "cpu_alert", "-duration", "1h", "-recording-id", "rec", "-no-wait"]).run()
            #expect(try await client.recording("rec").status == "running")
            let now = SystemClock().now() / 1_000_000_000
            let lines = "cpu,host=a usage=95 \(now)\ncpu,host=a usage=10 \(now + 1)\ncpu,host=a usage=99 \(now + 7200)\n"
            var write = HTTPClientRequest(url: url + "/write?db=telegraf&rp=autogen&precision=s")
            write.method = .POST
            write.body = .bytes(Array(lines.utf8))
            let response = try await HTTPClient.shared.execute(write, timeout: .seconds(10))
            #expect(response.status.code == 204)
            var recording = try await client.recording("rec")
            for _ in 0..<200 where recording.status == "running" {
                try await Task.sleep(for: .milliseconds(10))
                recording = try await client.recording("rec")
            }
            #expect(recording.status == "finished")
            #expect(recording.type == .stream)
            #expect(recording.size > 0)

            try await Replay.parse(["-task", "cpu_alert", "-recording", "rec", "-replay-id", "first", "-rec-time"]).run()
            let replay = try await client.replay("first")
            #expect(replay.status == "finished")
            #expect(replay.recordingTime && replay.clock == "fast" && replay.recording == "rec" && replay.task == "cpu_alert")
            if case .object(let stats)? = replay.stats, case .object(let nodes)? = stats["node-stats"],
               case .object(let alert)? = nodes["alert2"] {
                #expect(alert["crits_triggered"] == .int(1))
                #expect(alert["oks_triggered"] == .int(1))
            } else {
                Issue.record("no node stats in \(String(describing: replay.stats))")
            }

            let recordings = ReplayTable.recordings(try await client.listRecordings())
            let recordingRow = try #require(recordings.split(separator: "\n").last)
            #expect(recordings.hasPrefix("ID  Type    Status    Size      Date                   \n"))
            #expect(recordingRow.hasPrefix("rec stream  finished  "))
            let replays = ReplayTable.replays(try await client.listReplays())
            #expect(replays.hasPrefix("ID    Task      Recording Status   Clock   Date                   \nfirst cpu_alert rec       finished fast    "))

            await #expect { try await Replay.parse(["-task", "cpu_alert", "-recording", "missing"]).run() } throws: {
                "\($0)" == "recording not found: no recording exists"
            }
            await #expect { try await Record.parse(["stream", "-task", "cpu_alert"]).run() } throws: {
                "\($0)" == "both task and duration are required"
            }
            await #expect { try await Record.parse(["batch", "-task", "cpu_alert", "-start", "2026-01-01T00:00:00Z", "-past", "1h"]).run() } throws: {
                "\($0)" == "cannot set both start and past flags."
            }

            try await Delete.parse(["replays", "fir*"]).run()
            try await Delete.parse(["recordings", "rec"]).run()
            #expect(try await client.listReplays().isEmpty)
            #expect(try await client.listRecordings().isEmpty)
        }
    }

    @Test func humanBytesAsGoHumanize() {
        #expect(ReplayTable.humanBytes(0) == "0 B")
        #expect(ReplayTable.humanBytes(9) == "9 B")
        #expect(ReplayTable.humanBytes(82) == "82 B")
        #expect(ReplayTable.humanBytes(1234) == "1.2 kB")
        #expect(ReplayTable.humanBytes(15_300_000) == "15 MB")
    }

    @Test func influxQLDurations() throws {
        #expect(try InfluxQLDuration.parse("1h30m") == 5_400_000_000_000)
        #expect(try InfluxQLDuration.parse("2d") == 172_800_000_000_000)
        #expect(try InfluxQLDuration.parse("10ms") == 10_000_000)
        #expect(throws: ClientError.self) { try InfluxQLDuration.parse("10") }
        #expect(throws: ClientError.self) { try InfluxQLDuration.parse("x") }
    }
}
