import InfluxDB
import Models
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
        #expect(settings().destination == "http://kap:9092")
        #expect(settings { $0.subscriptionMode = "server" }.name == "kapacitor-s-1")
        let overridden = settings {
            $0.kapacitorHostname = "kapacitor.example"
            $0.httpPort = 8000
            $0.subscriptionProtocol = "https"
            $0.subscriptionPath = "sub"
        }
        #expect(overridden.destination == "https://kapacitor.example:8000/sub")
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
