import Foundation
import Testing
import TestPeers

/// POST `/kapacitor/v1/config/...`: overrides are stored, shown, kept across restarts and applied to
/// running handlers at once, with Kapacitor's validation and messages.
@Suite struct ConfigOverrideTests {
    let extra = """
    [smtp]
      enabled = true
      host = "mail.example.com"
      port = 25
    [[slack]]
      workspace = "ops"
      url = "https://hooks.slack.com/services/x"
      channel = "#alerts"
    """

    @Test func setDeleteAddAndRemoveAreStoredAndSurviveARestart() async throws {
        let directory = TemporaryDirectory()
        let config = try testConfig(directory, extra: extra)
        try await withDaemon(config) { client, _ async throws in
            let set = ##"{"set":{"host":"smtp.example.org","port":"2525","password":"s3cret","to":["a@example.com"]}}"##
            #expect(try await client.call(.post, "/kapacitor/v1/config/smtp/", set).status == .noContent)
            let (noSection, noSectionError) = try await client.json(.get, "/kapacitor/v1/config/")
            #expect(noSection == .badRequest)
            #expect(noSectionError["error"] as? String == "section not specified, do you have an extra trailing '/'?")
            let (_, smtp) = try await client.json(.get, "/kapacitor/v1/config/smtp/")
            let options = try #require(smtp["options"] as? [String: Any])
            #expect(options["host"] as? String == "smtp.example.org")
            #expect(options["port"] as? Int == 2525)
            #expect(options["password"] as? Bool == true)
            #expect(options["to"] as? [String] == ["a@example.com"])

            let add = ##"{"add":{"workspace":"dev","url":"https://hooks.slack.com/services/dev","channel":"#dev"}}"##
            #expect(try await client.call(.post, "/kapacitor/v1/config/slack", add).status == .noContent)
            let (devStatus, dev) = try await client.json(.get, "/kapacitor/v1/config/slack/dev")
            #expect(devStatus == .ok)
            #expect((dev["options"] as? [String: Any])?["channel"] as? String == "#dev")
            #expect((dev["options"] as? [String: Any])?["url"] as? Bool == true)
            #expect(try await client.call(.post, "/kapacitor/v1/config/slack/dev", ##"{"set":{"channel":"#dev2"}}"##).status == .noContent)
            let (_, slack) = try await client.json(.get, "/kapacitor/v1/config/slack")
            let channels = (slack["elements"] as? [[String: Any]])?.compactMap { ($0["options"] as? [String: Any])?["channel"] as? String }
            #expect(channels?.sorted() == ["#alerts", "#dev2"])
        }
        // A restart on the same data directory applies the stored overrides again.
        try await withDaemon(config) { client, _ async throws in
            let (_, smtp) = try await client.json(.get, "/kapacitor/v1/config/smtp/")
            #expect((smtp["options"] as? [String: Any])?["host"] as? String == "smtp.example.org")
            #expect(try await client.json(.get, "/kapacitor/v1/config/slack/dev").0 == .ok)

            #expect(try await client.call(.post, "/kapacitor/v1/config/smtp/", ##"{"delete":["host","port"]}"##).status == .noContent)
            let (_, reverted) = try await client.json(.get, "/kapacitor/v1/config/smtp/")
            #expect((reverted["options"] as? [String: Any])?["host"] as? String == "mail.example.com")
            #expect((reverted["options"] as? [String: Any])?["port"] as? Int == 25)
            #expect((reverted["options"] as? [String: Any])?["password"] as? Bool == true)

            #expect(try await client.call(.post, "/kapacitor/v1/config/slack", ##"{"remove":["dev"]}"##).status == .noContent)
            #expect(try await client.json(.get, "/kapacitor/v1/config/slack/dev").0 == .notFound)
        }
        // `skip-config-overrides` starts the services from the file alone; the API still shows the
        // stored overrides, as Kapacitor's does.
        try await withDaemon(try testConfig(directory, extra: "skip-config-overrides = true\n" + extra)) { client, daemon async throws in
            #expect(daemon.config.string("smtp", "password") == "")
            let (_, smtp) = try await client.json(.get, "/kapacitor/v1/config/smtp/")
            #expect((smtp["options"] as? [String: Any])?["password"] as? Bool == true)
        }
        try await withDaemon(config) { _, daemon async throws in
            #expect(daemon.config.string("smtp", "password") == "s3cret")
        }
    }

    @Test(arguments: [
        ("/kapacitor/v1/config/smtp", ##"{"set":{"host":"x"}}"##,
         "failed to apply update: invalid update action: element not specified, are you missing a trailing '/'?"),
        ("/kapacitor/v1/config/slack/", ##"{"set":{"channel":"#x"},"add":{"workspace":"w"}}"##,
         "failed to apply update: invalid update action: cannot provide both set/delete and add/remove actions in the same update"),
        ("/kapacitor/v1/config/slack/ops", ##"{"add":{"workspace":"w"}}"##,
         "failed to apply update: invalid update action: must not provide an element name when adding an a new override"),
        ("/kapacitor/v1/config/slack/ops", ##"{"remove":["ops"]}"##,
         "failed to apply update: invalid update action: must not provide element when removing an override"),
        ("/kapacitor/v1/config/smtp", ##"{"add":{"host":"x"}}"##,
         "failed to apply update: section \"smtp\" is not a list, cannot add new element"),
        ("/kapacitor/v1/config/slack", ##"{"add":{"url":"x"}}"##, "failed to apply update: missing key \"workspace\" in \"add\" map"),
        ("/kapacitor/v1/config/slack", ##"{"add":{"workspace":7}}"##,
         "failed to apply update: expected \"workspace\" key to be a string, got float64"),
        ("/kapacitor/v1/config/slack", ##"{"add":{"workspace":"ops"}}"##,
         "failed to override configuration slack/: an element with workspace \"ops\" already exists"),
        ("/kapacitor/v1/config/smtp/", ##"{"set":{"host":5}}"##,
         "failed to override configuration smtp/: cannot set option host: wrong kind float64, expected value of kind string: false"),
        ("/kapacitor/v1/config/smtp/", ##"{"set":{"port":"many"}}"##,
         "failed to override configuration smtp/: cannot set option port: cannot convert string \"many\" into int"),
        ("/kapacitor/v1/config/smtp/", ##"{"set":{"idle-timeout":"soon"}}"##,
         "failed to override configuration smtp/: cannot set option idle-timeout: time: invalid duration \"soon\""),
        ("/kapacitor/v1/config/smtp/", ##"{"set":{"nope":1,"also":2}}"##,
         "failed to override configuration smtp/: unknown options [also nope] in section smtp"),
        ("/kapacitor/v1/config/slack/ops", ##"{"set":{"workspace":"other"}}"##,
         "failed to override configuration slack/ops: cannot override element key workspace"),
        ("/kapacitor/v1/config/slack/nobody", ##"{"set":{}}"##,
         "failed to override configuration slack/nobody: unknown section slack"),
        ("/kapacitor/v1/config/http/", ##"{"set":{"bind-address":":1"}}"##,
         "failed to override configuration http/: unknown options [bind-address] in section http"),
        ("/kapacitor/v1/config/", ##"{"set":{"a":1}}"##, "failed to apply update: invalid update action: must provide section name"),
        ("/kapacitor/v1/config", ##"{"set":{"a":1}}"##, "no section specified"),
        ("/kapacitor/v1/config/smtp/", ##"{"set":[]}"##,
         "failed to decode JSON:json: cannot unmarshal value into Go struct field updateAction.set"),
    ])
    func badUpdatesAreRefusedWithKapacitorsMessage(path: String, body: String, message: String) async throws {
        let directory = TemporaryDirectory()
        try await withDaemon(try testConfig(directory, extra: extra)) { client, _ async throws in
            let (status, error) = try await client.json(.post, path, body)
            #expect(status == .badRequest)
            #expect(error["error"] as? String == message)
            // Nothing was stored.
            let (_, smtp) = try await client.json(.get, "/kapacitor/v1/config/smtp/")
            #expect((smtp["options"] as? [String: Any])?["host"] as? String == "mail.example.com")
        }
    }

    @Test func aDisabledServiceRefusesEveryConfigRequestAndAppliesNoStoredOverride() async throws {
        let directory = TemporaryDirectory()
        try await withDaemon(try testConfig(directory, extra: extra)) { client, _ async throws in
            #expect(try await client.call(.post, "/kapacitor/v1/config/smtp/", ##"{"set":{"host":"x"}}"##).status == .noContent)
        }
        try await withDaemon(try testConfig(directory, extra: extra + "\n[config-override]\n  enabled = false\n")) { client, daemon async throws in
            let (status, error) = try await client.json(.get, "/kapacitor/v1/config")
            #expect(status == .forbidden && error["error"] as? String == "config override service is not enabled")
            #expect(try await client.call(.post, "/kapacitor/v1/config/smtp/", ##"{"set":{"host":"x"}}"##).status == .forbidden)
            #expect(daemon.config.string("smtp", "host") == "mail.example.com")
        }
    }

    @Test func anOverrideTheFileNoLongerFitsBlocksNothing() async throws {
        let directory = TemporaryDirectory()
        try await withDaemon(try testConfig(directory, extra: extra)) { client, _ async throws in
            #expect(try await client.call(.post, "/kapacitor/v1/config/slack/ops", ##"{"set":{"channel":"#ops"}}"##).status == .noContent)
        }
        // The file no longer has the `ops` workspace.
        try await withDaemon(try testConfig(directory, extra: "[smtp]\n  host = \"mail.example.com\"\n")) { client, _ async throws in
            #expect(try await client.json(.get, "/kapacitor/v1/config").0 == .ok)
            #expect(try await client.call(.post, "/kapacitor/v1/config/smtp/", ##"{"set":{"port":2525}}"##).status == .noContent)
            let (status, error) = try await client.json(.post, "/kapacitor/v1/config/slack/ops", ##"{"set":{"channel":"#x"}}"##)
            #expect(status == .badRequest && error["error"] as? String == "failed to override configuration slack/ops: unknown options [channel] in section slack")
        }
    }

    @Test func anOverrideARunningHandlerCannotBeMadeFromIsRefused() async throws {
        let directory = TemporaryDirectory()
        let config = try testConfig(directory, extra: "[[kafka]]\n  enabled = true\n  id = \"k1\"\n  brokers = [\"127.0.0.1:9\"]\n")
        try await withDaemon(config) { client, daemon async throws in
            let handler = ##"{"id":"to-kafka","kind":"kafka","options":{"cluster":"k1","topic":"alerts"}}"##
            #expect(try await client.call(.post, "/kapacitor/v1/alerts/topics/cpu/handlers", handler).status == .ok)
            let (status, error) = try await client.json(.post, "/kapacitor/v1/config/kafka/k1", ##"{"set":{"enabled":false}}"##)
            #expect(status == .internalServerError)
            #expect(error["error"] as? String
                == #"failed to update configuration kafka/k1: topic handler to-kafka of topic cpu: unknown cluster "k1""#)
            let (_, kafka) = try await client.json(.get, "/kapacitor/v1/config/kafka/k1")
            #expect((kafka["options"] as? [String: Any])?["enabled"] as? Bool == true)
            #expect(daemon.taskMaster.handlerEnvironment.sections["kafka"].map { String(decoding: $0, as: UTF8.self) }?.contains(#""enabled":true"#) == true)
        }
    }

    @Test func runningHandlersUseTheOverriddenSectionAtOnce() async throws {
        let receiver = HTTPRecorder()
        try await receiver.serving { url async throws in
            let directory = TemporaryDirectory()
            let config = try testConfig(directory, extra: """
            [[slack]]
              enabled = true
              default = true
              url = "\(url)/slack-before"
            [[httppost]]
              endpoint = "ep"
              url = "\(url)/post-before"
            """)
            let task = """
            {"id":"cpu","type":"stream","dbrps":[{"db":"telegraf","rp":"autogen"}],"status":"enabled",
             "script":"stream|from().measurement('cpu')|alert().id('cpu').topic('cpu').crit(lambda: TRUE).slack()"}
            """
            let handler = ##"{"id":"to-ep","kind":"post","options":{"endpoint":"ep"}}"##
            try await withDaemon(config) { client, _ async throws in
                #expect(try await client.call(.post, "/kapacitor/v1/tasks", task).status == .ok)
                #expect(try await client.call(.post, "/kapacitor/v1/alerts/topics/cpu/handlers", handler).status == .ok)
                #expect(try await client.call(.post, "/write?db=telegraf&rp=autogen", "cpu v=1 1000000000\n").status == .noContent)
                let before = try await eventually { () async throws -> [String]? in
                    let paths = receiver.requests.withLock { $0.map(\.path) }
                    return paths.count == 2 ? paths.sorted() : nil
                }
                #expect(before == ["/post-before", "/slack-before"])

                #expect(try await client.call(.post, "/kapacitor/v1/config/slack/", ##"{"set":{"url":"\##(url)/slack-after"}}"##).status == .noContent)
                #expect(try await client.call(.post, "/kapacitor/v1/config/httppost/ep", ##"{"set":{"url":"\##(url)/post-after"}}"##).status == .noContent)
                #expect(try await client.call(.post, "/write?db=telegraf&rp=autogen", "cpu v=2 2000000000\n").status == .noContent)
                let after = try await eventually { () async throws -> [String]? in
                    let paths = receiver.requests.withLock { $0.map(\.path) }
                    return paths.count == 4 ? Array(paths.suffix(2)).sorted() : nil
                }
                #expect(after == ["/post-after", "/slack-after"])

                // A task started after the change posts to the overridden endpoint too.
                let poster = """
                {"id":"mem","type":"stream","dbrps":[{"db":"telegraf","rp":"autogen"}],"status":"enabled",
                 "script":"stream|from().measurement('mem')|httpPost().endpoint('ep')"}
                """
                #expect(try await client.call(.post, "/kapacitor/v1/tasks", poster).status == .ok)
                #expect(try await client.call(.post, "/write?db=telegraf&rp=autogen", "mem v=3 3000000000\n").status == .noContent)
                let posted = try await eventually { () async throws -> String? in
                    receiver.requests.withLock { $0.count == 5 ? $0[4].path : nil }
                }
                #expect(posted == "/post-after")
            }
        }
    }
}
