import Foundation

/// A repository made on the spot for a test: `git init` in a folder and one commit of everything in it.
public enum TestGit {
    /// Initialises `folder` as a repository and commits all its files; the exit status of each git step.
    @discardableResult
    public static func commitAll(in folder: String, message: String = "test") throws -> [Int32] {
        var statuses: [Int32] = []
        for arguments in [["init", "-q"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", message]] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
            process.arguments = ["-C", folder] + arguments
            try process.run()
            statuses.append(process.exitStatus())
        }
        return statuses
    }
}
