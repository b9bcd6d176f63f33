package report

import "flag"

// update rewrites the package's golden files under testdata/ from the
// current output instead of comparing with them: go test ./report -update.
var update = flag.Bool("update", false, "rewrite the golden files under testdata/")
