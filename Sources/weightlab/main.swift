// Entry point of the `weightlab` executable. WeightLabTool.run catches every error, so user
// input ends in a message and an exit status, never a crash trace.

import Foundation

exit(WeightLabTool.run(Array(CommandLine.arguments.dropFirst())))
