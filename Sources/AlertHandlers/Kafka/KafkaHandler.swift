import Alerting
import Foundation
import GoTemplate
import Synchronization

/// The `kafka` handler: writes each event to a topic of a `[[kafka]]` cluster — its JSON (with
/// Go's trailing newline) or the rendered `template` — keyed and partitioned by the alert ID, or
/// without a key when `disablePartitionById` is set.
struct KafkaHandler: AlertHandler {
    /// The options of Kapacitor's `kafka.HandlerConfig`.
    struct Options: Decodable {
        var cluster: String?
        var topic: String?
        var template: String?
        var disablePartitionById: Bool?
        var partitionAlgorithm: String?
    }

    let producer: KafkaProducer
    let topic: String
    let template: Template?
    let partitioning: KafkaPartitioning

    func handle(_ event: Event) async throws {
        let body: String
        if let template {
            do {
                body = try template.render(AlertBody.templateValue(event))
            } catch {
                throw HandlerError("failed to execute alert template: \(error.message)")
            }
        } else {
            body = AlertBody.json(event) + "\n"
        }
        let key = partitioning == .random ? nil : Array(event.state.id.utf8)
        try producer.produce(topic: topic, key: key, value: Array(body.utf8), partitioning: partitioning)
    }
}

/// The `kafka` kind: finds the option's `cluster` among the enabled `[[kafka]]` sections and
/// shares one producer per cluster configuration among all its handlers.
struct KafkaHandlerKind: HandlerKind {
    let kind = "kafka"
    /// The producers made so far, by cluster configuration.
    let producers = KafkaProducers()

    func makeHandler(options: Data, environment: HandlerEnvironment) throws -> any AlertHandler {
        let options = try JSONDecoder().decode(KafkaHandler.Options.self, from: options)
        let name = options.cluster ?? ""
        guard let cluster = try KafkaClusterConfig.all(in: environment).first(where: { $0.enabled && $0.id == name }) else {
            throw HandlerError("unknown cluster \"\(name)\"")
        }
        guard let topic = options.topic, !topic.isEmpty else { throw HandlerError("topic must not be empty") }
        var partitioning = KafkaPartitioning.random
        if options.disablePartitionById != true {
            guard let algorithm = KafkaPartitioning(algorithm: options.partitionAlgorithm ?? "") else {
                throw HandlerError("invalid partition algorithm: \"\(options.partitionAlgorithm ?? "")\"")
            }
            partitioning = algorithm
        }
        var template: Template?
        if let text = options.template, !text.isEmpty {
            do {
                template = try Template(parsing: text, name: "kafka alert template")
            } catch {
                throw HandlerError("failed to parse template: \(error.message)")
            }
        }
        let producer = try producers.producer(for: cluster, environment: environment)
        return KafkaHandler(producer: producer, topic: topic, template: template, partitioning: partitioning)
    }
}

/// One producer per cluster configuration, made on first use and kept until `removeAll()`.
final class KafkaProducers: Sendable {
    private let producers = Mutex<[String: KafkaProducer]>([:])

    /// The producer of `cluster`, made when none exists for its exact configuration.
    func producer(for cluster: KafkaClusterConfig, environment: HandlerEnvironment) throws -> KafkaProducer {
        let key = try cluster.properties().map { "\($0.0)=\($0.1)" }.joined(separator: "\n")
        return try producers.withLock { producers in
            if let existing = producers[key] { return existing }
            let created = try KafkaProducer(cluster: cluster, logger: environment.logger)
            producers[key] = created
            return created
        }
    }

    /// Lets go of every producer (the daemon is stopping); the next use makes new ones.
    func removeAll() {
        producers.withLock { $0.removeAll() }
    }
}
