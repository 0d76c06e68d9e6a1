// The rkit-generate executable; the tool itself is the RKitGenerateTool library
// (Sources/rkit-generate), which the release's multi-call binary shares.
import RKitGenerateTool

runRKitGenerate()
