import InfluxDB
import Server
import Testing

@Suite struct ServerInfluxDBConfigTests {
    @Test func sectionsBecomeClustersAndRedactedElements() throws {
        let config = try Config.load(path: "test.conf", contents: """
            [[influxdb]]
              name = "a"
              urls = ["http://127.0.0.1:1"]
              username = "u"
              password = "secret"
              timeout = "5s"
              compression = "none"
            [[influxdb]]
              name = "b"
              default = true
              urls = ["http://127.0.0.1:2", "http://127.0.0.1:3"]
              token = "tok"
            [[influxdb]]
              name = "c"
              enabled = false
            """)
        let configs = try config.influxDBConfigs
        #expect(configs.map(\.name) == ["a", "b", "c"])
        #expect(configs[0].timeout == 5_000_000_000 && configs[0].compression == "none" && configs[0].password == "secret")
        #expect(configs[1].compression == "gzip" && configs[1].startupTimeout == 300_000_000_000)
        #expect(configs[1].excludedSubscriptions == ["_kapacitor": ["autogen"]])
        let clusters = try #require(try config.influxDBClusters())
        #expect(clusters.defaultName == "b" && clusters.clients.keys.sorted() == ["a", "b"])
        let elements = try #require(config.configView.sections.first { $0.name == "influxdb" }?.elements)
        #expect(elements.map(\.id) == ["a", "b", "c"])
        #expect(elements[0].redacted == ["password", "token"])
        #expect(elements[0].options["password"] == .bool(true) && elements[0].options["token"] == .bool(false))
        #expect(elements[0].options["username"] == .string("u"))
        #expect(elements[1].options["token"] == .bool(true))
    }

    @Test func noEnabledSectionMeansNoClusters() throws {
        let config = try Config.load(path: "test.conf", contents: "[[influxdb]]\n  enabled = false\n")
        #expect(try config.influxDBClusters() == nil)
        let defaults = try Config.load(path: nil)
        #expect(try defaults.influxDBClusters()?.defaultName == "default")
        let invalid = try Config.load(path: "test.conf", contents: "[[influxdb]]\n  compression = \"lz4\"\n")
        #expect(throws: ConfigError.self) { try invalid.influxDBClusters() }
    }
}
