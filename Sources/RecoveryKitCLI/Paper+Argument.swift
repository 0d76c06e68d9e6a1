import ArgumentParser
import RecoveryKitPrint

/// `--paper a4|letter` for every tool that prints a kit.
extension Paper: ExpressibleByArgument {}
