import Models

/// A node that takes a time window's emission where the window holds its points, by column,
/// instead of as a batch with a field array per point. The runner hands it windows only when it
/// is the window's only child and nothing else observes the window's emissions.
protocol WindowConsumer: AnyObject {
    /// Whether the node takes windows this way; asked once, when the graph starts.
    var takesWindows: Bool { get }
    /// Handles what `window` emits now, ending at `tmax`, exactly as the batch it stands for.
    func receive(window: TimeWindow, tmax: Timestamp, output: NodeOutput) throws(NodeError)
}
