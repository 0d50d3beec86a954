import NIOCore
import NIOPosix
import PrepRoomWeb

// Swift concurrency runs on NIO's event loops, as Vapor's template offers: a handler's
// awaits on the database then resume on the loop that did the I/O instead of hopping to
// Swift's own thread pool and back (half of a signed-in page's CPU went on those hops:
// Benchmarks/README.md). It must come first, on the main thread, before any task starts.
// The code never blocks on a future (`.wait()`), which this would forbid on a loop.
NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()

try await Entrypoint.main()
