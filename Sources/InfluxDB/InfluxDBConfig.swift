import Foundation
import Models

/// One `[[influxdb]]` section, with Kapacitor's defaults: a cluster by `name`, the URLs tried in
/// order, credentials, TLS, timeouts, write compression and the subscription settings.
public struct InfluxDBConfig: Sendable, Equatable, Decodable {
    /// Whether the cluster is used at all.
    public var enabled = true
    /// The name tasks give in `.cluster(…)`.
    public var name = "default"
    /// Whether an empty cluster name means this one (implied when it is the only enabled one).
    public var isDefault = false
    /// The URLs tried in order until one answers.
    public var urls = ["http://localhost:8086"]
    /// The user of basic auth; none when empty.
    public var username = ""
    /// The password; for InfluxDB 2.x and Cloud, an API token.
    public var password = ""
    /// A 2.x API token sent as `Authorization: Token …` instead of basic auth.
    public var token = ""
    /// Whether requests carry a JWT signed with InfluxDB's shared secret (not supported: kept for `/config`).
    public var httpSharedSecret = false
    /// A PEM file of the CAs trusted for the cluster's certificate.
    public var sslCA = ""
    /// The PEM files of the client certificate and its key.
    public var sslCert = ""
    public var sslKey = ""
    /// Accepts any server certificate.
    public var insecureSkipVerify = false
    /// How long a request may take, in nanoseconds; 0 for no limit.
    public var timeout: Int64 = 0
    /// How long to keep trying to reach the cluster at startup, in nanoseconds.
    public var startupTimeout: Int64 = 5 * 60 * 1_000_000_000
    /// Whether subscriptions are left alone (InfluxDB 2.x and Cloud have none).
    public var disableSubscriptions = false
    /// `http`, `https` or `udp`: how InfluxDB sends subscribed writes.
    public var subscriptionProtocol = "http"
    /// `cluster` (one set of subscriptions per Kapacitor cluster) or `server`.
    public var subscriptionMode = "cluster"
    /// How often subscriptions are checked, in nanoseconds.
    public var subscriptionsSyncInterval: Int64 = 60 * 1_000_000_000
    /// The path subscribed writes are sent to, below the daemon's URL.
    public var subscriptionPath = ""
    /// The databases and retention policies to subscribe to (all when empty).
    public var subscriptions: [String: [String]] = [:]
    /// The databases and retention policies never subscribed to.
    public var excludedSubscriptions: [String: [String]] = ["_kapacitor": ["autogen"]]
    /// The host name subscriptions point at; the daemon's `hostname` when empty.
    public var kapacitorHostname = ""
    /// The port subscriptions point at; the daemon's HTTP port when 0.
    public var httpPort = 0
    /// The UDP listener of `udp` subscriptions, and its buffers.
    public var udpBind = ""
    public var udpBuffer = 1000
    public var udpReadBuffer = 0
    /// `gzip` or `none`: how write bodies are sent.
    public var compression = "gzip"

    enum CodingKeys: String, CodingKey {
        case enabled, name, isDefault = "default", urls, username, password, token
        case httpSharedSecret = "http-shared-secret", sslCA = "ssl-ca", sslCert = "ssl-cert", sslKey = "ssl-key"
        case insecureSkipVerify = "insecure-skip-verify", timeout, startupTimeout = "startup-timeout"
        case disableSubscriptions = "disable-subscriptions", subscriptionProtocol = "subscription-protocol"
        case subscriptionMode = "subscription-mode", subscriptionsSyncInterval = "subscriptions-sync-interval"
        case subscriptionPath = "subscription-path", subscriptions, excludedSubscriptions = "excluded-subscriptions"
        case kapacitorHostname = "kapacitor-hostname", httpPort = "http-port", udpBind = "udp-bind"
        case udpBuffer = "udp-buffer", udpReadBuffer = "udp-read-buffer", compression
    }

    /// A cluster named `name` at `urls`, otherwise Kapacitor's defaults.
    public init(name: String = "default", urls: [String] = ["http://localhost:8086"], username: String = "", password: String = "") {
        self.name = name
        self.urls = urls
        self.username = username
        self.password = password
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = Self()
        func value<T: Decodable>(_ key: CodingKeys, _ fallback: T) throws -> T {
            try container.decodeIfPresent(T.self, forKey: key) ?? fallback
        }
        func duration(_ key: CodingKeys, _ fallback: Int64) throws -> Int64 {
            if let number = try? container.decodeIfPresent(Int64.self, forKey: key) { return number }
            guard let text = try container.decodeIfPresent(String.self, forKey: key) else { return fallback }
            guard let nanoseconds = GoDuration.parse(text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "invalid duration \"\(text)\"")
            }
            return nanoseconds
        }
        enabled = try value(.enabled, defaults.enabled)
        name = try value(.name, defaults.name)
        isDefault = try value(.isDefault, false)
        urls = try value(.urls, defaults.urls)
        username = try value(.username, "")
        password = try value(.password, "")
        token = try value(.token, "")
        httpSharedSecret = try value(.httpSharedSecret, false)
        sslCA = try value(.sslCA, "")
        sslCert = try value(.sslCert, "")
        sslKey = try value(.sslKey, "")
        insecureSkipVerify = try value(.insecureSkipVerify, false)
        timeout = try duration(.timeout, 0)
        startupTimeout = try duration(.startupTimeout, defaults.startupTimeout)
        disableSubscriptions = try value(.disableSubscriptions, false)
        subscriptionProtocol = try value(.subscriptionProtocol, defaults.subscriptionProtocol)
        subscriptionMode = try value(.subscriptionMode, defaults.subscriptionMode)
        subscriptionsSyncInterval = try duration(.subscriptionsSyncInterval, defaults.subscriptionsSyncInterval)
        subscriptionPath = try value(.subscriptionPath, "")
        subscriptions = try value(.subscriptions, [:])
        excludedSubscriptions = try value(.excludedSubscriptions, defaults.excludedSubscriptions)
        kapacitorHostname = try value(.kapacitorHostname, "")
        httpPort = try value(.httpPort, 0)
        udpBind = try value(.udpBind, "")
        udpBuffer = try value(.udpBuffer, defaults.udpBuffer)
        udpReadBuffer = try value(.udpReadBuffer, 0)
        compression = try value(.compression, defaults.compression)
        applyConditionalDefaults()
    }

    /// Kapacitor's conditional defaults: zero or empty values of these keys mean the default.
    mutating func applyConditionalDefaults() {
        let defaults = Self()
        if udpBuffer == 0 { udpBuffer = defaults.udpBuffer }
        if startupTimeout == 0 { startupTimeout = defaults.startupTimeout }
        if subscriptionProtocol.isEmpty { subscriptionProtocol = defaults.subscriptionProtocol }
        if subscriptionsSyncInterval == 0 { subscriptionsSyncInterval = defaults.subscriptionsSyncInterval }
        if compression.isEmpty { compression = defaults.compression }
    }

    /// Checks the section as Kapacitor does, with its messages.
    public func validate() throws(InfluxDBError) {
        if name.isEmpty { throw InfluxDBError("influxdb cluster must be given a name") }
        let allowed = name.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "." || $0 == "_"
        }
        if !allowed {
            throw InfluxDBError("influxdb cluster name must contain only numbers, letters or '.', '-', and '_' characters")
        }
        if urls.isEmpty { throw InfluxDBError("must specify at least one InfluxDB URL") }
        for url in urls where URL(string: url) == nil { throw InfluxDBError("parse \"\(url)\": invalid URL") }
        switch subscriptionProtocol {
        case "http", "https", "udp": break
        default:
            throw InfluxDBError("invalid subscription protocol, must be one of 'udp', 'http' or 'https', got \"\(subscriptionProtocol)\"")
        }
        switch subscriptionMode {
        case "cluster", "server": break
        default: throw InfluxDBError("unknown subscription mode \"\(subscriptionMode)\"")
        }
        switch compression {
        case "gzip", "none": break
        default: throw InfluxDBError("Invalid compression, must be one of 'gzip' or 'none', got \(compression)")
        }
        _ = try InfluxDBClient.tlsConfiguration(self)
    }
}
