import Alerting
import Foundation

/// One `[[kafka]]` section: a cluster by `id`, its brokers, batching, TLS and SASL settings,
/// translated into librdkafka's configuration properties.
struct KafkaClusterConfig: Decodable, Sendable, Equatable {
    var enabled = false
    var id = "default"
    var brokers: [String] = []
    /// Network timeout; 0 → 10s.
    var timeout: Int64 = 0
    /// Messages per batch; 0 → 100.
    var batchSize = 0
    /// Longest wait before an incomplete batch is sent; 0 → 1s.
    var batchTimeout: Int64 = 0
    var useSSL = false
    var sslCA = ""
    var sslCert = ""
    var sslKey = ""
    var insecureSkipVerify = false
    var saslUsername = ""
    var saslPassword = ""
    var saslMechanism = ""
    var saslGSSAPIServiceName = ""
    var saslGSSAPIKeyTabPath = ""
    var saslGSSAPIRealm = ""
    var saslAccessToken = ""

    enum CodingKeys: String, CodingKey {
        case enabled, id, brokers, timeout
        case batchSize = "batch-size", batchTimeout = "batch-timeout"
        case useSSL = "use-ssl", sslCA = "ssl-ca", sslCert = "ssl-cert", sslKey = "ssl-key"
        case insecureSkipVerify = "insecure-skip-verify"
        case saslUsername = "sasl-username", saslPassword = "sasl-password", saslMechanism = "sasl-mechanism"
        case saslGSSAPIServiceName = "sasl-gssapi-service-name", saslGSSAPIKeyTabPath = "sasl-gssapi-key-tab-path"
        case saslGSSAPIRealm = "sasl-gssapi-realm", saslAccessToken = "sasl-access-token"
    }

    init(id: String = "default", brokers: [String] = []) {
        self.id = id
        self.brokers = brokers
        enabled = true
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func string(_ key: CodingKeys) throws -> String { try container.decodeIfPresent(String.self, forKey: key) ?? "" }
        func flag(_ key: CodingKeys) throws -> Bool { try container.decodeIfPresent(Bool.self, forKey: key) ?? false }
        enabled = try flag(.enabled)
        id = try container.decodeIfPresent(String.self, forKey: .id) ?? "default"
        brokers = try container.decodeIfPresent([String].self, forKey: .brokers) ?? []
        timeout = try container.decodeIfPresent(OptionDuration.self, forKey: .timeout)?.nanoseconds ?? 0
        batchSize = try container.decodeIfPresent(Int.self, forKey: .batchSize) ?? 0
        batchTimeout = try container.decodeIfPresent(OptionDuration.self, forKey: .batchTimeout)?.nanoseconds ?? 0
        useSSL = try flag(.useSSL)
        sslCA = try string(.sslCA)
        sslCert = try string(.sslCert)
        sslKey = try string(.sslKey)
        insecureSkipVerify = try flag(.insecureSkipVerify)
        saslUsername = try string(.saslUsername)
        saslPassword = try string(.saslPassword)
        saslMechanism = try string(.saslMechanism)
        saslGSSAPIServiceName = try string(.saslGSSAPIServiceName)
        saslGSSAPIKeyTabPath = try string(.saslGSSAPIKeyTabPath)
        saslGSSAPIRealm = try string(.saslGSSAPIRealm)
        saslAccessToken = try string(.saslAccessToken)
    }

    /// Every `[[kafka]]` section of the environment.
    static func all(in environment: HandlerEnvironment) throws -> [KafkaClusterConfig] {
        guard let data = environment.sections["kafka"] else { return [] }
        if let list = try? JSONDecoder().decode([KafkaClusterConfig].self, from: data) { return list }
        return [try JSONDecoder().decode(KafkaClusterConfig.self, from: data)]
    }

    /// The librdkafka properties of this cluster's producer, in a stable order.
    func properties() throws -> [(String, String)] {
        guard !brokers.isEmpty else { throw HandlerError("no brokers specified, must provide at least one broker URL") }
        func milliseconds(_ nanoseconds: Int64, default fallback: Int64) -> String {
            String(nanoseconds > 0 ? max(1, nanoseconds / 1_000_000) : fallback)
        }
        var properties = [
            ("bootstrap.servers", brokers.joined(separator: ",")),
            ("client.id", id),
            ("socket.timeout.ms", milliseconds(timeout, default: 10_000)),
            ("socket.connection.setup.timeout.ms", milliseconds(timeout, default: 10_000)),
            ("batch.num.messages", String(batchSize > 0 ? batchSize : 100)),
            ("linger.ms", milliseconds(batchTimeout, default: 1_000)),
        ]
        let sasl = !saslMechanism.isEmpty || !saslUsername.isEmpty
        properties.append(("security.protocol", (sasl ? "sasl_" : "") + (useSSL ? "ssl" : "plaintext")))
        if useSSL {
            if !sslCA.isEmpty { properties.append(("ssl.ca.location", sslCA)) }
            if !sslCert.isEmpty { properties.append(("ssl.certificate.location", sslCert)) }
            if !sslKey.isEmpty { properties.append(("ssl.key.location", sslKey)) }
            if insecureSkipVerify {
                properties.append(("enable.ssl.certificate.verification", "false"))
                properties.append(("ssl.endpoint.identification.algorithm", "none"))
            }
        }
        if sasl { properties += try saslProperties() }
        return properties
    }

    /// The SASL properties: PLAIN (sarama's default), SCRAM or GSSAPI.
    private func saslProperties() throws -> [(String, String)] {
        let mechanism = saslMechanism.isEmpty ? "PLAIN" : saslMechanism
        switch mechanism {
        case "PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512":
            return [("sasl.mechanisms", mechanism), ("sasl.username", saslUsername), ("sasl.password", saslPassword)]
        case "GSSAPI":
            var properties = [("sasl.mechanisms", "GSSAPI")]
            if !saslGSSAPIServiceName.isEmpty { properties.append(("sasl.kerberos.service.name", saslGSSAPIServiceName)) }
            if !saslGSSAPIKeyTabPath.isEmpty { properties.append(("sasl.kerberos.keytab", saslGSSAPIKeyTabPath)) }
            if !saslUsername.isEmpty {
                let principal = saslGSSAPIRealm.isEmpty ? saslUsername : "\(saslUsername)@\(saslGSSAPIRealm)"
                properties.append(("sasl.kerberos.principal", principal))
            }
            return properties
        case "OAUTHBEARER":
            throw HandlerError("sasl-mechanism OAUTHBEARER is not supported")
        default:
            throw HandlerError("invalid sasl-mechanism \"\(mechanism)\"")
        }
    }
}
