import Alerting
import Foundation

/// One `[[httppost]]` section as the `post` handler uses it: the endpoint's name, URL, headers
/// and basic auth.
struct HTTPPostEndpointConfig: Decodable {
    /// The `basic-auth` table.
    struct BasicAuth: Decodable {
        var username: String
        var password: String

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            username = try container.decodeIfPresent(String.self, forKey: .username) ?? ""
            password = try container.decodeIfPresent(String.self, forKey: .password) ?? ""
        }

        enum CodingKeys: String, CodingKey { case username, password }
    }

    var endpoint: String
    var url: String
    var headers: [String: String]?
    var basicAuth: BasicAuth?
    var alertTemplate: String?
    var alertTemplateFile: String?

    enum CodingKeys: String, CodingKey {
        case endpoint, url, headers
        case basicAuth = "basic-auth"
        case alertTemplate = "alert-template"
        case alertTemplateFile = "alert-template-file"
    }

    /// Every `[[httppost]]` section of the environment (none when absent).
    static func all(in environment: HandlerEnvironment) throws -> [HTTPPostEndpointConfig] {
        guard let data = environment.sections["httppost"] else { return [] }
        if let list = try? JSONDecoder().decode([HTTPPostEndpointConfig].self, from: data) { return list }
        return [try JSONDecoder().decode(HTTPPostEndpointConfig.self, from: data)]
    }
}
