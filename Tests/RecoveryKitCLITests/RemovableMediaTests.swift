import Foundation
import RKitTestSupport
import Testing
@testable import RecoveryKitCLI

/// The removable-media detection (issue 20, finding 3) over a fake sysfs
/// tree laid out as the kernel lays out /sys: /sys/dev/block/MAJ:MIN links
/// into /sys/devices/…/block/DISK[/PART], `removable`, `partition`,
/// dm `slaves/`, loop `loop/backing_file`.
@Suite struct RemovableMediaTests {
    /// Builds the fake tree; `devices` maps a path (as the test names it)
    /// to the device (major, minor) a stat of it would give.
    final class FakeSys: @unchecked Sendable {
        let root: TemporaryDirectory
        var devices: [String: (UInt32, UInt32)] = [:]
        init() throws { root = try TemporaryDirectory() }
        var sys: String { root.file("sys") }

        func disk(_ path: String, removable: Bool, major: UInt32, minor: UInt32, partitions: [UInt32] = []) throws {
            let node = "\(sys)/devices/\(path)"
            try FileManager.default.createDirectory(atPath: node, withIntermediateDirectories: true)
            try (removable ? "1\n" : "0\n").write(toFile: "\(node)/removable", atomically: false, encoding: .utf8)
            try link(major, minor, to: "devices/\(path)")
            let name = path.split(separator: "/").last!
            for (index, partitionMinor) in partitions.enumerated() {
                let part = "\(node)/\(name)\(index + 1)"
                try FileManager.default.createDirectory(atPath: part, withIntermediateDirectories: true)
                try "\(index + 1)\n".write(toFile: "\(part)/partition", atomically: false, encoding: .utf8)
                try link(major, partitionMinor, to: "devices/\(path)/\(name)\(index + 1)")
            }
        }

        func link(_ major: UInt32, _ minor: UInt32, to target: String) throws {
            try FileManager.default.createDirectory(atPath: "\(sys)/dev/block", withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: "\(sys)/dev/block/\(major):\(minor)", withDestinationPath: "../../\(target)")
        }

        var detector: RemovableMedia {
            let known = devices
            return RemovableMedia(sysRoot: sys, deviceOf: { path in known[path].map { (major: $0.0, minor: $0.1) } })
        }
    }

    @Test func aUSBStickPartitionIsRemovableAndTheInternalDiskIsNot() throws {
        let fake = try FakeSys()
        try fake.disk("pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/host6/target6:0:0/6:0:0:0/block/sdb", removable: true, major: 8, minor: 16, partitions: [17])
        try fake.disk("pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0/block/sda", removable: false, major: 8, minor: 0, partitions: [1, 2])
        fake.devices = ["/media/usb": (8, 17), "/home/me": (8, 2)]
        #expect(fake.detector.verdict(for: "/media/usb") == .removable(device: "sdb"))
        // A file still to be written there: its folder decides.
        #expect(fake.detector.verdict(for: "/media/usb/new-kit/kit.txt") == .removable(device: "sdb"))
        #expect(fake.detector.verdict(for: "/home/me") == .fixed(device: "sda"))
    }

    /// USB drives that report removable=0 are still on a USB bus.
    @Test func aUSBDiskReportingFixedIsStillRemovable() throws {
        let fake = try FakeSys()
        try fake.disk("pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host7/target7:0:0/7:0:0:0/block/sdc", removable: false, major: 8, minor: 32, partitions: [33])
        fake.devices = ["/media/ssd": (8, 33)]
        #expect(fake.detector.verdict(for: "/media/ssd") == .removable(device: "sdc"))
    }

    /// A LUKS or LVM volume (dm-0) on a USB stick partition is removable;
    /// one on the internal disk is not.
    @Test func deviceMapperFollowsItsSlaves() throws {
        let fake = try FakeSys()
        try fake.disk("pci0000:00/usb1/1-2/block/sdb", removable: true, major: 8, minor: 16, partitions: [17])
        try fake.disk("pci0000:00/ata1/block/sda", removable: false, major: 8, minor: 0, partitions: [1])
        for (dm, minor, under) in [("dm-0", UInt32(0), "pci0000:00/usb1/1-2/block/sdb/sdb1"), ("dm-1", UInt32(1), "pci0000:00/ata1/block/sda/sda1")] {
            try fake.disk("virtual/block/\(dm)", removable: false, major: 253, minor: minor)
            let slaves = "\(fake.sys)/devices/virtual/block/\(dm)/slaves"
            try FileManager.default.createDirectory(atPath: slaves, withIntermediateDirectories: true)
            let name = under.split(separator: "/").last!
            try FileManager.default.createSymbolicLink(atPath: "\(slaves)/\(name)", withDestinationPath: "../../../../\(under)")
        }
        fake.devices = ["/media/crypt": (253, 0), "/home": (253, 1)]
        #expect(fake.detector.verdict(for: "/media/crypt") == .removable(device: "dm-0 on sdb"))
        #expect(fake.detector.verdict(for: "/home") == .fixed(device: "dm-1"))
    }

    /// A loop device's backing file decides.
    @Test func aLoopDeviceFollowsItsBackingFile() throws {
        let fake = try FakeSys()
        try fake.disk("pci0000:00/usb1/1-2/block/sdb", removable: true, major: 8, minor: 16, partitions: [17])
        try fake.disk("virtual/block/loop0", removable: false, major: 7, minor: 0)
        try FileManager.default.createDirectory(atPath: "\(fake.sys)/devices/virtual/block/loop0/loop", withIntermediateDirectories: true)
        try "/media/usb/image.img\n".write(toFile: "\(fake.sys)/devices/virtual/block/loop0/loop/backing_file", atomically: false, encoding: .utf8)
        fake.devices = ["/mnt/image": (7, 0), "/media/usb/image.img": (8, 17)]
        #expect(fake.detector.verdict(for: "/mnt/image") == .removable(device: "loop0 on sdb"))
    }

    @Test func noBlockDeviceIsNotRemovable() throws {
        let fake = try FakeSys()
        fake.devices = ["/run/user/0": (0, 52)]
        #expect(fake.detector.verdict(for: "/run/user/0") == .noBlockDevice)
        #expect(fake.detector.verdict(for: "/unknown") == .noBlockDevice)
    }

    /// On this machine, through the real /sys: a path that does not exist
    /// yet is judged by its nearest existing folder (the same verdict), and
    /// the test's own folder is on a device sysfs knows or on none.
    @Test func theRealSysfsAnswersForAFutureFile() throws {
        let directory = try TemporaryDirectory()
        let detector = RemovableMedia()
        #expect(detector.verdict(for: directory.file("new-kit/kit.txt")) == detector.verdict(for: directory.path))
        #expect(RemovableMedia.parentPath("/a/b/") == "/a" && RemovableMedia.parentPath("/a") == "/")
        #expect(RemovableMedia.parentPath("name") == "." && RemovableMedia.parentPath("/") == "/")
    }
}
