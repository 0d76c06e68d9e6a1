import RecoveryKitCore
#if canImport(Glibc)
import Glibc
#endif

/// Whether a path lies on a filesystem whose device the kernel reports as
/// removable (issue 20, finding 3: secrets must not land on the USB stick
/// that goes back online). Read from sysfs: the filesystem's device
/// (`stat`'s `st_dev`) is `/sys/dev/block/MAJ:MIN`; a partition is judged
/// by its disk; the disk is removable when its `removable` file says 1 or
/// it hangs off a USB bus (USB drives often report 0); a device-mapper
/// device (LUKS, LVM) by the devices under it (`slaves/`); a loop device by
/// the file behind it (`loop/backing_file`). Filesystems without a block
/// device (tmpfs, a network or FUSE mount) are not removable media.
///
/// `sysRoot` and `deviceOf` are injectable so tests can build a fake
/// sysfs tree (Tests/RecoveryKitCLITests/RemovableMediaTests.swift).
public struct RemovableMedia: Sendable {
    public enum Verdict: Sendable, Equatable {
        /// On removable media: the device as sysfs names it (`sdb`).
        case removable(device: String)
        /// On a device the kernel calls fixed.
        case fixed(device: String)
        /// Not on a block device (tmpfs, network, FUSE), or sysfs says nothing.
        case noBlockDevice
    }

    public let sysRoot: String
    /// The filesystem device (major, minor) holding an existing path.
    public let deviceOf: @Sendable (String) -> (major: UInt32, minor: UInt32)?

    public init(sysRoot: String = "/sys",
                deviceOf: @escaping @Sendable (String) -> (major: UInt32, minor: UInt32)? = RemovableMedia.statDevice) {
        self.sysRoot = sysRoot
        self.deviceOf = deviceOf
    }

    /// The verdict for `path`, which need not exist yet: its nearest
    /// existing ancestor decides (the file will be made on that filesystem).
    public func verdict(for path: String) -> Verdict {
        var current = path.isEmpty ? "." : path
        while true {
            if let device = deviceOf(current) { return verdict(major: device.major, minor: device.minor, depth: 0) }
            let next = RemovableMedia.parentPath(current)
            guard next != current else { return .noBlockDevice }
            current = next
        }
    }

    /// The folder a path names a file in: `/a/b` → `/a`, `/a` → `/`,
    /// `name` → `.` (then `.` stays `.`, `/` stays `/`).
    static func parentPath(_ path: String) -> String {
        var trimmed = path
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    public func isRemovable(_ path: String) -> Bool {
        if case .removable = verdict(for: path) { return true }
        return false
    }

    func verdict(major: UInt32, minor: UInt32, depth: Int) -> Verdict {
        guard major != 0, depth < 8 else { return .noBlockDevice }
        guard let node = resolved("\(sysRoot)/dev/block/\(major):\(minor)") else { return .noBlockDevice }
        return verdict(node: node, depth: depth)
    }

    /// `node`: a block device's resolved sysfs folder.
    func verdict(node: String, depth: Int) -> Verdict {
        // A partition's own folder has `partition`; its disk is the parent.
        let disk = exists("\(node)/partition") ? parent(node) : node
        let name = String(disk.split(separator: "/").last ?? "")
        if read("\(disk)/removable") == "1" || disk.contains("/usb") { return .removable(device: name) }
        // device-mapper (LUKS, LVM): removable when any device under it is.
        let slaves = list("\(disk)/slaves")
        if !slaves.isEmpty {
            for slave in slaves {
                guard let under = resolved("\(disk)/slaves/\(slave)") else { continue }
                if case let .removable(device) = verdict(node: under, depth: depth + 1) { return .removable(device: "\(name) on \(device)") }
            }
            return .fixed(device: name)
        }
        // A loop device: the file behind it decides.
        if let backing = read("\(disk)/loop/backing_file"), !backing.isEmpty, let device = deviceOf(backing) {
            if case let .removable(under) = verdict(major: device.major, minor: device.minor, depth: depth + 1) {
                return .removable(device: "\(name) on \(under)")
            }
        }
        return .fixed(device: name)
    }

    // MARK: The file system, read only

    /// `st_dev` of an existing path, split as glibc's major()/minor() do.
    public static let statDevice: @Sendable (String) -> (major: UInt32, minor: UInt32)? = { path in
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let dev = UInt64(info.st_dev)
        let major = UInt32(((dev >> 8) & 0xfff) | ((dev >> 32) & ~UInt64(0xfff)))
        let minor = UInt32((dev & 0xff) | ((dev >> 12) & ~UInt64(0xff)))
        return (major, minor)
    }

    func resolved(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }

    func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// A small sysfs attribute, without its final newline.
    func read(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        guard n >= 0 else { return nil }
        return String(decoding: buffer[..<n], as: UTF8.self).trimmingWhitespace()
    }

    func list(_ folder: String) -> [String] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }
}
