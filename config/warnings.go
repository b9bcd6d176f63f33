package config

// Warnings are settings that are valid but probably not what the firm
// wants; the run logs each once at start and goes on.
func (c Config) Warnings() []string {
	var w []string
	if c.Letterhead.FirmName == "" {
		w = append(w, `letterhead.firm_name is not set, so the opinion drafts carry no firm name; set it in the config file (letterhead: firm_name: "…") or CECBATCH_LETTERHEAD_FIRM_NAME`)
	}
	return w
}
