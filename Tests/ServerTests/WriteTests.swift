import CompressNIO
import Engine
import HTTPTypes
import HummingbirdTesting
import Models
import NIOCore
import Server
import Synchronization
import Testing

/// Keeps the points the router delivers.
final class CollectingSink: PointSink {
    private let received = Mutex<[Point]>([])
    var points: [Point] { received.withLock { $0 } }
    func accept(_ points: [Point]) { received.withLock { $0.append(contentsOf: points) } }
}

@Suite struct WriteTests {
    @Test func badLineAmongGoodOnesKeepsTheGoodOnes() async throws {
        let directory = TemporaryDirectory()
        try await withDaemon(try testConfig(directory)) { client, daemon async throws in
            let sink = CollectingSink()
            _ = daemon.taskMaster.router.subscribe(sink, dbrps: [DBRP(db: "telegraf", rp: "autogen")])
            let body = "cpu,host=a value=1 1\ncpu,host=b value= 2\ncpu,host=c value=3 3\nmem free=4i 4\n"
            let response = try await client.call(.post, "/write?db=telegraf&rp=autogen", body)
            #expect(response.status == .badRequest)
            let message = "partial write: unable to parse 'cpu,host=b value= 2': missing field value dropped=1"
            #expect(response.body == #"{"error":"\#(message)","message":"\#(message)"}"#)
            #expect(sink.points.map { $0.tags["host"] ?? $0.measurement } == ["a", "c", "mem"])
            let (_, vars) = try await client.json(.get, "/kapacitor/v1/debug/vars")
            #expect(ingressCount(vars, database: "telegraf", retentionPolicy: "autogen", measurement: "cpu") == 2)
            #expect(ingressCount(vars, database: "telegraf", retentionPolicy: "autogen", measurement: "mem") == 1)
        }
    }

    @Test func everyBadLineIsReported() async throws {
        let directory = TemporaryDirectory()
        try await withDaemon(try testConfig(directory)) { client, _ async throws in
            let (status, body) = try await client.json(.post, "/kapacitor/v1/write?db=d", "bad\nworse v=\n")
            #expect(status == .badRequest)
            #expect(body["error"] as? String
                == "unable to parse 'bad': missing fields\nunable to parse 'worse v=': missing field value")
        }
    }

    @Test func gzipBodyAndPrecision() async throws {
        let directory = TemporaryDirectory()
        try await withDaemon(try testConfig(directory)) { client, daemon async throws in
            let sink = CollectingSink()
            _ = daemon.taskMaster.router.subscribe(sink, dbrps: [DBRP(db: "db", rp: "rp")])
            var plain = ByteBuffer(string: "cpu v=1 5\ncpu v=2 6\n")
            let compressed = try plain.compress(with: .gzip())
            let response = try await client.execute(
                uri: "/write?db=db&rp=rp&precision=s", method: .post, headers: [.contentEncoding: "gzip"], body: compressed)
            #expect(response.status == .noContent)
            #expect(sink.points.map(\.time) == [5_000_000_000, 6_000_000_000])
        }
    }

    @Test func pointsWithoutTimeGetTheClockTruncatedToPrecision() async throws {
        let directory = TemporaryDirectory()
        let clock = ManualClock(1_700_000_000_123_456_789)
        try await withDaemon(try testConfig(directory), clock: clock) { client, daemon async throws in
            let sink = CollectingSink()
            _ = daemon.taskMaster.router.subscribe(sink, dbrps: [DBRP(db: "db", rp: "")])
            #expect(try await client.call(.post, "/write?db=db&precision=ms", "cpu v=1").status == .noContent)
            #expect(try await client.call(.post, "/write?db=db", "cpu v=2").status == .noContent)
            #expect(sink.points.map(\.time) == [1_700_000_000_123_000_000, 1_700_000_000_123_456_789])
        }
    }

    @Test func missingRetentionPolicyTakesTheConfiguredDefault() async throws {
        let directory = TemporaryDirectory()
        let config = try testConfig(directory, extra: "default-retention-policy = \"autogen\"\n")
        try await withDaemon(config) { client, daemon async throws in
            let sink = CollectingSink()
            _ = daemon.taskMaster.router.subscribe(sink, dbrps: [DBRP(db: "db", rp: "autogen")])
            #expect(try await client.call(.post, "/write?db=db", "cpu v=1 1").status == .noContent)
            #expect(sink.points.count == 1)
            #expect(sink.points.first?.retentionPolicy == "autogen")
        }
    }

    @Test func requestErrors() async throws {
        let directory = TemporaryDirectory()
        try await withDaemon(try testConfig(directory)) { client, _ async throws in
            let (status, body) = try await client.json(.post, "/write", "cpu v=1")
            #expect(status == .badRequest)
            #expect(body["error"] as? String == "database is required")
            let (precisionStatus, precisionBody) = try await client.json(.post, "/write?db=d&precision=d", "cpu v=1")
            #expect(precisionStatus == .badRequest)
            #expect(precisionBody["error"] as? String == "invalid precision \"d\" (use n, u, ms, s, m or h)")
            #expect(try await client.call(.post, "/write?db=d", "").status == .noContent)
            let gzip = try await client.call(.post, "/write?db=d", "not gzip", headers: [.contentEncoding: "gzip"])
            #expect(gzip.status == .badRequest)
        }
    }
}
