import Foundation

/// The `post-receive` hook `botops hook install` writes into a bare repository: a two-line shell
/// script that runs `botops hook post-receive` with what it was installed with. It holds no secret,
/// only a reference to one (`file:PATH`, `env:NAME`), read when a push arrives.
///
/// The hook either tells the daemon about the push (a signed `POST /hooks/generic`), or, `direct`,
/// applies the pushed revision itself and prints the result to the pushing client.
public struct PostReceiveHook: Sendable, Equatable {
    public enum Mode: Sendable, Equatable {
        /// POST to the daemon at `url` (its base, `http://127.0.0.1:9100`), signed with the secret `secret` names.
        case notify(url: String, secret: String)
        /// `botops apply` of the pushed revision, with these extra arguments (`--path`, `--state`, ...).
        case direct(arguments: [String])
    }

    /// The line that marks a hook as botops' own, so installing again replaces it and nothing else.
    public static let marker = "# Written by botops hook install"

    /// The absolute path of the bare repository (its git directory).
    public let gitDir: String
    /// The branch whose pushes count, without `refs/heads/`.
    public let branch: String
    public let mode: Mode
    /// The botops executable the hook runs.
    public let executable: String

    public init(gitDir: String, branch: String, mode: Mode, executable: String) {
        self.gitDir = gitDir
        self.branch = branch
        self.mode = mode
        self.executable = executable
    }

    /// `hooks/post-receive` inside the git directory.
    public var path: String { gitDir + "/hooks/post-receive" }

    /// The hook's text: a shell script that hands its standard input to `botops hook post-receive`.
    public var script: String {
        var arguments = [executable, "hook", "post-receive", "--git-dir", gitDir, "--branch", branch]
        switch mode {
        case let .notify(url, secret):
            arguments += ["--url", url, "--secret", secret]
        case let .direct(extra):
            arguments += ["--direct"] + extra.flatMap { ["--apply-arg", $0] }
        }
        return """
            #!/bin/sh
            \(Self.marker): pushes to \(branch) \(modeSummary).
            exec \(arguments.map(Self.quoted).joined(separator: " "))

            """
    }

    private var modeSummary: String {
        switch mode {
        case let .notify(url, _): "are told to the botops daemon at \(url)"
        case .direct: "are applied by botops apply, its output shown to the pusher"
        }
    }

    /// Writes the hook (mode 0755). An existing hook that botops did not write is kept unless `replace`.
    public func install(replace: Bool = false) throws(HookError) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: gitDir + "/objects", isDirectory: &isFolder), isFolder.boolValue,
              FileManager.default.fileExists(atPath: gitDir + "/HEAD") else {
            throw HookError(.notAGitDirectory, "\(gitDir) is not a git directory (no HEAD and objects/ in it); "
                            + "give the bare repository, such as /srv/git/fleet.git")
        }
        if FileManager.default.fileExists(atPath: path), !replace {
            // A hook that cannot be read is not known to be botops': it is kept like any other.
            let existing = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
            guard existing.contains(Self.marker) else {
                throw HookError(.hookExists, "\(path) exists and botops did not write it; merge the two by hand, "
                                + "or pass --force to replace it")
            }
        }
        do {
            try FileManager.default.createDirectory(atPath: gitDir + "/hooks", withIntermediateDirectories: true)
            try Data(script.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        } catch {
            throw HookError(.cannotWrite, "cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// What `post-receive` reads on standard input: one line per updated ref.
    public struct Update: Sendable, Equatable {
        public let old: String
        public let new: String
        public let ref: String

        public init(old: String, new: String, ref: String) {
            self.old = old
            self.new = new
            self.ref = ref
        }

        /// A deleted ref arrives with the all-zero id as its new value.
        public var isDeletion: Bool { new.allSatisfy { $0 == "0" } }
    }

    /// The updates in `input` (`<old> <new> <ref>` per line); malformed lines are skipped.
    public static func updates(_ input: String) -> [Update] {
        input.split(whereSeparator: \.isNewline).compactMap { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard fields.count == 3 else { return nil }
            return Update(old: fields[0], new: fields[1], ref: fields[2])
        }
    }

    /// The update of the tracked `branch` among `updates`, if it was pushed.
    public static func tracked(_ updates: [Update], branch: String) -> Update? {
        updates.last { $0.ref == "refs/heads/" + branch }
    }

    /// Single-quoted for sh, so paths with spaces or quotes survive.
    static func quoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}

/// What went wrong installing or running the hook, with what to do.
public struct HookError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case notAGitDirectory = "not-a-git-directory"
        case hookExists = "hook-exists"
        case cannotWrite = "cannot-write"
        case daemonUnreachable = "daemon-unreachable"
        case daemonRefused = "daemon-refused"
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
