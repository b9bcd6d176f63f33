// Package config loads cecbatch's configuration once, at start-up, into a
// typed Config.
//
// Four sources are merged with viper, strongest first: command-line flags,
// CECBATCH_* environment variables, the YAML config file, and the defaults
// of this package. Every key has a default, so every key can be set from the
// environment. Unknown keys and values of the wrong type are errors that name
// the key: a typo in a nightly job's config must stop the run, not be
// silently ignored.
//
// The viper instance lives only inside Load (viper is not safe for
// concurrent use); the rest of the program gets the Config value.
package config
