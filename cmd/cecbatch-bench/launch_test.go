package main

import "testing"

// TestLaunchArgs: only the launcher's own flags make this program a
// launcher, and a CPU must be a number from 0.
func TestLaunchArgs(t *testing.T) {
	for _, c := range []struct {
		arg    string
		cpu    int
		launch bool
	}{
		{"-launch", anyCPU, true},
		{"-launch-on-cpu=0", 0, true},
		{"-launch-on-cpu=3", 3, true},
		{"-launch-on-cpu=", 0, false},
		{"-launch-on-cpu=-1", 0, false},
		{"-launch-on-cpu=x", 0, false},
		{"-clients", 0, false},
	} {
		cpu, ok := launchArgs(c.arg)
		if ok != c.launch || (ok && cpu != c.cpu) {
			t.Errorf("launchArgs(%q) = %d, %v; want %d, %v", c.arg, cpu, ok, c.cpu, c.launch)
		}
	}
}
