import Foundation

/// Whether a sweep or transient ran to its end, written as `status.json` into its output
/// folder: `{"status": "complete"}` or `{"status": "incomplete", "reason": …}` for a run that
/// stopped part-way and kept the steps it completed.
public enum RunStatus: Sendable, Equatable {
    case complete
    case incomplete(String)

    public static let fileName = "status.json"

    public func json(command: String, steps: Int) -> String {
        var fields: [(String, JSONValue)] = [("command", .string(command))]
        switch self {
        case .complete:
            fields.append(("status", .string("complete")))
        case let .incomplete(reason):
            fields.append(("status", .string("incomplete")))
            fields.append(("reason", .string(reason)))
        }
        fields.append(("completed_steps", .integer(steps)))
        return JSONValue.object(fields).rendered()
    }
}
