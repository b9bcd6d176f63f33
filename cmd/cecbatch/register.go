package main

import (
	"github.com/cecbatch/cecbatch/batch"
	"github.com/cecbatch/cecbatch/config"
	"github.com/cecbatch/cecbatch/register"
)

// openRegister opens the client register of cfg for a run (nil options
// when it is off). A damaged register stops the run before any input
// moves (exit 4); a newer one is refused (exit 2).
func openRegister(cfg config.Config, eng *engine) (*batch.RegisterOptions, func(), error) {
	if !cfg.Register.Enabled {
		return nil, func() {}, nil
	}
	db, err := register.Open(cfg.Register.Path, register.Options{FileMode: cfg.Permissions.FileMode})
	if err != nil {
		return nil, nil, err
	}
	eng.register = true
	eng.domain = calendarDomain(cfg.Letterhead.Email)
	return &batch.RegisterOptions{DB: db, Horizon: cfg.Register.Horizon, Domain: eng.domain, Rules: eng.rules},
		func() { db.Close() }, nil
}
