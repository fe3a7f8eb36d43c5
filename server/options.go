package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// option is one setting of a command, declared once: its flag, its
// environment variable, its default, how a value is checked and stored, and
// its help. Commands read their settings only through options, so a setting
// cannot be read without being listed by -h, checked at start and (by a
// test) documented in the README.
type option struct {
	Flag string // without the dash; empty for a secret read only from the environment
	Env  string
	// Default is the value when neither the flag nor the variable is given,
	// spelled as the variable would be; empty means none.
	Default string
	Help    string
	// Secret values are never echoed in errors (defaults are not secret).
	Secret bool
	// Bool options take true or false; their flag may be given alone (-poller).
	Bool bool
	// set parses a value into its destination; its error says what the
	// option accepts (the caller names the flag or variable).
	set func(string) error
}

// options are the settings of one command.
type options struct {
	command string // e.g. "voltpay serve"
	list    []*option
	out     io.Writer // where -h prints; nil: stdout
}

// add declares an option with a flag.
func (o *options) add(flagName, env, def, help string, set func(string) error) *option {
	opt := &option{Flag: flagName, Env: env, Default: def, Help: help, set: set}
	o.list = append(o.list, opt)
	return opt
}

// addBool declares a true-or-false option with a flag.
func (o *options) addBool(flagName, env, def, help string, p *bool) *option {
	opt := o.add(flagName, env, def, help, boolean(p))
	opt.Bool = true
	return opt
}

// secret declares an option read only from the environment: a secret on
// the command line shows in ps and in shell history.
func (o *options) secret(env, help string, set func(string) error) *option {
	opt := &option{Env: env, Help: help, Secret: true, set: set}
	o.list = append(o.list, opt)
	return opt
}

// flagValue holds what the command line gave for an option.
type flagValue struct {
	value  string
	isBool bool
}

func (v *flagValue) String() string     { return v.value }
func (v *flagValue) Set(s string) error { v.value = s; return nil }
func (v *flagValue) IsBoolFlag() bool   { return v.isBool }

// errHelp is returned after -h printed the usage: the command did what was
// asked and exits 0.
var errHelp = errors.New("help printed")

// parse sets every option from args (flags win), else from lookup (the
// environment: a variable set to "" counts as unset), else from its
// default. It parses every value, so a bad one stops the command at start;
// the error lists every bad option with its variable and what it accepts.
// With -h or -help it prints the usage to stdout and returns errHelp.
func (o *options) parse(args []string, lookup func(string) (string, bool)) error {
	fs := flag.NewFlagSet(o.command, flag.ContinueOnError)
	var flagErr bytes.Buffer
	fs.SetOutput(&flagErr)
	fs.Usage = func() {}
	given := map[*option]*flagValue{}
	for _, opt := range o.list {
		if opt.Flag == "" {
			continue
		}
		v := &flagValue{isBool: opt.Bool}
		fs.Var(v, opt.Flag, opt.Help)
		given[opt] = v
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			out := o.out
			if out == nil {
				out = os.Stdout
			}
			o.usage(out)
			return errHelp
		}
		return fmt.Errorf("%v (run %q for the flags)", err, o.command+" -h")
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q (run %q for the flags)", fs.Arg(0), o.command+" -h")
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var errs []string
	for _, opt := range o.list {
		value, source, note := opt.Default, opt.Env, " (its default)"
		if v, ok := lookup(opt.Env); ok && v != "" {
			value, note = v, ""
		}
		if opt.Flag != "" && set[opt.Flag] {
			value, source, note = given[opt].value, "-"+opt.Flag, " ("+opt.Env+")"
		}
		if err := opt.set(value); err != nil {
			shown := fmt.Sprintf("=%q", value)
			if opt.Secret {
				shown = ""
			}
			errs = append(errs, fmt.Sprintf("%s%s%s: %v", source, shown, note, err))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("configuration: %s", strings.Join(errs, "; "))
	}
	return nil
}

// usage prints every option with its flag, variable, default and help.
func (o *options) usage(w io.Writer) {
	fmt.Fprintf(w, "usage: %s [flags]\n\n", o.command)
	fmt.Fprintln(w, "Each setting is read from its flag, else its environment variable, else its default.")
	fmt.Fprintln(w, "Secrets are read only from the environment (the command line shows in ps).")
	fmt.Fprintln(w)
	for _, opt := range o.list {
		name := "(environment only)"
		if opt.Flag != "" {
			name = "-" + opt.Flag
		}
		def := "none"
		if opt.Default != "" {
			def = fmt.Sprintf("%q", opt.Default)
		}
		fmt.Fprintf(w, "  %s  %s  (default %s)\n      %s\n", name, opt.Env, def, opt.Help)
	}
}
