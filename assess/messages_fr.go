package assess

// messagesFR is the French of assess's messages, by their English format
// (message.go).
var messagesFR = map[string]string{}
