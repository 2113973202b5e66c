import Alerting
import Foundation

/// One `[[mqtt]]` section: a broker by `name`, its URL, TLS files and credentials.
struct MQTTBrokerConfig: Decodable, Sendable, Hashable {
    var enabled = false
    var name = "default"
    var isDefault = false
    /// `tcp://host:port` (also `mqtt://`); `ssl://`/`tls://` need the TLS settings.
    var url = ""
    var sslCA = ""
    var sslCert = ""
    var sslKey = ""
    var insecureSkipVerify = false
    /// The client identifier; the broker's name when empty.
    var clientID = ""
    var username = ""
    var password = ""

    enum CodingKeys: String, CodingKey {
        case enabled, name, isDefault = "default", url
        case sslCA = "ssl-ca", sslCert = "ssl-cert", sslKey = "ssl-key", insecureSkipVerify = "insecure-skip-verify"
        case clientID = "client-id", username, password
    }

    init(name: String = "default", url: String) {
        self.name = name
        self.url = url
        enabled = true
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func string(_ key: CodingKeys) throws -> String { try container.decodeIfPresent(String.self, forKey: key) ?? "" }
        func flag(_ key: CodingKeys) throws -> Bool { try container.decodeIfPresent(Bool.self, forKey: key) ?? false }
        enabled = try flag(.enabled)
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? "default"
        isDefault = try flag(.isDefault)
        url = try string(.url)
        sslCA = try string(.sslCA)
        sslCert = try string(.sslCert)
        sslKey = try string(.sslKey)
        insecureSkipVerify = try flag(.insecureSkipVerify)
        clientID = try string(.clientID)
        username = try string(.username)
        password = try string(.password)
    }

    /// The identifier the client connects with: `client-id`, else the broker's name.
    var effectiveClientID: String { clientID.isEmpty ? name : clientID }

    /// The broker's host, port and whether it speaks TLS, from `url`.
    func endpoint() throws -> (host: String, port: Int, tls: Bool) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty else {
            throw HandlerError("invalid MQTT broker url \"\(url)\"")
        }
        let tls: Bool
        switch scheme {
        case "tcp", "mqtt": tls = false
        case "ssl", "tls", "tcps", "mqtts": tls = true
        default: throw HandlerError("unsupported MQTT broker url scheme \"\(scheme)\" in \"\(url)\"")
        }
        return (host, components.port ?? (tls ? 8883 : 1883), tls)
    }

    /// The enabled `[[mqtt]]` brokers of `environment` by name, and the default broker's name:
    /// the only section's, else the one marked `default`.
    static func brokers(in environment: HandlerEnvironment) throws -> (brokers: [String: MQTTBrokerConfig], defaultName: String) {
        let configs = try environment.serviceSections("mqtt", as: MQTTBrokerConfig.self)
        var brokers: [String: MQTTBrokerConfig] = [:]
        var defaultName = ""
        for config in configs {
            if config.enabled { brokers[config.name] = config }
            if config.isDefault { defaultName = config.name }
        }
        if configs.count == 1 { defaultName = configs[0].name }
        return (brokers, defaultName)
    }
}
