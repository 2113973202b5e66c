/// One `[[slack]]` section: a workspace's webhook or API URL, token and defaults.
struct SlackConfig: WorkspaceConfig {
    var enabled = false
    var isDefault = false
    var workspace = ""
    var url = ""
    var token = ""
    var channel = ""
    var username = "kapacitor"
    var iconEmoji = ""

    enum CodingKeys: String, CodingKey {
        case enabled, isDefault = "default", workspace, url, token, channel, username, iconEmoji = "icon-emoji"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try container.decodeIfPresent(Bool.self, forKey: .enabled) ?? false
        isDefault = try container.decodeIfPresent(Bool.self, forKey: .isDefault) ?? false
        workspace = try container.decodeIfPresent(String.self, forKey: .workspace) ?? ""
        url = try container.decodeIfPresent(String.self, forKey: .url) ?? ""
        token = try container.decodeIfPresent(String.self, forKey: .token) ?? ""
        channel = try container.decodeIfPresent(String.self, forKey: .channel) ?? ""
        username = try container.decodeIfPresent(String.self, forKey: .username).nonEmpty ?? "kapacitor"
        iconEmoji = try container.decodeIfPresent(String.self, forKey: .iconEmoji) ?? ""
    }
}
