import Foundation
import Server
import Testing

/// A kapacitor.conf as operators write them: the shipped layout with a few sections edited.
let sampleConf = """
# The hostname of this node.
hostname = "kapacitor-1"
data_dir = "/var/lib/kapacitor"
skip-config-overrides = false
default-retention-policy = ""

[http]
  bind-address = ":9092"
  auth-enabled = false
  log-enabled = true
  write-tracing = false
  pprof-enabled = false
  https-enabled = false
  https-certificate = "/etc/ssl/kapacitor.pem"
  shutdown-timeout = "10s"

[config-override]
  enabled = true

[logging]
    file = "/var/log/kapacitor/kapacitor.log"
    level = "INFO"

[load]
  enabled = true
  dir = "/etc/kapacitor/load"

[replay]
  dir = "/var/lib/kapacitor/replay"

[task]
  dir = "/var/lib/kapacitor/tasks"
  snapshot-interval = "60s"

[storage]
  boltdb = "/var/lib/kapacitor/kapacitor.db"

[deadman]
  global = false
  threshold = 0.0
  interval = "10s"
  id = "node 'NODE_NAME' in task '{{ .TaskName }}'"
  message = "{{ .ID }} is {{ if eq .Level \\"OK\\" }}alive{{ else }}dead{{ end }}: {{ index .Fields \\"collected\\" | printf \\"%0.3f\\" }} points/INTERVAL."

[[influxdb]]
  enabled = true
  default = true
  name = "localhost"
  urls = ["http://localhost:8086", "http://backup:8086"]
  username = ""
  password = ""
  timeout = 0
  insecure-skip-verify = false
  startup-timeout = "5m"
  disable-subscriptions = false
  subscription-protocol = "http"
  subscriptions-sync-interval = "1m0s"
  kapacitor-hostname = ""
  http-port = 0
  udp-bind = ""
  udp-buffer = 1000
  udp-read-buffer = 0
  [influxdb.subscriptions]
    telegraf = ["autogen"]
  [influxdb.excluded-subscriptions]
    _kapacitor = ["autogen"]

[smtp]
  enabled = false
  host = "localhost"
  port = 25
  username = ""
  password = ""
  from = "kapacitor@example.com"
  to = ["oncall@example.com"]
  no-verify = false
  idle-timeout = "30s"
  global = false
  state-changes-only = false

[[kafka]]
  enabled = true
  id = "infra-monitoring"
  brokers = ["10.0.0.1:9092", "10.0.0.2:9092"]
  timeout = "10s"
  batch-size = 100
  batch-timeout = "1s"

[[kafka]]
  enabled = false
  id = "second"

[[httppost]]
  endpoint = "example"
  url = "http://example.com"
  headers = { Example = "your-key" }
  basic-auth = { username = "my-user", password = "my-pass" }

[stats]
  enabled = true
  stats-interval = "10s"
  database = "_kapacitor"
  retention-policy= "autogen"

[udf]
[udf.functions]
    [udf.functions.tTest]
        prog = "/usr/bin/tTest.py"
        timeout = "10s"
"""

@Suite struct ConfigTests {
    @Test func defaultsRoundTripThroughTOML() throws {
        let defaults = Config(defaultsOf: .kapacitor)
        let reloaded = try Config.load(path: "defaults.conf", contents: defaults.toml)
        #expect(reloaded.warnings.isEmpty)
        #expect(ConfigValue.table(reloaded.root) == ConfigValue.table(defaults.root))
        #expect(defaults.bindAddress == ":9092")
        #expect(defaults.value("influxdb", "0", "urls") == .list([.string("http://localhost:8086")]))
        #expect(defaults.toml.contains("[http]\n  bind-address = \":9092\"\n"))
        #expect(defaults.toml.contains("[[influxdb]]\n"))
    }

    @Test func readsAKapacitorConfUnchanged() throws {
        let config = try Config.load(path: "/etc/kapacitor/kapacitor.conf", contents: sampleConf)
        #expect(config.warnings == [])
        #expect(config.hostname == "kapacitor-1")
        #expect(config.dataDirectory == "/var/lib/kapacitor")
        #expect(config.logFile == "/var/log/kapacitor/kapacitor.log")
        #expect(config.logLevel == "INFO")
        #expect(config.value("influxdb", "0", "urls") == .list([.string("http://localhost:8086"), .string("http://backup:8086")]))
        #expect(config.value("influxdb", "0", "subscriptions") == .table([("telegraf", .list([.string("autogen")]))]))
        #expect(config.duration("influxdb", "0", "startup-timeout") == 300_000_000_000)
        #expect(config.value("influxdb", "0", "timeout") == .string("0s"))
        #expect(config.value("kafka", "1", "id") == .string("second"))
        #expect(config.value("kafka", "1", "batch-size") == .int(0))
        #expect(config.value("kafka", "0", "brokers") == .list([.string("10.0.0.1:9092"), .string("10.0.0.2:9092")]))
        #expect(config.value("httppost", "0", "headers") == .table([("Example", .string("your-key"))]))
        #expect(config.value("httppost", "0", "basic-auth", "username") == .string("my-user"))
        #expect(config.value("udf", "functions", "tTest", "prog") == .string("/usr/bin/tTest.py"))
        #expect(config.value("smtp", "to") == .list([.string("oncall@example.com")]))
        #expect(config.value("slack", "0", "username") == .string("kapacitor"))
        #expect(config.databasePath == "/var/lib/kapacitor/condenser.db")
    }

    @Test func unknownKeysWarnWithFileAndKey() throws {
        let text = "bogus = 1\n[http]\n  bind-address = \":1\"\n  tpyo = true\n[nosuchsection]\n  x = 1\n"
        let config = try Config.load(path: "k.conf", contents: text)
        #expect(Set(config.warnings) == [
            "k.conf: unknown configuration key \"bogus\" ignored",
            "k.conf: unknown configuration key \"http.tpyo\" ignored",
            "k.conf: unknown configuration key \"nosuchsection\" ignored",
        ])
        #expect(config.bindAddress == ":1")
    }

    @Test(arguments: [
        ("[http]\nbind-address = 9092\n", "k.conf: http.bind-address: expected a string, found integer"),
        ("[http]\nshutdown-timeout = \"soon\"\n", "k.conf: http.shutdown-timeout: invalid duration \"soon\""),
        ("[[influxdb]]\nurls = \"http://x\"\n", "k.conf: influxdb.urls: expected an array, found string"),
        ("[http\n", nil),
    ])
    func badValuesAreErrorsNamingFileAndKey(text: String, message: String?) {
        do {
            _ = try Config.load(path: "k.conf", contents: text)
            Issue.record("expected an error")
        } catch {
            if let message { #expect(error.description == message) } else { #expect(error.description.hasPrefix("k.conf: line 1")) }
        }
    }

    @Test func environmentOverridesIncludingIndexes() throws {
        let environment = [
            "KAPACITOR_HOSTNAME": "from-env",
            "KAPACITOR_HTTP_BIND_ADDRESS": "127.0.0.1:9999",
            "KAPACITOR_HTTP_LOG_ENABLED": "false",
            "KAPACITOR_INFLUXDB_0_URLS_1": "http://override:8086",
            "KAPACITOR_INFLUXDB_0_USERNAME": "admin",
            "KAPACITOR_INFLUXDB_5_USERNAME": "nobody",
            "KAPACITOR_INFLUXDB_0_URLS_7": "http://ignored:8086",
            "KAPACITOR_KAFKA_1_BATCH_SIZE": "0x10",
            "KAPACITOR_SMTP_PORT": "2525",
            "KAPACITOR_SMTP_ENABLED": "T",
            "KAPACITOR_DEADMAN_THRESHOLD": "2.5",
            "KAPACITOR_STATS_STATS_INTERVAL": "30s",
            "KAPACITOR_HTTPPOST_0_BASIC_AUTH_PASSWORD": "secret",
            "KAPACITOR_LOGGING_LEVEL": "",
        ]
        let config = try Config.load(path: "k.conf", contents: sampleConf, environment: environment)
        #expect(config.hostname == "from-env")
        #expect(config.bindAddress == "127.0.0.1:9999")
        #expect(config.listenAddress == ("127.0.0.1", 9999))
        #expect(config.httpLogEnabled == false)
        #expect(config.value("influxdb", "0", "urls") == .list([.string("http://localhost:8086"), .string("http://override:8086")]))
        #expect(config.value("influxdb", "0", "username") == .string("admin"))
        #expect(config.value("kafka", "1", "batch-size") == .int(16))
        #expect(config.value("smtp", "port") == .int(2525))
        #expect(config.value("smtp", "enabled") == .bool(true))
        #expect(config.value("deadman", "threshold") == .float(2.5))
        #expect(config.value("stats", "stats-interval") == .string("30s"))
        #expect(config.value("httppost", "0", "basic-auth", "password") == .string("secret"))
        #expect(config.logLevel == "INFO")
    }

    @Test(arguments: [
        ("KAPACITOR_SMTP_PORT", "twenty-five", "failed to apply KAPACITOR_SMTP_PORT to port using type int and value 'twenty-five'"),
        ("KAPACITOR_HTTP_AUTH_ENABLED", "maybe", "failed to apply KAPACITOR_HTTP_AUTH_ENABLED to auth-enabled using type bool and value 'maybe'"),
        ("KAPACITOR_HTTP_SHUTDOWN_TIMEOUT", "10", "failed to apply KAPACITOR_HTTP_SHUTDOWN_TIMEOUT to shutdown-timeout using type toml.Duration and value '10'"),
    ])
    func badOverridesAreErrors(variable: String, value: String, message: String) {
        #expect(throws: ConfigError.self) { try Config.load(path: nil, environment: [variable: value]) }
        do {
            _ = try Config.load(path: nil, environment: [variable: value])
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func daemonDefaultsWithoutAFile() throws {
        let config = try Config.forDaemon(path: nil, environment: ["HOME": "/home/ops", "KAPACITOR_HTTP_BIND_ADDRESS": ":9100"], hostname: "h1")
        #expect(config.dataDirectory == "/home/ops/.condenser")
        #expect(config.databasePath == "/home/ops/.condenser/condenser.db")
        #expect(config.hostname == "h1")
        #expect(config.listenAddress == ("0.0.0.0", 9100))
        let overridden = try Config.forDaemon(path: nil, environment: ["HOME": "/h", "KAPACITOR_DATA_DIR": "/data"], hostname: nil)
        #expect(overridden.dataDirectory == "/data")
    }

    @Test func configPathPrecedence() {
        #expect(ConfigPath.find(flag: "/a.conf", environment: ["KAPACITOR_CONFIG_PATH": "/b.conf"]) == "/a.conf")
        #expect(ConfigPath.find(flag: "/dev/null", environment: ["KAPACITOR_CONFIG_PATH": "/b.conf"]) == nil)
        #expect(ConfigPath.find(flag: nil, environment: ["KAPACITOR_CONFIG_PATH": "/b.conf"]) == "/b.conf")
        #expect(ConfigPath.find(flag: nil, environment: ["HOME": "/nonexistent-home"], systemPath: "/nonexistent.conf") == nil)
        let directory = TemporaryDirectory()
        let home = directory.path
        try? FileManager.default.createDirectory(atPath: home + "/.kapacitor", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: home + "/.kapacitor/kapacitor.conf", contents: Data("hostname = \"x\"\n".utf8))
        #expect(ConfigPath.find(flag: nil, environment: ["HOME": home], systemPath: "/nonexistent.conf") == home + "/.kapacitor/kapacitor.conf")
    }
}
