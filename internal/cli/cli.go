// Package cli holds what silkroad's commands share in reading their
// arguments: flag sets that print nothing themselves, and the error
// that says the command was called wrongly (exit code 2).
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

// UsageError is a mistake in how a command was called or configured.
type UsageError struct{ Msg string }

func (e UsageError) Error() string { return e.Msg }

// Flags returns a flag set named name that prints nothing: the caller
// reports its errors.
func Flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// Parse parses args with fs. A mistake is a UsageError that names the
// flag set and points to help (for example "see silkroad --help");
// -h or --help is flag.ErrHelp.
func Parse(fs *flag.FlagSet, args []string, help string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return UsageError{fmt.Sprintf("%s: %v (%s)", fs.Name(), err, help)}
	}
	return nil
}
