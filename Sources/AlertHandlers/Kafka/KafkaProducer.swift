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
        var staticToken: StaticOAuthToken?
        if cluster.saslMechanism == "OAUTHBEARER" && !cluster.saslAccessToken.isEmpty {
            staticToken = StaticOAuthToken(
                token: cluster.saslAccessToken, principal: cluster.saslUsername.isEmpty ? "kapacitor" : cluster.saslUsername,
                extensions: cluster.saslExtensions.sorted { $0.key < $1.key }.flatMap { [$0.key, $0.value] })
            rd_kafka_conf_set_oauthbearer_token_refresh_cb(conf) { handle, _, opaque in
                guard let handle, let opaque else { return }
                Unmanaged<DeliveryReporter>.fromOpaque(opaque).takeUnretainedValue().refreshToken(of: handle)
            }
        }
        reporter = Unmanaged.passRetained(DeliveryReporter(cluster: cluster.id, logger: logger, token: staticToken))
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

    /// How the last OAUTHBEARER token refresh went: nil before the first, `""` when the static
    /// token was set, else librdkafka's error.
    var tokenRefreshResult: String? { reporter.takeUnretainedValue().tokenResult.withLock { $0 } }

    /// The C string in `buffer`.
    fileprivate static func text(_ buffer: [CChar]) -> String {
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

/// A `sasl-access-token`: handed to librdkafka whenever it asks for a token.
private struct StaticOAuthToken: Sendable {
    let token: String
    let principal: String
    /// `sasl_extensions` as alternating keys and values.
    let extensions: [String]
}

/// Logs librdkafka's messages and the messages it failed to deliver; sets the static OAUTHBEARER
/// token when librdkafka asks for one.
private final class DeliveryReporter: Sendable {
    let cluster: String
    let logger: Logger
    let token: StaticOAuthToken?
    let tokenResult = Mutex<String?>(nil)

    init(cluster: String, logger: Logger, token: StaticOAuthToken?) {
        self.cluster = cluster
        self.logger = logger
        self.token = token
    }

    /// Sets the static token, valid for a year (librdkafka asks again before it runs out).
    func refreshToken(of handle: OpaquePointer) {
        guard let token else { return }
        var errorText = [CChar](repeating: 0, count: 512)
        let lifetime = Int64(Date().timeIntervalSince1970 * 1000) + 365 * 86_400_000
        let extensions = token.extensions.map { strdup($0) }
        defer { extensions.forEach { free($0) } }
        var pointers = extensions.map { UnsafePointer<CChar>($0) }
        let result = pointers.withUnsafeMutableBufferPointer { buffer in
            rd_kafka_oauthbearer_set_token(
                handle, token.token, lifetime, token.principal, buffer.baseAddress, buffer.count, &errorText, 512)
        }
        guard result == RD_KAFKA_RESP_ERR_NO_ERROR else {
            let reason = KafkaProducer.text(errorText)
            rd_kafka_oauthbearer_set_token_failure(handle, reason)
            tokenResult.withLock { $0 = reason }
            logger.error("kafka: cannot set the OAUTHBEARER token", metadata: ["cluster": "\(cluster)", "error": "\(reason)"])
            return
        }
        tokenResult.withLock { $0 = "" }
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
