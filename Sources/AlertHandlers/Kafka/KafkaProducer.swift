import CRdKafka
import Foundation
import Logging
import Synchronization

/// One librdkafka producer for a `[[kafka]]` cluster, shared by every handler writing to it.
/// Messages are queued and batched by librdkafka (`batch-size`, `batch-timeout`); a thread serves
/// delivery reports and logs failed deliveries (as Kapacitor's asynchronous writer does) and
/// librdkafka's own messages. Each message carries its `KafkaPartitioning` as its opaque, which
/// the producer's partitioner reads.
final class KafkaProducer: @unchecked Sendable {
    // librdkafka's handles are thread-safe; they are created once and destroyed in deinit.
    private let handle: OpaquePointer
    private let topics = Mutex<[String: OpaquePointer]>([:])
    private let reporter: Unmanaged<DeliveryReporter>
    private let poller = PollerState()

    /// Creates the producer of `cluster`; fails on a property librdkafka rejects.
    init(cluster: KafkaClusterConfig, logger: Logger) throws {
        let conf = rd_kafka_conf_new()
        var errorText = [CChar](repeating: 0, count: 512)
        for (name, value) in try cluster.properties() where rd_kafka_conf_set(conf, name, value, &errorText, 512) != RD_KAFKA_CONF_OK {
            rd_kafka_conf_destroy(conf)
            throw HandlerError("kafka cluster \(cluster.id): \(Self.text(errorText))")
        }
        let topicConf = rd_kafka_topic_conf_new()
        rd_kafka_topic_conf_set_partitioner_cb(topicConf) { topic, key, keyLength, count, topicOpaque, messageOpaque in
            let partitioning = KafkaPartitioning(rawValue: Int(bitPattern: messageOpaque)) ?? .crc32
            switch partitioning {
            case .random:
                return rd_kafka_msg_partitioner_random(topic, key, keyLength, count, topicOpaque, messageOpaque)
            case .crc32:
                return rd_kafka_msg_partitioner_consistent_random(topic, key, keyLength, count, topicOpaque, messageOpaque)
            case .murmur2, .murmur3, .fnv1a:
                if let key, let partition = partitioning.partition(of: UnsafeRawBufferPointer(start: key, count: keyLength), count: count) {
                    return partition
                }
                return rd_kafka_msg_partitioner_random(topic, key, keyLength, count, topicOpaque, messageOpaque)
            }
        }
        rd_kafka_conf_set_default_topic_conf(conf, topicConf)
        rd_kafka_conf_set_dr_msg_cb(conf) { _, message, opaque in
            guard let message, let opaque, message.pointee.err != RD_KAFKA_RESP_ERR_NO_ERROR else { return }
            let topic = message.pointee.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
            Unmanaged<DeliveryReporter>.fromOpaque(opaque).takeUnretainedValue()
                .failed(topic: topic, reason: String(cString: rd_kafka_err2str(message.pointee.err)))
        }
        rd_kafka_conf_set_log_cb(conf) { handle, level, facility, text in
            guard let handle, let opaque = rd_kafka_opaque(handle) else { return }
            Unmanaged<DeliveryReporter>.fromOpaque(opaque).takeUnretainedValue()
                .log(level: level, facility: facility.map { String(cString: $0) } ?? "", text: text.map { String(cString: $0) } ?? "")
        }
        reporter = Unmanaged.passRetained(DeliveryReporter(cluster: cluster.id, logger: logger))
        rd_kafka_conf_set_opaque(conf, reporter.toOpaque())
        guard let handle = rd_kafka_new(RD_KAFKA_PRODUCER, conf, &errorText, 512) else {
            rd_kafka_conf_destroy(conf)
            reporter.release()
            throw HandlerError("kafka cluster \(cluster.id): \(Self.text(errorText))")
        }
        self.handle = handle
        let state = poller
        nonisolated(unsafe) let polled = handle
        let thread = Thread {
            while !state.stopped.load(ordering: .acquiring) { rd_kafka_poll(polled, 100) }
            state.done.signal()
        }
        thread.name = "kafka-\(cluster.id)"
        thread.start()
    }

    deinit {
        poller.stopped.store(true, ordering: .releasing)
        poller.done.wait()
        rd_kafka_flush(handle, 5_000)
        topics.withLock { for topic in $0.values { rd_kafka_topic_destroy(topic) } }
        rd_kafka_destroy(handle)
        reporter.release()
    }

    /// Queues `value` for `topic` with `key` (none when nil), partitioned by `partitioning`;
    /// fails when librdkafka refuses it (queue full, unknown topic, message too large).
    func produce(topic: String, key: [UInt8]?, value: [UInt8], partitioning: KafkaPartitioning) throws {
        let topicHandle = try self.topic(topic)
        let opaque = UnsafeMutableRawPointer(bitPattern: partitioning.rawValue)
        let status = value.withUnsafeBytes { payload in
            withKey(key) { keyBytes in
                rd_kafka_produce(
                    topicHandle, RD_KAFKA_PARTITION_UA, RD_KAFKA_MSG_F_COPY,
                    UnsafeMutableRawPointer(mutating: payload.baseAddress), payload.count,
                    keyBytes.baseAddress, keyBytes.count, opaque)
            }
        }
        guard status == 0 else {
            throw HandlerError("failed to write message to kafka: \(String(cString: rd_kafka_err2str(rd_kafka_last_error())))")
        }
    }

    /// The topic handle of `name`, created once.
    private func topic(_ name: String) throws -> OpaquePointer {
        try topics.withLock { topics in
            if let existing = topics[name] { return existing }
            guard let created = rd_kafka_topic_new(handle, name, nil) else {
                throw HandlerError("kafka topic \(name): \(String(cString: rd_kafka_err2str(rd_kafka_last_error())))")
            }
            topics[name] = created
            return created
        }
    }

    /// The C string in `buffer`.
    private static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private func withKey<T>(_ key: [UInt8]?, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        guard let key else { return body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        return key.withUnsafeBytes(body)
    }
}

/// The stop flag of a producer's polling thread and its signal that it has stopped.
private final class PollerState: Sendable {
    let stopped = Atomic<Bool>(false)
    let done = DispatchSemaphore(value: 0)
}

/// Logs librdkafka's messages and the messages it failed to deliver.
private final class DeliveryReporter: Sendable {
    let cluster: String
    let logger: Logger

    init(cluster: String, logger: Logger) {
        self.cluster = cluster
        self.logger = logger
    }

    /// Logs a librdkafka message of syslog `level` (errors and warnings at warning, the rest at debug).
    func log(level: Int32, facility: String, text: String) {
        let metadata: Logger.Metadata = ["cluster": "\(cluster)", "facility": "\(facility)"]
        logger.log(level: level <= 4 ? .warning : .debug, "kafka: \(text)", metadata: metadata)
    }

    func failed(topic: String, reason: String) {
        logger.error("failed to write message to kafka", metadata: ["cluster": "\(cluster)", "topic": "\(topic)", "error": "\(reason)"])
    }
}
