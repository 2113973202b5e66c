import Models

/// A node that takes a point `from` selected without the `PointMessage` it stands for: the written
/// point as it lies, its adjusted time and its group. The runner hands points this way only to
/// a `from` node's only child, when nothing else observes the `from` node's emissions.
protocol PointTaker: AnyObject {
    /// Handles `point` at `time` in `group` (made of `dimensions`), exactly as the message
    /// `.point` with them.
    func receive(
        point: borrowing Point, time: Timestamp, group: borrowing GroupID, dimensions: borrowing Dimensions, output: NodeOutput
    ) throws(NodeError)
}
