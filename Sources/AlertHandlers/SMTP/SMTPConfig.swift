import Alerting
import Foundation

/// The `[smtp]` section: the mail server, the sender and the default recipients.
struct SMTPConfig: Decodable, Sendable {
    var enabled = false
    var host = "localhost"
    var port = 25
    var username = ""
    var password = ""
    /// Skip verifying the server's certificate (SMTPS and STARTTLS).
    var noVerify = false
    /// Whether every alert sends mail (the engine's concern).
    var global = false
    /// Whether global mail is sent on state changes only (the engine's concern).
    var stateChangesOnly = false
    var from = ""
    /// Recipients when a handler names none.
    var to: [String] = []

    enum CodingKeys: String, CodingKey {
        case enabled, host, port, username, password, global, from, to
        case noVerify = "no-verify"
        case stateChangesOnly = "state-changes-only"
    }

    init() {}

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try container.decodeIfPresent(Bool.self, forKey: .enabled) ?? false
        host = try container.decodeIfPresent(String.self, forKey: .host) ?? "localhost"
        port = try container.decodeIfPresent(Int.self, forKey: .port) ?? 25
        username = try container.decodeIfPresent(String.self, forKey: .username) ?? ""
        password = try container.decodeIfPresent(String.self, forKey: .password) ?? ""
        noVerify = try container.decodeIfPresent(Bool.self, forKey: .noVerify) ?? false
        global = try container.decodeIfPresent(Bool.self, forKey: .global) ?? false
        stateChangesOnly = try container.decodeIfPresent(Bool.self, forKey: .stateChangesOnly) ?? false
        from = try container.decodeIfPresent(String.self, forKey: .from) ?? ""
        to = try container.decodeIfPresent([String].self, forKey: .to) ?? []
    }

    /// The environment's `[smtp]` section, the defaults when absent.
    static func load(from environment: HandlerEnvironment) throws -> SMTPConfig {
        guard let data = environment.sections["smtp"] else { return SMTPConfig() }
        if let list = try? JSONDecoder().decode([SMTPConfig].self, from: data) { return list.first ?? SMTPConfig() }
        return try JSONDecoder().decode(SMTPConfig.self, from: data)
    }
}
