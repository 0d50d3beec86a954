import PrepRoomWeb
print("hi")
