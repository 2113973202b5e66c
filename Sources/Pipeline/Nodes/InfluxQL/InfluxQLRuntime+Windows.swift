import Models

extension InfluxQLRuntime: WindowConsumer {
    /// Aggregates take a window's points by column; stream transformations take batches.
    var takesWindows: Bool { !function.isStreamTransformation }

    /// As `receive(.batch)` for the batch of the window's points: the reducer is chosen by the
    /// field of the first point that has it, and each point's field is read where the window holds it.
    func receive(window: TimeWindow, tmax: Timestamp, output: NodeOutput) throws(NodeError) {
        let group = group(window.group) {
            ResultBase(name: window.name, time: tmax, tags: window.tags, dimensions: window.dimensions, group: window.group)
        }
        group.base.time = tmax
        let buffer = window.buffer
        let positions = buffer.positions(of: shape.field)
        var context: (any ReduceContext)?
        var index = buffer.indices.lowerBound
        while context == nil && index < buffer.indices.upperBound {
            let position = positions[buffer.layout(at: index)]
            if position < 0 {
                output.report("failed to realize reduce context from fields: field \"\(shape.field)\" missing from point")
            } else {
                switch realize(FieldKind(buffer.value(at: index, position: position))) {
                case .success(let realized): context = realized
                case .failure(let error): output.report("failed to realize reduce context from fields: \(error.message)")
                }
            }
            if context == nil { index += 1 }
        }
        if let context {
            context.aggregate(buffer, from: index, positions: positions, output: output)
        } else {
            guard function.isEmptyOK else { return }
            context = try realize(.float).get()
        }
        if let context { emit(context, group.base, output: output) }
    }
}
