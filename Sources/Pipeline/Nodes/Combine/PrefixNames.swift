/// The `.as()` prefixes that join and combine put before field names.
enum PrefixNames {
    /// Kapacitor's checks: present, one per input, non-empty, free of the delimiter, distinct.
    static func validate(_ names: [String], count: Int, delimiter: String, node: String, of inputs: String) throws(PipelineError) {
        if names.isEmpty {
            throw PipelineError("a call to \(node).as() is required to specify the output stream prefixes.")
        }
        if names.count != count {
            throw PipelineError("number of prefixes specified by \(node).as() must match the number of \(inputs)")
        }
        for name in names {
            if name.isEmpty {
                throw PipelineError("must provide a prefix name for the \(node) node, see .as() property method")
            }
            if !delimiter.isEmpty && name.contains(delimiter) {
                throw PipelineError("cannot use name \(name) as field prefix, it contains the delimiter \"\(delimiter)\"")
            }
        }
        if Set(names).count != names.count { throw PipelineError("cannot use the same prefix name see .as() property method") }
    }
}
