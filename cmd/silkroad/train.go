package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/silkroad-bot/silkroad/index"
	"github.com/silkroad-bot/silkroad/knowledge"
)

// runTrain fits the answering model to labelled question sets and
// writes the Scoring, with its cross-validated figures, to --out
// (index/scoring.json is the committed one; see index's go:generate).
func runTrain(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("train")
	out := fs.String("out", "", "write the fitted Scoring to this file (default: print it)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError{Msg: "train: name the labelled question sets to fit on (JSON Lines of {\"q\",\"tag\",\"ids\"})"}
	}
	base, err := knowledge.Default()
	if err != nil {
		return fmt.Errorf("load knowledge: %w", err)
	}
	var cases []index.Case
	var sets []string
	for _, name := range fs.Args() {
		f, err := os.Open(name)
		if err != nil {
			return fmt.Errorf("train: %w", err)
		}
		cs, err := index.ReadCases(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("train: %s: %w", name, err)
		}
		cases = append(cases, cs...)
		sets = append(sets, filepath.Base(name))
	}
	sc, err := index.Train(ctx, base, cases, index.DefaultScoring(), sets)
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	fmt.Fprintln(stdout, sc.Fit.String())
	fmt.Fprintf(stdout, "  thresholds: hedged %.4f, confident %.4f\n", sc.Hedged, sc.Confident)
	data, err := sc.MarshalIndent()
	if err != nil {
		return err
	}
	if *out == "" {
		_, err = stdout.Write(data)
		return err
	}
	return os.WriteFile(*out, data, 0o644)
}
