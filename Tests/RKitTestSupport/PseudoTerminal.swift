import Foundation

/// Runs a tool on a pseudo-terminal (its controlling terminal) and types
/// answers at its prompts, as a person at a terminal would. Driven by a
/// short python3 script (the `pty` of the standard library); stdout and
/// stderr are captured apart from what the terminal shows.
public enum PseudoTerminal {
    /// For each `(prompt, line)`, waits until the terminal shows `prompt`,
    /// then types `line` and Enter. Returns the tool's result and what the
    /// terminal showed (prompts; never the typed text: echo is off).
    public static func run(_ tool: String, _ arguments: [String], typing answers: [(prompt: String, line: String)],
                           currentDirectory: URL? = nil) throws -> (result: ToolResult, screen: String) {
        let script = #"""
        import json, os, select, subprocess, sys, time, fcntl, termios
        argv, answers = json.loads(sys.argv[1]), json.loads(sys.argv[2])
        master, slave = os.openpty()
        def setup():
            os.setsid()
            fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=open(sys.argv[3], "wb"), stderr=open(sys.argv[4], "wb"),
                                preexec_fn=setup, pass_fds=(slave,))
        os.close(slave)
        seen = b""
        def read_until(needle, timeout=30):
            global seen
            end = time.time() + timeout
            while needle.encode() not in seen:
                if time.time() > end or proc.poll() is not None and not select.select([master], [], [], 0)[0]:
                    return False
                if select.select([master], [], [], 0.2)[0]:
                    try: seen += os.read(master, 4096)
                    except OSError: return False
            return True
        for prompt, line in answers:
            if not read_until(prompt):
                break
            seen = seen.replace(prompt.encode(), b"<" + prompt.encode() + b">", 1)
            os.write(master, line.encode() + b"\n")
        status = proc.wait(timeout=60)
        try:
            while select.select([master], [], [], 0.2)[0]:
                chunk = os.read(master, 4096)
                if not chunk: break
                seen += chunk
        except OSError: pass
        sys.stdout.write(json.dumps({"status": status, "screen": seen.decode(errors="replace")}))
        """#
        let directory = try TemporaryDirectory()
        let out = directory.file("stdout"), err = directory.file("stderr")
        let argv = try JSONSerialization.data(withJSONObject: [tool] + arguments)
        let typed = try JSONSerialization.data(withJSONObject: answers.map { [$0.prompt, $0.line] })
        let driver = try ToolRunner.external("python3", ["-c", script, String(decoding: argv, as: UTF8.self),
                                                         String(decoding: typed, as: UTF8.self), out, err],
                                             currentDirectory: currentDirectory)
        guard driver.status == 0, let report = try JSONSerialization.jsonObject(with: Data(driver.stdout.utf8)) as? [String: Any],
              let status = report["status"] as? Int, let screen = report["screen"] as? String else {
            throw DriverFailed(detail: driver.stdout + driver.stderr)
        }
        let result = ToolResult(status: Int32(status), stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                                stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
        return (result, screen)
    }

    public struct DriverFailed: Error, CustomStringConvertible {
        public let detail: String
        public var description: String { "the pseudo-terminal driver failed: \(detail)" }
    }
}

extension PseudoTerminal {
    /// Runs `argv` as it runs in a person's terminal window: standard
    /// input, output and error all on one pseudo-terminal of
    /// `columns`×`lines` (set with TIOCSWINSZ, so the program measures it),
    /// which is also its controlling terminal. Each time the text of one of
    /// `answers`' prompts appears after the last answer, its line and Enter
    /// are typed (so a prompt repeated for every QR part is answered every
    /// time). `environment` adds to the test's environment.
    ///
    /// Returns the exit status and everything the window showed, in order,
    /// with the terminal's CR LF turned back into LF. A run that outlasts
    /// 120 seconds is killed and thrown as `DriverFailed`.
    public static func session(_ argv: [String], columns: Int = 80, lines: Int = 24, environment: [String: String] = [:],
                               answering answers: [(prompt: String, line: String)] = [],
                               currentDirectory: URL? = nil) throws -> (status: Int32, screen: String) {
        let script = #"""
        import json, os, select, struct, subprocess, sys, time, fcntl, termios
        argv, env_add, answers = json.loads(sys.argv[1]), json.loads(sys.argv[2]), json.loads(sys.argv[3])
        columns, lines = int(sys.argv[4]), int(sys.argv[5])
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        def setup():
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)
        env = dict(os.environ); env.update(env_add)
        proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, preexec_fn=setup, env=env)
        os.close(slave)
        answers = [(p.encode(), l.encode()) for p, l in answers]
        seen, answered, deadline, timed_out = b"", 0, time.time() + 120, False
        while True:
            if time.time() > deadline:
                proc.kill(); timed_out = True; break
            ready = select.select([master], [], [], 0.1)[0]
            if ready:
                try: chunk = os.read(master, 65536)
                except OSError: chunk = b""
                if not chunk: break
                seen += chunk
            elif proc.poll() is not None:
                break
            hits = sorted((seen.find(p, answered), p, l) for p, l in answers if seen.find(p, answered) >= 0)
            if hits:
                at, prompt, line = hits[0]
                answered = at + len(prompt)
                os.write(master, line + b"\n")
        status = proc.wait()
        sys.stdout.write(json.dumps({"status": status, "timedOut": timed_out,
                                     "screen": seen.decode(errors="replace").replace("\r\n", "\n")}))
        """#
        func json(_ object: Any) throws -> String { String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self) }
        let driver = try ToolRunner.external("python3", ["-c", script, try json(argv), try json(environment),
                                                         try json(answers.map { [$0.prompt, $0.line] }), "\(columns)", "\(lines)"],
                                             currentDirectory: currentDirectory)
        guard driver.status == 0, let report = try JSONSerialization.jsonObject(with: Data(driver.stdout.utf8)) as? [String: Any],
              let status = report["status"] as? Int, let screen = report["screen"] as? String,
              report["timedOut"] as? Bool == false else {
            throw DriverFailed(detail: driver.stdout + driver.stderr)
        }
        return (Int32(truncatingIfNeeded: status), screen)
    }
}
