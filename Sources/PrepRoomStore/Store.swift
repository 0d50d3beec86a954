import PrepRoomCore
import Fluent
