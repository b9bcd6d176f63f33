package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/assess/crs"
)

// Config is the configuration in force for one command.
type Config struct {
	// File is the config file that was read, or "" if none.
	File string `mapstructure:"-"`

	Inbox      string `mapstructure:"inbox"`
	Out        string `mapstructure:"out"`
	Archive    string `mapstructure:"archive"`
	Quarantine string `mapstructure:"quarantine"`

	// AsOf is the assessment date (YYYY-MM-DD) for clients with no
	// Application Date; "" means today in Timezone.
	AsOf string `mapstructure:"as_of"`
	// Workers is the number of concurrent workers; 0 in the sources means
	// the number of CPUs, and Load resolves it.
	Workers    int           `mapstructure:"workers"`
	KeepInputs bool          `mapstructure:"keep_inputs"`
	MinAge     time.Duration `mapstructure:"min_age"`
	// DateOrder is "DMY", "MDY" or "" (ambiguous numeric dates are read by
	// the other dates of their column, else are errors).
	DateOrder string `mapstructure:"date_order"`
	Quiet     bool   `mapstructure:"quiet"`
	// LogFormat is "text" or "json".
	LogFormat string `mapstructure:"log_format"`
	// Timezone is an IANA name ("America/Toronto"); "" means the system's.
	Timezone string `mapstructure:"timezone"`

	Letterhead  Letterhead  `mapstructure:"letterhead"`
	Lawyer      string      `mapstructure:"lawyer"`
	Permissions Permissions `mapstructure:"permissions"`
	Limits      Limits      `mapstructure:"limits"`

	// PageSize is the opinion's paper: "letter" (US Letter) or "a4".
	PageSize string `mapstructure:"page_size"`
	// Outputs are the documents written for each client.
	Outputs Outputs `mapstructure:"outputs"`
	// DefaultLanguage is the documents' language for a client whose
	// Language cell is blank: "en" or "fr".
	DefaultLanguage string `mapstructure:"default_language"`

	ExpressEntry ExpressEntry `mapstructure:"express_entry"`

	Register Register `mapstructure:"register"`
	// Digest prints the morning digest on stdout (cron mails it).
	Digest bool `mapstructure:"digest"`
	// CPUProfile and MemProfile are files for Go's CPU profile of the run
	// and a heap profile taken at its largest live heap; "" for none.
	CPUProfile string `mapstructure:"cpuprofile"`
	MemProfile string `mapstructure:"memprofile"`
}

// Register configures the client register (REGISTER.md).
type Register struct {
	// Path is register.db; "" in the sources means <out>/register.db, and
	// Load resolves it.
	Path    string `mapstructure:"path"`
	Enabled bool   `mapstructure:"enabled"`
	// Horizon is how many days ahead the Agenda sheet looks.
	Horizon int `mapstructure:"horizon"`
}

// RegisterFile is the register's default name in the output folder.
const RegisterFile = "register.db"

// ExpressEntry configures the Express Entry readiness estimate.
type ExpressEntry struct {
	// RulesFile is a firm's Express Entry rules file (a newer CRS grid,
	// category lists or rounds; see crs-grid.example.yaml); "" for the
	// shipped rules only.
	RulesFile string `mapstructure:"rules_file"`
	// CRSGridCheckedOn (YYYY-MM-DD) is the firm's own check of IRCC's CRS
	// page: the E-GRID caveat is silenced up to this day.
	CRSGridCheckedOn string `mapstructure:"crs_grid_checked_on"`
	// Rules are the rules in force: the shipped ones with the file's
	// added, read once by Load.
	Rules *crs.Rules `mapstructure:"-"`
}

// Letterhead is the firm's identity printed on every opinion draft.
type Letterhead struct {
	FirmName string `mapstructure:"firm_name"`
	Address  string `mapstructure:"address"`
	Phone    string `mapstructure:"phone"`
	Email    string `mapstructure:"email"`
	// Logo is the path of a PNG or JPEG image; "" for none.
	Logo string `mapstructure:"logo"`
	// ReferenceDOCX is the path of a Word document whose styles, fonts,
	// header (logo) and margins the DOCX files take; "" for cecbatch's.
	ReferenceDOCX string `mapstructure:"reference_docx"`
}

// Outputs choose the documents written for each client: the opinion draft
// as PDF and as DOCX (both by default), and the client letter beside it
// (off by default) in the same formats.
type Outputs struct {
	PDF          bool `mapstructure:"pdf"`
	DOCX         bool `mapstructure:"docx"`
	ClientLetter bool `mapstructure:"client_letter"`
}

// Permissions are the modes of every folder and file cecbatch creates or
// moves (run folders, outputs, archive, quarantine). The defaults keep
// client data private to the account that runs the job.
type Permissions struct {
	DirMode  os.FileMode `mapstructure:"dir_mode"`
	FileMode os.FileMode `mapstructure:"file_mode"`
}

// Limits bound what one intake workbook may cost (INTAKE.md "Bad input").
// The part limits are what keep a run's memory bounded: each is far above
// what an intake workbook needs and far below what a crafted one asks.
type Limits struct {
	MaxFileMB  int64 `mapstructure:"max_file_mb"`
	MaxUnzipMB int64 `mapstructure:"max_unzip_mb"`
	MaxRows    int   `mapstructure:"max_rows"`
	// MaxPartMB bounds each unpacked part read whole (styles, shared
	// strings, the list of sheets, relationships).
	MaxPartMB int64 `mapstructure:"max_part_mb"`
	// MaxElements bounds the XML elements of the styles and of every other
	// part that is neither a sheet nor the shared strings.
	MaxElements      int `mapstructure:"max_elements"`
	MaxSharedStrings int `mapstructure:"max_shared_strings"`
	MaxSheets        int `mapstructure:"max_sheets"`
	// MaxCells bounds the cells of one sheet, blank ones included.
	MaxCells int `mapstructure:"max_cells"`
}

// Error is a configuration or command-line error: nothing was processed.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

func errorf(format string, args ...any) error { return &Error{Msg: fmt.Sprintf(format, args...)} }

// Defaults returns the value of every key when no source sets it. Workers
// is 0 here (meaning: the number of CPUs).
func Defaults() map[string]any {
	return map[string]any{
		"inbox":                     "./inbox",
		"out":                       "./out",
		"archive":                   "./archive",
		"quarantine":                "./quarantine",
		"as_of":                     "",
		"workers":                   0,
		"keep_inputs":               false,
		"min_age":                   60 * time.Second,
		"date_order":                "",
		"quiet":                     false,
		"log_format":                "text",
		"timezone":                  "",
		"letterhead.firm_name":      "",
		"letterhead.address":        "",
		"letterhead.phone":          "",
		"letterhead.email":          "",
		"letterhead.logo":           "",
		"letterhead.reference_docx": "",
		"lawyer":                    "",
		"page_size":                 "letter",
		"outputs.pdf":               true,
		"outputs.docx":              true,
		"outputs.client_letter":     false,
		"default_language":          "en",
		"permissions.dir_mode":      os.FileMode(0o700),
		"permissions.file_mode":     os.FileMode(0o600),
		"limits.max_file_mb":        int64(50),
		"limits.max_unzip_mb":       int64(500),
		"limits.max_rows":           100000,
		"limits.max_part_mb":        int64(16),
		"limits.max_elements":       100000,
		"limits.max_shared_strings": 500000,
		"limits.max_sheets":         255,
		"limits.max_cells":          5000000,

		"express_entry.rules_file":          "",
		"express_entry.crs_grid_checked_on": "",

		"register.path":    "",
		"register.enabled": true,
		"register.horizon": 120,
		"digest":           false,
		"cpuprofile":       "",
		"memprofile":       "",
	}
}

// AddRunFlags registers the flags of `cecbatch run` on fs. Each flag is the
// key with "-" for "_".
func AddRunFlags(fs *pflag.FlagSet) {
	AddConfigFlag(fs)
	fs.String("inbox", "", "folder where intake workbooks are dropped (default ./inbox)")
	fs.String("out", "", "folder where each run's outputs go (default ./out)")
	fs.String("archive", "", "folder where processed inputs are moved (default ./archive)")
	fs.String("quarantine", "", "folder where rejected inputs are moved, with a report (default ./quarantine)")
	AddAsOfFlag(fs)
	fs.Int("workers", 0, "concurrent workers (default: number of CPUs)")
	fs.Bool("keep-inputs", false, "leave the inbox untouched (trial runs)")
	fs.Duration("min-age", 0, "skip inbox files modified more recently than this (default 60s)")
	AddDateOrderFlag(fs)
	fs.Bool("quiet", false, "no progress bar and only warnings and errors in the log (for cron)")
	fs.String("log-format", "", "log format: text or json (default text)")
	fs.String("timezone", "", "IANA time zone for today's date and the run id (default: the system's)")
	fs.String("cpuprofile", "", "write a Go CPU profile of the run to this file (go tool pprof)")
	fs.String("memprofile", "", "write a Go heap profile, taken at the run's largest live heap, to this file")
	AddRegisterFlag(fs)
	fs.Bool("no-register", false, "run without the client register this once")
	fs.Bool("digest", false, "print the morning digest on stdout, the run folder still last (for cron's mail)")
}

// AddRegisterFlag registers --register on fs.
func AddRegisterFlag(fs *pflag.FlagSet) {
	fs.String("register", "", "the client register's file (default <out>/register.db)")
}

// AddConfigFlag registers --config on fs.
func AddConfigFlag(fs *pflag.FlagSet) {
	fs.String("config", "", "YAML config file (default ./cecbatch.yaml if present)")
}

// AddAsOfFlag registers --as-of on fs.
func AddAsOfFlag(fs *pflag.FlagSet) {
	fs.String("as-of", "", "assessment date YYYY-MM-DD (2000-01-01 to 2100-12-31) for clients with no Application Date (default today)")
}

// AddDateOrderFlag registers --date-order on fs.
func AddDateOrderFlag(fs *pflag.FlagSet) {
	fs.String("date-order", "", "how to read ambiguous numeric dates: DMY or MDY (default: by the other dates of their column, else they are errors)")
}

// DefaultFile is the config file read when --config is not given, if it exists.
const DefaultFile = "cecbatch.yaml"

// Load merges the flags of fs (those that were set), the CECBATCH_*
// environment, the config file and the defaults into a Config. fs may hold
// any subset of the flags of AddRunFlags. Every error is an *Error.
func Load(fs *pflag.FlagSet) (Config, error) {
	v := viper.New()
	defaults := Defaults()
	for key, value := range defaults {
		v.SetDefault(key, value)
	}
	v.SetEnvPrefix("CECBATCH")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_", "-", "_"))
	v.AutomaticEnv()

	if fs != nil {
		var bindErr error
		fs.VisitAll(func(f *pflag.Flag) {
			key := strings.ReplaceAll(f.Name, "-", "_")
			if _, known := defaults[key]; !known || bindErr != nil {
				return
			}
			bindErr = v.BindPFlag(key, f)
		})
		if f := fs.Lookup("register"); f != nil && bindErr == nil {
			bindErr = v.BindPFlag("register.path", f)
		}
		if bindErr != nil {
			return Config{}, errorf("config: %v", bindErr)
		}
	}

	file, err := configFile(fs)
	if err != nil {
		return Config{}, err
	}
	if file != "" {
		text, err := readBounded(file, MaxConfigBytes)
		if err != nil {
			return Config{}, errorf("config file %s (--config or CECBATCH_CONFIG): %v", file, err)
		}
		v.SetConfigType("yaml")
		if err := v.ReadConfig(bytes.NewReader(text)); err != nil {
			return Config{}, errorf("config file %s: %v", file, err)
		}
		if err := checkBareModes(file, text); err != nil {
			return Config{}, err
		}
	}

	src := sources{fs: fs, v: v, file: file}
	var c Config
	if err := v.UnmarshalExact(&c, viper.DecodeHook(decodeHook)); err != nil {
		return Config{}, &Error{Msg: explain(err, src)}
	}
	c.File = file
	c.resolvePaths(src)
	if fs != nil {
		if f := fs.Lookup("no-register"); f != nil && f.Changed && f.Value.String() == "true" {
			c.Register.Enabled = false
		}
	}
	if c.Register.Path == "" {
		c.Register.Path = filepath.Join(c.Out, RegisterFile)
	}
	if err := c.validate(); err != nil {
		if file != "" {
			return Config{}, errorf("%v (config file %s, environment or flags)", err, file)
		}
		return Config{}, err
	}
	if c.Workers == 0 {
		c.Workers = runtime.NumCPU()
	}
	return c, nil
}

// configFile is --config, else $CECBATCH_CONFIG, else ./cecbatch.yaml if
// present, else "".
func configFile(fs *pflag.FlagSet) (string, error) {
	if fs != nil {
		if f := fs.Lookup("config"); f != nil && f.Changed {
			if f.Value.String() == "" {
				return "", errorf("--config needs a file name")
			}
			return f.Value.String(), nil
		}
	}
	if name := os.Getenv("CECBATCH_CONFIG"); name != "" {
		return name, nil
	}
	if _, err := os.Stat(DefaultFile); err == nil {
		return DefaultFile, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return "", errorf("config file %s: %v", DefaultFile, err)
	}
	return "", nil
}

var (
	durationType = reflect.TypeOf(time.Duration(0))
	modeType     = reflect.TypeOf(os.FileMode(0))
)

// decodeHook reads durations ("90s", "2m"), octal permission modes
// ("0700" as text, or 0700 written bare in YAML, which YAML reads as octal)
// and dates written bare (as_of: 2026-11-30).
// It replaces viper's default hooks, so it handles durations itself, and
// refuses a bare number for a duration (60 would silently mean 60ns).
func decodeHook(from, to reflect.Type, data any) (any, error) {
	// YAML reads a bare 2026-11-30 as a timestamp; the date keys are text.
	if t, ok := data.(time.Time); ok && to.Kind() == reflect.String {
		return t.Format("2006-01-02"), nil
	}
	switch to {
	case durationType:
		switch d := data.(type) {
		case string:
			dur, err := time.ParseDuration(strings.TrimSpace(d))
			if err != nil {
				return nil, fmt.Errorf("%q is not a duration", d)
			}
			return dur, nil
		case time.Duration:
			return d, nil
		default:
			return nil, fmt.Errorf("%v is not a duration: it needs a unit (s, m or h)", data)
		}
	case modeType:
		var n uint64
		switch m := data.(type) {
		case os.FileMode:
			return m, nil
		case string:
			s := strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(m), "0o"), "0")
			if s == "" {
				s = "0"
			}
			u, err := strconv.ParseUint(s, 8, 32)
			if err != nil {
				return nil, fmt.Errorf("%q is not an octal permission mode", m)
			}
			n = u
		case int:
			n = uint64(m)
		case int64:
			n = uint64(m)
		case uint64:
			n = m
		default:
			return nil, fmt.Errorf("%v is not a permission mode", data)
		}
		if n > 0o777 {
			return nil, fmt.Errorf("%o (octal) is not a permission mode", n)
		}
		return os.FileMode(n), nil
	}
	return data, nil
}

func (c *Config) validate() error {
	for _, p := range []struct{ key, value string }{
		{"inbox", c.Inbox}, {"out", c.Out}, {"archive", c.Archive}, {"quarantine", c.Quarantine},
	} {
		if strings.TrimSpace(p.value) == "" {
			return errorf("configuration key %q must name a folder", p.key)
		}
	}
	inbox := clean(c.Inbox)
	for _, p := range []struct{ key, value string }{
		{"out", c.Out}, {"archive", c.Archive}, {"quarantine", c.Quarantine},
	} {
		if clean(p.value) == inbox {
			return errorf("configuration key %q must not be the inbox folder (%s)", p.key, c.Inbox)
		}
	}
	if c.AsOf != "" {
		if err := CheckDate(c.AsOf); err != nil {
			return errorf("configuration key \"as_of\": %v", err)
		}
	}
	if c.Workers < 0 {
		return errorf("configuration key \"workers\": %d is negative (0 means the number of CPUs)", c.Workers)
	}
	if c.MinAge < 0 {
		return errorf("configuration key \"min_age\": %v is negative", c.MinAge)
	}
	switch strings.ToUpper(c.DateOrder) {
	case "", "DMY", "MDY":
		c.DateOrder = strings.ToUpper(c.DateOrder)
	default:
		return errorf("configuration key \"date_order\": %q is not DMY or MDY", c.DateOrder)
	}
	switch strings.ToLower(c.LogFormat) {
	case "text", "json":
		c.LogFormat = strings.ToLower(c.LogFormat)
	default:
		return errorf("configuration key \"log_format\": %q is not text or json", c.LogFormat)
	}
	switch strings.ToLower(strings.TrimSpace(c.PageSize)) {
	case "letter", "a4":
		c.PageSize = strings.ToLower(strings.TrimSpace(c.PageSize))
	default:
		return errorf("configuration key \"page_size\": %q is not letter or a4", c.PageSize)
	}
	switch strings.ToLower(strings.TrimSpace(c.DefaultLanguage)) {
	case "en", "english", "anglais":
		c.DefaultLanguage = "en"
	case "fr", "french", "français", "francais":
		c.DefaultLanguage = "fr"
	default:
		return errorf("configuration key \"default_language\": %q is not en or fr", c.DefaultLanguage)
	}
	if !c.Outputs.PDF && !c.Outputs.DOCX {
		return errorf("configuration keys \"outputs.pdf\" and \"outputs.docx\" are both false: no document would be written for a client; set one of them to true")
	}
	if _, err := c.Location(); err != nil {
		return err
	}
	if c.Letterhead.Logo != "" {
		// A missing logo is the renderer's to report, when one is drawn.
		if err := checkSize(c.Letterhead.Logo, MaxLogoBytes); err != nil && !errors.Is(err, os.ErrNotExist) {
			return errorf("configuration key \"letterhead.logo\": %s: %v", c.Letterhead.Logo, err)
		}
	}
	if c.Permissions.DirMode&0o700 != 0o700 {
		return errorf("configuration key \"permissions.dir_mode\": %#o would lock cecbatch out of its own folders (the owner needs 0700)", uint32(c.Permissions.DirMode))
	}
	if c.Permissions.FileMode&0o600 != 0o600 {
		return errorf("configuration key \"permissions.file_mode\": %#o would lock cecbatch out of its own files (the owner needs 0600)", uint32(c.Permissions.FileMode))
	}
	if c.Register.Horizon < 1 || c.Register.Horizon > 3650 {
		return errorf("configuration key \"register.horizon\": %d is not a number of days between 1 and 3650 (the Agenda sheet looks that far ahead; the default is 120)", c.Register.Horizon)
	}
	if c.Register.Enabled && strings.TrimSpace(c.Register.Path) == "" {
		return errorf("configuration key \"register.path\" must name a file (or set register.enabled: false)")
	}
	if c.Limits.MaxFileMB <= 0 || c.Limits.MaxUnzipMB <= 0 || c.Limits.MaxRows <= 0 || c.Limits.MaxPartMB <= 0 ||
		c.Limits.MaxElements <= 0 || c.Limits.MaxSharedStrings <= 0 || c.Limits.MaxSheets <= 0 || c.Limits.MaxCells <= 0 {
		return errorf("configuration keys \"limits.*\" must be positive")
	}
	return c.ExpressEntry.load()
}

// load reads the Express Entry rules once, at start-up: a malformed rules
// file stops the run (exit 2) with the key and the file's key named.
func (e *ExpressEntry) load() error {
	e.Rules = crs.Builtin()
	if e.RulesFile != "" {
		rules, err := LoadExpressEntry(e.RulesFile)
		if err != nil {
			return errorf("configuration key \"express_entry.rules_file\": %v", err)
		}
		e.Rules = rules
	}
	if e.CRSGridCheckedOn != "" {
		if err := CheckDate(e.CRSGridCheckedOn); err != nil {
			return errorf("configuration key \"express_entry.crs_grid_checked_on\": %v", err)
		}
		e.Rules.GridCheckedOn = assess.MustDate(e.CRSGridCheckedOn)
	}
	return nil
}

// clean is path made absolute with its links resolved, so that a folder
// given as a link to the inbox is seen to be the inbox. A path that does
// not exist yet keeps its missing part as written, under its resolved
// parent.
func clean(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	var missing []string
	for dir := abs; ; dir = filepath.Dir(dir) {
		if resolved, err := filepath.EvalSymlinks(dir); err == nil {
			for i := len(missing) - 1; i >= 0; i-- {
				resolved = filepath.Join(resolved, missing[i])
			}
			return resolved
		}
		if filepath.Dir(dir) == dir {
			return abs
		}
		missing = append(missing, filepath.Base(dir))
	}
}

// The dates a run may be given (as_of, crs_grid_checked_on) or take from
// the clock: a year of 0000 or 9999 is a typing slip or a clock that lost
// its battery, never a date to assess a client on. Every rule set and
// every date of the intake contract lies well inside.
var (
	EarliestDate = assess.NewDate(2000, 1, 1)
	LatestDate   = assess.NewDate(2100, 12, 31)
)

// CheckDate says what is wrong with s as a date for as_of or
// crs_grid_checked_on: not of the form YYYY-MM-DD, or outside
// EarliestDate..LatestDate.
func CheckDate(s string) error {
	d, err := assess.ParseDate(s)
	if err != nil {
		return err
	}
	return CheckInRange(d)
}

// CheckInRange says whether d lies in EarliestDate..LatestDate.
func CheckInRange(d assess.Date) error {
	if d < EarliestDate || d > LatestDate {
		return fmt.Errorf("%s is outside the dates cecbatch assesses on (%s to %s)", d, EarliestDate, LatestDate)
	}
	return nil
}

// Location is the configured time zone.
func (c Config) Location() (*time.Location, error) {
	if c.Timezone == "" {
		return time.Local, nil
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		return nil, errorf("configuration key \"timezone\": %q is not a known time zone (write e.g. America/Toronto)", c.Timezone)
	}
	return loc, nil
}

// Pairs lists the configuration in force as key/value pairs, for the Run
// sheet of the summary workbook.
func (c Config) Pairs() [][2]string {
	file := c.File
	if file == "" {
		file = "(none)"
	}
	b := strconv.FormatBool
	return [][2]string{
		{"config file", file},
		{"inbox", c.Inbox},
		{"out", c.Out},
		{"archive", c.Archive},
		{"quarantine", c.Quarantine},
		{"as_of", c.AsOf},
		{"workers", strconv.Itoa(c.Workers)},
		{"keep_inputs", b(c.KeepInputs)},
		{"min_age", c.MinAge.String()},
		{"date_order", c.DateOrder},
		{"timezone", c.Timezone},
		{"letterhead.firm_name", c.Letterhead.FirmName},
		{"letterhead.logo", c.Letterhead.Logo},
		{"letterhead.reference_docx", c.Letterhead.ReferenceDOCX},
		{"lawyer", c.Lawyer},
		{"page_size", c.PageSize},
		{"outputs.pdf", b(c.Outputs.PDF)},
		{"outputs.docx", b(c.Outputs.DOCX)},
		{"outputs.client_letter", b(c.Outputs.ClientLetter)},
		{"default_language", c.DefaultLanguage},
		{"permissions.dir_mode", fmt.Sprintf("%#o", uint32(c.Permissions.DirMode))},
		{"permissions.file_mode", fmt.Sprintf("%#o", uint32(c.Permissions.FileMode))},
		{"limits.max_file_mb", strconv.FormatInt(c.Limits.MaxFileMB, 10)},
		{"limits.max_unzip_mb", strconv.FormatInt(c.Limits.MaxUnzipMB, 10)},
		{"limits.max_rows", strconv.Itoa(c.Limits.MaxRows)},
		{"limits.max_part_mb", strconv.FormatInt(c.Limits.MaxPartMB, 10)},
		{"limits.max_elements", strconv.Itoa(c.Limits.MaxElements)},
		{"limits.max_shared_strings", strconv.Itoa(c.Limits.MaxSharedStrings)},
		{"limits.max_sheets", strconv.Itoa(c.Limits.MaxSheets)},
		{"limits.max_cells", strconv.Itoa(c.Limits.MaxCells)},
		{"express_entry.rules_file", c.ExpressEntry.RulesFile},
		{"express_entry.crs_grid_checked_on", c.ExpressEntry.CRSGridCheckedOn},
		{"register.path", c.Register.Path},
		{"register.enabled", b(c.Register.Enabled)},
		{"register.horizon", strconv.Itoa(c.Register.Horizon)},
	}
}
