import CRdKafka
import Foundation

/// librdkafka's in-process mock cluster, reachable over loopback like real brokers, and a
/// consumer that reads a topic back.
final class MockKafkaCluster: @unchecked Sendable {
    /// A consumed message.
    struct Message: Sendable, Equatable {
        var partition: Int32
        var key: String?
        var value: String
    }

    // Created in init, destroyed in deinit; librdkafka's handles are thread-safe.
    private let host: OpaquePointer
    private let cluster: OpaquePointer

    /// A cluster of `brokers` brokers.
    init(brokers: Int32 = 3) throws {
        var errorText = [CChar](repeating: 0, count: 512)
        let conf = rd_kafka_conf_new()
        _ = rd_kafka_conf_set(conf, "log_level", "4", &errorText, 512)
        guard let host = rd_kafka_new(RD_KAFKA_PRODUCER, conf, &errorText, 512) else {
            throw FixtureError("mock host: \(String(decoding: errorText.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))")
        }
        guard let cluster = rd_kafka_mock_cluster_new(host, brokers) else {
            rd_kafka_destroy(host)
            throw FixtureError("mock cluster could not be created")
        }
        self.host = host
        self.cluster = cluster
    }

    deinit {
        rd_kafka_mock_cluster_destroy(cluster)
        rd_kafka_destroy(host)
    }

    /// The brokers' `host:port` list.
    var brokers: [String] {
        String(cString: rd_kafka_mock_cluster_bootstraps(cluster)).split(separator: ",").map(String.init)
    }

    /// Creates `topic` with `partitions` partitions.
    func createTopic(_ topic: String, partitions: Int32) throws {
        let error = rd_kafka_mock_topic_create(cluster, topic, partitions, 1)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw FixtureError(String(cString: rd_kafka_err2str(error))) }
    }

    /// Reads `count` messages from the start of every partition of `topic`, waiting at most
    /// `seconds`; runs on a thread of its own since librdkafka's poll blocks.
    func consume(topic: String, partitions: Int32, count: Int, seconds: Double = 15) async throws -> [Message] {
        let bootstraps = brokers.joined(separator: ",")
        return try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try Self.read(bootstraps, topic, partitions, count, seconds) })
            }.start()
        }
    }

    private static func read(_ bootstraps: String, _ topic: String, _ partitions: Int32, _ count: Int, _ seconds: Double) throws -> [Message] {
        var errorText = [CChar](repeating: 0, count: 512)
        let conf = rd_kafka_conf_new()
        for (name, value) in [("bootstrap.servers", bootstraps), ("group.id", "tests"), ("enable.auto.commit", "false")] {
            _ = rd_kafka_conf_set(conf, name, value, &errorText, 512)
        }
        guard let consumer = rd_kafka_new(RD_KAFKA_CONSUMER, conf, &errorText, 512) else {
            throw FixtureError("consumer: \(String(decoding: errorText.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))")
        }
        defer {
            rd_kafka_consumer_close(consumer)
            rd_kafka_destroy(consumer)
        }
        let assignment = rd_kafka_topic_partition_list_new(partitions)
        defer { rd_kafka_topic_partition_list_destroy(assignment) }
        for partition in 0..<partitions {
            rd_kafka_topic_partition_list_add(assignment, topic, partition)?.pointee.offset = Int64(RD_KAFKA_OFFSET_BEGINNING)
        }
        rd_kafka_assign(consumer, assignment)
        var messages: [Message] = []
        let deadline = Date().addingTimeInterval(seconds)
        while messages.count < count, Date() < deadline {
            guard let message = rd_kafka_consumer_poll(consumer, 100) else { continue }
            defer { rd_kafka_message_destroy(message) }
            guard message.pointee.err == RD_KAFKA_RESP_ERR_NO_ERROR else { continue }
            let key = message.pointee.key.map {
                String(decoding: UnsafeRawBufferPointer(start: $0, count: message.pointee.key_len), as: UTF8.self)
            }
            let value = String(decoding: UnsafeRawBufferPointer(start: message.pointee.payload, count: message.pointee.len), as: UTF8.self)
            messages.append(Message(partition: message.pointee.partition, key: key, value: value))
        }
        return messages
    }
}
