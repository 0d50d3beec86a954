import Vapor
import Plot
import PrepRoomStore
