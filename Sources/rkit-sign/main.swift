import ArgumentParser
import RecoveryKitCLI

CommandRunner.main(RKitSign.self, name: "rkit-sign")
