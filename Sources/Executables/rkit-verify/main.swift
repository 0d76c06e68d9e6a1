// The rkit-verify executable; the tool itself is the RKitVerifyTool library
// (Sources/rkit-verify), which the release's multi-call binary shares.
import RKitVerifyTool

runRKitVerify()
