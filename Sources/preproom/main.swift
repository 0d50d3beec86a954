import PrepRoomWeb

try await Entrypoint.main()
