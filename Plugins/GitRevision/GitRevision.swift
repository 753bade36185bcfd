import Foundation
import PackagePlugin

/// Before every build of the command-line tool, writes `GitRevision.swift` with the revision
/// of the checkout (`git describe --always --dirty`), or nil when the sources are not a git
/// checkout or git is missing. The file is only rewritten when the revision changes.
@main
struct GitRevision: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("Generated")
        let script = """
        mkdir -p "$2"
        rev=$(git -C "$1" describe --always --dirty --abbrev=12 --exclude='*' 2>/dev/null || true)
        if [ -n "$rev" ]; then value="\\"$rev\\""; else value=nil; fi
        printf 'enum GitRevision {\\n    static let revision: String? = %s\\n}\\n' "$value" > "$2/GitRevision.swift.new"
        if cmp -s "$2/GitRevision.swift.new" "$2/GitRevision.swift"; then rm "$2/GitRevision.swift.new"; else mv "$2/GitRevision.swift.new" "$2/GitRevision.swift"; fi
        """
        return [.prebuildCommand(displayName: "git revision of the checkout",
                                 executable: URL(fileURLWithPath: "/bin/sh"),
                                 arguments: ["-c", script, "sh", context.package.directoryURL.path, output.path],
                                 outputFilesDirectory: output)]
    }
}
