import APIModels

/// The configuration as GET `/kapacitor/v1/config` shows it: the sections Kapacitor lets the API
/// override, each element's options with secrets replaced by whether they are set.
public struct ConfigView: Sendable {
    /// One section (`smtp`, `influxdb`) and its elements.
    public struct Section: Sendable {
        public var name: String
        public var elements: [Element]

        /// Creates a section.
        public init(name: String, elements: [Element]) {
            self.name = name
            self.elements = elements
        }
    }

    /// One element: its ID (the value of the section's element key, `""` for a single section),
    /// its options and the names of the redacted ones.
    public struct Element: Sendable {
        public var id: String
        public var options: [String: JSONValue]
        public var redacted: [String]

        /// Creates an element.
        public init(id: String, options: [String: JSONValue], redacted: [String]) {
            self.id = id
            self.options = options
            self.redacted = redacted
        }
    }

    /// The sections, by name.
    public var sections: [Section]

    /// Creates a view.
    public init(sections: [Section] = []) { self.sections = sections }
}
