// Command cecbatch assesses intake workbooks under the Canadian Experience Class.
package main

import (
	"fmt"
	"os"

	// Dependencies pinned for the packages being built this session.
	_ "codeberg.org/go-pdf/fpdf"
	_ "github.com/go-fonts/dejavu/dejavusans"
	_ "github.com/go-fonts/dejavu/dejavusansbold"
	_ "github.com/pdfcpu/pdfcpu/pkg/api"
	_ "github.com/spf13/pflag"
	_ "github.com/spf13/viper"
	_ "github.com/vbauerster/mpb/v8"
	_ "github.com/xuri/excelize/v2"
	_ "golang.org/x/sync/errgroup"
)

func main() {
	fmt.Fprintln(os.Stderr, "cecbatch: not built yet")
	os.Exit(2)
}
