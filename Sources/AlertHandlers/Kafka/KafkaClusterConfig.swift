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
    var saslExtensions: [String: String] = [:]
    var saslOAuthService = ""
    var saslOAuthClientID = ""
    var saslOAuthClientSecret = ""
    var saslOAuthTokenURL = ""
    var saslOAuthScopes: [String] = []
    var saslOAuthParameters: [String: String] = [:]
    var saslOAuthTenantID = ""

    enum CodingKeys: String, CodingKey {
        case enabled, id, brokers, timeout
        case batchSize = "batch-size", batchTimeout = "batch-timeout"
        case useSSL = "use-ssl", sslCA = "ssl-ca", sslCert = "ssl-cert", sslKey = "ssl-key"
        case insecureSkipVerify = "insecure-skip-verify"
        case saslUsername = "sasl-username", saslPassword = "sasl-password", saslMechanism = "sasl-mechanism"
        case saslGSSAPIServiceName = "sasl-gssapi-service-name", saslGSSAPIKeyTabPath = "sasl-gssapi-key-tab-path"
        case saslGSSAPIRealm = "sasl-gssapi-realm", saslAccessToken = "sasl-access-token"
        case saslExtensions = "sasl_extensions", saslOAuthService = "sasl-oauth-service"
        case saslOAuthClientID = "sasl-oauth-client-id", saslOAuthClientSecret = "sasl-oauth-client-secret"
        case saslOAuthTokenURL = "sasl-oauth-token-url", saslOAuthScopes = "sasl-oauth-scopes"
        case saslOAuthParameters = "sasl-oauth-parameters", saslOAuthTenantID = "sasl-oauth-tenant-id"
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
        saslExtensions = try container.decodeIfPresent([String: String].self, forKey: .saslExtensions) ?? [:]
        saslOAuthService = try string(.saslOAuthService)
        saslOAuthClientID = try string(.saslOAuthClientID)
        saslOAuthClientSecret = try string(.saslOAuthClientSecret)
        saslOAuthTokenURL = try string(.saslOAuthTokenURL)
        saslOAuthScopes = try container.decodeIfPresent([String].self, forKey: .saslOAuthScopes) ?? []
        saslOAuthParameters = try container.decodeIfPresent([String: String].self, forKey: .saslOAuthParameters) ?? [:]
        saslOAuthTenantID = try string(.saslOAuthTenantID)
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
            return try oauthBearerProperties()
        default:
            throw HandlerError("invalid sasl-mechanism \"\(mechanism)\"")
        }
    }

    /// OAUTHBEARER, checked as Kapacitor's `SASLAuth.Validate`: a static `sasl-access-token` (set by
    /// the producer's token refresh), or librdkafka's OIDC client-credentials flow against the
    /// token URL of `sasl-oauth-service` (custom, auth0 or azuread).
    private func oauthBearerProperties() throws -> [(String, String)] {
        var properties = [("sasl.mechanisms", "OAUTHBEARER")]
        if !saslAccessToken.isEmpty {
            guard saslOAuthService.isEmpty && saslOAuthTokenURL.isEmpty else {
                throw HandlerError("cannot set 'sasl-access-token' with 'sasl-oauth-service' and 'sasl-oauth-token-url'")
            }
            return properties
        }
        guard !saslOAuthClientID.isEmpty, !saslOAuthClientSecret.isEmpty else {
            throw HandlerError("'sasl-oauth-client-id' and 'sasl-oauth-client-secret' are required")
        }
        let tokenURL: String
        switch saslOAuthService.lowercased() {
        case "", "custom":
            guard !saslOAuthTokenURL.isEmpty else { throw HandlerError("'sasl-oauth-token-url' required for custom service") }
            tokenURL = saslOAuthTokenURL
        case "auth0":
            guard !saslOAuthTokenURL.isEmpty else { throw HandlerError("'sasl-oauth-token-url' required for Auth0") }
            guard !(saslOAuthParameters["audience"] ?? "").isEmpty else {
                throw HandlerError("'audience' parameter is required for Auth0")
            }
            tokenURL = saslOAuthTokenURL
        case "azuread":
            guard !saslOAuthTenantID.isEmpty else { throw HandlerError("'sasl-oauth-tenant-id' required for AzureAD") }
            guard saslOAuthTokenURL.isEmpty else {
                throw HandlerError("'sasl-oauth-token-url' cannot be set for service \(saslOAuthService)")
            }
            tokenURL = "https://login.microsoftonline.com/\(saslOAuthTenantID)/oauth2/v2.0/token"
        default:
            throw HandlerError("service \(saslOAuthService) not supported")
        }
        // librdkafka's OIDC client posts only the client credentials and scope; extra form parameters
        // (Auth0's `audience`) go on the token URL's query, which Auth0 and most providers also read.
        var url = tokenURL
        let query = saslOAuthParameters.sorted { $0.key < $1.key }
            .map { "\(Self.formEncoded($0.key))=\(Self.formEncoded($0.value))" }.joined(separator: "&")
        if !query.isEmpty { url += (url.contains("?") ? "&" : "?") + query }
        properties += [
            ("sasl.oauthbearer.method", "oidc"),
            ("sasl.oauthbearer.client.id", saslOAuthClientID),
            ("sasl.oauthbearer.client.secret", saslOAuthClientSecret),
            ("sasl.oauthbearer.token.endpoint.url", url),
        ]
        if !saslOAuthScopes.isEmpty { properties.append(("sasl.oauthbearer.scope", saslOAuthScopes.joined(separator: " "))) }
        if !saslExtensions.isEmpty { properties.append(("sasl.oauthbearer.extensions", extensionsText)) }
        return properties
    }

    /// `sasl_extensions` as librdkafka takes them: `key=value` pairs joined by commas.
    var extensionsText: String {
        saslExtensions.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    static func formEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}
