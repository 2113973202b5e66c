import Foundation
import InfluxDB
import Logging
import Models
import Server
import Testing

@Suite struct SubscriptionPlanTests {
    func settings(_ edit: (inout InfluxDBConfig) -> Void = { _ in }) -> SubscriptionSettings {
        var config = InfluxDBConfig()
        edit(&config)
        return SubscriptionSettings(config: config, clusterID: "c-1", serverID: "s-1", hostname: "kap", httpPort: 9092)
    }

    let autogen = DBRP(db: "telegraf", rp: "autogen")
    let week = DBRP(db: "telegraf", rp: "week")
    let internalAutogen = DBRP(db: "_kapacitor", rp: "autogen")

    @Test func namesAndDestinationsAreKapacitors() {
        #expect(settings().name == "kapacitor-c-1")
        #expect(settings().destination() == "http://kap:9092")
        #expect(settings { $0.subscriptionMode = "server" }.name == "kapacitor-s-1")
        let overridden = settings {
            $0.kapacitorHostname = "kapacitor.example"
            $0.httpPort = 8000
            $0.subscriptionProtocol = "https"
            $0.subscriptionPath = "sub"
        }
        #expect(overridden.destination() == "https://kapacitor.example:8000/sub")
    }

    @Test func createsOneOnEveryWantedPairLeavingTheDefaultExclusion() {
        let statements = SubscriptionPlan.statements(settings(), databases: [autogen, week, internalAutogen], existing: [])
        #expect(statements == [
            #"CREATE SUBSCRIPTION "kapacitor-c-1" ON "telegraf"."autogen" DESTINATIONS ANY 'http://kap:9092'"#,
            #"CREATE SUBSCRIPTION "kapacitor-c-1" ON "telegraf"."week" DESTINATIONS ANY 'http://kap:9092'"#,
        ])
        let only = settings { $0.subscriptions = ["telegraf": ["week"]] }
        #expect(SubscriptionPlan.statements(only, databases: [autogen, week], existing: []) == [
            #"CREATE SUBSCRIPTION "kapacitor-c-1" ON "telegraf"."week" DESTINATIONS ANY 'http://kap:9092'"#
        ])
    }

    @Test func keepsCurrentOnesDropsStaleAndUnwantedOnesAndLeavesOthersAlone() {
        let current = Subscription(database: "telegraf", retentionPolicy: "autogen", name: "kapacitor-c-1", destinations: ["http://kap:9092"])
        let stale = Subscription(database: "telegraf", retentionPolicy: "week", name: "kapacitor-c-1", destinations: ["http://old:9092"])
        let unwanted = Subscription(database: "_kapacitor", retentionPolicy: "autogen", name: "kapacitor-c-1", destinations: ["http://kap:9092"])
        let others = Subscription(database: "telegraf", retentionPolicy: "week", name: "kapacitor-x", destinations: ["http://old:9092"])
        let statements = SubscriptionPlan.statements(
            settings(), databases: [autogen, week, internalAutogen], existing: [current, stale, unwanted, others])
        #expect(statements == [
            #"DROP SUBSCRIPTION "kapacitor-c-1" ON "telegraf"."week""#,
            #"DROP SUBSCRIPTION "kapacitor-c-1" ON "_kapacitor"."autogen""#,
            #"CREATE SUBSCRIPTION "kapacitor-c-1" ON "telegraf"."week" DESTINATIONS ANY 'http://kap:9092'"#,
        ])
        // A destination with user info or another port is stale too.
        for destination in ["http://user:pw@kap:9092", "http://kap:9093", "https://kap:9092", "http://kap"] {
            var changed = current
            changed.destinations = [destination]
            #expect(SubscriptionPlan.statements(settings(), databases: [autogen], existing: [changed]).count == 2)
        }
    }

    @Test func withTokensNewSubscriptionsAuthenticateWithAGrantedTokenOfTheirCluster() {
        var config = InfluxDBConfig()
        config.name = "local"
        let settings = SubscriptionSettings(config: config, clusterID: "c-1", serverID: "s-1", hostname: "kap", httpPort: 9092, useTokens: true)
        var granted: [(String, DBRP)] = []
        let statements = SubscriptionPlan.statements(settings, databases: [autogen], existing: []) { granted.append(($0, $1)) }
        #expect(granted.count == 1 && granted.first?.1 == autogen)
        let token = granted.first?.0 ?? ""
        #expect(statements == [#"CREATE SUBSCRIPTION "kapacitor-c-1" ON "telegraf"."autogen" DESTINATIONS ANY 'http://~subscriber:\#(token)@kap:9092'"#])
        // The token is base64url of `<cluster>;<random>`, and names only letters, digits, `-` and `_`.
        #expect(token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        let raw = Data(base64Encoded: token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            + String(repeating: "=", count: (4 - token.count % 4) % 4))
        #expect(raw.map { String(decoding: $0.prefix(6), as: UTF8.self) } == "local;")

        // A subscription with a token of this cluster is current; one without, or of another cluster, is not.
        let current = Subscription(database: "telegraf", retentionPolicy: "autogen", name: "kapacitor-c-1", destinations: ["http://~subscriber:\(token)@kap:9092"])
        #expect(SubscriptionPlan.statements(settings, databases: [autogen], existing: [current]).isEmpty)
        for destination in ["http://kap:9092", "http://~subscriber:\(SubscriptionSettings.newToken(cluster: "other"))@kap:9092"] {
            var stale = current
            stale.destinations = [destination]
            #expect(SubscriptionPlan.statements(settings, databases: [autogen], existing: [stale]).count == 2)
        }
    }

    @Test func udpSubscriptionsSendToTheirListenersPort() {
        let udp = settings { $0.subscriptionProtocol = "udp" }
        let current = Subscription(database: "telegraf", retentionPolicy: "autogen", name: "kapacitor-c-1", destinations: ["udp://kap:4001"])
        #expect(udp.udpDestinationPort(of: current) == 4001)
        #expect(settings().udpDestinationPort(of: current) == nil)
        #expect(SubscriptionPlan.statements(udp, databases: [autogen, week], existing: [current], udpPorts: [autogen: 4001, week: 4002]) == [
            #"CREATE SUBSCRIPTION "kapacitor-c-1" ON "telegraf"."week" DESTINATIONS ANY 'udp://kap:4002'"#
        ])
        // Its listener could not take the old port again: the subscription moves to the new one.
        #expect(SubscriptionPlan.statements(udp, databases: [autogen], existing: [current], udpPorts: [autogen: 4100]) == [
            #"DROP SUBSCRIPTION "kapacitor-c-1" ON "telegraf"."autogen""#,
            #"CREATE SUBSCRIPTION "kapacitor-c-1" ON "telegraf"."autogen" DESTINATIONS ANY 'udp://kap:4100'"#,
        ])
    }

    @Test func renamesOldStyleSubscriptionsKeepingTheirDestinations() {
        let legacy = Subscription(database: "telegraf", retentionPolicy: "autogen", name: "kapacitor", mode: "ALL", destinations: ["http://kap:9092", "http://b:1"])
        let bareID = Subscription(database: "telegraf", retentionPolicy: "week", name: "c-1", destinations: ["http://elsewhere:9092"])
        #expect(SubscriptionPlan.statements(settings(), databases: [autogen, week], existing: [legacy, bareID]) == [
            #"DROP SUBSCRIPTION "kapacitor" ON "telegraf"."autogen""#,
            #"CREATE SUBSCRIPTION "kapacitor-c-1" ON "telegraf"."autogen" DESTINATIONS ALL 'http://kap:9092', 'http://b:1'"#,
            #"DROP SUBSCRIPTION "c-1" ON "telegraf"."week""#,
            #"CREATE SUBSCRIPTION "kapacitor-c-1" ON "telegraf"."week" DESTINATIONS ANY 'http://kap:9092'"#,
        ])
    }

    @Test func quotesNamesAndDestinations() {
        let odd = Subscription(database: "my \"db\"", retentionPolicy: "rp", name: "kapacitor-c-1", destinations: ["http://it's:1"])
        #expect(odd.createStatement == #"CREATE SUBSCRIPTION "kapacitor-c-1" ON "my \"db\""."rp" DESTINATIONS ANY 'http://it\'s:1'"#)
    }
}

@Suite struct SubscriptionConfigTests {
    @Test func theDaemonsLinksComeFromTheSectionsSubscriptionKeys() throws {
        let directory = NSTemporaryDirectory() + "condenser-subs-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = try Config.load(path: "test.conf", contents: """
            data_dir = "\(directory)"
            hostname = "kap.example"
            [http]
              bind-address = ":9099"
            [[influxdb]]
              name = "a"
              default = true
              urls = ["http://127.0.0.1:1"]
              subscription-mode = "server"
              subscription-protocol = "https"
              subscriptions-sync-interval = "5s"
              [influxdb.subscriptions]
                telegraf = ["autogen", "week"]
              [influxdb.excluded-subscriptions]
                telegraf = ["week"]
            [[influxdb]]
              name = "b"
              urls = ["http://127.0.0.1:2"]
              kapacitor-hostname = "other.example"
              http-port = 8000
            [[influxdb]]
              name = "c"
              urls = ["http://127.0.0.1:3"]
              disable-subscriptions = true
            """)
        let daemon = try Daemon(config: config, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        defer { daemon.taskMaster.stop() }
        let serverID = try daemon.store.meta("server_id") { "" }
        let clusterID = try daemon.store.meta("cluster_id") { "" }
        #expect(daemon.subscriptions.links.map(\.cluster) == ["a", "b"])
        let a = daemon.subscriptions.links[0].settings
        #expect(a.name == "kapacitor-" + serverID && a.destination() == "https://kap.example:9099")
        #expect(a.only == [DBRP(db: "telegraf", rp: "autogen"), DBRP(db: "telegraf", rp: "week")])
        #expect(a.excluded == [DBRP(db: "telegraf", rp: "week")])
        #expect(daemon.subscriptions.links[0].client.config.subscriptionsSyncInterval == 5_000_000_000)
        let b = daemon.subscriptions.links[1].settings
        #expect(b.name == "kapacitor-" + clusterID && b.destination() == "http://other.example:8000")
        #expect(b.excluded == [DBRP(db: "_kapacitor", rp: "autogen")])
    }
}
