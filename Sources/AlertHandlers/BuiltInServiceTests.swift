import Alerting
import Foundation
import Models

extension BuiltInHandlers {
    /// The service tests of the built-in handlers' services, by Kapacitor's service names, with
    /// its default test options; each sends a test message through the handler's own code.
    public func serviceTests(environment: HandlerEnvironment) -> [ServiceTester] {
        let env = environment
        let config: @Sendable (String, String, Any) -> ServiceJSON = { section, key, fallback in
            ServiceJSON.any(env.configured(section, key, or: fallback))
        }
        return [
            eventTest("alerta", env, {
                [("resource", .string("testResource")), ("event", .string("testEvent")),
                 ("environment", config("alerta", "environment", "")), ("severity", .string("critical")),
                 ("group", .string("testGroup")), ("value", .string("testValue")), ("message", .string("test alerta message")),
                 ("origin", config("alerta", "origin", "")),
                 ("service", .array([.string("testServiceA"), .string("testServiceB")])),
                 ("correlate", .array([.string("testServiceX"), .string("testServiceY")])),
                 ("attributes", .sortedObject([
                    ("testAttributeA", .string("A")), ("testAttributeB", .bool(true)), ("testAttributeC", .float(9001)),
                 ])),
                 ("timeout", .string("24h0m0s"))]
            }) { options, _ in
                let level = AlertLevel(name: options.string("severity") == "informational" ? "info" : options.string("severity")) ?? .critical
                let keys = ["resource", "event", "environment", "group", "value", "origin", "service", "correlate", "attributes", "timeout"]
                return (options.values.filter { keys.contains($0.key) },
                        TestEvent.make(message: options.string("message"), level: level))
            },
            eventTest("bigpanda", env, {
                [("app_key", .string("012345")), ("message", .string("test bigpanda message")), ("level", .string("CRITICAL")),
                 ("event_data", Self.eventData("testBigPanda")), ("timestamp", .string(env.clock.now().rfc3339Nano)),
                 ("host", .string("serverA")), ("primary_property", .string("")), ("secondary_property", .string(""))]
            }) { options, now in
                (["app-key": options.string("app_key"), "host": options.string("host"),
                  "primary-property": options.string("primary_property"), "secondary-property": options.string("secondary_property")],
                 TestEvent.make(message: options.string("message"), level: try options.level("level"),
                                time: options.time("timestamp", now: now), name: options.object("event_data")["Name"] as? String ?? ""))
            },
            eventTest("discord", env, {
                [("workspace", config("discord", "workspace", "")), ("message", .string("test discord message")),
                 ("level", .string("INFO")), ("username", .string("Kapacitor")),
                 ("avatar-url", .string("https://influxdata.github.io/branding/img/downloads/influxdata-logo--symbol--pool-alpha.png")),
                 ("embed-title", .string("Kapacitor Alert")), ("time-val", .string("1970-01-01T00:00:01Z"))]
            }) { options, now in
                (["workspace": options.string("workspace"), "username": options.string("username"),
                  "avatar-url": options.string("avatar-url"), "embed-title": options.string("embed-title")],
                 TestEvent.make(message: options.string("message"), level: try options.level("level"), time: options.time("time-val", now: now)))
            },
            eventTest("httppost", kind: "post", env, {
                [("endpoint", .string("example")), ("url", .string("http://localhost:3000/")),
                 ("headers", .sortedObject([("Auth", .string("secret"))])), ("timeout", .int(0))]
            }) { options, _ in
                (["url": options.string("url"), "headers": options.object("headers")], TestEvent.make())
            },
            kafkaTest(env),
            mqttTest(env),
            eventTest("opsgenie", env, {
                [("teams", config("opsgenie", "teams", NSNull())), ("recipients", config("opsgenie", "recipients", NSNull())),
                 ("message-type", .string("CRITICAL")), ("message", .string("test opsgenie message")),
                 ("entity-id", .string("testEntityID"))]
            }) { options, now in
                (["teams-list": options.strings("teams"), "recipients-list": options.strings("recipients")],
                 TestEvent.make(id: options.string("entity-id"), message: options.string("message"),
                                level: try options.level("message-type"), time: now))
            },
            eventTest("opsgenie2", env, {
                [("teams", config("opsgenie2", "teams", NSNull())), ("recipients", config("opsgenie2", "recipients", NSNull())),
                 ("recovery_action", config("opsgenie2", "recovery_action", "notes")),
                 ("message-type", .string("CRITICAL")), ("message", .string("test opsgenie message")),
                 ("entity-id", .string("testEntityID"))]
            }) { options, now in
                (["teams-list": options.strings("teams"), "recipients-list": options.strings("recipients"),
                  "recovery_action": options.string("recovery_action")],
                 TestEvent.make(id: options.string("entity-id"), message: options.string("message"),
                                level: try options.string("message-type") == "RECOVERY" ? .ok : options.level("message-type"), time: now))
            },
            eventTest("pagerduty", env, {
                [("incident-key", .string("testIncidentKey")), ("description", .string("test pagerduty message")),
                 ("details", .string("")), ("level", .string("CRITICAL"))]
            }) { options, now in
                ([:], TestEvent.make(id: options.string("incident-key"), message: options.string("description"),
                                     details: options.string("details"), level: try options.level("level"), time: now))
            },
            eventTest("pagerduty2", env, {
                [("alert_id", .string("testAlertID")), ("description", .string("test pagerduty2 message")),
                 ("level", .string("CRITICAL")), ("event_data", Self.eventData("testPagerDuty2")),
                 ("timestamp", .string("2014-11-12T11:45:26.371Z")),
                 ("links", .array([
                    .object([("href", .string("https://example.com/a")), ("text", .string("a"))]),
                    .object([("href", .string("https://example.com/b")), ("text", .string("b"))]),
                 ]))]
            }) { options, now in
                (["links": options.values["links"] ?? []],
                 TestEvent.make(id: options.string("alert_id"), message: options.string("description"), level: try options.level("level"),
                                time: options.time("timestamp", now: now), name: options.object("event_data")["Name"] as? String ?? ""))
            },
            eventTest("pushover", env, {
                [("user-key", config("pushover", "user-key", "")), ("message", .string("test pushover message")),
                 ("device", .string("")), ("title", .string("")), ("url", .string("")), ("url-title", .string("")),
                 ("sound", .string("")), ("level", .string("CRITICAL"))]
            }) { options, now in
                (["user-key": options.string("user-key"), "device": options.string("device"), "title": options.string("title"),
                  "url": options.string("url"), "url-title": options.string("url-title"), "sound": options.string("sound")],
                 TestEvent.make(message: options.string("message"), level: try options.level("level"), time: now))
            },
            eventTest("sensu", env, {
                [("name", .string("testName")), ("source", .string("Kapacitor")), ("output", .string("testOutput")),
                 ("handlers", .array([])), ("metadata", .object([])), ("level", .string("CRITICAL"))]
            }) { options, now in
                (["source": options.string("source"), "handlers": options.strings("handlers"), "metadata": options.object("metadata")],
                 TestEvent.make(id: options.string("name"), message: options.string("output"), level: try options.level("level"), time: now))
            },
            eventTest("servicenow", env, {
                [("alert_id", .string("1001")), ("message", .string("test servicenow message")), ("level", .string("CRITICAL")),
                 ("source", .string("Kapacitor")), ("node", .string("")), ("type", .string("")), ("resource", .string("")),
                 ("metric_name", .string("")), ("message_key", .string("")), ("additional_info", .object([]))]
            }) { options, now in
                (["source": options.string("source"), "node": options.string("node"), "type": options.string("type"),
                  "resource": options.string("resource"), "metricName": options.string("metric_name"),
                  "messageKey": options.string("message_key"), "additional_info": options.object("additional_info")],
                 TestEvent.make(id: options.string("alert_id"), message: options.string("message"), level: try options.level("level"), time: now))
            },
            eventTest("slack", env, {
                let workspace = (try? SlackConfig.select("", from: env.serviceSections("slack", as: SlackConfig.self), service: "slack").get())
                return [("workspace", .string(workspace?.workspace ?? "")), ("channel", .string(workspace?.channel ?? "")),
                        ("message", .string("test slack message")), ("level", .string("CRITICAL")),
                        ("username", .string("")), ("icon-emoji", .string(""))]
            }) { options, _ in
                (["workspace": options.string("workspace"), "channel": options.string("channel"),
                  "username": options.string("username"), "icon-emoji": options.string("icon-emoji")],
                 TestEvent.make(message: options.string("message"), level: try options.level("level")))
            },
            eventTest("smtp", env, {
                [("to", config("smtp", "to", NSNull())), ("subject", .string("test subject")), ("body", .string("test body"))]
            }) { options, now in
                (["to": options.strings("to")],
                 TestEvent.make(message: options.string("subject"), details: options.string("body"), time: now))
            },
            snmpTrapTest(env),
            eventTest("talk", env, {
                [("title", .string("testTitle")), ("text", .string("test talk text"))]
            }) { options, _ in
                ([:], TestEvent.make(id: options.string("title"), message: options.string("text")))
            },
            eventTest("teams", env, {
                [("channel_url", config("teams", "channel-url", "")), ("alert_topic", .string("test kapacitor alert topic")),
                 ("alert_id", .string("foo/bar/bat")), ("message", .string("test teams message")), ("level", .string("CRITICAL"))]
            }) { options, _ in
                ([:], TestEvent.make(id: options.string("alert_id"), message: options.string("message"),
                                     level: try options.level("level"), topic: options.string("alert_topic")))
            },
            eventTest("telegram", env, {
                [("chat-id", config("telegram", "chat-id", "")), ("parse-mode", config("telegram", "parse-mode", "")),
                 ("message", .string("test telegram message")),
                 ("disable-web-page-preview", config("telegram", "disable-web-page-preview", false)),
                 ("disable-notification", config("telegram", "disable-notification", false))]
            }) { options, _ in
                (["chat-id": options.string("chat-id"), "parse-mode": options.string("parse-mode"),
                  "disable-web-page-preview": options.bool("disable-web-page-preview"),
                  "disable-notification": options.bool("disable-notification")],
                 TestEvent.make(message: options.string("message")))
            },
            eventTest("victorops", env, {
                [("routingKey", config("victorops", "routing-key", "")), ("messageType", .string("CRITICAL")),
                 ("message", .string("test victorops message")), ("entityID", .string("testEntityID"))]
            }) { options, now in
                (["routing-key": options.string("routingKey")],
                 TestEvent.make(id: options.string("entityID"), message: options.string("message"),
                                level: try options.string("messageType") == "RECOVERY" ? .ok : options.level("messageType"), time: now))
            },
            eventTest("zenoss", env, {
                [("alert_id", .string("1001")), ("level", .string("CRITICAL")), ("message", .string("test zenoss message")),
                 ("action", config("zenoss", "action", "EventsRouter")), ("method", config("zenoss", "method", "add_event")),
                 ("type", config("zenoss", "type", "rpc")), ("tid", config("zenoss", "tid", 1)),
                 ("summary", .string("")), ("device", .string("")), ("component", .string("")),
                 ("eventclasskey", .string("")), ("eventclass", .string("")),
                 ("collector", config("zenoss", "collector", "Kapacitor")), ("custom_fields", .object([]))]
            }) { options, _ in
                var handlerOptions: [String: Any] = ["customField": options.object("custom_fields")]
                for (key, option) in [("action", "action"), ("method", "method"), ("type", "type"), ("summary", "summary"),
                                      ("device", "device"), ("component", "component"), ("eventclasskey", "eventClassKey"),
                                      ("eventclass", "eventClass"), ("collector", "collector")] {
                    handlerOptions[option] = options.string(key)
                }
                handlerOptions["tid"] = options.values["tid"] as? Int ?? 0
                return (handlerOptions, TestEvent.make(id: options.string("alert_id"), message: options.string("message"),
                                                       level: try options.level("level")))
            },
        ]
    }

    /// A test that makes a handler of `kind` (the service's name unless given) from handler
    /// options derived from the test options and hands it one test event.
    private func eventTest(
        _ name: String, kind: String? = nil, _ environment: HandlerEnvironment,
        _ defaults: @escaping @Sendable () -> [(String, ServiceJSON)],
        _ build: @escaping @Sendable (TestOptions, Timestamp) throws -> ([String: Any], Event)
    ) -> ServiceTester {
        ServiceTester(name: name, options: { Data(ServiceJSON.object(defaults()).text.utf8) }) { data in
            guard let handlerKind = self.kinds.kind(kind ?? name) else { throw HandlerError("no handler kind \(kind ?? name)") }
            let (options, event) = try build(TestOptions(data), environment.clock.now())
            let handler = try handlerKind.makeHandler(options: try JSONSerialization.data(withJSONObject: options), environment: environment)
            try await handler.handle(event)
        }
    }

    /// Kapacitor's kafka test: writes `message` with `key` to `topic` of `cluster`.
    private func kafkaTest(_ environment: HandlerEnvironment) -> ServiceTester {
        let defaults = ServiceJSON.object([
            ("cluster", .string("example")), ("topic", .string("test")), ("key", .string("key")),
            ("message", .string("test kafka message")),
        ])
        return ServiceTester(name: "kafka", options: { Data(defaults.text.utf8) }) { data in
            let options = TestOptions(data)
            let name = options.string("cluster")
            guard let cluster = try KafkaClusterConfig.all(in: environment).first(where: { $0.enabled && $0.id == name }) else {
                throw HandlerError("unknown cluster \"\(name)\"")
            }
            try self.kafka.producers.producer(for: cluster, environment: environment).produce(
                topic: options.string("topic"), key: Array(options.string("key").utf8),
                value: Array(options.string("message").utf8), partitioning: .crc32)
        }
    }

    /// Kapacitor's MQTT test: publishes `message` on `topic` of `broker-name`.
    private func mqttTest(_ environment: HandlerEnvironment) -> ServiceTester {
        ServiceTester(name: "mqtt", options: {
            let defaultName = (try? MQTTBrokerConfig.brokers(in: environment))?.defaultName ?? ""
            return Data(ServiceJSON.object([
                ("broker-name", .string(defaultName)), ("topic", .string("")), ("message", .string("test MQTT message")),
                ("qos", .string(MQTTQoS.atMostOnce.name)), ("retained", .bool(false)),
            ]).text.utf8)
        }) { data in
            struct Options: Decodable { var qos: MQTTQoS? }
            let options = TestOptions(data)
            let qos: MQTTQoS?
            do {
                qos = try JSONDecoder().decode(Options.self, from: data).qos
            } catch {
                throw HandlerError("invalid QoS")
            }
            try await MQTTHandlerKind.publish(
                try self.mqtt.client(options.string("broker-name"), environment: environment), topic: options.string("topic"),
                message: options.string("message"), qos: qos ?? .atMostOnce, retained: options.bool("retained"))
        }
    }

    /// Kapacitor's snmptrap test: sends trap `trap-oid` with the `data-list` as given.
    private func snmpTrapTest(_ environment: HandlerEnvironment) -> ServiceTester {
        let defaults = ServiceJSON.object([
            ("trap-oid", .string("1.1.1.1")),
            ("data-list", .array([.object([
                ("oid", .string("1.1.1.1.2")), ("type", .string("s")), ("value", .string("test snmptrap message")),
            ])])),
        ])
        return ServiceTester(name: "snmptrap", options: { Data(defaults.text.utf8) }) { data in
            let options = TestOptions(data)
            let list = (options.values["data-list"] as? [[String: Any]] ?? []).map { entry in
                (oid: entry["oid"] as? String ?? "", type: entry["type"] as? String ?? "", value: entry["value"] as? String ?? "")
            }
            try await environment.serviceSection("snmptrap", as: SNMPTrapConfig.self).trap(options.string("trap-oid"), data: list)
        }
    }

    /// An empty `alert.EventData` named `name`, as Go encodes the struct.
    private static func eventData(_ name: String) -> ServiceJSON {
        .object([
            ("Name", .string(name)), ("TaskName", .string("")), ("Category", .string("")), ("Group", .string("")),
            ("Tags", .object([])), ("Fields", .object([])), ("Recoverable", .bool(false)),
            ("Result", .object([("series", .null)])),
        ])
    }
}

extension ServiceJSON {
    /// A value read by `JSONSerialization`, written back as JSON (object keys sorted).
    static func any(_ value: Any) -> ServiceJSON {
        switch value {
        case let text as String: return .string(text)
        case let number as NSNumber:
            if String(cString: number.objCType) == "c" { return .bool(number.boolValue) }
            if let integer = Int64(exactly: number.doubleValue), !"\(number)".contains(".") { return .int(integer) }
            return .float(number.doubleValue)
        case let list as [Any]: return .array(list.map(any))
        case let object as [String: Any]: return .sortedObject(object.map { ($0.key, any($0.value)) })
        default: return .null
        }
    }
}
