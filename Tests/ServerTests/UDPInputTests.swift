import Client
import Engine
import Foundation
import Logging
import Models
@testable import Server
import Synchronization
import TestPeers
import Testing

@Suite struct UDPInputTests {
    @Test func aDatagramsGoodLinesAreWrittenAndItsBadOnesCounted() async throws {
        let written = Mutex<[(DBRP, [Point])]>([])
        let listener = try await UDPListener.bind(
            host: "127.0.0.1", port: 0, dbrp: DBRP(db: "telegraf", rp: "autogen"), clock: ManualClock(5_000), logger: quietLogger
        ) { points, dbrp in written.withLock { $0.append((dbrp, points)) } }
        defer { Task { await listener.close() } }
        let datagram = "cpu,host=a v=1 10\nnot line protocol\nmem v=2i\n"
        try await UDPSender.send(datagram, to: listener.port)
        let batches = try await eventually { written.withLock { $0.isEmpty ? nil : $0 } }
        #expect(batches?.count == 1)
        #expect(batches?.first?.0 == DBRP(db: "telegraf", rp: "autogen"))
        #expect(batches?.first?.1.map(\.measurement) == ["cpu", "mem"])
        #expect(batches?.first?.1.map(\.time) == [10, 5_000])
        #expect(batches?.first?.1.map(\.database) == ["telegraf", "telegraf"])
        #expect(listener.stats == UDPListener.Stats(pointsReceived: 2, bytesReceived: Int64(datagram.utf8.count), pointsParseFailed: 1))
    }

    @Test func udpSectionsNeedABindAddressAndADatabase() throws {
        let directory = TemporaryDirectory()
        #expect {
            try Daemon(config: try testConfig(directory, extra: "[[udp]]\nenabled = true\nbind-address = \":8089\"\n"), logger: quietLogger)
        } throws: { "\($0)" == "[[udp]]: database has to be specified in config" }
        #expect {
            try Daemon(config: try testConfig(directory, extra: "[[udp]]\nenabled = true\ndatabase = \"db\"\n"), logger: quietLogger)
        } throws: { "\($0)" == "[[udp]]: bind address has to be specified in config" }
        #expect {
            try Daemon(config: try testConfig(directory, extra: "[[udp]]\nenabled = true\nbind-address = \"8089\"\ndatabase = \"db\"\n"), logger: quietLogger)
        } throws: { "\($0)" == "[[udp]] bind-address \"8089\" is not host:port" }
        // A disabled section is not checked.
        _ = try Daemon(config: try testConfig(directory, extra: "[[udp]]\nbind-address = \"8089\"\n"), logger: quietLogger)
    }

    @Test func aUDPSectionFeedsTheTasksOfItsDatabase() async throws {
        let directory = TemporaryDirectory()
        let httpPort = FreePort.next()
        let config = try testConfig(directory, extra: """
            [http]
              bind-address = "127.0.0.1:\(httpPort)"
            [[udp]]
              enabled = true
              bind-address = "127.0.0.1:0"
              database = "telegraf"
              retention-policy = "autogen"
            """)
        let daemon = try Daemon(config: config, logger: quietLogger)
        _ = try daemon.taskMaster.create(TaskRequest(
            id: "udp", type: .stream, dbrps: [DBRP(db: "telegraf", rp: "autogen")],
            script: "stream|from().measurement('cpu')|httpOut('out')", status: .enabled))
        let serving = Task { try await daemon.run(handlingSignals: false) }
        let port = try #require(try await eventually { daemon.udpInputs.listeners.first?.port })
        try await UDPSender.send("cpu,host=a usage=12.5 1000000000\n", to: port)
        let out = try await eventually { daemon.taskMaster.httpOut(task: "udp", endpoint: "out").flatMap { $0.contains("12.5") ? $0 : nil } }
        #expect(out == #"{"series":[{"name":"cpu","tags":{"host":"a"},"columns":["time","usage"],"values":[["1970-01-01T00:00:01Z",12.5]]}]}"#)

        // Its counters in /debug/vars, as Kapacitor's udp statistic.
        let vars = try await KapacitorClient(baseURL: "http://127.0.0.1:\(httpPort)").debugVarsText()
        let object = try JSONSerialization.jsonObject(with: Data(vars.utf8)) as? [String: Any]
        let statistic = (object?["kapacitor"] as? [String: Any])?["udp:bind=127.0.0.1:\(port)"] as? [String: Any]
        #expect(statistic?["name"] as? String == "udp")
        #expect((statistic?["tags"] as? [String: String])?["bind"] == "127.0.0.1:\(port)")
        #expect(statistic?["values"] as? [String: Int] == [
            "points_rx": 1, "bytes_rx": 33, "points_parse_fail": 0, "read_fail": 0, "points_tx": 1, "tx_fail": 0,
        ])
        serving.cancel()
        _ = try? await serving.value
        #expect(daemon.udpInputs.listeners.isEmpty)
    }
}
