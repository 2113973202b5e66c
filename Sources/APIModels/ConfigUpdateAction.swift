/// The body of POST `/kapacitor/v1/config/{section}[/{element}]` (Kapacitor's
/// `client.ConfigUpdateAction`): options to set or to return to the file's values on one
/// element, or elements to add to or remove from a list section.
public struct ConfigUpdateAction: Codable, Sendable, Equatable {
    /// Options to set, by name.
    public var set: [String: JSONValue]
    /// Options whose override is dropped, so the file's value applies again.
    public var delete: [String]
    /// The options of a new element of a list section, its element key among them.
    public var add: [String: JSONValue]
    /// The IDs of elements whose overrides are dropped (an added element is gone).
    public var remove: [String]

    /// Creates an action.
    public init(set: [String: JSONValue] = [:], delete: [String] = [], add: [String: JSONValue] = [:], remove: [String] = []) {
        self.set = set
        self.delete = delete
        self.add = add
        self.remove = remove
    }

    /// Decodes an action; absent or null members are empty, as Go's decoder leaves them.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        set = try container.decodeIfPresent([String: JSONValue].self, forKey: .set) ?? [:]
        delete = try container.decodeIfPresent([String].self, forKey: .delete) ?? []
        add = try container.decodeIfPresent([String: JSONValue].self, forKey: .add) ?? [:]
        remove = try container.decodeIfPresent([String].self, forKey: .remove) ?? []
    }
}
