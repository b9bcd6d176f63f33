package report

// messagesFR is the French catalog: each message report writes, by its
// English text, in French.
var messagesFR = map[string]string{}
