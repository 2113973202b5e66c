import AsyncHTTPClient
import Engine
import Foundation
import InfluxDB
import Logging
import Models
import NIOCore
@testable import Server
import TestPeers
import Testing

@Suite(.enabled(if: InfluxD.shouldRun, "influxd (Debian package influxdb) is not installed"))
struct SubscriptionTests {
    func admin(_ influxd: InfluxD, _ edit: (inout InfluxDBConfig) -> Void = { _ in }) throws -> (InfluxDBClient, SubscriptionSettings) {
        var config = InfluxDBConfig(name: "local", urls: [influxd.url], username: influxd.adminUser, password: influxd.adminPassword)
        edit(&config)
        let settings = SubscriptionSettings(config: config, clusterID: "c-1", serverID: "s-1", hostname: "kapacitor.example", httpPort: 9092)
        return (try InfluxDBClient(config), settings)
    }

    func ours(_ database: String, _ retentionPolicy: String, _ destination: String = "http://kapacitor.example:9092") -> Subscription {
        Subscription(database: database, retentionPolicy: retentionPolicy, name: "kapacitor-c-1", mode: "ANY", destinations: [destination])
    }

    @Test func createsKapacitorsSubscriptionsOnEveryPairButTheExcludedOnes() async throws {
        let influxd = try await InfluxD.start()
        try influxd.statement("CREATE DATABASE other")
        try influxd.statement("CREATE RETENTION POLICY week ON other DURATION 7d REPLICATION 1")
        let (client, settings) = try admin(influxd) { $0.excludedSubscriptions = ["other": ["week"]] }
        let linked = try await client.linkSubscriptions(settings)
        #expect(linked.count == 2)
        #expect(linked.statements == [
            #"CREATE SUBSCRIPTION "kapacitor-c-1" ON "condenser"."autogen" DESTINATIONS ANY 'http://kapacitor.example:9092'"#,
            #"CREATE SUBSCRIPTION "kapacitor-c-1" ON "other"."autogen" DESTINATIONS ANY 'http://kapacitor.example:9092'"#,
        ])
        #expect(Set(try await client.subscriptions()) == [ours("condenser", "autogen"), ours("other", "autogen")])
        // In line now: the next sync changes nothing.
        #expect(try await client.linkSubscriptions(settings).statements.isEmpty)
    }

    @Test func dropsOurStaleSubscriptionAndLeavesOthersAlone() async throws {
        let influxd = try await InfluxD.start()
        try influxd.statement(#"CREATE SUBSCRIPTION "kapacitor-c-1" ON "condenser"."autogen" DESTINATIONS ANY 'http://oldhost:9092'"#)
        try influxd.statement(#"CREATE SUBSCRIPTION "kapacitor-other" ON "condenser"."autogen" DESTINATIONS ALL 'http://elsewhere:9092'"#)
        let (client, settings) = try admin(influxd)
        let statements = try await client.linkSubscriptions(settings).statements
        #expect(statements.first == #"DROP SUBSCRIPTION "kapacitor-c-1" ON "condenser"."autogen""#)
        #expect(Set(try await client.subscriptions()) == [
            ours("condenser", "autogen"),
            Subscription(database: "condenser", retentionPolicy: "autogen", name: "kapacitor-other", mode: "ALL", destinations: ["http://elsewhere:9092"]),
        ])
    }

    func daemonConfig(_ directory: String, _ influxd: InfluxD, port: Int, extra: String = "", http: String = "") throws -> Config {
        try Config.load(path: "test.conf", contents: """
            data_dir = "\(directory)"
            hostname = "127.0.0.1"
            [http]
              bind-address = "127.0.0.1:\(port)"
            \(http)
            [[influxdb]]
              name = "local"
              urls = ["\(influxd.url)"]
              username = "\(influxd.adminUser)"
              password = "\(influxd.adminPassword)"
            \(extra)
            """)
    }

    @Test func disabledSubscriptionsCreateNone() async throws {
        let influxd = try await InfluxD.start()
        let directory = NSTemporaryDirectory() + "condenser-subs-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let daemon = try Daemon(
            config: try daemonConfig(directory, influxd, port: 9092, extra: "  disable-subscriptions = true"),
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        defer { daemon.taskMaster.stop() }
        #expect(daemon.subscriptions.links.isEmpty)
        try await daemon.subscriptions.linkAll()
        let (client, _) = try admin(influxd)
        #expect(try await client.subscriptions().isEmpty)
    }

    @Test func aWriteToInfluxDBReachesAStreamTaskThroughTheSubscription() async throws {
        let influxd = try await InfluxD.start()
        let directory = NSTemporaryDirectory() + "condenser-subs-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let port = FreePort.next()
        let daemon = try Daemon(config: try daemonConfig(directory, influxd, port: port), logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        let clusterID = try daemon.store.meta("cluster_id") { "" }
        #expect(daemon.subscriptions.links.map(\.settings.name) == ["kapacitor-" + clusterID])
        _ = try daemon.taskMaster.create(TaskRequest(
            id: "sub", type: .stream, dbrps: [DBRP(db: "condenser", rp: "autogen")],
            script: "stream|from().measurement('cpu')|httpOut('out')", status: .enabled))
        let serving = Task { try await daemon.run(handlingSignals: false) }
        let (client, _) = try admin(influxd)
        let linked = await eventuallyAsync {
            let subscriptions = try? await client.subscriptions()
            return subscriptions == [Subscription(
                database: "condenser", retentionPolicy: "autogen", name: "kapacitor-" + clusterID, destinations: ["http://127.0.0.1:\(port)"])]
        }
        #expect(linked)
        #expect(await eventually { daemon.subscriptions.subscriptionCount == 1 })
        try influxd.write("cpu,host=a usage=12.5 42")
        #expect(await eventually { daemon.taskMaster.httpOut(task: "sub", endpoint: "out")?.contains("12.5") == true })

        // The influxdb service test, through the daemon's API.
        let good = try await post(port: port, "/kapacitor/v1/service-tests/influxdb", #"{"cluster":"local"}"#)
        #expect(good.body.contains(#""success":true"#))
        let unknown = try await post(port: port, "/kapacitor/v1/service-tests/influxdb", "{}")
        #expect(unknown.body.contains(#"cluster \"\" is not enabled or does not exist"#))

        // POST /kapacitor/v1/subscriptions links them again at once.
        try influxd.statement("DROP SUBSCRIPTION \"kapacitor-\(clusterID)\" ON condenser.autogen")
        #expect(try await client.subscriptions().isEmpty)
        #expect(try await post(port: port, "/kapacitor/v1/subscriptions", "").status == 204)
        #expect(try await client.subscriptions().count == 1)
        influxd.stop()
        let failed = try await post(port: port, "/kapacitor/v1/subscriptions", "")
        #expect(failed.status == 500)
        #expect(failed.body.contains("failed to link subscriptions: linking cluster local: failed to reach InfluxDB"))

        serving.cancel()
        _ = try? await serving.value
    }

    @Test func udpSubscriptionsSendToAListenerPerDatabaseAndRetentionPolicy() async throws {
        let influxd = try await InfluxD.start()
        try influxd.statement("CREATE DATABASE other")
        let directory = NSTemporaryDirectory() + "condenser-subs-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = try daemonConfig(
            directory, influxd, port: FreePort.next(), extra: "  subscription-protocol = \"udp\"\n  udp-bind = \"127.0.0.1\"")
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        let daemon = try Daemon(config: config, logger: logger)
        let name = "kapacitor-" + (try daemon.store.meta("cluster_id") { "" })
        _ = try daemon.taskMaster.create(TaskRequest(
            id: "sub", type: .stream, dbrps: [DBRP(db: "condenser", rp: "autogen")],
            script: "stream|from().measurement('cpu')|httpOut('out')", status: .enabled))
        let serving = Task { try await daemon.run(handlingSignals: false) }
        let (client, _) = try admin(influxd)
        let listeners = try #require(daemon.subscriptions.links.first?.listeners)
        let expected = { (ports: [DBRP: UDPListener]) -> Set<Subscription> in
            Set(ports.map { dbrp, listener in
                Subscription(database: dbrp.db, retentionPolicy: dbrp.rp, name: name, destinations: ["udp://127.0.0.1:\(listener.port)"])
            })
        }
        let linked = await eventuallyAsync {
            let running = listeners.running
            guard running.count == 2 else { return false }
            let current = (try? await client.subscriptions()) ?? []
            return Set(current) == expected(running)
        }
        #expect(linked)
        let ports = listeners.running.mapValues(\.port)
        #expect(Set(ports.keys) == [DBRP(db: "condenser", rp: "autogen"), DBRP(db: "other", rp: "autogen")])
        try influxd.write("cpu,host=a usage=12.5 42")
        #expect(await eventually { daemon.taskMaster.httpOut(task: "sub", endpoint: "out")?.contains("12.5") == true })
        serving.cancel()
        _ = try? await serving.value
        #expect(listeners.running.isEmpty)

        // Restarted on the same data, the daemon listens where the subscriptions already send.
        let restarted = try Daemon(config: config, logger: logger)
        defer { restarted.taskMaster.stop() }
        try await restarted.subscriptions.linkAll()
        let again = try #require(restarted.subscriptions.links.first?.listeners)
        #expect(again.running.mapValues(\.port) == ports)
        #expect(Set(try await client.subscriptions()) == expected(again.running))
        await again.closeAll()
    }

    @Test func withAuthenticationTheSubscriptionWritesWithAGrantedToken() async throws {
        let influxd = try await InfluxD.start()
        let directory = NSTemporaryDirectory() + "condenser-subs-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let port = FreePort.next()
        let config = try daemonConfig(
            directory, influxd, port: port, http: "  auth-enabled = true\n[auth]\n  enabled = true\n  bcrypt-cost = 4")
        let daemon = try Daemon(config: config, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        _ = try daemon.taskMaster.create(TaskRequest(
            id: "sub", type: .stream, dbrps: [DBRP(db: "condenser", rp: "autogen")],
            script: "stream|from().measurement('cpu')|httpOut('out')", status: .enabled))
        let serving = Task { try await daemon.run(handlingSignals: false) }
        let (client, _) = try admin(influxd)
        let linked = await eventuallyAsync {
            let destination = (try? await client.subscriptions())?.first?.destinations.first ?? ""
            return destination.hasPrefix("http://~subscriber:") && destination.hasSuffix("@127.0.0.1:\(port)")
        }
        #expect(linked)
        try influxd.write("cpu,host=a usage=12.5 42")
        #expect(await eventually { daemon.taskMaster.httpOut(task: "sub", endpoint: "out")?.contains("12.5") == true })
        // Anyone else still needs credentials.
        #expect(try await post(port: port, "/write?db=condenser", "cpu usage=1").status == 401)
        // A subscription made again gets a new token, and the old one is revoked.
        let first = try daemon.api.authenticator.all()
        #expect(first.count == 1)
        try influxd.statement("DROP SUBSCRIPTION \"\(daemon.subscriptions.links[0].settings.name)\" ON condenser.autogen")
        try await daemon.subscriptions.linkAll()
        let second = try daemon.api.authenticator.all()
        #expect(second.count == 1 && second != first)
        #expect(try await client.subscriptions().first?.destinations.first?.contains(second.first ?? "-") == true)
        // At start, the tokens of clusters no longer linked are revoked.
        try daemon.api.authenticator.grant(SubscriptionSettings.newToken(cluster: "removed"), to: DBRP(db: "condenser", rp: "autogen"))
        #expect(try daemon.api.authenticator.all().count == 2)
        daemon.subscriptions.revokeTokensOfOtherClusters()
        #expect(try daemon.api.authenticator.all() == second)
        serving.cancel()
        _ = try? await serving.value
    }

    func post(port: Int, _ path: String, _ body: String) async throws -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = .POST
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        return (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 1 << 20)))
    }
}
