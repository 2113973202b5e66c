/// Emits a point only when one of the watched fields changed value.
public struct ChangeDetectNode: PipelineNode {
    public var fields: [String]

    public static let spec = NodeSpec<Self>(
        "changeDetect", doc: "Passes points whose watched fields changed.", signature: "string...",
        create: { arguments throws(PipelineError) in Self(fields: try arguments.strings()) }
    )
}
