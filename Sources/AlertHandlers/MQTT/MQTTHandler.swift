import Alerting
import Foundation
import GoTemplate
import Synchronization

/// The `mqtt` handler: publishes the event's message on a topic (a template of the event) of a
/// `[[mqtt]]` broker with the options' QoS and retained flag, as Kapacitor's MQTT service does.
struct MQTTHandler: AlertHandler {
    /// The options of Kapacitor's `mqtt.HandlerConfig` (`.mqtt('topic').brokerName('b').qos(1).retained(TRUE)`).
    struct Options: Decodable {
        var brokerName: String?
        var topic: String?
        var qos: MQTTQoS?
        var retained: Bool?

        enum CodingKeys: String, CodingKey {
            case brokerName = "broker-name", topic, qos, retained
        }
    }

    /// The broker's client, or why there is none (Kapacitor's words).
    let client: Result<MQTTClient, HandlerError>
    let topic: Template
    let qos: MQTTQoS
    let retained: Bool

    func handle(_ event: Event) async throws {
        let topic: String
        do {
            topic = try self.topic.render(event.serviceTemplateValue)
        } catch {
            throw HandlerError("failed to create MQTT topic from template: \(error.message)")
        }
        try await MQTTHandlerKind.publish(
            client, topic: topic, message: event.state.message, qos: qos, retained: retained)
    }
}

/// The `mqtt` kind: finds the options' broker (else the default one) among the enabled
/// `[[mqtt]]` sections and shares one client per broker configuration among all its handlers.
struct MQTTHandlerKind: HandlerKind {
    let kind = "mqtt"
    /// The clients made so far, by broker configuration.
    let clients = MQTTClients()

    func makeHandler(options: Data, environment: HandlerEnvironment) throws -> any AlertHandler {
        let options = try JSONDecoder().decode(MQTTHandler.Options.self, from: options)
        let topic: Template
        do {
            topic = try Template(parsing: options.topic ?? "", name: "topic")
        } catch {
            throw HandlerError("failed to parse MQTT topic template: \(error.message)")
        }
        return MQTTHandler(
            client: try client(options.brokerName ?? "", environment: environment), topic: topic,
            qos: options.qos ?? .atMostOnce, retained: options.retained ?? false)
    }

    /// The client of broker `name` (the default broker when empty), or Kapacitor's error for an
    /// unknown or disabled one.
    func client(_ name: String, environment: HandlerEnvironment) throws -> Result<MQTTClient, HandlerError> {
        let (brokers, defaultName) = try MQTTBrokerConfig.brokers(in: environment)
        let name = name.isEmpty ? defaultName : name
        guard let config = brokers[name] else { return .failure(HandlerError("unknown MQTT broker \"\(name)\"")) }
        return .success(clients.client(for: config))
    }

    /// Publishes `message` on `topic`: Kapacitor's `Service.Alert`.
    static func publish(
        _ client: Result<MQTTClient, HandlerError>, topic: String, message: String, qos: MQTTQoS, retained: Bool
    ) async throws {
        guard !topic.isEmpty else { throw HandlerError("missing MQTT topic") }
        try await client.get().publish(topic: topic, payload: Array(message.utf8), qos: qos, retained: retained)
    }
}

/// One client per broker configuration, made on first use and kept until `disconnectAll()`.
final class MQTTClients: Sendable {
    private let clients = Mutex<[MQTTBrokerConfig: MQTTClient]>([:])

    /// The client of `config`, made when none exists for its exact configuration.
    func client(for config: MQTTBrokerConfig) -> MQTTClient {
        clients.withLock { clients in
            if let existing = clients[config] { return existing }
            let created = MQTTClient(config: config)
            clients[config] = created
            return created
        }
    }

    /// Sends DISCONNECT to every broker and closes the connections.
    func disconnectAll() async {
        for client in clients.withLock({ clients in defer { clients.removeAll() }; return Array(clients.values) }) {
            await client.disconnect()
        }
    }
}

extension MQTTQoS: Decodable {
    /// Decodes a level number (0, 1, 2; `.qos(1)` in TICKscript) or Kapacitor's names
    /// `at-most-once`, `at-least-once` and `exactly-one` (also `exactly-once`, the name it writes).
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let level: MQTTQoS? = if let number = try? container.decode(Int.self) {
            UInt8(exactly: number).flatMap(MQTTQoS.init(rawValue:))
        } else {
            switch try container.decode(String.self) {
            case "at-most-once": .atMostOnce
            case "at-least-once": .atLeastOnce
            case "exactly-one", "exactly-once": .exactlyOnce
            default: nil
            }
        }
        guard let level else { throw DecodingError.dataCorruptedError(in: container, debugDescription: "invalid QoS") }
        self = level
    }

    /// Kapacitor's name of the level, as its test options write it.
    var name: String {
        switch self {
        case .atMostOnce: "at-most-once"
        case .atLeastOnce: "at-least-once"
        case .exactlyOnce: "exactly-once"
        }
    }
}
